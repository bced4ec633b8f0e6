"""Keeping claim marks on the right words when a story's body is edited."""

from __future__ import annotations


def relocate(quote: str, old_start: int, new_body: str) -> int | None:
    """Where `quote` now starts in `new_body`: the occurrence nearest its old position, or None."""
    best = None
    index = new_body.find(quote)
    while index != -1:
        if best is None or abs(index - old_start) < abs(best - old_start):
            best = index
        index = new_body.find(quote, index + 1)
    return best
