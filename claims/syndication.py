"""Syndication groups: copies and rewrites of the same wire text count as one source.

Each source keeps a MinHash signature of its word shingles (datasketch). A new
source joins the group of the most similar recent source whose estimated Jaccard
similarity reaches SYNDICATION_THRESHOLD; the group is named by its first source.
Wire copies appear within days of each other, so only the window's sources are
compared, all at once as one numpy array.

A content farm's rewrite shares almost no shingles with the wire text, so failing
that, a source joins the group of the recent source whose fact print (its figures and
names in order, fact_print.py) it repeats: SYNDICATION_FACT_THRESHOLD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from django.conf import settings
from django.utils import timezone

from .fact_print import Overlap, fact_print, is_figure, overlap
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


@dataclass(frozen=True)
class Grouping:
    """The group a source joined, and why (for the activity log)."""

    group: Source
    reason: str


def assign_group(source: Source) -> Grouping | None:
    """Store the source's signature and fact print and put it in the group of its nearest copy, if any.

    Returns the group's first source and the reason, or None when the source stands alone.
    Caller holds the transaction; the source row is saved here.
    """
    source.minhash = signature(source.text)
    source.fact_print = fact_print(source.text)
    if source.minhash is None:
        return None
    rows = recent_rows(source)
    best = nearest_copy(source, rows)
    if best is not None:
        group = _join(source, best)
        return Grouping(group, f"Copy of the text of source #{group.pk} ({group.label})")
    reworded = nearest_reworded_copy(source.fact_print, rows)
    if reworded is None:
        return None
    best, found = reworded
    group = _join(source, best)
    of_group = "" if group.pk == best["pk"] else f", in the group of source #{group.pk} ({group.label})"
    return Grouping(group, f"Reworded copy of source #{best['pk']}: {found.describe()}{of_group}")


def _join(source: Source, best: dict) -> Source:
    group_id = best["syndication_group_id"] or best["pk"]
    if best["syndication_group_id"] is None:
        Source.objects.filter(pk=best["pk"], syndication_group__isnull=True).update(syndication_group_id=best["pk"])
    source.syndication_group_id = group_id
    return Source.objects.get(pk=group_id)


def recent_rows(source: Source) -> list[dict]:
    """The window's other fetched sources with a signature, newest first: one query for both tests."""
    since = timezone.now() - timedelta(days=settings.FACTDESK["SYNDICATION_WINDOW_DAYS"])
    return list(
        Source.objects.filter(fetch_state=Source.FetchState.FETCHED, minhash__isnull=False, created_at__gte=since)
        .exclude(pk=source.pk)
        .order_by("-created_at")
        .values("pk", "syndication_group_id", "minhash", "fact_print")[:MAX_COMPARED]
    )


def nearest_copy(source: Source, rows: list[dict] | None = None) -> dict | None:
    conf = settings.FACTDESK
    rows = recent_rows(source) if rows is None else rows
    rows = [r for r in rows if isinstance(r["minhash"], list) and len(r["minhash"]) == NUM_PERM]
    if not rows:
        return None
    matrix = np.asarray([r["minhash"] for r in rows], dtype=np.uint64)
    scores = (matrix == np.asarray(source.minhash, dtype=np.uint64)).mean(axis=1)
    best = int(scores.argmax())
    if scores[best] < conf["SYNDICATION_THRESHOLD"]:
        return None
    return rows[best]


def fact_match(a: list, b: list) -> Overlap:
    """The settings' fact-print comparison of two prints."""
    conf = settings.FACTDESK
    return overlap(
        a, b, figure_weight=conf["SYNDICATION_FACT_FIGURE_WEIGHT"], min_figures=conf["SYNDICATION_FACT_MIN_FIGURES"]
    )


def nearest_reworded_copy(print_: list | None, rows: list[dict]) -> tuple[dict, Overlap] | None:
    """The row whose fact print this one repeats best, at or above SYNDICATION_FACT_THRESHOLD.

    Most rows share no figure, or too few, with the print, or too few facts to reach the
    threshold even in the same order: set tests in C drop them before the ordered comparison,
    which keeps a 20,000-row window fast (benchmarks/bench_syndication.py).
    """
    conf = settings.FACTDESK
    threshold, least = conf["SYNDICATION_FACT_THRESHOLD"], conf["SYNDICATION_FACT_MIN_FIGURES"]
    figure_weight = conf["SYNDICATION_FACT_FIGURE_WEIGHT"]
    tokens = set(print_ or ())
    figures = {t for t in tokens if is_figure(t)}
    if len(figures) < least:
        return None
    own_weight = len(tokens) + (figure_weight - 1) * len(figures)
    best: tuple[dict, Overlap] | None = None
    for row in rows:
        other = row["fact_print"]
        if not other or figures.isdisjoint(other):
            continue
        shared_figures = len(figures.intersection(other))
        if shared_figures < least:
            continue
        # Every shared fact in the same order is the best case; the other print weighs at least its length.
        shared = len(tokens.intersection(other)) + (figure_weight - 1) * shared_figures
        if shared / ((own_weight + len(other)) / 2) < threshold:
            continue
        found = fact_match(print_, other)
        if found.score >= threshold and (best is None or found.score > best[1].score):
            best = (row, found)
    return best
