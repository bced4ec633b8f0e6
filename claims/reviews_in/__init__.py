"""Other fact-checkers' verdicts coming in: schema.org ClaimReview found on a source.

markup.py     finding ClaimReview in HTML, JSON-LD, lists, @graph and DataFeeds (pure)
ratings.py    a rating ("Pants on Fire", 2 of 5) → a stance, through the editors' table (pure)
ratings.toml  the table's defaults
records.py    the write path: a record per review, the review's own source, its evidence
feeds.py      ClaimReview feeds (a JSON-LD or HTML address polled like an RSS feed)

(claims/claimreview.py is the other direction: the ClaimReview we publish.)
"""
