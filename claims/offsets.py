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


def propose_anchor(old_body: str, new_body: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the words at old_body[start:end] went in new_body after they were rewritten.

    Offsets are mapped through a character diff of the changed region, then widened to
    whole words, so "over 76,000 people" rewritten as "more than 150,000 people" proposes
    the new phrase. None when the words were deleted outright.
    """
    from difflib import SequenceMatcher

    prefix = 0
    limit = min(len(old_body), len(new_body))
    while prefix < limit and old_body[prefix] == new_body[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old_body[-1 - suffix] == new_body[-1 - suffix]:
        suffix += 1
    old_mid = old_body[prefix : len(old_body) - suffix]
    new_mid = new_body[prefix : len(new_body) - suffix]
    opcodes = SequenceMatcher(None, old_mid, new_mid, autojunk=False).get_opcodes()

    def mapped(pos: int, *, is_end: bool) -> int:
        if pos <= prefix:
            return pos
        if pos >= len(old_body) - suffix:
            return pos - len(old_body) + len(new_body)
        rel = pos - prefix
        for tag, i1, i2, j1, j2 in opcodes:
            if i1 <= rel < i2 or (is_end and i1 < rel <= i2):
                if tag == "equal":
                    return prefix + j1 + (rel - i1)
                return prefix + (j2 if is_end else j1)
        return prefix + len(new_mid)

    new_start, new_end = mapped(start, is_end=False), mapped(end, is_end=True)
    if new_end <= new_start or not new_body[new_start:new_end].strip():
        return None
    while new_start > 0 and not new_body[new_start - 1].isspace() and new_start < len(new_body):
        new_start -= 1
    while new_end < len(new_body) and not new_body[new_end].isspace() and new_body[new_end] not in ".,;:!?":
        new_end += 1
    while new_start < new_end and new_body[new_start].isspace():
        new_start += 1
    while new_end > new_start and new_body[new_end - 1].isspace():
        new_end -= 1
    if new_end <= new_start:
        return None
    return new_start, new_end
