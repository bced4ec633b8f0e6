"""The first step: which open claims a source might bear on.

Two cheap probes, joined: the claims whose sentence vector is closest to one of the
source's passages (index.py: one matrix product over every open claim, any language), and
the claims that share the source's proper names (PostgreSQL: a stored tsvector over the
claim's text and context with a GIN index; SQLite: LIKE). Names are few and rare, so the
full-text query ranks a few hundred rows, not the thousands that a source's common words
match. Only these candidates pay for figure parsing.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import connection
from django.db.models import Q

from ..models import Claim
from .index import nearest_claims
from .text import content_words, stem


def candidate_claim_ids(text: str, vectors=None) -> list[int]:
    """Closest by embedding first (when the source's passage vectors are given), then by names."""
    conf = settings.FACTDESK
    close = nearest_claims(vectors, conf["MATCH_CANDIDATES"]) if vectors is not None else []
    named = lexical_candidates(name_terms(text), conf["MATCH_NAMED_CANDIDATES"])
    return list(dict.fromkeys(close + named))


def name_terms(text: str, limit: int = 4) -> list[str]:
    """The source's proper names, most frequent first ("Gansu", "Qinghai", "Xinhua"); a source
    naming fewer gets its most frequent other words, so a claim still waiting for its
    embedding can be found."""
    names: dict[str, int] = {}
    words: dict[str, int] = {}
    for sentence in re.split(r"(?<=[.!?])\s+", text[:200_000]):
        for i, word in enumerate(content_words(sentence)):
            key = re.sub(r"[^\w]", "", word.lower())
            if len(key) < 3:
                continue
            counts = names if i > 0 and word[0].isupper() else words
            counts[key] = counts.get(key, 0) + 1
    ranked = sorted(names, key=lambda k: -names[k])[:limit]
    return ranked + sorted((w for w in words if w not in names), key=lambda k: -words[k])[: limit - len(ranked)]


def lexical_candidates(terms: list[str], limit: int) -> list[int]:
    if not terms:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The newest claims naming the source's places and parties: ranking every match by
            # ts_rank cost more than the rest of the match at 100,000 claims; the embedding
            # probe already ranks by meaning.
            cursor.execute(
                "SELECT c.id FROM claims_claim c, websearch_to_tsquery('english', %s) q "
                "WHERE c.archived_at IS NULL AND c.search_vector @@ q ORDER BY c.id DESC LIMIT %s",
                [" OR ".join(terms), limit],
            )
            return [row[0] for row in cursor.fetchall()]
    return _candidates_by_overlap(terms, limit)


def _candidates_by_overlap(terms: list[str], limit: int) -> list[int]:
    """The embedded (SQLite) fallback: LIKE on the telling words, ranked by how many stems match."""
    probe = Q()
    for term in terms[:15]:
        probe |= Q(text_key__contains=stem(term)) | Q(context__contains=stem(term))
    wanted = {stem(t) for t in terms}
    rows = Claim.objects.filter(probe, archived_at__isnull=True).values_list("pk", "text", "context")[:5000]
    scored = []
    for pk, text, context in rows:
        shared = len(wanted & {stem(w) for w in content_words(f"{text} {context}")})
        if shared >= 2:
            scored.append((shared, pk))
    scored.sort(reverse=True)
    return [pk for _, pk in scored[:limit]]
