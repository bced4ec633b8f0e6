"""Comments on stories and claims, with @mentions that notify."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower

from . import permissions
from .activity import record
from .models import Claim, Comment, Notification, Story

# "@chk", "@ed2," and "(@ed.)" mention; "name@example.org" does not.
MENTION_RE = re.compile(r"(?<![\w@])@([\w][\w.+-]*)")


def mentioned_usernames(body: str) -> list[str]:
    """The usernames a comment mentions, lower-cased, in order, without repeats."""
    seen = []
    for match in MENTION_RE.finditer(body):
        name = match.group(1).rstrip(".-+").lower()
        if name and name not in seen:
            seen.append(name)
    return seen


def add_comment(user, *, body: str, claim: Claim | None = None, story: Story | None = None) -> Comment:
    if not permissions.can_comment(user):
        raise PermissionDenied("Only desk members comment.")
    if (claim is None) == (story is None):
        raise ValueError("A comment is on a story or on a claim.")
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write something first."})
    names = mentioned_usernames(body)
    people = []
    if names:
        # Only desk members can be notified: an outsider account learns nothing from a mention.
        people = [
            u
            for u in get_user_model()
            .objects.annotate(lname=Lower("username"))
            .filter(lname__in=names, is_active=True)
            .prefetch_related("groups")
            if permissions.is_member(u)
        ]
    target = claim or story
    with transaction.atomic():
        comment = Comment.objects.create(author=user, body=body, claim=claim, story=story)
        if people:
            comment.mentioned.set(people)
        where = f"claim #{claim.pk}" if claim else f"“{story.headline[:80]}”"
        Notification.objects.bulk_create(
            Notification(
                recipient=person,
                kind=Notification.Kind.MENTION,
                claim=claim,
                story=story,
                url=target.get_absolute_url(),
                message=f"{user.get_username()} mentioned you on {where}: {body[:300]}",
            )
            for person in people
            if person.pk != user.pk
        )
        record(
            user,
            "commented",
            target,
            claim=claim,
            story=story,
            reason=body[:200],
            data={"mentioned": [p.get_username() for p in people]},
        )
    return comment
