"""Comments with @mentions (claims/comments.py), as the panel and the story use them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.comments import add_comment, mentioned_usernames
from claims.models import Activity, Notification


def test_it_finds_mentions_but_not_email_addresses():
    body = "@Ed, @chk. and (@rep) — not me@example.org, nor @@x; again @ed"
    assert mentioned_usernames(body) == ["ed", "chk", "rep"]


def test_it_notifies_each_mentioned_desk_member_once_and_not_the_author(checker, editor, outsider, claim):
    comment = add_comment(checker, body="@ed @ED @chk @nobody please look", claim=claim)
    assert set(comment.mentioned.all()) == {editor, checker}  # outsiders are not desk members
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["ed"]
    assert sorted(Activity.objects.get(verb="commented").data["mentioned"]) == ["chk", "ed"]


def test_it_refuses_blank_comments_and_outsiders(checker, outsider, story):
    with pytest.raises(ValidationError):
        add_comment(checker, body="   ", story=story)
    with pytest.raises(PermissionDenied):
        add_comment(outsider, body="hi", story=story)
