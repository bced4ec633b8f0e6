"""The matcher: which open claims a new source bears on, with stance, score and reason.

Candidates come from full-text search over claim text (PostgreSQL: a stored
tsvector with a GIN index; SQLite: LIKE on the source's most telling words).
Each candidate is then scored in Python on three signals:

- text overlap: how much of the claim's wording the best passage of the source repeats;
- figures: the same measure (unit) with the same value (supports), a different value
  in a later source (updates) or an earlier/contemporary one (contradicts);
- names: the claim's claimant (or an alias) and its proper names appearing in the source.

A passage that denies ("denied", "false", "did not", "no evidence" …) contradicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.db.models import Min

from . import measures
from .finder import parse_quantities
from .finder.segment import split_sentences
from .models import Claim, ClaimantAlias, Evidence, Mention, Source

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "almost",
        "also",
        "although",
        "am",
        "among",
        "an",
        "and",
        "another",
        "any",
        "are",
        "around",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "down",
        "during",
        "each",
        "either",
        "else",
        "ever",
        "every",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "last",
        "least",
        "less",
        "let",
        "like",
        "made",
        "make",
        "many",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "near",
        "neither",
        "never",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "often",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "per",
        "perhaps",
        "put",
        "rather",
        "said",
        "say",
        "says",
        "saying",
        "same",
        "she",
        "should",
        "since",
        "so",
        "some",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "though",
        "through",
        "thus",
        "to",
        "told",
        "too",
        "toward",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "your",
        "according",
        "reported",
        "reports",
        "week",
        "weeks",
        "day",
        "days",
        "year",
        "years",
        "month",
        "months",
        "time",
        "times",
        "new",
        "told",
        "added",
        "including",
    ]
)
_STEM_STOPWORDS = frozenset(w[:6] for w in STOPWORDS)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def stem(word: str) -> str:
    """A crude stem: lower case, no plural or possessive, cut to six letters ("evacuated" ≈ "evacuations")."""
    word = word.lower().replace("’", "'").split("'")[0].strip("-")
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:6]


def content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if len(w) > 2 and w.lower() not in STOPWORDS]


@dataclass
class Passage:
    text: str
    stems: frozenset[str]
    start: int


@dataclass
class SourceDoc:
    """What the matcher knows about a source, computed once per source."""

    source: Source
    passages: list[Passage]
    stems: frozenset[str]
    lowered: str
    when: datetime
    _figures: dict

    @classmethod
    def of(cls, source: Source) -> SourceDoc:
        passages = [
            Passage(s.text, frozenset(stem(w) for w in content_words(s.text)), s.start)
            for s in split_sentences(source.text[:200_000])
        ]
        return cls(
            source=source,
            passages=passages,
            stems=frozenset().union(*(p.stems for p in passages)) if passages else frozenset(),
            lowered=source.text.lower(),
            when=source.published_at or source.created_at or datetime.now(UTC),
            _figures={},
        )

    def spread(self, word_stem: str) -> int:
        """In how many passages a stem appears (at least 1)."""
        return max(1, sum(word_stem in p.stems for p in self.passages))

    def figures(self, index: int):
        """Quantities in passage `index`, parsed once (quantulum is slow)."""
        if index not in self._figures:
            passage = self.passages[index]
            reference = self.when.date()
            try:
                self._figures[index] = parse_quantities(passage.text, reference_date=reference)
            except Exception:  # a parser bug on odd text must not lose the whole source
                self._figures[index] = []
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
    fit: tuple = ()
    # The claim has enough context (words, a figure or named parties) for the confirm tier.
    confirmable: bool = False


@dataclass
class ClaimInfo:
    pk: int
    text: str
    claimant_names: list[str]
    value: float | None
    unit: str
    as_of: date | None


# --- candidates ---------------------------------------------------------------------------


def query_terms(text: str, limit: int = 20) -> list[str]:
    """The source's most telling words: proper names first, then words near figures, then frequent ones."""
    weight: dict[str, float] = {}
    form: dict[str, str] = {}
    for sentence in re.split(r"(?<=[.!?])\s+", text[:200_000]):
        has_figure = any(ch.isdigit() for ch in sentence)
        for i, word in enumerate(content_words(sentence)):
            key = stem(word)
            bonus = 1.0 + (2.0 if word[0].isupper() and i > 0 else 0) + (1.0 if has_figure else 0)
            weight[key] = weight.get(key, 0) + bonus
            form.setdefault(key, re.sub(r"[^\w]", "", word.lower()))
    ranked = sorted(weight, key=lambda k: -weight[k])
    return [form[k] for k in ranked[:limit] if form[k]]


def candidate_claim_ids(text: str) -> list[int]:
    limit = settings.FACTDESK["MATCH_CANDIDATES"]
    terms = query_terms(text)
    if not terms:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.id FROM claims_claim c, websearch_to_tsquery('english', %s) q "
                "WHERE c.archived_at IS NULL AND c.search_vector @@ q "
                "ORDER BY ts_rank(c.search_vector, q) DESC, c.id DESC LIMIT %s",
                [" OR ".join(terms), limit],
            )
            return [row[0] for row in cursor.fetchall()]
    return _candidates_by_overlap(terms, limit)


def _candidates_by_overlap(terms: list[str], limit: int) -> list[int]:
    """The embedded (SQLite) fallback: LIKE on the telling words, ranked by how many stems match."""
    from django.db.models import Q

    probe = Q()
    for term in terms[:15]:
        probe |= Q(text_key__contains=stem(term))
    wanted = {stem(t) for t in terms}
    rows = Claim.objects.filter(probe, archived_at__isnull=True).values_list("pk", "text")[:5000]
    scored = []
    for pk, text in rows:
        shared = len(wanted & {stem(w) for w in content_words(text)})
        if shared >= 2:
            scored.append((shared, pk))
    scored.sort(reverse=True)
    return [pk for _, pk in scored[:limit]]


def load_claims(ids: list[int]) -> list[ClaimInfo]:
    rows = Claim.objects.filter(pk__in=ids).values(
        "pk", "text", "claimant_id", "claimant__name", "quantity_value", "quantity_unit", "as_of", "created_at"
    )
    rows = list(rows)
    aliases: dict[int, list[str]] = {}
    for claimant_id, alias in ClaimantAlias.objects.filter(
        claimant_id__in={r["claimant_id"] for r in rows if r["claimant_id"]}
    ).values_list("claimant_id", "alias"):
        aliases.setdefault(claimant_id, []).append(alias)
    first_story = dict(
        Mention.objects.filter(claim_id__in=ids)
        .values("claim_id")
        .annotate(first=Min("story__published_at"))
        .values_list("claim_id", "first")
    )
    infos = []
    for r in rows:
        when = r["as_of"] or _day(first_story.get(r["pk"])) or _day(r["created_at"])
        names = [r["claimant__name"], *aliases.get(r["claimant_id"], [])] if r["claimant__name"] else []
        infos.append(ClaimInfo(r["pk"], r["text"], names, r["quantity_value"], r["quantity_unit"] or "", when))
    return infos


# --- scoring ------------------------------------------------------------------------------


def match_source(source: Source, min_score: float | None = None) -> list[Proposal]:
    """Proposals scoring at least min_score (default: the setting) for the claims this source bears on, best first."""
    if not source.text.strip():
        return []
    doc = SourceDoc.of(source)
    if not doc.passages:
        return []
    conf = settings.FACTDESK
    # Rank by wording first (cheap); only the best get the figure and name checks (quantulum is slow).
    claims = sorted(load_claims(candidate_claim_ids(source.text)), key=lambda c: -_wording_overlap(c, doc))
    proposals = [p for info in claims[: conf["MATCH_SCORED"]] if (p := score_claim(info, doc))]
    proposals = [p for p in _one_claim_per_figure(proposals) if p.score >= (conf["MATCH_MIN_SCORE"] if min_score is None else min_score)]
    proposals.sort(key=lambda p: -p.score)
    return proposals[: conf["MATCH_MAX_PER_SOURCE"]]


def _one_claim_per_figure(proposals: list[Proposal]) -> list[Proposal]:
    """A figure in the source ("has risen to 287") is about one claim: the one it repeats, else the
    one whose wording its sentence repeats most. The others lose it (and are dropped)."""
    best: dict[tuple[int, int], Proposal] = {}
    for p in proposals:
        if p.figure_at and (p.figure_at not in best or p.fit > best[p.figure_at].fit):
            best[p.figure_at] = p
    return [p for p in proposals if not p.figure_at or best[p.figure_at] is p]


def _wording_overlap(claim: ClaimInfo, doc: SourceDoc) -> float:
    claim_stems = {stem(w) for w in content_words(claim.text)}
    if not claim_stems:
        return 0.0
    return max(len(claim_stems & p.stems) for p in doc.passages) / len(claim_stems)


def score_claim(claim: ClaimInfo, doc: SourceDoc) -> Proposal | None:
    conf = settings.FACTDESK
    words = content_words(claim.text)
    claim_stems = {stem(w) for w in words}
    if len(claim_stems) < 2:
        return None
    # The best passage: the sentence repeating most of the claim's wording.
    shared_counts = [len(claim_stems & p.stems) for p in doc.passages]
    overlaps = [n / len(claim_stems) for n in shared_counts]
    best = max(range(len(overlaps)), key=lambda i: overlaps[i])
    passage_overlap = overlaps[best]
    if shared_counts[best] < 2 or passage_overlap < NEAR:
        return None
    shared_stems = claim_stems & doc.stems
    doc_overlap = len(shared_stems) / len(claim_stems)
    text_score = 0.6 * passage_overlap + 0.4 * doc_overlap

    # Parse the claim's figure only when the source has figures where it talks about the claim.
    figures_near = any(
        o >= NEAR
        and shared_counts[i] >= 2
        and (any(ch.isdigit() for ch in doc.passages[i].text) or NUMBER_WORD.search(doc.passages[i].text))
        for i, o in enumerate(overlaps)
    )
    has_figure = (claim.value is not None) or (figures_near and _claim_figure(claim) is not None)
    figure = _figure_relation(claim, doc, overlaps, shared_counts) if has_figure and figures_near else None
    if figure and measures.is_generic(figure[1].unit or claim.unit) and not _names_shared(claim, words, shared_stems):
        figure = None  # the same kind of figure about another place or body: "3.4% inflation" next door
    if figure is None and passage_overlap < ABOUT:
        return None  # a few shared words and no shared figure: not about this claim

    claimant = next((n for n in claim.claimant_names if _mentions(doc.lowered, n)), None)
    names = [w for w in dict.fromkeys(words) if w[0].isupper() and stem(w) in shared_stems]
    excerpt_index = figure[3] if figure else best
    excerpt = doc.passages[excerpt_index].text[:600]
    shared_words = [w for w in dict.fromkeys(words) if stem(w) in doc.passages[excerpt_index].stems]
    reasons: list[str] = []
    denied = _denial(doc, overlaps, prefer=excerpt_index, claim_stems=claim_stems)
    if denied and figure and figure[0] == Evidence.Stance.SUPPORTS and denied[1] != figure[3]:
        denied = None  # a denial elsewhere in the source; this passage repeats the figure
    observed_value = observed_at = None
    if denied:
        stance, excerpt_index, cue = denied
        excerpt = doc.passages[excerpt_index].text[:600]
        reasons.append(f"denial: “{cue}”")
    elif figure:
        stance, quantity, claim_q, _index = figure
        if stance == Evidence.Stance.SUPPORTS:
            reasons.append(f"same figure: {quantity.text}")
        else:
            observed_value = quantity.value
            observed_at = _moment(quantity.as_of) or doc.when
            label = "newer figure" if stance == Evidence.Stance.UPDATES else "different figure"
            reasons.append(f"{label}: {quantity.text} (claim: {claim_q})")
    elif not has_figure and passage_overlap >= conf["MATCH_SUPPORT_OVERLAP"]:
        stance = Evidence.Stance.SUPPORTS
        reasons.append(f"repeats {passage_overlap:.0%} of the claim’s wording")
    else:
        stance = Evidence.Stance.CONTEXT

    if shared_words:
        reasons.append("shares " + ", ".join(f"‘{w}’" for w in shared_words[:5]))
    if claimant:
        reasons.append(f"claimant {claimant}")

    name_score = min(1.0, len(names) / 2) if names else 0.0
    if has_figure:
        figure_score = 1.0 if figure else 0.0
        score = 0.55 * text_score + 0.3 * figure_score + 0.075 * bool(claimant) + 0.075 * name_score
    else:
        score = 0.8 * text_score + 0.1 * bool(claimant) + 0.1 * name_score
    if stance == Evidence.Stance.CONTRADICTS and denied:
        score = max(score, 0.5 * text_score + 0.3)
    return Proposal(
        claim_id=claim.pk,
        stance=stance,
        score=round(min(1.0, max(0.0, score)), 3),
        reason="; ".join(reasons)[:500],
        excerpt=excerpt,
        observed_value=observed_value,
        observed_at=observed_at,
        figure_at=(figure[3], figure[1].start) if figure and not denied else None,
        fit=(figure[0] == Evidence.Stance.SUPPORTS, overlaps[figure[3]]) if figure and not denied else (),
    )


def _names_shared(claim: ClaimInfo, words: list[str], shared_stems: set[str]) -> bool:
    """The source names at least one of the places and bodies the claim names, when the claim names
    any besides its claimant (a jobs report need not name the statistics bureau)."""
    claimant_words = {w for name in claim.claimant_names for w in name.split()}
    names = {w for w in words[1:] if w[0].isupper() and w not in _CALENDAR}
    if not names - claimant_words:
        return True
    return any(stem(w) in shared_stems for w in names)


_CALENDAR = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December".split()
)
# A passage shares this much of the claim's wording: NEAR to look for its figure, ABOUT to be
# about it, CLOSE to be about the very thing the claim counts.
NEAR, ABOUT, CLOSE = 0.15, 0.3, 0.45
DENIED = 0.25  # a denial may restate the claim loosely: "rejected opposition claims that ..."
NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozens?)\b",
    re.IGNORECASE,
)


def _denial(doc: SourceDoc, overlaps: list[float], prefer: int, claim_stems: set[str]):
    """(contradicts, passage index, cue) when a passage about the claim denies it: a denial word
    ("rejected opposition claims that ..."), or a negation of the claim's own words ("police did
    not use tear gas")."""
    order = [prefer] + sorted(range(len(overlaps)), key=lambda i: -overlaps[i])
    for index in order[:4]:
        passage = doc.passages[index]
        if overlaps[index] < DENIED or len(claim_stems & passage.stems) < 2:
            continue
        match = measures.DENIAL.search(passage.text)
        if match:
            return Evidence.Stance.CONTRADICTS, index, match.group(0)
        for negation in measures.NEGATION.finditer(passage.text):
            if {stem(w) for w in content_words(negation.group("what"))} & claim_stems:
                return Evidence.Stance.CONTRADICTS, index, negation.group(0)
    return None


@dataclass(frozen=True)
class ClaimFigure:
    value: float
    unit: str
    text: str
    measure_stems: frozenset[str]
    name_stems: frozenset[str] = frozenset()


def _claim_figure(claim: ClaimInfo) -> ClaimFigure | None:
    """The claim's main quantity: stored on the claim, else parsed from its text, with the
    words that say what it measures."""
    parsed = _parsed_figures(claim.text)
    if claim.value is not None:
        found = next((q for q in parsed if measures.same_value(q[0], claim.value, 0.01)), None)
        value, unit = claim.value, claim.unit
        text = found[2] if found else f"{claim.value:,.10g}"
        stems = found[3] if found else frozenset()
    elif parsed:
        value, unit, text, stems = parsed[0]
    else:
        return None
    names = frozenset(stem(w) for w in content_words(claim.text) if w[0].isupper() and w not in _CALENDAR)
    return ClaimFigure(value, unit, text, stems, names)


@lru_cache(maxsize=50_000)
def _parsed_figures(text: str) -> tuple:
    if not re.search(r"\d", text) and not NUMBER_WORD.search(text) and "half" not in text.lower():
        return ()  # no figure to parse: spare quantulum
    try:
        parsed = parse_quantities(text)
    except Exception:  # the parser on odd text: treat as a claim without a figure
        return ()
    return tuple((q.value, q.unit, q.text, _measure_stems(text, q)) for q in parsed)


def _measure_stems(text: str, q) -> frozenset[str]:
    """What the claim's figure measures, in lower-case words near it ("turnout", "evacuated")."""
    unit_stems = {stem(w) for w in q.unit.split()}
    near = measures.measure_words(text, q.start, q.end, stem, before=6, names_out=True)
    return frozenset(s for s in near if s not in unit_stems and s not in _STEM_STOPWORDS and len(s) > 2)


def _figure_relation(claim: ClaimInfo, doc: SourceDoc, overlaps: list[float], shared_counts: list[int]):
    """(stance, quantity, claim figure text, passage index) for the source's figure of the claim's measure."""
    figure = _claim_figure(claim)
    if figure is None:
        return None
    tolerance = settings.FACTDESK["MATCH_FIGURE_TOLERANCE"]
    relevant = [i for i, o in enumerate(overlaps) if o >= NEAR and shared_counts[i] >= 2]
    relevant = sorted(relevant, key=lambda i: -overlaps[i])[:6]
    same = negated = None
    rivals = []  # (fit, quantity, passage index): different values of the claim's measure
    for index in relevant:
        passage = doc.passages[index].text
        previous_end = 0
        for q in doc.figures(index):
            # A bare figure is named by the words since the previous figure: "3,412 and the death toll rising to 58".
            nearby = measures.nouns_near(passage, max(previous_end, q.start - 100), q.start)
            previous_end = q.end
            agrees = measures.unit_agrees(figure.unit, q.unit, q.text, nearby)
            if measures.is_history(passage, q.start):
                continue  # "up from 76,000": history, not the source's own figure
            if measures.same_value(q.value, figure.value, tolerance):
                if agrees is None:  # the same number: "the 6.8-magnitude quake" may name it just after
                    nearby |= measures.nouns_near(passage, q.start, q.start, q.end + 20)
                    agrees = measures.unit_agrees(figure.unit, q.unit, q.text, nearby)
                if agrees is False and not (
                    measures.alike_for_same_value(figure.unit, q.unit, q.text)
                    or (overlaps[index] >= ABOUT and measures.distinctive(q.value))
                ):
                    continue  # "34 pupils" is not "34 deaths"; "310,000 homes" in a sentence about it is "310,000 customers"
                if measures.is_negated(passage, q.start):
                    negated = negated or (q, index)
                elif agrees or overlaps[index] >= ABOUT:
                    same = same or (q, index)
                continue
            # A different value counts only for the claim's own measure, in a passage about the claim
            # (or one that reports its change: "the jobless rate edged down to 4.2 percent").
            if not (agrees or (agrees is None and not figure.unit)):
                continue
            around = measures.measure_words(passage, q.start, q.end, stem)
            # Rare words weigh more: "turnout" says more than "election" in a story about an election.
            shared = sum(1 / doc.spread(s) for s in measures.alike_stems(figure.measure_stems, around))
            # A loose paraphrase still counts when it names the same measure of the same place:
            # "121,000 people have now left or been evacuated from the Kursk border areas".
            same_thing = agrees is True and shared > 0 and bool(figure.name_stems & doc.passages[index].stems)
            changed = measures.reports_change(passage, q.start, q.end)
            if overlaps[index] < ABOUT and not (changed or same_thing):
                continue
            if measures.is_generic(figure.unit) and overlaps[index] < CLOSE and not shared:
                # "48 percent of ballots" is not the claim's "61.2 percent turnout" (unless the
                # sentence repeats half the claim: "people ... moved out of Kerevan's districts").
                continue
            rivals.append(((bool(agrees), shared, overlaps[index]), q, index))
    if negated:
        q, index = negated
        return Evidence.Stance.CONTRADICTS, q, figure.text, index
    different = max(rivals, key=lambda r: r[0])[1:] + (False,) if rivals else None
    if different:
        q, index, negated = different
        passage = doc.passages[index].text
        source_day = q.as_of or doc.when.date()
        changed = measures.reports_change(passage, q.start, q.end)
        newer = claim.as_of is None or source_day > claim.as_of
        if negated or (measures.disputes(passage, q.start, q.end) and not changed):
            return Evidence.Stance.CONTRADICTS, q, figure.text, index
        if not same or changed:
            later = claim.as_of is None or (source_day - claim.as_of).days >= UPDATE_AFTER_DAYS
            stance = Evidence.Stance.UPDATES if newer and (changed or later) else Evidence.Stance.CONTRADICTS
            return stance, q, figure.text, index
    if same:
        q, index = same
        return Evidence.Stance.SUPPORTS, q, figure.text, index
    return None


# A different figure published this many days after the claim's is a newer value, not a rival one.
UPDATE_AFTER_DAYS = 3


def _mentions(lowered: str, name: str) -> bool:
    name = name.strip().lower()
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", lowered) is not None


def _day(value) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _moment(day: date | None) -> datetime | None:
    return datetime.combine(day, time(12), tzinfo=UTC) if day else None
