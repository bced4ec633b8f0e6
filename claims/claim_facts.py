"""The facts of a claim made from any span of a story: figure, claimant, as-of date and context.

Pure (strings and dates in, a frozen dataclass out), so that a claim gets the same facts
whichever way it was made: a finder suggestion, a selection in the desk, the API or the
admin. The span's sentence is read as well as the span, because a selection often leaves
out the attribution ("..., state media said"), the bound ("at least") or the counted noun
("people") that the sentence around it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from claims.finder import _main_first, suggest_claims
from claims.finder.claimants import find_claimant
from claims.finder.dates import find_as_of
from claims.finder.quantities import Quantity, parse_quantities, readable_numbers
from claims.finder.scoring import assess
from claims.finder.segment import Segment, split_sentences
from claims.published import find_published_date

CONTEXT_CHARS = 1000
# Segmenting a whole 200,000-character story for one span would cost seconds: read the
# span's paragraph, or this much either side of it when the paragraph is longer.
WINDOW = 1500
# How much earlier text resolves "he said" to a name.
CLAIMANT_LOOKBACK = 3000

# Where the as-of date came from.
AS_OF_GIVEN, AS_OF_TEXT, AS_OF_STORY, AS_OF_DATELINE, AS_OF_CREATED = "given", "text", "story", "dateline", "created"


@dataclass(frozen=True)
class SpanFacts:
    claimant: str | None
    kind: str
    value: float | None
    unit: str
    bound: str
    as_of: date | None
    as_of_origin: str
    context: str


def facts_for_span(
    body: str,
    start: int,
    end: int,
    *,
    headline: str = "",
    published: date | None = None,
    created: date | None = None,
    claimant: str | None = None,
    quantity: dict | None = None,
    kind: str | None = None,
) -> SpanFacts:
    """Facts of the claim at body[start:end]. `published` is the story's publication day,
    `created` the day the claim is made; the caller's `claimant`, `quantity`
    ({value, unit, bound, as_of}) and `kind` win over what is parsed."""
    sentences = _sentences_around(body, start, end)
    block_start, block_end = sentences[0].start, sentences[-1].end
    block = body[block_start:block_end]
    story_date = find_published_date(body, published or created)
    reference = published or (story_date.day if story_date else None) or created

    given = quantity or {}
    if given.get("value") is not None:
        value, unit, bound = float(given["value"]), given.get("unit") or "", given.get("bound") or "exact"
        main: Quantity | None = None
    else:
        main = _main_quantity(block, block_start, start, end, reference)
        value, unit, bound = (main.value, main.unit, main.bound) if main else (None, "", "")

    if kind is None:
        kind = "quantity" if value is not None else _kind(body[start:end])
    if kind != "quantity":  # only a quantity claim carries a figure
        value, unit, bound = None, "", ""

    name = " ".join((claimant or "").split()) or _claimant(body, sentences, start, end, reference)

    if given.get("as_of"):
        as_of, origin = given["as_of"], AS_OF_GIVEN
    elif found := find_as_of(block, reference):
        as_of, origin = found, AS_OF_TEXT
    elif published:
        as_of, origin = published, AS_OF_STORY
    elif story_date:
        as_of, origin = story_date.day, AS_OF_DATELINE
    else:
        as_of, origin = created, AS_OF_CREATED

    return SpanFacts(
        claimant=name or None,
        kind=kind,
        value=value,
        unit=unit[:60],
        bound=bound,
        as_of=as_of,
        as_of_origin=origin,
        context=claim_context(headline, block, start - block_start, end - block_start),
    )


def claim_context(headline: str, sentences: str, start: int, end: int) -> str:
    """The headline and the span's sentence(s), one per line, at most CONTEXT_CHARS;
    an over-long sentence is trimmed around the span (start/end index into `sentences`)."""
    headline = " ".join(headline.split())[:300]
    room = CONTEXT_CHARS - len(headline) - 1 if headline else CONTEXT_CHARS
    text = sentences
    if len(text) > room:
        centre = (start + end) // 2
        left = max(0, min(centre - room // 2, len(text) - room))
        text = text[left : left + room]
    text = " ".join(text.split())
    return f"{headline}\n{text}" if headline else text


def _sentences_around(body: str, start: int, end: int) -> list[Segment]:
    """The sentences body[start:end] touches, with offsets into `body` (the span itself if none)."""
    low = max(body.rfind("\n", 0, start) + 1, start - WINDOW)
    newline = body.find("\n", end)
    high = min(len(body) if newline < 0 else newline, end + WINDOW)
    if low > 0 and body[low - 1] != "\n":  # a cut window starts at a word, not inside one
        low = body.find(" ", low, start) + 1 or start
    if high < len(body) and body[high] != "\n":
        space = body.rfind(" ", end, high)
        high = space if space > 0 else end
    touched = [
        Segment(s.text, s.start + low, s.end + low)
        for s in split_sentences(body[low:high])
        if s.start + low < end and s.end + low > start
    ]
    return touched or [Segment(body[start:end], start, end)]


def _main_quantity(block: str, offset: int, start: int, end: int, reference: date | None) -> Quantity | None:
    """The span's main figure, read in its sentence so that the noun and bound around it count.
    Continental formats and small number words read as English ones ("cuatro desaparecidos",
    "51,95 %"); the text keeps its length, so offsets hold."""
    block = readable_numbers(block)
    found = [
        q
        for q in parse_quantities(block, reference_date=reference)
        # (a range opening the text comes back with no surface text: skip it, as the finder does)
        if q.text and q.start < end - offset and q.end > start - offset
    ]
    # A figure whose digits lie outside the span only runs into it ("categoría 5 afectó el | 80%").
    low, high = start - offset, end - offset
    inside = [
        q
        for q in found
        if any(ch.isdigit() for ch in block[max(q.start, low) : min(q.end, high)])
        or not any(ch.isdigit() for ch in q.text)
    ]
    ordered = _main_first(inside or found, block, 0)
    return ordered[0] if ordered else None


def _claimant(body: str, sentences: list[Segment], start: int, end: int, reference: date | None) -> str | None:
    """Who the finder says the span's clause is attributed to, reading the text before it as it
    does (pronouns, a quotation running on, "Another 3,000 ..."); else its sentence's attribution."""
    low = max(0, sentences[0].start - CLAIMANT_LOOKBACK)
    if low > 0:  # start at a paragraph, or at least a word
        newline = body.find("\n", low, sentences[0].start)
        low = newline + 1 if newline >= 0 else (body.find(" ", low, sentences[0].start) + 1 or sentences[0].start)
    high = sentences[-1].end
    clauses = [
        c
        for c in suggest_claims(body[low:high], reference_date=reference, min_score=0.0)
        if c.start + low < end and c.end + low > start
    ]
    for clause in clauses:
        if clause.claimant:
            return clause.claimant
    if clauses:
        return None
    for sentence in sentences:
        found = find_claimant(sentence.text, body[max(0, sentence.start - CLAIMANT_LOOKBACK) : sentence.start])
        if found:
            return found
    return None


def _kind(text: str) -> str:
    """Event, quote or other, as the finder tells them apart (a figure makes it a quantity)."""
    return assess(text, claimant=None, attribution_verb=None, quantities=()).kind
