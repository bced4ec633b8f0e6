"""One source against one candidate claim: is it about the claim, and what does it say?

Relevance per passage is the cosine of the passage's and the claim sentence's embeddings,
plus a little for the claim's own words repeated. The passages about the claim are then
searched for a figure of the claim's measure (figures.py), and the stance rules
(stance.py) say what that figure means; without one, a passage that denies the claim
contradicts it, and one close enough supports (a claim without a figure) or gives context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

import numpy as np
from django.conf import settings

from ..finder.segment import split_sentences
from ..models import Evidence, Source
from . import embeddings, measures
from .context import ClaimInfo
from .figures import (
    INCREMENT_WORDS,
    Figure,
    claim_figure,
    figures_in,
    is_increment,
    is_part,
    is_running_total,
    other_time,
    place_conflict,
    same_measure,
)
from .stance import CONTEXT, CONTRADICTS, SUPPORTS, UPDATES, FigureFacts, figure_stance, same_figure
from .text import as_countries, capitalised, content_words, named_near, names_around, stems

MAX_PASSAGES = 150
SHARE_UNITS = {"percent", "percentage point"}


@dataclass
class Passage:
    text: str
    start: int
    stems: frozenset[str]


@dataclass
class SourceDoc:
    """What the matcher knows about a source, computed once per source."""

    source: Source
    passages: list[Passage]
    vectors: np.ndarray
    stems: frozenset[str]
    lowered: str
    when: datetime
    capitalised: frozenset[str]  # stems of its capitalised words: where an event's names are
    countries: frozenset[str]  # the countries it names, in whatever language ("Brasil", "Liban")
    # Another fact-checker's review rates the claim itself, not an event: it may be a year
    # older than the claim and name none of the story's places (reviews_in sets it).
    review: bool = False
    _figures: dict = field(default_factory=dict)

    @classmethod
    def of(cls, source: Source) -> SourceDoc:
        passages = cls._passages(source)
        return cls._made(source, passages, embeddings.embed([p.text for p in passages]))

    @classmethod
    def of_many(cls, sources: list[Source]) -> list[SourceDoc]:
        """Several short sources with one embedding call (a call's own cost dominates on short texts)."""
        split = [cls._passages(source) for source in sources]
        vectors = embeddings.embed([p.text for passages in split for p in passages])
        docs, at = [], 0
        for source, passages in zip(sources, split, strict=True):
            docs.append(cls._made(source, passages, vectors[at : at + len(passages)]))
            at += len(passages)
        return docs

    @staticmethod
    def _passages(source: Source) -> list[Passage]:
        passages = [Passage(s.text, s.start, stems(s.text)) for s in split_sentences(source.text[:200_000])]
        passages = [p for p in passages if p.stems][:MAX_PASSAGES]
        if source.title.strip():
            passages.insert(0, Passage(source.title.strip(), -1, stems(source.title)))
        return passages

    @classmethod
    def _made(cls, source: Source, passages: list[Passage], vectors: np.ndarray) -> SourceDoc:
        named = capitalised(" ".join(p.text for p in passages))
        return cls(
            source=source,
            passages=passages,
            vectors=vectors,
            stems=frozenset().union(*(p.stems for p in passages)) if passages else frozenset(),
            lowered=f"{source.title}\n{source.text}".lower(),
            capitalised=named,
            countries=as_countries(named),
            when=source.published_at or source.created_at or datetime.now(UTC),
        )

    def figures(self, index: int) -> tuple[Figure, ...]:
        if index not in self._figures:
            self._figures[index] = figures_in(self.passages[index].text, self.when.date())
        return self._figures[index]


@dataclass
class Proposal:
    claim_id: int
    stance: str
    score: float
    reason: str
    excerpt: str
    observed_value: float | None = None
    observed_at: datetime | None = None
    # Which figure of the source the stance rests on, and how well: one figure backs one claim.
    figure_at: tuple[int, int] | None = None
    figure_value: float | None = None
    fit: tuple = ()
    # The claim has enough context (words, a figure or named parties) for the confirm tier.
    confirmable: bool = False


def thresholds() -> dict:
    return settings.FACTDESK


def relevance(claim: ClaimInfo, doc: SourceDoc) -> np.ndarray:
    """Per passage: embedding cosine, plus up to 0.2 for the claim's own words repeated."""
    semantic = doc.vectors @ claim.vector
    if not claim.stems:
        return semantic
    overlap = np.array([len(claim.stems & p.stems) / len(claim.stems) for p in doc.passages])
    return semantic + 0.2 * overlap


@dataclass(frozen=True)
class Found:
    stance: str
    why: str
    figure: Figure
    index: int
    rel: float
    measure_known: bool


# Which of several figure readings wins: an explicit denial, a reported change, the same
# figure, then a later one, a disputed one, a rival one, an older one.
_PRIORITY = {
    "names the figure to deny it": 7,
    "denied": 7,
    "newer figure (changed)": 6,
    "same figure": 5,
    "figure within the claim’s bound": 4,
    "newer figure": 3,
    "revised figure": 3,
    "disputed figure": 2,
    "a count where the claim says none": 2,
    "rival figure": 1,
    "lower figure": 1,
    "older figure": 0,
}


def find_figure(claim: ClaimInfo, target: Figure, doc: SourceDoc, rel: np.ndarray, named: bool) -> Found | None:
    """The source's figure of the claim's measure, read by the stance rules. Real follow-ups
    rarely repeat the claim's sentence ("killing at least 111" comes back as "the number of
    people killed ... rose to 131"), so a figure whose cue names the claim's measure counts
    in any passage on the topic, when the source names the claim's places or parties."""
    conf = thresholds()
    # A passage naming the claim's own places or parties may carry its figure though it reads
    # little like the claim ("By Wednesday 113 people in all had been confirmed dead in Gansu").
    order = [
        i
        for i in np.argsort(-rel)[:10]
        if rel[i] >= conf["MATCH_FIGURE_FLOOR"]
        or (rel[i] >= conf["MATCH_FIGURE_FLOOR"] - 0.1 and claim.names & doc.passages[i].stems)
    ]
    year = claim.as_of.year if claim.as_of else None
    # Read once per (claim, source), not per figure.
    claim_increment = INCREMENT_WORDS.search(claim.text) is not None
    # "Health authorities had earlier put the toll at 5,500": the claim is itself history.
    claim_past = measures.EARLIER.search(claim.text) is not None
    source_earlier = bool(claim.published_at and doc.when < claim.published_at)
    found: list[tuple[bool, bool, int, bool, float, Found]] = []
    share = target.unit in SHARE_UNITS
    for index in order:
        passage = doc.passages[index].text
        denied = bool(measures.DENIAL.search(passage))
        # "now stands at 596, up from 125": the claim's own figure given as the old value ties
        # the passage's new figure to the claim's measure.
        echoed = any(
            measures.is_history(passage, f.start) and same_figure(f.value, target.value, share)
            for f in doc.figures(index)
        )
        for figure in doc.figures(index):
            if claim_past and not same_figure(figure.value, target.value, share):
                continue  # a claim of what was said earlier is borne out only by that figure
            if (measures.is_history(passage, figure.start) and not claim_past) or other_time(
                passage, figure.start, figure.end, year, claim.sentence
            ):
                continue  # "up from 111", "in 2014": history, not the source's own figure
            elsewhere = place_conflict(passage, figure, claim.names, claim.own_places, claim.story_names)
            if elsewhere and not stems(elsewhere) & claim.claimant_anchors:
                continue  # "31 in neighbouring Qinghai": another place's figure (not the "Russian" of the claimant's title)
            if is_part(passage, figure.start, figure.end, claim.own_stems) or is_running_total(
                passage, figure.end, claim.as_of
            ):
                continue  # "1,524 of the dead were children", "3,478 killed since Oct. 7"
            if measures.counts_speakers(figure.unit, target.unit):
                continue  # "two Arab diplomats said": who reports, not what is counted
            if is_increment(passage, figure.start, figure.end) and not claim_increment:
                continue  # "seven more bodies were recovered": what was added, not the toll
            same = same_measure(target, figure, passage, claim.stems)
            if same is None and echoed and measures.reports_change(passage, figure.start, figure.end):
                same = True
            if same is False or (same is True and not named and rel[index] < conf["MATCH_ABOUT"]):
                continue
            here = named_near(passage, figure.start, claim.story_names)
            # The claim's own distinctive value, or a figure beside its names, needs less of the
            # passage to read like the claim ("About 17,000 people lived in the city" for "home to 17,000").
            repeated = same_figure(figure.value, target.value, share) and measures.distinctive(figure.value)
            floor = conf["MATCH_NEAR"] if here or repeated else conf["MATCH_ABOUT"]
            if repeated and here:
                floor = conf["MATCH_FIGURE_FLOOR"] + 0.1  # its own figure beside its own place
            # A small number ("six months") counts only where the passage restates the claim.
            restated = same_figure(figure.value, target.value, share) and len(
                claim.own_stems & doc.passages[index].stems
            ) >= 0.6 * len(claim.own_stems)
            if same is None and (rel[index] < floor or not (measures.distinctive(figure.value) or restated)):
                continue  # a bare number in a passage only loosely about the claim
            facts = FigureFacts(
                claim_value=target.value,
                claim_bound=target.bound,
                claim_day=claim.as_of,
                value=figure.value,
                day=_figure_day(figure, doc),
                changed=measures.reports_change(passage, figure.start, figure.end),
                disputed=measures.disputes(passage, figure.start, figure.end),
                negated=measures.is_negated(passage, figure.start),
                same_party=any(_mentions(passage.lower(), n) for n in claim.claimant_names),
                before_claim=source_earlier and not figure.as_of,
                revised=measures.reports_revision(passage, figure.start),
                share=share,
            )
            if target.value and not facts.changed and not 0.1 <= figure.value / target.value <= 10:
                continue  # a tenth or ten times the claim's figure, with no word of change: another measure
            if facts.changed and measures.reports_rise(passage, figure.start) and figure.value < 0.8 * target.value:
                continue  # "the toll has risen to 14" against 288: another event's count, not this one's
            stance, why = figure_stance(facts)
            if (
                why == "older figure"
                and rel[index] < conf["MATCH_CONTEXT"]
                and not (facts.before_claim and same is True)
            ):
                continue  # an older figure matters only in a passage close to the claim, or in
                # an earlier report of the same count ("at least 115" hours before the story's 133)
            if denied and stance == SUPPORTS:
                stance, why = CONTRADICTS, "denied"
            key = why + (" (changed)" if why == "newer figure" and facts.changed else "")
            own = bool(claim.sub_names) and names_around(passage, figure.start, figure.end, claim.sub_names)
            found.append(
                (
                    own,
                    here,
                    _PRIORITY.get(key, 0),
                    same is True,
                    float(rel[index]),
                    Found(stance, why, figure, index, float(rel[index]), same is True),
                )
            )
    if not found:
        return None
    # A figure of what a sub-count counts ("60 Jordanians") outranks the headline count beside
    # it; then the claim's own figure repeated, or a reported change of it, outranks a figure
    # that merely sits next to the claim's place names.
    return max(found, key=lambda f: (f[0], f[1] or f[2] >= _PRIORITY["same figure"], *f[2:5]))[5]


def find_denial(claim: ClaimInfo, doc: SourceDoc, rel: np.ndarray) -> tuple[int, str] | None:
    """(passage index, cue) for a passage about the claim that denies it."""
    conf = thresholds()
    # A denial is often a passage of its own further down ("a strike Israel denies carrying
    # out"), less like the claim than the restatement above it: look past the closest few.
    doubt_denies = not measures.DOUBTED.search(claim.sentence)  # "won the disputed vote" says so itself
    for index in np.argsort(-rel)[:12]:
        if rel[index] < conf["MATCH_FIGURE_FLOOR"]:
            break
        passage = doc.passages[index]
        own = claim.own_stems
        if len(own & passage.stems) < max(2, 0.3 * len(own)) and rel[index] < conf["MATCH_ABOUT"]:
            continue  # a denial of something else in a passage on the same topic (a passage that
            # reads as close as a restatement may share no words: another language's)
        match = measures.DENIAL.search(passage.text) or (doubt_denies and measures.DOUBTED.search(passage.text))
        if match:
            return int(index), match.group(0)
        for negation in measures.NEGATION.finditer(passage.text):
            if stems(negation.group("what")) & claim.stems:
                return int(index), negation.group(0)
    return None


def score_claim(claim: ClaimInfo, doc: SourceDoc) -> Proposal | None:
    conf = thresholds()
    if claim.vector is None or not doc.passages:
        return None
    target = claim_figure(claim.text, claim.sentence, claim.value, claim.unit, claim.bound)
    # Written a month or more before the claim: another period's figures. An earlier report may
    # still bear out a claim of what happened ("hackers used credential stuffing", disclosed two
    # months before the story) – but not one from seasons before: that is another event.
    stale = conf["MATCH_STALE_DAYS"] * (1 if target else 4)
    if not doc.review and claim.dated and (claim.as_of - doc.when.date()).days > stale:
        return None
    rel = relevance(claim, doc)
    best = int(np.argmax(rel))
    if rel[best] < conf["MATCH_FIGURE_FLOOR"]:
        return None
    names_shared = sorted(w for w in claim.story_names if w in doc.stems)
    if claim.names and not names_shared and rel[best] < conf["MATCH_ABOUT"]:
        return None  # names none of the claim's places or parties, and is only loosely about it
    claimant = next((n for n in claim.claimant_names if _mentions(doc.lowered, n)), None)
    if (
        not doc.review
        and claim.anchors
        and not (claim.anchors | claim.claimant_anchors) & doc.capitalised
        and not as_countries(claim.anchors) & doc.countries
        and rel[best] < conf["MATCH_CONTEXT"]
    ):
        if not (claimant and len(claimant.split()) >= 3):
            return None  # another event (a toll of another quake): none of this one's places, nor its "Bureau of Labor Statistics"

    reasons: list[str] = []
    observed_value = observed_at = figure_at = None
    fit: tuple = ()
    found = find_figure(claim, target, doc, rel, bool(names_shared) or not claim.names) if target else None
    if found:
        index, stance = found.index, found.stance
        if found.why == "denied":
            cue = measures.DENIAL.search(doc.passages[index].text)
            reasons.append(f"denial: “{cue.group(0) if cue else 'denied'}” of {found.figure.text}")
        elif stance == SUPPORTS and found.why == "same figure":
            reasons.append(f"same figure: {found.figure.text}")
        else:
            if stance == CONTRADICTS:
                reasons.append(f"different figure: {found.figure.text} (claim: {target.text}; {found.why})")
            else:
                reasons.append(f"{found.why}: {found.figure.text} (claim: {target.text})")
            observed_value = found.figure.value
            observed_at = _moment(_figure_day(found.figure, doc))
        figure_at = (index, found.figure.start)
        fit = (stance == SUPPORTS, found.measure_known, found.rel)
        score = 0.4 + 0.35 * min(1.0, found.rel) + 0.1 * found.measure_known
    else:
        denial = find_denial(claim, doc, rel)
        if denial:
            index, cue = denial
            stance = CONTRADICTS
            reasons.append(f"denial: “{cue}”")
            score = 0.3 + 0.4 * min(1.0, float(rel[index]))
        elif target is None and (
            rel[best] >= conf["MATCH_RESTATES"]
            or (rel[best] >= conf["MATCH_ABOUT"] and names_shared and _repeats(claim, doc, best) >= 0.4)
        ):
            # Real restatements reword the claim ("Israel took the Gaza side of the Rafah crossing
            # on Monday"): a close passage naming its places and repeating its words restates it.
            index, stance = best, SUPPORTS
            reasons.append(f"restates the claim (similarity {rel[best]:.2f})")
            score = 0.25 + 0.45 * min(1.0, float(rel[best]))
        elif target is None and (
            rel[best] >= conf["MATCH_CONTEXT"]
            or (rel[best] >= conf["MATCH_NEAR"] and _repeats(claim, doc, best) >= 0.6)
        ):
            # A claim with a figure gets no context from a passage without its figure: on real
            # copy every such proposal was another stance's miss or a distractor.
            index, stance = best, CONTEXT
            reasons.append(f"about the claim (similarity {rel[best]:.2f})")
            score = 0.2 + 0.4 * min(1.0, float(rel[best]))
        else:
            return None
    passage = doc.passages[index]
    lowered = passage.text.lower()
    shared = [w for w in dict.fromkeys(content_words(claim.text)) if w.lower() in lowered][:5]
    if shared:
        reasons.append("shares " + ", ".join(f"‘{w}’" for w in shared))
    if claimant:
        reasons.append(f"claimant {claimant}")
    score += 0.05 * bool(claimant) + (0.05 if names_shared or not claim.names else -0.1)
    excerpt = (
        passage.text[:600]
        if passage.start >= 0
        else (doc.passages[1].text[:600] if len(doc.passages) > 1 else passage.text)
    )
    return Proposal(
        claim_id=claim.pk,
        stance=stance,
        score=round(min(1.0, max(0.0, score)), 3),
        reason="; ".join(reasons)[:500],
        excerpt=excerpt,
        observed_value=observed_value,
        observed_at=observed_at,
        figure_at=figure_at,
        figure_value=found.figure.value if found else None,
        fit=fit,
        confirmable=bool(
            found and found.measure_known and stance != CONTEXT and claim.names and len(claim.sentence.split()) >= 8
        ),
    )


def _figure_day(figure: Figure, doc: SourceDoc) -> date:
    """When a source's figure is as of: its own date when the text gives one ("by Tuesday"),
    never later than the source; the source's date otherwise."""
    published = doc.when.date()
    return min(figure.as_of, published) if figure.as_of else published


def _repeats(claim: ClaimInfo, doc: SourceDoc, index: int) -> float:
    """Share of the claim's own words a passage repeats."""
    own = claim.own_stems
    return len(own & doc.passages[index].stems) / len(own) if own else 0.0


def _mentions(lowered: str, name: str) -> bool:
    name = name.strip().lower()
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", lowered) is not None


def _moment(day: date | None) -> datetime | None:
    return datetime.combine(day, time(12), tzinfo=UTC) if day else None


STANCES = (SUPPORTS, UPDATES, CONTRADICTS, CONTEXT)
assert set(STANCES) == set(Evidence.Stance.values)
