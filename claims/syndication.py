"""Syndication groups: copies and light rewrites of the same wire text count as one source.

Each source keeps a MinHash signature of its word shingles (datasketch). A new
source joins the group of the most similar recent source whose estimated Jaccard
similarity reaches SYNDICATION_THRESHOLD; the group is named by its first source.
Wire copies appear within days of each other, so only the window's sources are
compared, all at once as one numpy array.
"""

from __future__ import annotations

import re
from datetime import timedelta

import numpy as np
from django.conf import settings
from django.utils import timezone

from .models import Source

NUM_PERM = 64
MAX_COMPARED = 20_000
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def shingles(text: str, size: int) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> list[int] | None:
    """The MinHash signature of a text's word shingles; None when the text is too short to judge."""
    from datasketch import MinHash

    grams = shingles(text, settings.FACTDESK["SYNDICATION_SHINGLE_WORDS"])
    if len(grams) < 5:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch(g.encode() for g in grams)
    return [int(v) for v in minhash.hashvalues]


def similarity(a: list[int], b: list[int]) -> float:
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def assign_group(source: Source) -> Source | None:
    """Store the source's signature and put it in the group of its nearest copy, if any.

    Returns the group's first source, or None when the source stands alone.
    Caller holds the transaction; the source row is saved here.
    """
    source.minhash = signature(source.text)
    if source.minhash is None:
        return None
    best = nearest_copy(source)
    if best is None:
        return None
    group_id = best["syndication_group_id"] or best["pk"]
    if best["syndication_group_id"] is None:
        Source.objects.filter(pk=best["pk"], syndication_group__isnull=True).update(syndication_group_id=best["pk"])
    source.syndication_group_id = group_id
    return Source.objects.get(pk=group_id)


def nearest_copy(source: Source) -> dict | None:
    conf = settings.FACTDESK
    since = timezone.now() - timedelta(days=conf["SYNDICATION_WINDOW_DAYS"])
    rows = list(
        Source.objects.filter(fetch_state=Source.FetchState.FETCHED, minhash__isnull=False, created_at__gte=since)
        .exclude(pk=source.pk)
        .order_by("-created_at")
        .values("pk", "syndication_group_id", "minhash")[:MAX_COMPARED]
    )
    rows = [r for r in rows if isinstance(r["minhash"], list) and len(r["minhash"]) == NUM_PERM]
    if not rows:
        return None
    matrix = np.asarray([r["minhash"] for r in rows], dtype=np.uint64)
    scores = (matrix == np.asarray(source.minhash, dtype=np.uint64)).mean(axis=1)
    best = int(scores.argmax())
    if scores[best] < conf["SYNDICATION_THRESHOLD"]:
        return None
    return rows[best]
