"""The cheap first step: which open claims a source might bear on.

PostgreSQL: a stored tsvector over the claim's text (weight A) and its context (weight B)
with a GIN index, queried with the source's most telling words. SQLite: LIKE on those
words, ranked by how many stems a claim shares. Only this shortlist pays for embeddings
and figure parsing.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import connection
from django.db.models import Q

from ..models import Claim
from .text import content_words, stem


def query_terms(text: str, limit: int = 24) -> list[str]:
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
