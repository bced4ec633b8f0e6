from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from .. import corrections, filing, permissions, services
from ..models import ClaimSuggestion, CorrectionNotice, Story
from . import serializers
from .common import errors, limit_param, member, offset_param, page, path_id
from .schemas import CorrectionIn, CorrectionOut, StoryIn, StoryOut, StoryPage, SuggestionOut, Text, TransitionIn

router = Router()

StoryState = Literal["draft", "in_review", "cleared", "published", "corrected"]


@router.get("", response={200: StoryPage, **errors(422)})
def list_stories(
    request,
    state: StoryState | None = Query(None),
    desk: Text | None = Query(None, max_length=80),
    needs_correction: bool | None = Query(None),
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """Stories, most recently updated first; archived ones are left out."""
    user = member(request)
    stories = permissions.visible_stories(user, Story.objects.filter(archived_at__isnull=True))
    stories = stories.select_related("owner").order_by("-updated_at", "-pk")
    if state:
        stories = stories.filter(state=state)
    if desk is not None:
        stories = stories.filter(desk__iexact=desk)
    if needs_correction is not None:
        stories = stories.filter(needs_correction=needs_correction)
    return page(stories, limit, offset, serializers.story_summary)


@router.post("", response={201: StoryOut, **errors(422)})
def create_story(request, payload: StoryIn):
    user = member(request)
    story = filing.file_story(user, **payload.dict())
    return Status(201, serializers.story(story))


@router.get("/{story_id}", response={200: StoryOut, **errors(404, 422)})
def get_story(request, story_id: int = path_id()):
    user = member(request)
    return serializers.story(get_object_or_404(permissions.visible_stories(user), pk=story_id))


@router.get("/{story_id}/suggestions", response={200: list[SuggestionOut], **errors(404, 422)})
def story_suggestions(request, story_id: int = path_id(), include_decided: bool = False):
    """The claim finder's suggestions (open ones unless `include_decided`)."""
    user = member(request)
    story = get_object_or_404(permissions.visible_stories(user), pk=story_id)
    suggestions = ClaimSuggestion.objects.filter(story=story).order_by("start")
    if not include_decided:
        suggestions = suggestions.filter(state=ClaimSuggestion.State.OPEN)
    return [
        {
            "id": s.pk,
            "text": s.text,
            "start": s.start,
            "end": s.end,
            "claimant": s.claimant_name or None,
            "kind": s.kind,
            "quantity": s.quantity,
            "score": s.score,
            "reasons": s.reasons,
            "state": s.state,
        }
        for s in suggestions
    ]


@router.post("/{story_id}/transition", response={200: StoryOut, **errors(400, 404, 409, 422)})
def transition_story(request, payload: TransitionIn, story_id: int = path_id()):
    """Move a story along its workflow with the desk's rules: clearing with open warnings
    needs a `reason`; only editors clear and publish; publishing takes `published_url` and
    `published_at`. A story becomes `corrected` only by a correction notice."""
    user = member(request)
    story = get_object_or_404(permissions.visible_stories(user), pk=story_id)
    version = payload.expected_version or story.version
    services.transition_story(
        story,
        user,
        payload.state,
        expected_version=version,
        reason=payload.reason,
        confirmed=bool(payload.reason.strip()),
        published_url=payload.published_url,
        published_at=payload.published_at,
    )
    return serializers.story(Story.objects.get(pk=story.pk))


@router.get("/{story_id}/corrections", response={200: list[CorrectionOut], **errors(404, 422)})
def list_corrections(request, story_id: int = path_id()):
    """The story's correction notices, in order (pending ones included for the desk)."""
    user = member(request)
    story = get_object_or_404(permissions.visible_stories(user), pk=story_id)
    notices = CorrectionNotice.objects.filter(story=story).prefetch_related("claims").order_by("sequence")
    return [serializers.correction(n, story) for n in notices]


@router.post("/{story_id}/corrections", response={201: CorrectionOut, **errors(400, 404, 409, 422)})
def create_correction(request, payload: CorrectionIn, story_id: int = path_id()):
    """Write a correction notice on a published story: numbered per story, never deleted.
    An editor's is published at once and makes the story `corrected` (the correction flag
    clears when every flagged claim is named); an owner's waits for an editor."""
    user = member(request)
    story = get_object_or_404(permissions.visible_stories(user), pk=story_id)
    notice = corrections.write_notice(story, user, kind=payload.kind, text=payload.text, claims=payload.claims)
    return Status(201, serializers.correction(notice, Story.objects.get(pk=story.pk)))
