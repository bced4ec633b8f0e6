"""Sentences and claim-sized clauses of a story, with character offsets into the body.

pysbd copes with news abbreviations ("Gen.", "U.S.", "a.m."), decimals and
quotes; on top of it, compound sentences that assert separate facts are cut
into clauses ("destroyed 14 drones over Kursk, as well as 18 drones over
other regions" becomes two claims).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_segmenter = None


# "KYIV, Aug 12 (Wire) - ", "LONDON (Reuters) — ", "KEREVAN, Marenia (CPA) - " open wire copy.
# "BALASORE, June 4: ", "Balasore, TNI Bureau: ", "OCCUPIED JERUSALEM: " and "(CNN) — " too.
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'-]{2,}(?:[ ][A-Z][A-Z.'-]+)*(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)*\s*(?:\([^)]*\))?\s*[-—–]+\s+"
    r"|[A-Z][A-Z.'-]{2,}(?:[ ][A-Z][A-Z.'-]+)*(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?:\s+"
    r"|[A-Z][a-z.'-]+(?:[ ][A-Z][a-z.'-]+)?,\s*[A-Z][\w.]*(?:\s+(?:[A-Z][\w.]*|\d{1,2}))?:\s+"
    r"|\([A-Z][\w .]{1,20}\)\s*[-—–]+\s+)"
)


@dataclass(frozen=True)
class Segment:
    text: str
    start: int
    end: int
    # False when the clause opens with "but", "while"...: it states the other side, not the speaker's claim.
    inherits_attribution: bool = True


def split_sentences(body: str) -> list[Segment]:
    """Sentences in reading order; body[s.start:s.end] == s.text, surrounding whitespace excluded."""
    sentences: list[Segment] = []
    cursor = 0
    for raw in _pysbd_sentences(body):
        for piece in raw.split("\n"):  # a line break always ends a sentence (datelines, headlines)
            piece = piece.strip()
            if not piece:
                continue
            start = body.find(piece, cursor)
            if start < 0:  # pysbd never rewrites text with clean=False; stay safe if it ever does
                continue
            cursor = start + len(piece)
            dateline = DATELINE.match(piece)
            if dateline and dateline.end() < len(piece):
                # "KYIV, Aug 12 (Wire) - Troops ...": the dateline is not part of the claim.
                start += dateline.end()
                piece = piece[dateline.end() :]
            if sentences and _continues(sentences[-1], piece, body, start):
                previous = sentences.pop()
                sentences.append(Segment(body[previous.start : cursor], previous.start, cursor))
            else:
                sentences.append(Segment(piece, start, cursor))
    return sentences


# No real sentence runs this long; reading a longer run of text as one sentence costs time that grows faster than
# its length (a 10,000-character list of numbers took 19 s), so it is read in pieces of at most this size.
MAX_SENTENCE_CHARS = 800


def bounded(sentences: list[Segment], limit: int = MAX_SENTENCE_CHARS) -> list[Segment]:
    """Sentences longer than `limit` cut at the last "; ", ", " or space before it (or hard, with none)."""
    out: list[Segment] = []
    for sentence in sentences:
        text, start = sentence.text, sentence.start
        while len(text) > limit:
            window = text[:limit]
            cut = max(window.rfind("; "), window.rfind(", "))
            cut = cut + 1 if cut > limit // 2 else (window.rfind(" ") if window.rfind(" ") > 0 else limit)
            piece = text[:cut].rstrip()
            out.append(Segment(piece, start, start + len(piece)))
            rest = text[cut:]
            skipped = len(rest) - len(rest.lstrip())
            text, start = rest.lstrip(), start + cut + skipped
        if text:
            out.append(Segment(text, start, start + len(text)))
    return out


def _continues(previous: Segment, piece: str, body: str, start: int) -> bool:
    """pysbd sometimes breaks after an abbreviation; a lowercase start on the same line means it did."""
    same_line = "\n" not in body[previous.end : start]
    return same_line and (piece[0].islower() or previous.text.endswith((" Gen.", " Sen.", " Rep.", " Gov.", " St.")))


def _pysbd_sentences(body: str) -> list[str]:
    """pysbd's own segment() re-finds every sentence with a fresh regex over the whole text
    (quadratic, and it flushes Python's regex cache); its processor alone gives the sentences,
    and we find their offsets with str.find."""
    segmenter = _pysbd()
    if not body.strip():
        return []
    try:
        return [str(sentence) for sentence in segmenter.processor(body).process()]
    except AttributeError:  # a pysbd release without the processor hook
        return segmenter.segment(body)


def _pysbd():
    global _segmenter
    if _segmenter is None:
        import pysbd

        _segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    return _segmenter


_FIGURE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|dozens?|half|twice)\b",
    re.IGNORECASE,
)
_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|could|can|may|might|did|does|do|been|being|"
    r"\w+ed|said|says|told|rose|fell|won|lost|hit|struck|took|made|gave|saw|grew|ran|left|came|went|began|"
    r"remains?|continues?|stands?|holds?)\b",
    re.IGNORECASE,
)
# Connectors at which a compound sentence may be cut, with the rule deciding whether to cut.
_CONNECTORS = re.compile(
    r"(?P<semicolon>;\s+)"
    r"|(?P<contrast>,\s+(?:but|while|whereas|although|though|yet)\s+|\s+(?:while|whereas|although)\s+)"
    r"|(?P<also>,\s+(?:as well as|along with|in addition to)\s+)"
    r"|(?P<and>,\s+and\s+)"
    r"|(?P<which>,\s+(?=which\s))"
    r"|(?P<and_that>\s+and that\s+)"
    r"|(?P<bare_and>\s+and\s+)"
    r"|(?P<participle>,\s+(?=(?!according|including|during|following|regarding|concerning|excluding)[a-z]+ing\s))",
    re.IGNORECASE,
)


def split_clauses(sentence: Segment) -> list[Segment]:
    """Cut a sentence where it asserts separate facts; most sentences come back whole."""
    text = sentence.text
    quoted = _quoted_ranges(text)
    cuts: list[tuple[int, int, bool]] = []  # (left end, right start, right inherits attribution)
    last = 0
    for match in _CONNECTORS.finditer(text):
        if any(a <= match.start() < b for a, b in quoted):
            continue
        left, right = text[last : match.start()], text[match.end() :]
        kind = match.lastgroup
        if _should_cut(kind, left, right):
            cuts.append((match.start(), match.end(), kind != "contrast"))
            last = match.end()
    if not cuts:
        return [sentence]
    clauses = []
    start = 0
    inherits = True
    for left_end, right_start, right_inherits in cuts:
        clauses.append(_sub(sentence, start, left_end, inherits))
        start, inherits = right_start, right_inherits
    clauses.append(_sub(sentence, start, len(text), inherits))
    return [c for c in clauses if c.text]


def _should_cut(kind: str, left: str, right: str) -> bool:
    left_words, right_words = len(left.split()), len(right.split())
    if left_words < 4 or right_words < 3:
        return False
    # A trailing attribution ("..., but officials said.") is not a fact of its own.
    if right_words < 5 and re.search(r"\b(?:said|says|told|added|reported)\b", right):
        return False
    if re.search(r"\b(?:that|said|says|noted|told \w+)\s*$", left):
        return False  # "noted that while ...": the connector opens the reported clause
    if kind in {"semicolon", "and_that"}:
        return True
    if kind == "contrast":
        return right_words >= 4 and bool(_CLAUSE_VERB.search(right))
    if kind == "and":
        # "…, and aid was being flown in" has its own subject and verb; "…, and raised its forecast" has no subject.
        first = right.split()[0]
        return bool(_CLAUSE_VERB.search(" ".join(right.split()[1:]))) and not _CLAUSE_VERB.fullmatch(first)
    if kind == "bare_and":
        return _separate_fact_after_and(left, right)
    if kind == "participle" and _RUNNING_TOTAL.match(right):
        return False  # "..., bringing the total to 41,900": the same count, carried forward
    # "as well as", "which", participles: cut only when both sides carry their own figure ("the two
    # countries" refers back to things already named; it is no figure of its own).
    return bool(_FIGURE.search(left)) and bool(_FIGURE.search(_REFERENCE.sub(" ", right)))


_REFERENCE = re.compile(
    r"\b(?:the|both|all|these|those)\s+(?:two|three|four|five|six|seven|eight|nine|ten)\b", re.IGNORECASE
)
_RUNNING_TOTAL = re.compile(
    r"(?:bringing|taking|raising|pushing|lifting)\s+(?:the|its|their)\s+(?:\w+\s+)?(?:total|toll|tally|number|count)\b",
    re.IGNORECASE,
)
_AUXILIARY = {"has", "have", "had", "was", "were", "is", "are", "will"}
_IRREGULAR_PARTICIPLES = {
    "begun",
    "sent",
    "taken",
    "made",
    "given",
    "won",
    "lost",
    "cut",
    "seen",
    "built",
    "spent",
    "paid",
    "sold",
    "hit",
    "shot",
    "brought",
    "bought",
    "driven",
    "flown",
    "grown",
    "shown",
}


def _separate_fact_after_and(left: str, right: str) -> bool:
    """ "burned 14,000 acres and was 15% contained", "cut 600 jobs in January and another 900 in August":
    an "and" without a comma joins two checkable facts when a new verb phrase or a new count follows;
    "two workers were killed and nine others wounded" stays whole."""
    first = right.split()[0].lower()
    has_figures = bool(_FIGURE.search(left)), bool(_FIGURE.search(right))
    if first in _AUXILIARY:
        return any(has_figures) and len(right.split()) >= 3
    if first == "another" or first in _IRREGULAR_PARTICIPLES or re.fullmatch(r"[a-z]+ed", first):
        return all(has_figures)
    if re.fullmatch(r"[a-z]+ing", first) and re.search(r"(?:^|,\s+)[a-z]+ing\b[^,]*$", left.strip()):
        return all(has_figures)  # "killing at least 288 passengers and injuring around 803 people"
    if (
        re.fullmatch(r"[\d,.]+", first)
        and re.search(r"\b(?:is|are|was|were|has|have|had)\b", " ".join(right.split()[1:4]))
        and re.search(r"\b(?:is|are|was|were|has|have|had)\b", left)
    ):
        return all(has_figures)  # "150 people were unaccounted for and 136 had been accounted for"
    return False


def _sub(sentence: Segment, start: int, end: int, inherits: bool) -> Segment:
    piece = sentence.text[start:end]
    stripped = piece.strip()
    offset = start + (len(piece) - len(piece.lstrip()))
    return Segment(stripped, sentence.start + offset, sentence.start + offset + len(stripped), inherits)


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    for match in re.finditer(r"\"[^\"]*\"|“[^”]*”", text):
        ranges.append((match.start(), match.end()))
    return ranges
