"""Storing the claim finder's suggestions for a story."""

from __future__ import annotations

from django.db import transaction

from .models import ClaimSuggestion, Mention, Story


def quantity_json(quantity) -> dict | None:
    if quantity is None:
        return None
    return {
        "value": quantity.value,
        "unit": quantity.unit,
        "bound": quantity.bound,
        "text": quantity.text,
        "as_of": quantity.as_of.isoformat() if quantity.as_of else None,
    }


def store_suggestions(story: Story) -> list[ClaimSuggestion]:
    """Replace the story's open suggestions with the finder's current ones.

    Accepted and dismissed ones stay (a desk's decision is not undone by a re-run);
    spans already covered by a mention are not suggested again.
    """
    from .finder import suggest_claims

    reference = story.published_at.date() if story.published_at else story.created_at.date()
    found = suggest_claims(story.body, reference_date=reference)
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        ClaimSuggestion.objects.filter(story=story, state=ClaimSuggestion.State.OPEN).delete()
        decided = set(ClaimSuggestion.objects.filter(story=story).values_list("start", "end"))
        mentions = list(Mention.objects.filter(story=story).values_list("start", "end"))
        rows = []
        for s in found:
            if (s.start, s.end) in decided:
                continue
            if any(m_start < s.end and s.start < m_end for m_start, m_end in mentions):
                continue
            rows.append(
                ClaimSuggestion(
                    story=story,
                    text=s.text,
                    start=s.start,
                    end=s.end,
                    claimant_name=(s.claimant or "")[:200],
                    kind=s.kind,
                    quantity=quantity_json(s.quantity),
                    score=round(s.score, 3),
                    reasons=list(s.reasons),
                )
            )
        return ClaimSuggestion.objects.bulk_create(rows)
