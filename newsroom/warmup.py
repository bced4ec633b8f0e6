"""Load the claim finder's lexicons (quantulum3's units take seconds) when a process starts, so the
first request or job that reads a figure does not pay for it."""

from __future__ import annotations


def warm_finder() -> None:
    from claims.finder import warm_up

    warm_up()
