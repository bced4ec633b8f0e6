"""Odd query values (NUL, "²", absurd ids) are ignored or refused – never a server error."""

import pytest
from django.urls import reverse

ODD = ["\x00", "a\x00b", "²", "１２", "9" * 40, "-1"]


@pytest.mark.parametrize("value", ODD)
def test_desk_screens_shrug_off_odd_query_values(client, checker, claim, story, value):
    client.force_login(checker)
    urls = [
        (reverse("story_workspace", args=[story.pk]), {"claim": value}),
        (reverse("claim_panel", args=[claim.pk]), {"story": value}),
        (reverse("suggestion_queue"), {"story": value, "desk": value}),
        (reverse("claim_queue"), {"q": value, "story": value, "claimant": value, "assignee": value}),
        (reverse("source_queue"), {"kind": value, "page": value}),
    ]
    for url, params in urls:
        response = client.get(url, params)
        assert response.status_code in (200, 302, 400), (url, params, response.status_code)


@pytest.mark.parametrize("value", ODD)
def test_exports_refuse_odd_ids_with_a_400(client, editor, story, value):
    client.force_login(editor)
    response = client.get(reverse("export_claims"), {"story": value})
    assert response.status_code == 400
    assert "positive whole number" in response.content.decode()


def test_an_absurd_story_id_in_the_path_is_a_404(client, checker, db):
    client.force_login(checker)
    assert client.get(f"/stories/{'9' * 30}/").status_code == 404


@pytest.mark.parametrize("value", ["9" * 40, "²", "\x00"])
def test_bulk_forms_refuse_odd_ids_without_a_server_error(client, editor, claim, value):
    client.force_login(editor)
    posts = [
        ("claim_queue_bulk", [], {"claims": [value], "action": "priority", "priority": "1"}),
        ("suggestion_bulk_dismiss", [], {"suggestions": [value]}),
        ("claim_edit", [claim.pk], {"version": value, "text": "x"}),
    ]
    for name, args, data in posts:
        response = client.post(reverse(name, args=args), data)
        assert response.status_code in (200, 302, 400, 409, 422), (name, response.status_code)
