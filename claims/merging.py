"""Three-way merging of a form saved over someone else's change, and the diff that shows it.

Each edit form carries a fingerprint of every field as the person first saw it. When the
save meets a newer version, a field only they changed keeps their value, a field only the
other person changed keeps theirs, and a field both changed differently waits for the
person to choose: nothing is reverted silently.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime

DIFF_WORD_LIMIT = 20_000  # past this, compare whole lines: word diffs grow quadratically


def shown(value) -> str:
    """The value as an edit form shows it, so equal-looking values compare equal."""
    if value is None:
        return ""
    if hasattr(value, "get_username"):
        return value.get_username()
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.strftime("%Y-%m-%dT%H:%M")
    return str(value).replace("\r\n", "\n").strip()


def fingerprint(value) -> str:
    return hashlib.blake2b(shown(value).encode(), digest_size=8).hexdigest()


def fingerprints(values: dict) -> str:
    """The hidden form value: each field's fingerprint, as JSON."""
    return json.dumps({name: fingerprint(v) for name, v in values.items()}, sort_keys=True)


def read_fingerprints(raw: str) -> dict:
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    return (
        {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(data, dict) else {}
    )


@dataclass
class Merge:
    mine: dict  # fields to save with the person's value
    theirs: list  # fields left as the other person saved them
    conflicted: list  # fields both changed differently: the person chooses


def three_way(fields, base: dict, mine: dict, theirs: dict) -> Merge:
    out = Merge({}, [], [])
    for name in fields:
        a, b = mine.get(name), theirs.get(name)
        if shown(a) == shown(b):
            continue
        seen = base.get(name)
        if seen is not None and fingerprint(a) == seen:
            out.theirs.append(name)  # untouched here, changed there: theirs stands
        elif seen is not None and fingerprint(b) == seen:
            out.mine[name] = a  # changed only here
        else:
            out.conflicted.append(name)
    return out


def word_diff(theirs: str, mine: str) -> tuple[list, list]:
    """Both texts as runs of (text, changed), so a template can highlight what differs."""
    split = (lambda s: s.splitlines(keepends=True)) if len(theirs.split()) > DIFF_WORD_LIMIT else _words
    a, b = split(theirs), split(mine)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        changed = op != "equal"
        if i2 > i1:
            left.append(("".join(a[i1:i2]), changed))
        if j2 > j1:
            right.append(("".join(b[j1:j2]), changed))
    return left, right


def _words(text: str) -> list[str]:
    return re.findall(r"\s+|[^\s]+", text)
