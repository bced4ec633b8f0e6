"""Correcting a published story: the text edit, its claim marks and the numbered notice.

The rules, in one place for the desk, the API and the admin:
- Only a published (or already corrected) story is corrected; an editor, or the story's
  owner for an editor's approval, does it.
- Every claim mark on words the edit rewrites is either re-anchored to the new words or
  explicitly unmarked; nothing is moved silently.
- A notice (correction, clarification, update, retraction) is numbered per story and never
  deleted. Publishing it makes the story "corrected"; the correction flag clears only when
  every claim that raised it is named by a notice published since the flag went up.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import outbox, permissions
from .activity import record
from .models import Claim, CorrectionNotice, Mention, Notification, Story, text_key
from .offsets import propose_anchor, relocate

TEXT_MAX = 5000
UNMARK = "unmark"


@dataclass
class AffectedMark:
    """A claim mark whose words the edit rewrites, with where they seem to have gone."""

    mention: Mention
    proposed: tuple[int, int] | None
    proposed_text: str


def can_correct(user, story: Story) -> bool:
    return permissions.is_editor(user) or (permissions.is_member(user) and story.owner_id == user.pk)


def bad_claims(story: Story) -> list[Claim]:
    from .services import BAD_STATUSES

    return list(Claim.objects.filter(mentions__story=story, status__in=BAD_STATUSES).distinct().order_by("pk"))


def unresolved_claims(story: Story) -> list[Claim]:
    """Bad claims in the story that no notice published since the flag went up names."""
    named = CorrectionNotice.objects.filter(story=story, state=CorrectionNotice.State.PUBLISHED)
    if story.flagged_at:
        named = named.filter(published_at__gte=story.flagged_at)
    named_ids = set(named.values_list("claims", flat=True))
    return [c for c in bad_claims(story) if c.pk not in named_ids]


def affected_marks(story: Story, new_body: str) -> list[AffectedMark]:
    """The marks an edit to `new_body` would orphan, each with a proposed new anchor."""
    out = []
    for mention in Mention.objects.filter(story=story).select_related("claim").order_by("start"):
        if relocate(mention.quote, mention.start, new_body) is None:
            proposed = propose_anchor(story.body, new_body, mention.start, mention.end)
            text = new_body[proposed[0] : proposed[1]] if proposed else ""
            out.append(AffectedMark(mention, proposed, text))
    return out


def correct_story(
    story: Story,
    user,
    *,
    expected_version: int,
    kind: str,
    text: str,
    claims=(),
    body: str | None = None,
    anchors: dict | None = None,
) -> CorrectionNotice:
    """Edit a published story's text (optional) and write its correction notice, atomically.

    `anchors` maps a mention id to (start, end) in the new body, or to UNMARK; every mark
    the edit orphans must have one. An editor's notice is published at once.
    """
    if not can_correct(user, story):
        raise PermissionDenied("Only an editor or the story's owner may correct this story.")
    if not story.is_published:
        raise ValidationError("Only a published story is corrected; edit the draft instead.")
    kind, text = _valid_notice(kind, text)
    anchors = anchors or {}
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        if not story.is_published:
            raise ValidationError("Only a published story is corrected; edit the draft instead.")
        if story.version != expected_version:
            from .models import ConflictError

            raise ConflictError(story, story)
        marked_before = set(Mention.objects.filter(story=story).values_list("claim_id", flat=True))
        named = _named_claims(claims, marked_before)
        if body is not None and body != story.body:
            _apply_body(story, user, body, anchors)
        else:
            Story.objects.filter(pk=story.pk).update(version=story.version + 1, updated_at=timezone.now())
            story.version += 1
        notice = _new_notice(story, user, kind, text, named)
        if permissions.is_editor(user):
            publish_notice(notice, user, _locked=story)
        else:
            record(user, "drafted correction", story, story=story, reason=f"{notice} awaits an editor")
    return notice


def write_notice(story: Story, user, *, kind: str, text: str, claims=()) -> CorrectionNotice:
    """A notice without a text edit (the API's POST /stories/{id}/corrections)."""
    return correct_story(story, user, expected_version=story.version, kind=kind, text=text, claims=claims)


def approve_notice(notice: CorrectionNotice, user) -> CorrectionNotice:
    if not permissions.is_editor(user):
        raise PermissionDenied("Only editors publish correction notices.")
    with transaction.atomic():
        notice = CorrectionNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.state == CorrectionNotice.State.PUBLISHED:
            return notice
        story = Story.objects.select_for_update().get(pk=notice.story_id)
        Story.objects.filter(pk=story.pk).update(version=story.version + 1, updated_at=timezone.now())
        story.version += 1
        publish_notice(notice, user, _locked=story)
    return notice


def publish_notice(notice: CorrectionNotice, user, *, _locked: Story) -> None:
    """Publish a notice inside the caller's transaction (the story row is locked)."""
    story = _locked
    now = timezone.now()
    notice.state = CorrectionNotice.State.PUBLISHED
    notice.approved_by = user
    notice.published_at = now
    notice.save(update_fields=["state", "approved_by", "published_at"])
    story.refresh_from_db(fields=["flagged_at", "needs_correction", "state"])
    old_state = story.state
    remaining = unresolved_claims(story)
    fields = {"state": Story.State.CORRECTED}
    if story.needs_correction and not remaining:
        fields.update(needs_correction=False, flagged_at=None)
    Story.objects.filter(pk=story.pk).update(**fields)
    for name, value in fields.items():
        setattr(story, name, value)
    still = f"; still flagged for claim(s) {', '.join(f'#{c.pk}' for c in remaining)}" if remaining else ""
    record(
        user,
        "published correction",
        story,
        story=story,
        reason=f"{notice.get_kind_display()} {notice.sequence}: {notice.text[:200]}{still}",
        data={"from": old_state, "to": Story.State.CORRECTED, "sequence": notice.sequence},
    )
    from . import webhooks

    webhooks.queue_story_event(story, "story.corrected", notice=notice)
    notify_story(
        story, f"Correction {notice.sequence} published on “{story.headline[:120]}”", claims=notice.claims.all()
    )


def flag_story(story: Story, claim: Claim | None) -> None:
    """Raise the correction flag (called by the status refresh when a claim turns bad)."""
    now = timezone.now()
    Story.objects.filter(pk=story.pk).update(needs_correction=True, flagged_at=now)
    story.needs_correction, story.flagged_at = True, now
    reason = f"Claim #{claim.pk} is now {claim.status}: {claim.status_reason}" if claim else ""
    record("job:refresh_status", "flagged for correction", story, story=story, claim=claim, reason=reason)
    from . import webhooks

    webhooks.queue_story_event(story, "story.needs_correction", claim=claim)
    notify_story(
        story,
        f"“{story.headline[:120]}” needs a correction: {reason}"[:500],
        claims=[claim] if claim else [],
        kind=Notification.Kind.NEEDS_CORRECTION,
    )


def notify_story(story: Story, message: str, *, claims=(), kind: str = "status") -> None:
    """The story's owner and watchers, and the watchers of the claims concerned."""
    recipients = {story.owner_id}
    recipients.update(story.watchers.values_list("pk", flat=True))
    for claim in claims:
        recipients.update(claim.watchers.values_list("pk", flat=True))
    Notification.objects.bulk_create(
        Notification(recipient_id=uid, kind=kind, message=message[:500], url=story.get_absolute_url(), story=story)
        for uid in sorted(recipients)
    )


def standalone_publish(verification, user):
    """An editor publishes an approved verdict as a fact-check of its own, ahead of any story."""
    if not permissions.is_editor(user):
        raise PermissionDenied("Only editors publish a fact-check on its own.")
    if verification.state != verification.State.APPROVED:
        raise ValidationError("Only an approved verdict can be published.")
    with transaction.atomic():
        updated = (
            type(verification)
            .objects.filter(pk=verification.pk, standalone_at__isnull=True)
            .update(standalone_at=timezone.now())
        )
        if updated:
            record(user, "published fact-check", verification.claim, claim=verification.claim, reason="standalone")
    verification.refresh_from_db(fields=["standalone_at"])
    return verification


# --- helpers ----------------------------------------------------------------------


def _valid_notice(kind: str, text: str) -> tuple[str, str]:
    if kind not in CorrectionNotice.Kind.values:
        raise ValidationError({"kind": f"Choose one of: {', '.join(CorrectionNotice.Kind.values)}."})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write the notice readers will see."})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": f"Keep the notice under {TEXT_MAX} characters."})
    return kind, text


def _named_claims(claims, marked: set[int]) -> list[int]:
    ids = []
    for item in claims:
        pk = item.pk if isinstance(item, Claim) else item
        if pk not in marked:
            raise ValidationError({"claims": f"Claim #{pk} is not marked in this story."})
        if pk not in ids:
            ids.append(pk)
    return ids


def _new_notice(story: Story, user, kind: str, text: str, claim_ids: list[int]) -> CorrectionNotice:
    last = CorrectionNotice.objects.filter(story=story).aggregate(n=Max("sequence"))["n"] or 0
    notice = CorrectionNotice.objects.create(story=story, sequence=last + 1, kind=kind, text=text, author=user)
    notice.claims.set(claim_ids)
    return notice


def _apply_body(story: Story, user, body: str, anchors: dict) -> None:
    """The correction's text edit: unchanged marks move with their words; rewritten ones are
    re-anchored or unmarked as the person chose."""
    if len(body) > Story.BODY_MAX:
        raise ValidationError({"body": f"The story body is limited to {Story.BODY_MAX:,} characters."})
    if not body.strip():
        raise ValidationError({"body": "A corrected story keeps its text; retract it with a notice instead."})
    mentions = list(Mention.objects.select_for_update().filter(story=story).select_related("claim"))
    placed, undecided = [], []
    for mention in mentions:
        start = relocate(mention.quote, mention.start, body)
        if start is not None:
            placed.append((mention, start, start + len(mention.quote), None))
            continue
        choice = anchors.get(mention.pk, anchors.get(str(mention.pk)))
        if choice == UNMARK:
            placed.append((mention, None, None, UNMARK))
        elif choice:
            new_start, new_end = int(choice[0]), int(choice[1])
            if not (0 <= new_start < new_end <= len(body)) or not body[new_start:new_end].strip():
                raise ValidationError({"anchors": f"The new words for claim #{mention.claim_id} are outside the text."})
            placed.append((mention, new_start, new_end, "reanchor"))
        else:
            undecided.append(mention)
    if undecided:
        quoted = "; ".join(f"“{m.quote[:80]}” (claim #{m.claim_id})" for m in undecided[:5])
        raise ValidationError({"anchors": f"Re-anchor or unmark each claim mark whose words changed: {quoted}."})
    spans = sorted((s, e) for _m, s, e, how in placed if how != UNMARK)
    if any(a[1] > b[0] for a, b in zip(spans, spans[1:])):
        raise ValidationError({"anchors": "Two claim marks would overlap in the corrected text."})
    # Park every mark out of the way first, so marks trading places never collide.
    shift = len(story.body) + len(body) + 1
    for mention, *_ in placed:
        Mention.objects.filter(pk=mention.pk).update(start=mention.start + shift, end=mention.end + shift)
    for mention, start, end, how in placed:
        if how == UNMARK:
            mention.delete()
            record(user, "unmarked claim", mention.claim, claim=mention.claim, story=story, reason=mention.quote[:200])
            continue
        quote = body[start:end]
        Mention.objects.filter(pk=mention.pk).update(start=start, end=end, quote=quote)
        if how == "reanchor":
            _reanchor_claim(story, user, mention, body, start, end)
    Story.objects.filter(pk=story.pk).update(body=body, version=story.version + 1, updated_at=timezone.now())
    story.body, story.version = body, story.version + 1
    record(user, "edited story", story, story=story, reason="correction")
    outbox.schedule("claims.tasks.suggest_claims_for_story", story.pk)


def _reanchor_claim(story: Story, user, mention: Mention, body: str, start: int, end: int) -> None:
    """The mark sits on new words. A claim made only here now says what the story says, with
    its figure re-read and dated today; a claim other stories share keeps its text."""
    from .claim_facts import facts_for_span
    from .services import queue_refresh

    claim = mention.claim
    quote = body[start:end]
    record(
        user,
        "re-anchored claim",
        claim,
        claim=claim,
        story=story,
        reason=f"“{mention.quote[:120]}” → “{quote[:120]}”",
    )
    if Mention.objects.filter(claim=claim).exclude(story=story).exists():
        return
    today = timezone.localdate()
    facts = facts_for_span(body, start, end, headline=story.headline, published=today, created=today)
    text = " ".join(quote.split())
    Claim.objects.filter(pk=claim.pk).update(
        text=text,
        text_key=text_key(text),
        quantity_value=facts.value,
        quantity_unit=facts.unit,
        quantity_bound=facts.bound,
        as_of=today,
        context=facts.context,
        version=claim.version + 1,
        updated_at=timezone.now(),
    )
    outbox.schedule("claims.tasks.embed_claim", claim.pk)
    queue_refresh(claim, f"re-anchored in correction of story #{story.pk}")
