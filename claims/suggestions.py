"""Storing the claim finder's suggestions for a story."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from .activity import record
from .models import ClaimSuggestion, Mention, Story

ACTOR = "job:suggest_claims"


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
    spans already covered by a mention are not suggested again. A long story keeps its best
    suggestions only (finder.ranked_for_desk); when the finder's time budget runs out it keeps
    what it found so far and the story's activity log says how far it read.
    """
    from .finder import find_claims, ranked_for_desk

    reference = story.published_at.date() if story.published_at else story.created_at.date()
    budget = settings.FACTDESK["FINDER_TIME_BUDGET_SECONDS"]
    run = find_claims(story.body, reference_date=reference, time_budget=budget)
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        ClaimSuggestion.objects.filter(story=story, state=ClaimSuggestion.State.OPEN).delete()
        decided = set(ClaimSuggestion.objects.filter(story=story).values_list("start", "end"))
        mentions = list(Mention.objects.filter(story=story).values_list("start", "end"))
        fresh = [
            s
            for s in run.suggestions
            if (s.start, s.end) not in decided
            and not any(m_start < s.end and s.start < m_end for m_start, m_end in mentions)
        ]
        rows = []
        for s in ranked_for_desk(fresh, story.body):
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
        if run.stopped_early:
            record(
                ACTOR,
                "claim finder stopped early",
                story,
                story=story,
                reason=(
                    f"read {run.read_to:,} of {len(story.body):,} characters in its "
                    f"{budget:g} s budget; the rest has no suggestions"
                ),
                data={"read_to": run.read_to, "length": len(story.body), "seconds": round(run.seconds, 2)},
            )
        return ClaimSuggestion.objects.bulk_create(rows)
