"""The claim finder: check-worthy claims in a story, with claimant and quantity parsed.

Pure functions over strings (no Django here), so the app, the matcher and the
evaluation script all share one implementation.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, replace
from datetime import date

from claims.finder.claimants import SpeakerMemory, attribution_verb, claimant_in, find_claimant, looks_like_person
from claims.finder.quantities import Quantity, parse_quantities, warm_up
from claims.finder.scoring import assess
from claims.finder.segment import bounded, split_clauses, split_sentences

__all__ = [
    "FinderRun",
    "Quantity",
    "Suggestion",
    "find_claimant",
    "find_claims",
    "parse_quantities",
    "ranked_for_desk",
    "suggest_claims",
    "warm_up",
]

DEFAULT_MIN_SCORE = 0.45
# The desk reads at most about this many suggestions per 100 words of a long story (dense wire copy has
# ~4 check-worthy clauses per 100 words, so short stories keep all theirs under the floor).
SUGGESTIONS_PER_100_WORDS = 3
MIN_SUGGESTION_CAP = 30


@dataclass(frozen=True)
class Suggestion:
    text: str
    start: int
    end: int
    claimant: str | None
    quantities: tuple[Quantity, ...]
    score: float
    reasons: tuple[str, ...]
    kind: str

    @property
    def quantity(self) -> Quantity | None:
        """The main quantity: the first one, with a lone "one man" ranked after real figures."""
        return self.quantities[0] if self.quantities else None


@dataclass(frozen=True)
class FinderRun:
    suggestions: list[Suggestion]
    stopped_early: bool  # the time budget ran out before the end of the body
    read_to: int  # offset in the body where reading stopped (len(body) when it read it all)
    seconds: float


def suggest_claims(
    body: str, *, reference_date: date | None = None, min_score: float = DEFAULT_MIN_SCORE
) -> list[Suggestion]:
    """Check-worthy clauses of `body` in reading order; offsets index into `body`."""
    return find_claims(body, reference_date=reference_date, min_score=min_score).suggestions


def find_claims(
    body: str,
    *,
    reference_date: date | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    time_budget: float | None = None,
) -> FinderRun:
    """suggest_claims with a time budget in seconds: past it, the finder stops at the next sentence and says
    how far it read, so no story (however long or odd) keeps a worker busy for minutes."""
    started = time.monotonic()
    suggestions: list[Suggestion] = []
    memory = SpeakerMemory()
    quote_speaker: str | None = None
    previous: tuple[str | None, int] = (None, 0)  # the last sentence's claimant and where it ended
    for sentence in bounded(split_sentences(body)):
        if time_budget is not None and previous[1] and time.monotonic() - started > time_budget:
            return FinderRun(_named_in_full(suggestions), True, previous[1], time.monotonic() - started)
        quantities = [
            _shifted(q, sentence.start) for q in parse_quantities(sentence.text, reference_date=reference_date)
        ]
        sentence_claimant = claimant_in(sentence.text, memory)
        opens_with_quote = sentence.text.startswith(('"', "“"))
        if sentence_claimant is None and opens_with_quote:
            # A quotation running on from an attributed one: '"...," Osei said. "Nine out of 10 ..."'
            sentence_claimant = quote_speaker
        same_paragraph = "\n" not in body[previous[1] : sentence.start]
        if sentence_claimant is None and same_paragraph and _CONTINUES_COUNT.match(sentence.text):
            # "Another 3,000 were warned ...", "The rest are sheltering ...": the same source's figures, continued.
            sentence_claimant = previous[0]
        next_paragraph = (
            body[previous[1] : sentence.start].count("\n\n") <= 1 and "\n\n\n" not in body[previous[1] : sentence.start]
        )
        if sentence_claimant is None and next_paragraph and quantities and _CONTINUES_FIGURES.search(sentence.text):
            # "Twelve people were also hurt", "The April figure was revised higher by 11,000 jobs": the same
            # announcement's figures, even in the next one-sentence paragraph of wire copy.
            sentence_claimant = previous[0]
        previous = (sentence_claimant, sentence.end)
        quote_speaker = sentence_claimant if opens_with_quote or sentence.text.endswith(('"', "”")) else None
        clauses = split_clauses(sentence)
        for clause in clauses:
            own_claimant = claimant_in(clause.text, memory) if len(clauses) > 1 else sentence_claimant
            claimant = own_claimant or (sentence_claimant if clause.inherits_attribution else None)
            verb = attribution_verb(clause.text) or (attribution_verb(sentence.text) if claimant else None)
            in_clause = _main_first([q for q in quantities if clause.start <= q.start < clause.end], body, 0)
            assessment = assess(clause.text, claimant=claimant, attribution_verb=verb, quantities=in_clause)
            if assessment.score >= min_score:
                suggestions.append(
                    Suggestion(
                        text=clause.text,
                        start=clause.start,
                        end=clause.end,
                        claimant=claimant,
                        quantities=in_clause,
                        score=assessment.score,
                        reasons=assessment.reasons,
                        kind=assessment.kind,
                    )
                )
        # Remember speakers only after this sentence: "he" never points forward.
        memory.observe_claimant(sentence_claimant, sentence.start)
        memory.observe_names(sentence.text, sentence.start)
    return FinderRun(_named_in_full(suggestions), False, len(body), time.monotonic() - started)


def ranked_for_desk(suggestions: list[Suggestion], body: str) -> list[Suggestion]:
    """Best first, at most about 3 per 100 words (never fewer than MIN_SUGGESTION_CAP): a long story's list
    stays one an editor can read. Ties keep reading order."""
    cap = max(MIN_SUGGESTION_CAP, math.ceil(SUGGESTIONS_PER_100_WORDS * len(body.split()) / 100))
    return sorted(suggestions, key=lambda s: (-s.score, s.start))[:cap]


def _named_in_full(suggestions: list[Suggestion]) -> list[Suggestion]:
    """ "The Texas health department put cases at 279 ... according to the Texas Department of State Health
    Services": a body described before (or after) the story names it in full is filed under the full name, when
    every word of the description is in it."""
    names = {s.claimant for s in suggestions if s.claimant}
    full = [
        n
        for n in names
        if all(w[:1].isupper() or w in _LINK_WORDS for w in n.split())
        and len(n.split()) >= 3
        and not looks_like_person(n)
        and not _TITLED.search(n)
    ]

    def fuller(claimant: str | None) -> str | None:
        words = (claimant or "").split()
        if len(words) < 2 or all(w[:1].isupper() for w in words) or "'" in claimant or "’" in claimant:
            return claimant
        stems = [w.lower()[:5] for w in words]
        for name in full:
            theirs = [w.lower() for w in name.split()]
            if (
                len(theirs) > len(words)
                and words[-1].lower() in theirs  # the head noun itself: "department", never "minister" for "ministry"
                and all(any(t.startswith(stem) for t in theirs) for stem in stems)
            ):
                return name
        return claimant

    return [replace(s, claimant=fuller(s.claimant)) if s.claimant else s for s in suggestions]


_LINK_WORDS = {"of", "for", "and", "the", "on", "de"}
_TITLED = re.compile(r"\b(?:Minister|President|Secretary|Governor|Mayor|Director|Chief|Spokes\w+)\b")


_CONTINUES_COUNT = re.compile(
    r"(?:Another|A further|The rest|The remainder|The remaining|Most of (?:them|those|these)|"
    r"(?:Some|Many|Half|All|None|Several) of (?:them|those|these))\b"
)


_CONTINUES_FIGURES = re.compile(
    r"^(?:Among (?:them|those|these)|Of (?:them|those|these))\b|\b(?:were|was|are|is|have|has|had) also\b|"
    r"\b(?:figure|total|estimate|number|count)\b[^.]*\bwas revised\b|\bwhich was revised\b"
)


def _shifted(quantity: Quantity, offset: int) -> Quantity:
    return replace(quantity, start=quantity.start + offset, end=quantity.end + offset)


_COUNT_PROGRESS = re.compile(
    r"\s+of\s+(?:the\s+)?(?:votes?|ballots|precincts|polling stations|constituencies|districts|returns)\s+"
    r"(?:counted|reporting|in|tallied|declared)\b",
    re.IGNORECASE,
)
_TO_FIGURE = re.compile(r"^(?:\s+[a-z]+){0,2},?\s+to\s+(?:a\s+(?:net\s+)?\w+\s+of\s+)?[$£€]?\d")
_OR_COUNT = re.compile(
    r"^(?:\s+of\s+(?:its|their|the|his|her)\s+\w+)?,\s+or\s+(?:some|about|around|nearly|roughly\s+)?\s*\d"
)
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade"}


def _main_first(quantities: list[Quantity], text: str, offset: int) -> tuple[Quantity, ...]:
    """Order figures so the one to check comes first. Demoted, in reading order:
    a bare "one man"; a modifier ("the 6.2-kilometre line"); a reporting period
    ("for the three months to July", "over the past week")."""

    def is_context(q: Quantity) -> bool:
        if q.value == 1 and q.bound == "exact" and not any(ch.isdigit() for ch in q.text):
            return True
        if re.search(r"\d-[a-z]", q.text):
            return True
        before = text[max(0, q.start - offset - 20) : q.start - offset]
        if _COUNT_PROGRESS.match(
            text[max(0, q.start - offset - 25) : q.end - offset + 40].split(q.text, 1)[-1]
        ) and re.search(r"\bwith(?:\s+\w+){0,2}\s+$", before, re.IGNORECASE):
            return True  # "With 98% of ballots counted": how far the count has got, not the result
        return q.unit in _TIME_UNITS and bool(
            re.search(
                r"\b(?:for|in|over|during|within|past|last|first|next)(?: the)?(?: past| last| first| next)?\s+$",
                before,
            )
        )

    def is_change_or_share(q: Quantity) -> bool:
        after = text[q.end - offset : q.end - offset + 40]
        before = text[max(0, q.start - offset - 40) : q.start - offset]
        if re.search(r"\brevised(?:\s+\w+)?\s+by\s+$", before) and _TO_FIGURE.match(after):
            return True  # "revised up by 5,000 jobs to 144,000": the new level is the claim, the change its detail
        return q.unit == "percent" and bool(_OR_COUNT.match(after))  # "5 percent of its workforce, or some 11,000"

    context = [q for q in quantities if is_context(q) or is_change_or_share(q)]
    return tuple([q for q in quantities if q not in context] + context)
