"""Desk membership: reporters and checkers see their desks' stories, claims and activity; editors all."""

import pytest
from django.core.exceptions import PermissionDenied

from claims import desks, permissions, services
from claims.models import Activity, DeskMembership, Mention
from claims.permissions import FACT_CHECKER, REPORTER
from tests.factories import ClaimFactory, StoryFactory, UserFactory


def mention(story, claim):
    Mention.objects.create(story=story, claim=claim, start=0, end=5, quote=story.body[:5])


@pytest.fixture
def sport(db):
    """Another desk's story and claim, and a checker on that desk."""
    sport_checker = UserFactory(username="sport-chk", role=FACT_CHECKER, desks=["Sport"])
    sport_reporter = UserFactory(username="sport-rep", role=REPORTER, desks=["Sport"])
    story = StoryFactory(owner=sport_reporter, desk="Sport", headline="Cup final draws record crowd")
    claim = ClaimFactory(text="A record 90,000 fans attended the final")
    mention(story, claim)
    return {"checker": sport_checker, "reporter": sport_reporter, "story": story, "claim": claim}


def ids(qs):
    return set(qs.values_list("pk", flat=True))


def test_reporters_and_checkers_see_only_their_desks_stories(reporter, checker, story, sport):
    for user in (reporter, checker):
        assert ids(permissions.visible_stories(user)) == {story.pk}
    assert ids(permissions.visible_stories(sport["checker"])) == {sport["story"].pk}


def test_editors_see_every_desk(editor, story, sport):
    assert ids(permissions.visible_stories(editor)) == {story.pk, sport["story"].pk}
    assert sport["claim"] in permissions.visible_claims(editor)


def test_desk_names_match_without_case(checker, sport):
    DeskMembership.objects.create(user=checker, desk="sport")
    checker = type(checker).objects.get(pk=checker.pk)  # fresh: the desks are cached per user object
    assert sport["story"] in permissions.visible_stories(checker)


def test_a_reporter_always_sees_own_stories_and_stories_on_no_desk(reporter, sport):
    own_elsewhere = StoryFactory(owner=reporter, desk="Sport")
    undesked = StoryFactory(owner=sport["reporter"], desk="")
    visible = ids(permissions.visible_stories(reporter))
    assert own_elsewhere.pk in visible and undesked.pk in visible and sport["story"].pk not in visible


def test_claims_follow_the_stories_they_appear_in(checker, claim, sport):
    assert ids(permissions.visible_claims(checker)) == {claim.pk}
    assert not permissions.can_view_claim(checker, sport["claim"])
    mention(StoryFactory(), sport["claim"])  # now also runs on the National desk
    assert permissions.can_view_claim(checker, sport["claim"])
    assert permissions.visible_mentions(checker, sport["claim"].mentions.all()).count() == 1  # not the Sport story


def test_claims_in_no_story_and_claims_assigned_to_me_are_visible(checker, sport):
    loose = ClaimFactory(text="A claim typed in the admin")
    sport["claim"].assignee = checker
    sport["claim"].save()
    assert {loose.pk, sport["claim"].pk} <= ids(permissions.visible_claims(checker))


def test_activity_is_visible_only_when_its_story_and_claim_are(checker, claim, story, sport):
    services.create_claim_from_span(sport["story"], sport["checker"], start=0, end=10)
    services.create_claim_from_span(story, checker, start=0, end=10)
    mine = permissions.visible_activity(checker)
    assert mine.filter(story=story).exists()
    assert not mine.filter(story=sport["story"]).exists()
    assert not mine.filter(claim=sport["claim"]).exists()
    assert Activity.objects.filter(story=sport["story"]).exists()


def test_people_without_a_role_see_nothing(outsider, story):
    assert not permissions.visible_stories(outsider).exists()
    assert not permissions.visible_claims(outsider).exists()


def test_editors_add_and_remove_memberships_and_the_log_says_so(editor, checker):
    membership = desks.add_membership(checker, "  Sport ", editor)
    assert membership.desk == "Sport"
    assert desks.add_membership(checker, "SPORT", editor) == membership  # one per desk, without case
    desks.remove_membership(membership, editor)
    assert not DeskMembership.objects.filter(user=checker, desk="Sport").exists()
    verbs = list(Activity.objects.filter(verb__endswith="desk member").values_list("verb", flat=True))
    assert sorted(verbs) == ["added desk member", "removed desk member"]


def test_only_editors_manage_memberships(checker, reporter):
    for user in (checker, reporter):
        with pytest.raises(PermissionDenied):
            desks.add_membership(reporter, "Sport", user)
