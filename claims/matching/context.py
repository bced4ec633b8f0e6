"""What the matcher knows about a candidate claim: its words, the sentence and headline it
sits in, who made it, its figure and date, and its sentence embedding.

A short claim ("killing at least 111 people") says little alone; its sentence ("The quake
killed at least 111 people in Gansu province, state media said") and its story's headline
name the event, the place and the party. Claim.context holds them (set when the claim is
made); older claims fall back to their own text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import numpy as np
from django.db.models.functions import Substr

from ..models import Claim, ClaimantAlias, Mention
from . import embeddings
from .text import anchors, names, own_places, stems

log = logging.getLogger(__name__)

# How much of a story's opening names what it is about (the dateline, the lede).
LEDE_CHARS = 1500


@dataclass
class ClaimInfo:
    pk: int
    text: str
    sentence: str
    headline: str
    claimant_names: list[str]
    value: float | None
    unit: str
    bound: str
    as_of: date | None
    vector: np.ndarray | None = None
    # as_of is the claim's own date or its story's, not merely the day it was typed.
    dated: bool = False
    published_at: datetime | None = None  # when its story first ran
    # The opening of the story the claim was first marked in: the places it is about.
    lede: str = ""
    stems: frozenset[str] = field(default=frozenset())
    own_stems: frozenset[str] = field(default=frozenset())  # of the claim's own words only
    names: frozenset[str] = field(default=frozenset())
    story_names: frozenset[str] = field(default=frozenset())
    own_places: frozenset[str] = field(default=frozenset())
    anchors: frozenset[str] = field(default=frozenset())  # the story names that tell its event apart
    claimant_anchors: frozenset[str] = field(default=frozenset())
    # Names the claim itself gives and its headline does not: what a sub-count is of ("At
    # least 60 Jordanians also died" in a story of 550 pilgrims).
    sub_names: frozenset[str] = field(default=frozenset())

    def __post_init__(self):
        (
            self.own_stems,
            self.stems,
            self.names,
            self.story_names,
            self.own_places,
            self.anchors,
            self.claimant_anchors,
            self.sub_names,
        ) = _words_and_names(self.text, self.sentence, self.headline, self.lede, tuple(self.claimant_names))

    @property
    def embedded_text(self) -> str:
        return self.sentence or self.text


@lru_cache(maxsize=16_384)
def _words_and_names(text: str, sentence: str, headline: str, lede: str, claimant_names: tuple[str, ...]) -> tuple:
    """A claim's words and names, read once per claim: the same candidates come back source after source."""
    own_stems = stems(text)
    claimant_words = stems(" ".join(claimant_names))
    claim_names = names(f"{headline}. {sentence}") - claimant_words
    story_names = claim_names | (lede_names(lede) - claimant_words)
    return (
        own_stems,
        own_stems | stems(sentence),
        claim_names,
        story_names,
        own_places(sentence) - claimant_words,
        anchors(story_names, f"{headline}. {sentence}\n{lede}"),
        # A place in the claimant's title ("Kerevan regional governor") tells the event apart too.
        anchors(claimant_words),
        anchors(names(text) - names(f"{headline}.") - claimant_words),
    )


@lru_cache(maxsize=4096)
def lede_names(lede: str) -> frozenset[str]:
    """A story's opening is read for every claim marked in it, source after source: once."""
    return names(lede)


def split_context(text: str, context: str) -> tuple[str, str]:
    """(headline, sentence) from Claim.context: the headline, a newline, then the sentence."""
    if not context.strip():
        return "", text
    headline, _, sentence = context.partition("\n")
    return headline.strip(), (sentence.strip() or text)


def load_claims(ids: list[int]) -> list[ClaimInfo]:
    rows = list(
        Claim.objects.filter(pk__in=ids).values(
            "pk",
            "text",
            "context",
            "claimant_id",
            "claimant__name",
            "quantity_value",
            "quantity_unit",
            "quantity_bound",
            "as_of",
            "created_at",
            "embedding",
            "embedding_key",
        )
    )
    aliases: dict[int, list[str]] = {}
    for claimant_id, alias in ClaimantAlias.objects.filter(
        claimant_id__in={r["claimant_id"] for r in rows if r["claimant_id"]}
    ).values_list("claimant_id", "alias"):
        aliases.setdefault(claimant_id, []).append(alias)
    first_story: dict[int, tuple] = {}
    for claim_id, published, lede in (
        Mention.objects.filter(claim_id__in=ids)
        .annotate(lede=Substr("story__body", 1, LEDE_CHARS))
        .values_list("claim_id", "story__published_at", "lede")
    ):
        known = first_story.get(claim_id)
        if known is None or (published and (known[0] is None or published < known[0])):
            first_story[claim_id] = (published, lede)
    infos = []
    for r in rows:
        headline, sentence = split_context(r["text"], r["context"])
        published, lede = first_story.get(r["pk"], (None, ""))
        when = r["as_of"] or _day(published) or _day(r["created_at"])
        claimant = [r["claimant__name"], *aliases.get(r["claimant_id"], [])] if r["claimant__name"] else []
        info = ClaimInfo(
            pk=r["pk"],
            text=r["text"],
            sentence=sentence,
            headline=headline,
            claimant_names=claimant,
            value=r["quantity_value"],
            unit=r["quantity_unit"] or "",
            bound=r["quantity_bound"] or "",
            as_of=when,
            dated=bool(r["as_of"] or published),
            published_at=published,
            lede=lede,
        )
        if r["embedding_key"] == embeddings.key(info.embedded_text):
            info.vector = embeddings.from_bytes(r["embedding"])
        infos.append(info)
    embed_missing(infos)
    return infos


def embed_missing(infos: list[ClaimInfo]) -> None:
    """Claims made before their embedding job ran get their vector now, and keep it."""
    missing = [info for info in infos if info.vector is None]
    if not missing:
        return
    vectors = embeddings.embed([info.embedded_text for info in missing])
    for info, vector in zip(missing, vectors, strict=True):
        info.vector = vector
    store_vectors([(info.pk, info.embedded_text, info.vector) for info in missing])


def store_vectors(rows: list[tuple[int, str, np.ndarray]]) -> None:
    """Keep computed vectors on their claims (a derived field: no version bump, no activity)."""
    claims = [Claim(pk=pk, embedding=embeddings.to_bytes(v), embedding_key=embeddings.key(t)) for pk, t, v in rows]
    Claim.objects.bulk_update(claims, ["embedding", "embedding_key"], batch_size=500)


def embed_claims(ids: list[int]) -> int:
    """The embedding job: compute and store the vectors of these claims that lack a current one."""
    rows = Claim.objects.filter(pk__in=ids).values_list("pk", "text", "context", "embedding_key")
    todo = []
    for pk, text, context, stored_key in rows:
        _, sentence = split_context(text, context)
        if stored_key != embeddings.key(sentence):
            todo.append((pk, sentence))
    if todo:
        vectors = embeddings.embed([t for _, t in todo])
        store_vectors([(pk, t, v) for (pk, t), v in zip(todo, vectors, strict=True)])
    return len(todo)


def _day(value) -> date | None:
    return value.date() if isinstance(value, datetime) else value
