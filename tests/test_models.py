"""Database constraints that make bad states impossible."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import (
    Activity,
    Claim,
    Claimant,
    ClaimantAlias,
    Comment,
    ConflictError,
    Evidence,
    Mention,
    Source,
    Story,
    Verification,
)
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory


def violates(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_mention_span_must_be_unique_per_story(claim, story):
    m = claim.mentions.get()
    violates(lambda: Mention.objects.create(story=story, claim=ClaimFactory(), start=m.start, end=m.end, quote="x"))


def test_mention_end_must_follow_start(story):
    violates(lambda: Mention.objects.create(story=story, claim=ClaimFactory(), start=10, end=10, quote=""))


def test_evidence_once_per_claim_and_source(db):
    evidence = EvidenceFactory()
    violates(lambda: Evidence.objects.create(claim=evidence.claim, source=evidence.source, stance="supports"))


def test_evidence_score_stays_between_zero_and_one(db):
    violates(lambda: EvidenceFactory(matcher_score=1.5))


def test_source_needs_url_text_or_file(db):
    violates(lambda: Source.objects.create(title="empty"))


def test_feed_entry_becomes_a_source_once(db):
    from claims.models import Feed

    feed = Feed.objects.create(url="https://example.org/rss")
    SourceFactory(feed=feed, feed_entry_id="entry-1")
    violates(lambda: SourceFactory(feed=feed, feed_entry_id="entry-1"))


def test_published_story_needs_a_publication_time(reporter):
    violates(lambda: Story.objects.create(headline="h", body="b", owner=reporter, state="published"))


def test_verdict_cannot_be_approved_by_its_author(claim, checker, rating_false):
    violates(
        lambda: Verification.objects.create(
            claim=claim,
            rating=rating_false,
            rationale="r",
            author=checker,
            approved_by=checker,
            approved_at=timezone.now(),
            state="approved",
        )
    )


def test_approved_verdict_needs_an_approver(claim, checker, rating_false):
    violates(
        lambda: Verification.objects.create(
            claim=claim, rating=rating_false, rationale="r", author=checker, state="approved"
        )
    )


def test_only_one_approved_verdict_per_claim(claim, checker, editor, rating_false):
    kwargs = dict(
        claim=claim,
        rating=rating_false,
        rationale="r",
        author=checker,
        approved_by=editor,
        approved_at=timezone.now(),
        state="approved",
    )
    Verification.objects.create(**kwargs)
    violates(lambda: Verification.objects.create(**kwargs))


def test_quantity_value_only_on_quantity_claims(db):
    violates(lambda: ClaimFactory(kind="event", quantity_value=3))


def test_comment_is_on_a_story_or_a_claim_not_both(claim, story, reporter):
    violates(lambda: Comment.objects.create(story=story, claim=claim, author=reporter, body="x"))
    violates(lambda: Comment.objects.create(author=reporter, body="x"))


def test_claimant_aliases_are_unique_ignoring_case(db):
    c = Claimant.objects.create(name="Russian Ministry of Defence")
    ClaimantAlias.objects.create(claimant=c, alias="Russia's defense ministry")
    violates(lambda: ClaimantAlias.objects.create(claimant=c, alias="RUSSIA'S DEFENSE MINISTRY"))


def test_activity_is_append_only(claim):
    from claims.activity import record

    entry = record("test", "did", claim)
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert Activity.objects.filter(pk=entry.pk).exists()


def test_versioned_save_refuses_a_stale_version(story):
    first = Story.objects.get(pk=story.pk)
    second = Story.objects.get(pk=story.pk)
    first.headline = "First editor's headline"
    first.save_versioned(first.version, ["headline"])
    second.headline = "Second editor's headline"
    with pytest.raises(ConflictError) as exc:
        second.save_versioned(second.version, ["headline"])
    assert exc.value.current.headline == "First editor's headline"
    assert Story.objects.get(pk=story.pk).headline == "First editor's headline"


def test_claim_and_story_have_urls(claim, story):
    assert claim.get_absolute_url() == f"/claims/{claim.pk}/"
    assert story.get_absolute_url() == f"/stories/{story.pk}/"


def test_claim_text_key_is_folded_for_matching(db):
    claim = ClaimFactory(text="  Over 76,000   people\nevacuated ")
    assert Claim.objects.get(pk=claim.pk).text_key == "over 76,000 people evacuated"


def test_every_constraint_explains_itself_in_words_not_its_name():
    """A form (the admin's, or any full_clean) shows a constraint's message: never "mention_valid_span"."""
    from django.apps import apps

    constraints = [c for model in apps.get_app_config("claims").get_models() for c in model._meta.constraints]
    assert len(constraints) >= 20
    for constraint in constraints:
        message = constraint.get_violation_error_message()
        assert constraint.name not in message and "_" not in message, (constraint.name, message)
        assert message.endswith("."), (constraint.name, message)


def test_a_mark_with_no_words_is_refused_with_a_sentence(story, claim):
    from django.core.exceptions import ValidationError

    from claims.models import Mention

    mention = Mention(story=story, claim=claim, start=5, end=5, quote="")
    with pytest.raises(ValidationError) as refused:
        mention.validate_constraints()
    assert refused.value.messages == ["A claim mark must cover at least one character: its end comes after its start."]
