"""Other fact-checkers' verdicts coming in: schema.org ClaimReview found on a source.

markup.py     finding ClaimReview in HTML, JSON-LD, lists, @graph and DataFeeds (pure)
ratings.py    a rating ("Pants on Fire", 2 of 5) → a stance, through the editors' table (pure)
ratings.toml  the table's defaults
records.py    the write path: a record per review, the review's own source, its evidence
table.py      the editors' rating table and organisation grades (the matcher screen)
feeds.py      reviews in bulk: ClaimReview feeds (polled like RSS) and imported files

(claims/claimreview.py is the other direction: the ClaimReview we publish.)
"""
