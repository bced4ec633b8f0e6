"""The claim page: its mentions across stories, verdict history and figure timeline."""

from datetime import UTC, date, datetime

from django.urls import reverse

from claims import services
from claims.models import Claim, Evidence, Mention, Verification
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory, StoryFactory
from tests.views.conftest import assert_csp_clean, count_queries


def test_it_lists_every_story_that_mentions_the_claim(client, checker, reporter, story, claim):
    other = StoryFactory(owner=reporter, headline="Second story on the floods")
    Mention.objects.create(story=other, claim=claim, start=0, end=5, quote="The r")
    client.force_login(checker)
    html = client.get(claim.get_absolute_url()).content.decode()
    assert story.headline in html and "Second story on the floods" in html
    assert_csp_clean(html)


def test_it_shows_the_verdict_history_with_superseded_verdicts(client, checker, editor, claim, rating_false, jobs):
    from claims.models import Rating

    with jobs(execute=True):
        first = services.draft_verification(claim, checker, rating=rating_false, rationale="First look")
        services.approve_verification(first, editor)
        second = services.draft_verification(claim, checker, rating=Rating.objects.get(slug="true"), rationale="Fixed")
        services.approve_verification(second, editor)
    client.force_login(checker)
    response = client.get(claim.get_absolute_url())
    history = list(response.context["history"])
    assert [v.state for v in history] == ["approved", "superseded"]
    assert "Superseded" in response.content.decode()


def test_it_charts_the_tracked_figure_over_time(client, checker):
    claim = ClaimFactory(
        text="76,000 evacuated", kind="quantity", quantity_value=76000, quantity_unit="people", as_of=date(2024, 8, 11)
    )
    for value, day in [(121000, 14), (180000, 20)]:
        EvidenceFactory(
            claim=claim,
            stance="updates",
            observed_value=value,
            observed_at=datetime(2024, 8, day, tzinfo=UTC),
            source=SourceFactory(),
        )
    client.force_login(checker)
    response = client.get(claim.get_absolute_url())
    html = response.content.decode()
    assert [p[1] for p in response.context["figure_points"]] == [76000, 121000, 180000]
    assert '<svg class="chart timeline"' in html and html.count('<circle class="point"') == 3
    assert "180,000 people" in html  # the chart's text alternative
    assert_csp_clean(html)


def test_the_figure_reads_in_thousands_with_its_unit_in_the_plural(client, checker):
    claim = ClaimFactory(
        text="Over 76,000 people evacuated",
        kind="quantity",
        quantity_value=76000.0,
        quantity_unit="person",
        quantity_bound="at_least",
        as_of=date(2024, 8, 11),
    )
    EvidenceFactory(claim=claim, stance="updates", observed_value=121000.0, source=SourceFactory())
    client.force_login(checker)
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "at least 76,000 people" in html  # the panel's facts
    assert "figure 121,000 people" in html  # the evidence line
    assert "121,000 people</td>" in html  # the table beside the chart
    assert "76000.0" not in html and " person<" not in html and "76000 person" not in html
    assert 'name="quantity_value" value="76000"' in html  # the edit form, without a stray ".0"


def test_rejected_evidence_stays_off_the_chart(client, checker):
    claim = ClaimFactory(text="x", kind="quantity", quantity_value=5, as_of=date(2024, 1, 1))
    EvidenceFactory(claim=claim, observed_value=9, state=Evidence.State.REJECTED)
    client.force_login(checker)
    assert len(client.get(claim.get_absolute_url()).context["figure_points"]) == 1


def test_a_missing_claim_is_404(client, checker):
    client.force_login(checker)
    assert client.get(reverse("claim_detail", args=[123456])).status_code == 404


def test_claim_page_queries_stay_constant(client, checker, reporter):
    client.force_login(checker)

    def claim_with(n):
        claim = ClaimFactory(kind="quantity", quantity_value=1)
        for i in range(n):
            story = StoryFactory(owner=reporter)
            Mention.objects.create(story=story, claim=claim, start=0, end=5, quote="The r")
            EvidenceFactory(claim=claim, observed_value=i)
        return claim

    assert count_queries(client, claim_with(3).get_absolute_url()) == count_queries(
        client, claim_with(30).get_absolute_url()
    )


def test_claim_without_figure_says_so(client, checker, claim):
    client.force_login(checker)
    assert "This claim tracks no figure." in client.get(claim.get_absolute_url()).content.decode()
    assert not Verification.objects.exists() and Claim.objects.count() == 1


def test_approving_in_the_panel_tells_the_page_to_redraw_its_own_column(
    client, checker, editor, claim, rating_false, jobs
):
    draft = services.draft_verification(claim, checker, rating=rating_false, rationale="Council says 900.")
    client.force_login(editor)
    column = reverse("claim_detail", args=[claim.pk]) + "?part=main"
    before = client.get(column, HTTP_HX_REQUEST="true").content.decode()
    assert "No approved verdict yet." in before and 'id="claim-main"' in before

    with jobs(execute=True):
        response = client.post(
            reverse("verdict_approve", args=[draft.pk]),
            {"without_evidence": "on", "next": claim.get_absolute_url()},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200 and response["HX-Trigger"] == "claim-changed"

    after = client.get(column, HTTP_HX_REQUEST="true")
    html = after.content.decode()
    assert html.lstrip().startswith('<div id="claim-main"') and "<html" not in html  # the column alone
    assert "No approved verdict yet." not in html and "Council says 900." in html
    assert 'data-status="refuted"' in html
    assert_csp_clean(html)


def test_a_refused_panel_action_does_not_redraw_the_column(client, editor, claim, checker, rating_false):
    draft = services.draft_verification(claim, checker, rating=rating_false, rationale="No sources.")
    client.force_login(editor)
    response = client.post(reverse("verdict_approve", args=[draft.pk]), {}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422 and "HX-Trigger" not in response
