"""The permission layer: who may do what."""

import pytest

from claims import permissions
from claims.models import Verification
from tests.factories import StoryFactory


@pytest.fixture
def draft(claim, checker, rating_false):
    return Verification.objects.create(claim=claim, rating=rating_false, rationale="r", author=checker)


def test_anonymous_and_roleless_users_are_not_members(outsider, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.is_member(AnonymousUser())
    assert not permissions.is_member(outsider)


def test_reporter_edits_only_own_stories(reporter, story, editor):
    other = StoryFactory(owner=editor)
    assert permissions.can_edit_story(reporter, story)
    assert not permissions.can_edit_story(reporter, other)


def test_editor_edits_any_story(editor, story):
    assert permissions.can_edit_story(editor, story)


def test_reporter_may_not_review_evidence_or_draft_verdicts(reporter):
    assert not permissions.can_review_evidence(reporter)
    assert not permissions.can_draft_verdict(reporter)


def test_checker_reviews_evidence_and_drafts_verdicts(checker):
    assert permissions.can_review_evidence(checker)
    assert permissions.can_draft_verdict(checker)


def test_only_editors_approve_verdicts(draft, checker, reporter, editor):
    assert permissions.can_approve_verdict(editor, draft)
    assert not permissions.can_approve_verdict(reporter, draft)


def test_editor_never_approves_own_verdict(claim, editor, rating_false):
    own = Verification.objects.create(claim=claim, rating=rating_false, rationale="r", author=editor)
    assert not permissions.can_approve_verdict(editor, own)


def test_only_editors_clear_and_publish(reporter, story, editor):
    assert permissions.can_transition_story(reporter, story, "in_review")
    assert not permissions.can_transition_story(reporter, story, "cleared")
    assert not permissions.can_transition_story(reporter, story, "published")
    assert permissions.can_transition_story(editor, story, "published")


def test_only_editors_manage_feeds(checker, editor):
    assert not permissions.can_manage_feeds(checker)
    assert permissions.can_manage_feeds(editor)


def test_superuser_counts_as_editor(superuser):
    assert permissions.is_editor(superuser)
