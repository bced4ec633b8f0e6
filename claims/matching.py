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

from .finder import parse_quantities
from .finder.quantities import singular
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
DENIAL = re.compile(
    r"\b(denied|denies|deny|denying|false(?:ly)?|untrue|not true|did not|didn't|does not|doesn't|has not|"
    r"hasn't|no evidence|baseless|unfounded|fabricated|fake|debunked|refuted|rejected the (?:claim|report)|"
    r"dismissed (?:the )?(?:claim|report)s?)\b",
    re.IGNORECASE,
)
# "up from 76,000", "rose from 76,000": the source repeats the old figure as history.
PREVIOUS_FIGURE = re.compile(r"\b(?:from|previously|earlier|before|prior)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
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


def match_source(source: Source) -> list[Proposal]:
    """Proposals for the claims this source bears on, best first."""
    if not source.text.strip():
        return []
    doc = SourceDoc.of(source)
    if not doc.passages:
        return []
    conf = settings.FACTDESK
    # Rank by wording first (cheap); only the best get the figure and name checks (quantulum is slow).
    claims = sorted(load_claims(candidate_claim_ids(source.text)), key=lambda c: -_wording_overlap(c, doc))
    proposals = [p for info in claims[: conf["MATCH_SCORED"]] if (p := score_claim(info, doc))]
    proposals = [p for p in proposals if p.score >= conf["MATCH_MIN_SCORE"]]
    proposals.sort(key=lambda p: -p.score)
    return proposals[: conf["MATCH_MAX_PER_SOURCE"]]


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
    overlaps = [len(claim_stems & p.stems) / len(claim_stems) for p in doc.passages]
    best = max(range(len(overlaps)), key=lambda i: overlaps[i])
    passage_overlap = overlaps[best]
    shared_stems = claim_stems & doc.stems
    doc_overlap = len(shared_stems) / len(claim_stems)
    if len(claim_stems & doc.passages[best].stems) < 2 or passage_overlap < 0.3:
        return None
    text_score = 0.6 * passage_overlap + 0.4 * doc_overlap

    claimant = next((n for n in claim.claimant_names if _mentions(doc.lowered, n)), None)
    names = [w for w in dict.fromkeys(words) if w[0].isupper() and stem(w) in shared_stems]
    shared_words = [w for w in dict.fromkeys(words) if stem(w) in doc.passages[best].stems]
    reasons: list[str] = []

    # Parse the claim's figure only when the source has figures where it talks about the claim.
    figures_near = any(o >= 0.34 and any(ch.isdigit() for ch in doc.passages[i].text) for i, o in enumerate(overlaps))
    has_figure = (claim.value is not None) or (figures_near and _claim_figure(claim) is not None)
    figure = _figure_relation(claim, doc, overlaps) if has_figure and figures_near else None
    excerpt_index = figure[3] if figure else best
    excerpt = doc.passages[excerpt_index].text[:600]
    denial = DENIAL.search(doc.passages[excerpt_index].text)
    observed_value = observed_at = None
    if denial and overlaps[excerpt_index] >= 0.4:
        stance = Evidence.Stance.CONTRADICTS
        reasons.append(f"denial: “{denial.group(0)}”")
    elif figure:
        stance, quantity, claim_q, _index = figure
        if stance == Evidence.Stance.SUPPORTS:
            reasons.append(f"same figure: {quantity.text}")
        elif stance == Evidence.Stance.UPDATES:
            observed_value = quantity.value
            observed_at = _moment(quantity.as_of) or doc.when
            reasons.append(f"newer figure: {quantity.text} (claim: {claim_q})")
        else:
            observed_value = quantity.value
            observed_at = _moment(quantity.as_of) or doc.when
            reasons.append(f"different figure: {quantity.text} (claim: {claim_q})")
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
    if stance == Evidence.Stance.CONTRADICTS and denial:
        score = max(score, 0.5 * text_score + 0.3)
    return Proposal(
        claim_id=claim.pk,
        stance=stance,
        score=round(min(1.0, max(0.0, score)), 3),
        reason="; ".join(reasons)[:500],
        excerpt=excerpt,
        observed_value=observed_value,
        observed_at=observed_at,
    )


def _claim_figure(claim: ClaimInfo):
    """The claim's main quantity (value, unit, text): stored on the claim, else parsed from its text."""
    if claim.value is not None:
        return claim.value, claim.unit, f"{claim.value:,.10g}"
    return _parsed_figure(claim.text)


@lru_cache(maxsize=50_000)
def _parsed_figure(text: str):
    if not re.search(
        r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|billion|half)\b",
        text,
        re.IGNORECASE,
    ):
        return None  # no figure to parse: spare quantulum
    try:
        parsed = parse_quantities(text)
    except Exception:  # the parser on odd text: treat as a claim without a figure
        return None
    return (parsed[0].value, parsed[0].unit, parsed[0].text) if parsed else None


def _figure_relation(claim: ClaimInfo, doc: SourceDoc, overlaps: list[float]):
    """(stance, quantity, claim figure text, passage index) for the source's figure of the claim's measure."""
    value, unit, claim_text = _claim_figure(claim)
    tolerance = settings.FACTDESK["MATCH_FIGURE_TOLERANCE"]
    # Only passages about the same thing: they repeat a good part of the claim's wording.
    relevant = sorted((i for i, o in enumerate(overlaps) if o >= 0.34), key=lambda i: -overlaps[i])[:4]
    same = different = None
    for index in relevant:
        passage = doc.passages[index].text
        nouns = {singular(w) for w in _WORD.findall(passage)}
        for q in doc.figures(index):
            if not _same_measure(unit, q.unit):
                continue
            # "has reached 121,000": a bare figure is the claim's measure when the passage names it.
            q_unit = q.unit or (unit if unit and unit in nouns else "")
            if PREVIOUS_FIGURE.search(passage[max(0, q.start - 40) : q.start]):
                continue  # "up from 76,000": history, not the source's own figure
            if abs(q.value - value) <= tolerance * max(abs(q.value), abs(value), 1e-9):
                same = same or (q, index)
            elif q_unit == unit:
                different = different or (q, index)
    if different:
        q, index = different
        source_day = q.as_of or doc.when.date()
        newer = claim.as_of is None or source_day > claim.as_of
        if newer or not same:
            stance = Evidence.Stance.UPDATES if newer else Evidence.Stance.CONTRADICTS
            return stance, q, claim_text, index
    if same:
        q, index = same
        return Evidence.Stance.SUPPORTS, q, claim_text, index
    return None


def _same_measure(claim_unit: str, unit: str) -> bool:
    # A bare "76,000" in the source may be the claim's "76,000 people"; figures with units must agree.
    return claim_unit == unit or not unit or not claim_unit


def _mentions(lowered: str, name: str) -> bool:
    name = name.strip().lower()
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", lowered) is not None


def _day(value) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _moment(day: date | None) -> datetime | None:
    return datetime.combine(day, time(12), tzinfo=UTC) if day else None
