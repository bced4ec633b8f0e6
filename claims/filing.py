"""Filing a story: the one write path for a new story, from the desk's form, a paste or the API."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from . import outbox, permissions
from .activity import record
from .models import Story

SUGGEST_TASK = "claims.tasks.suggest_claims_for_story"
HEADLINE_MAX = 300
BYLINE = re.compile(r"^\s*by\s+(?P<name>[^\n]{2,190})$", re.IGNORECASE)


def file_story(
    user, *, headline: str, body: str, desk: str = "", byline: str = "", published_url: str = "", published_at=None
) -> Story:
    """Create the story owned by `user` and start the claim finder on it (after commit)."""
    if not permissions.can_create_story(user):
        raise PermissionDenied("You may not file stories.")
    headline, body = " ".join((headline or "").split()), (body or "").strip()
    if not headline:
        raise ValidationError({"headline": "A story needs a headline."})
    if not body:
        raise ValidationError({"body": "A story needs its text."})
    if published_at is not None:
        from .published import publication_time_error

        error = publication_time_error(published_at, timezone.now())
        if error:
            raise ValidationError({"published_at": error})
    with transaction.atomic():
        story = Story.objects.create(
            owner=user,
            headline=headline[:HEADLINE_MAX],
            body=body,
            desk=(desk or "").strip(),
            byline=(byline or "").strip(),
            published_url=published_url or "",
            published_at=published_at,
        )
        record(user, "filed story", story, story=story)
        outbox.schedule(SUGGEST_TASK, story.pk)
    return story


def split_pasted(text: str) -> dict:
    """Headline, byline and body from plain pasted copy.

    A short first line without a closing full stop is the headline and a following "By …"
    line the byline; wire copy that starts straight with its text gets its first sentence,
    shortened, as a headline the reporter can change later.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    lines = text.split("\n")
    first = lines[0].strip() if lines else ""
    out = {"headline": "", "byline": "", "body": text}
    if first and len(first) <= 200 and not first.endswith((".", "!", "?", '"', "”")):
        out["headline"] = first
        rest = lines[1:]
        while rest and not rest[0].strip():
            rest.pop(0)
        if rest and BYLINE.match(rest[0]):
            out["byline"] = BYLINE.match(rest[0]).group("name").strip()
            rest = rest[1:]
        out["body"] = "\n".join(rest).strip()
    else:
        sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
        out["headline"] = sentence if len(sentence) <= 120 else sentence[:117].rsplit(" ", 1)[0] + "…"
    return out


def suggestions_running(story_id: int) -> bool:
    """Whether the claim finder's job for this story is still queued or running."""
    from .models import OutboxJob

    return OutboxJob.objects.filter(key=outbox.job_key(SUGGEST_TASK, [story_id]), done_at__isnull=True).exists()
