"""ClaimReview arriving in bulk: feeds (an address serving a DataFeed, a JSON-LD list or an HTML
page carrying reviews, polled on the RSS feeds' schedule by claims/feeds.py with its ETag) and
files imported by `manage.py import_claim_reviews`.

The reviews not yet on record become sources holding just them, as plain JSON-LD, so the
source job records and matches them like any pasted document. A feed's source has an entry
id made of its reviews' keys: a poll run twice before the job ran adds nothing twice.
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.db import IntegrityError, transaction

from .. import intake
from ..models import ClaimReview, Feed, Source
from .markup import Review, find_reviews

log = logging.getLogger(__name__)
# Reviews per source: one source job matches them all within its time limit.
CHUNK = 200


def add_reviews(feed: Feed, body: str) -> tuple[int, str]:
    """(reviews queued, the problem to show on the feed) for one fetched feed document."""
    found = find_reviews(body)
    problem = "; ".join(found.problems)[:1000]
    if not found.reviews:
        return 0, problem or "No ClaimReview in the feed."
    sources = queue_new_reviews(
        found.reviews,
        outlet=feed.outlet or feed.title,
        what=str(feed),
        kind=feed.kind,
        reliability=feed.reliability,
        feed=feed,
    )
    return sum(n for _, n in sources), problem


def new_reviews(reviews: list[Review], outlet: str) -> list[Review]:
    """The reviews with no record yet (by the same key the records use)."""
    by_key = {review.key(outlet): review for review in reviews}
    known: set[str] = set()
    keys = list(by_key)
    for start in range(0, len(keys), 1000):
        known |= set(ClaimReview.objects.filter(key__in=keys[start : start + 1000]).values_list("key", flat=True))
    return [review for key, review in by_key.items() if key not in known]


def queue_new_reviews(
    reviews: list[Review], *, outlet: str, what: str, user=None, feed: Feed | None = None, **fields
) -> list[tuple[Source, int]]:
    """(source, how many reviews it holds) for each source made of the reviews not yet on record."""
    new = new_reviews(reviews, outlet)
    out = []
    for start in range(0, len(new), CHUNK):
        chunk = new[start : start + CHUNK]
        entry = ""
        if feed is not None:
            entry = "claimreview:" + hashlib.sha256(" ".join(sorted(r.key(outlet) for r in chunk)).encode()).hexdigest()
            if Source.objects.filter(feed=feed, feed_entry_id=entry).exists():
                continue  # queued by an earlier poll; its job has not run yet
        document = {
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "dataFeedElement": [{"@type": "DataFeedItem", "item": review.as_jsonld()} for review in chunk],
        }
        try:
            with transaction.atomic():
                source = intake.add_source(
                    user,
                    text=json.dumps(document, ensure_ascii=False, indent=1),
                    title=f"{len(chunk)} fact-check{'s' if len(chunk) != 1 else ''} from {what}"[:500],
                    outlet=outlet,
                    feed=feed,
                    feed_entry_id=entry,
                    **fields,
                )
        except IntegrityError:  # a concurrent poll queued them first
            continue
        out.append((source, len(chunk)))
    return out
