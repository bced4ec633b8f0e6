"""When two claim texts are the same claim worded slightly differently.

A near-duplicate must be close in wording *and* say the same thing: the same figures
(value, unit, bound), the same named places and bodies, the same direction of change and
the same negation. "3 people were arrested" and "30 people were arrested" differ by one
character but are two claims; linking them would give one the other's evidence.
Pure functions over strings, so the rule is tested as a table.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

SIMILARITY = 92  # rapidfuzz ratio over the lower-cased texts

_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?%?|[^\W\d_]+(?:['’][^\W\d_]+)*|%")

NUMBER_WORDS = set(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion dozen dozens hundreds thousands millions billions "
    "half third quarter double twice triple".split()
)


def _phrases(text: str) -> list[str]:
    return [p.strip() for p in text.split(",")]


# Words before a figure that change what it claims ("more than 30" is not "30"); longest first.
BOUNDS = sorted(
    [(p, "at_least") for p in _phrases("more than, over, above, at least, exceeding, upwards of, in excess of, "
                                        "no fewer than, no less than, a minimum of")]
    + [(p, "at_most") for p in _phrases("less than, fewer than, under, below, at most, up to, no more than, "
                                         "nearly, almost, a maximum of, just under")]
    + [(p, "approx") for p in _phrases("about, around, some, roughly, approximately, an estimated, estimated, "
                                        "circa, close to")],
    key=lambda pair: -len(pair[0]),
)  # fmt: skip
# Axes of opposite meaning: both texts must use the same side(s) of each axis.
DIRECTIONS = [
    (
        set("rose rise rises rising risen increase increased increases increasing up grew grow grows growing "
            "grown gained gain gains climbed climb jumped surged soared higher more raised raise expanded "
            "doubled".split()),
        set("fell fall falls falling fallen decrease decreased decreases decreasing down shrank shrink shrinks "
            "shrunk lost loss losses dropped drop drops declined decline declines slumped plunged lower fewer "
            "less cut cuts reduced reduce contracted halved".split()),
    ),
    ({"won", "win", "wins", "winning"}, {"lost", "lose", "loses", "losing", "defeated"}),
    ({"approved", "approve", "passed", "accepted", "confirmed"}, {"rejected", "reject", "vetoed", "denied", "refused"}),
    ({"opened", "open", "reopened"}, {"closed", "close", "shut"}),
    ({"before"}, {"after"}),
    ({"most", "highest", "largest", "biggest"}, {"least", "lowest", "smallest"}),
]  # fmt: skip
NEGATIONS = {"not", "no", "never", "none", "nobody", "neither", "nor", "without", "denied", "deny", "denies"}
# Capitalised words that are sentence furniture, not names.
NOT_NAMES = set(
    "a an the this that these those it its he she they we i you his her their our in on at of for by with "
    "from to and or but as after before during since while when if according said says officials police "
    "mr mrs ms dr sir".split()
)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def _is_figure(word: str) -> bool:
    return word[0].isdigit() or word.lower() in NUMBER_WORDS


def _number(word: str) -> str:
    """'1,200' and '1200' are one value; '5.10' and '5.1' too."""
    raw = word.rstrip("%").replace(",", "")
    if "." in raw:
        raw = raw.rstrip("0").rstrip(".")
    return raw + ("%" if word.endswith("%") else "")


def figures(text: str) -> list[tuple[str, str, str]]:
    """Each figure as (bound, value, unit): the bound word before it and the word after it."""
    words = tokens(text)
    lowered = [w.lower() for w in words]
    out = []
    for i, word in enumerate(words):
        if not _is_figure(word):
            continue
        if i > 0 and _is_figure(words[i - 1]):
            continue  # "5 million": read once, with its scale as part of the value below
        value = _number(word) if word[0].isdigit() else word.lower()
        j = i + 1
        while j < len(words) and _is_figure(words[j]):
            value += " " + lowered[j]
            j += 1
        unit = lowered[j] if j < len(words) else ""
        if value.endswith("%") or unit in ("%", "pct", "per"):
            value, unit = value.rstrip("%"), "percent"
        before = " " + " ".join(lowered[max(0, i - 3) : i])
        bound = next((name for phrase, name in BOUNDS if before.endswith(" " + phrase)), "exact")
        out.append((bound, value, unit))
    return sorted(out)


def names(text: str, *, skip_first: bool = False) -> set[str]:
    """Named places, people and bodies: capitalised words that are not sentence furniture.

    `skip_first` drops the opening word, whose capital may just start the sentence."""
    found = set()
    for i, word in enumerate(tokens(text)):
        if skip_first and i == 0:
            continue
        if word[0].isupper() and not _is_figure(word):
            key = re.sub(r"['’]s$", "", word.lower())
            if key not in NOT_NAMES:
                found.add(key)
    return found


def directions(text: str) -> list[tuple[bool, bool]]:
    words = {w.lower() for w in tokens(text)}
    return [(bool(words & up), bool(words & down)) for up, down in DIRECTIONS]


def negated(text: str) -> bool:
    words = {w.lower() for w in tokens(text)}
    return bool(words & NEGATIONS) or "n't" in (text or "").lower() or "n’t" in (text or "").lower()


def _word(word: str) -> str:
    if word[0].isdigit():
        return _number(word).rstrip("%") + (" percent" if word.endswith("%") else "")
    return "percent" if word == "%" else word.lower()


def wording(text: str) -> str:
    """The words without punctuation, case or number formatting ("5.1%" reads "5.1 percent")."""
    return " ".join(_word(w) for w in tokens(text))


def differences(a: str, b: str) -> list[str]:
    """Why two texts are not the same claim (empty when they are)."""
    why = []
    if " ".join(a.lower().split()) == " ".join(b.lower().split()):
        return why
    if fuzz.ratio(wording(a), wording(b)) < SIMILARITY:
        why.append("wording")
    if figures(a) != figures(b):
        why.append("figures")
    first_a, first_b = (tokens(a) or [""])[0].lower(), (tokens(b) or [""])[0].lower()
    same_opening = first_a == first_b  # "About 1,200 …" and "about 1,200 …": the case says nothing
    if names(a, skip_first=same_opening) != names(b, skip_first=same_opening):
        why.append("names")
    if directions(a) != directions(b):
        why.append("direction")
    if negated(a) != negated(b):
        why.append("negation")
    return why


def same_claim(a: str, b: str) -> bool:
    return not differences(a, b)
