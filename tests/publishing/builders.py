"""Helpers that put a claim through the real write paths up to a published verdict."""

from django.utils import timezone

from claims import services
from claims.models import Evidence, Rating, Story


def publish(story: Story, url: str = "https://news.example/river-floods") -> Story:
    Story.objects.filter(pk=story.pk).update(
        state=Story.State.PUBLISHED, published_url=url, published_at=timezone.now()
    )
    story.refresh_from_db()
    return story


def approve(
    claim, author, approver, rating: str = "false", rationale: str = "The council's own figure is 800.", evidence=()
):
    verification = services.draft_verification(
        claim, author, rating=Rating.objects.get(slug=rating), rationale=rationale, evidence=evidence
    )
    return services.approve_verification(verification, approver)


def accepted(evidence: Evidence) -> Evidence:
    Evidence.objects.filter(pk=evidence.pk).update(state=Evidence.State.ACCEPTED, reviewed_at=timezone.now())
    evidence.refresh_from_db()
    return evidence


def publish_alone(verification, editor):
    """Lift the embargo on a verdict whose claim is in no published story."""
    from claims import corrections

    return corrections.standalone_publish(verification, editor)
