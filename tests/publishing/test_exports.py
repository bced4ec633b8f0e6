"""CSV exports: claims and the activity log, for checkers and editors only."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims import exports
from claims.models import Claim
from tests.factories import ClaimFactory


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_checker_exports_claims_with_status_verdict_and_sources(client, verdict, checker):
    client.force_login(checker)
    [row] = rows(client.get(reverse("export_claims")))
    assert row["claim_id"] == str(verdict.claim_id) and row["verdict"] == "False"
    assert row["claimant"] == "County council" and row["status"] == Claim.objects.get(pk=verdict.claim_id).status
    assert "County Gazette (C) contradicts https://gazette.example/minutes" in row["sources"]
    assert "Flood barriers hold" in row["stories"]


def test_export_filters_by_story_and_dates(client, claim, story, checker):
    other = ClaimFactory()
    Claim.objects.filter(pk=other.pk).update(created_at=timezone.now() - timedelta(days=10))
    client.force_login(checker)
    by_story = rows(client.get(reverse("export_claims"), {"story": story.pk}))
    assert [r["claim_id"] for r in by_story] == [str(claim.pk)]
    today = timezone.now().date().isoformat()
    recent = rows(client.get(reverse("export_claims"), {"from": today, "to": today}))
    assert [r["claim_id"] for r in recent] == [str(claim.pk)]
    old_day = (timezone.now() - timedelta(days=10)).date().isoformat()
    assert [r["claim_id"] for r in rows(client.get(reverse("export_claims"), {"to": old_day}))] == [str(other.pk)]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"story": "abc"}, "positive whole number"),
        ({"story": "99999999"}, "No story"),
        ({"story": "9" * 40}, "positive whole number"),
        ({"from": "yesterday"}, "YYYY-MM-DD"),
        ({"from": "2024-05-02", "to": "2024-05-01"}, "must not be after"),
    ],
)
def test_bad_parameters_are_400_with_a_message(client, checker, params, message):
    client.force_login(checker)
    response = client.get(reverse("export_claims"), params)
    assert response.status_code == 400 and message in response.content.decode()


def test_the_widest_date_range_is_no_error(client, checker, claim):
    client.force_login(checker)
    assert len(rows(client.get(reverse("export_claims"), {"from": "0001-01-01", "to": "9999-12-31"}))) == 1


def test_formula_cells_are_neutralised(client, story, checker):
    ClaimFactory(text='=HYPERLINK("http://evil.example","click")')
    ClaimFactory(text="+1 more claim")
    client.force_login(checker)
    texts = {r["text"] for r in rows(client.get(reverse("export_claims")))}
    assert '\'=HYPERLINK("http://evil.example","click")' in texts and "'+1 more claim" in texts


def test_formula_cells_after_a_semicolon_are_neutralised_for_semicolon_locales(client, story, checker):
    claim = ClaimFactory(text='Turnout x;=HYPERLINK("http://evil.example";"click") was reported')
    client.force_login(checker)
    response = client.get(reverse("export_claims"))
    text = b"".join(response.streaming_content).decode()
    [line] = [line for line in text.splitlines() if line.startswith(f"{claim.pk},")]
    # Read as a semicolon-separated file: no cell may start a formula.
    cells = [cell.lstrip(' "') for cell in line.split(";")]
    assert len(cells) > 1 and not any(cell.startswith(("=", "+", "-", "@")) for cell in cells), cells


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+2", "'=1+2"),
        ("+x", "'+x"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        # A spreadsheet set to a semicolon (or reading line by line) starts a new cell after these.
        ("x;=1+1", "x;'=1+1"),
        ("a; +cmd|' /C calc'!A0", "a; '+cmd|' /C calc'!A0"),
        ("a,@SUM(A1)", "a,'@SUM(A1)"),
        ('x;"=1+1', "x;\"'=1+1"),
        ("line one\n-2+3", "line one\n'-2+3"),
        ("x\t=1", "x\t'=1"),
        ("=1;=2", "'=1;'=2"),
        ("costs 5-3; fine; a@b.example", "costs 5-3; fine; a@b.example"),
        (None, ""),
        (42, "42"),
    ],
)
def test_safe_cell(value, expected):
    assert exports.safe_cell(value) == expected


def test_reporters_and_visitors_cannot_export(client, reporter, db):
    assert client.get(reverse("export_claims")).status_code == 302  # to the login page
    client.force_login(reporter)
    assert client.get(reverse("export_claims")).status_code == 403
    assert client.get(reverse("export_activity")).status_code == 403


def test_exports_refuse_post(client, checker):
    client.force_login(checker)
    assert client.post(reverse("export_claims")).status_code == 405


def test_activity_log_export_filters_by_claim(client, verdict, editor):
    client.force_login(editor)
    entries = rows(client.get(reverse("export_activity"), {"claim": verdict.claim_id}))
    verbs = [e["verb"] for e in entries]
    assert "drafted verdict" in verbs and "approved verdict" in verbs
    assert all(e["claim_id"] == str(verdict.claim_id) for e in entries)
    assert client.get(reverse("export_activity"), {"claim": "-1"}).status_code == 400


def test_claims_export_queries_stay_flat(client, checker, story, django_assert_max_num_queries):
    for _ in range(30):
        ClaimFactory()
    client.force_login(checker)
    response = client.get(reverse("export_claims"))
    with django_assert_max_num_queries(8):
        assert len(rows(response)) == 30
