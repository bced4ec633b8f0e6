"""The claimant page: their claims and their track record over time."""

from datetime import UTC, datetime

from claims.models import Claim, Claimant, Rating, Verification
from tests.factories import ClaimFactory
from tests.views.conftest import assert_csp_clean, count_queries


def approved(claim, slug, when, checker, editor, state="approved"):
    return Verification.objects.create(
        claim=claim,
        rating=Rating.objects.get(slug=slug),
        rationale="r",
        author=checker,
        approved_by=editor,
        approved_at=when,
        state=state,
    )


def test_it_lists_the_claimants_claims_and_charts_verdicts_by_month(client, checker, editor):
    ministry = Claimant.objects.create(name="Defence ministry")
    a = ClaimFactory(text="14 drones destroyed", claimant=ministry)
    b = ClaimFactory(text="The advance was stopped", claimant=ministry)
    approved(a, "false", datetime(2024, 8, 12, tzinfo=UTC), checker, editor)
    approved(b, "mostly_false", datetime(2024, 9, 2, tzinfo=UTC), checker, editor)
    client.force_login(checker)
    response = client.get(ministry.get_absolute_url())
    html = response.content.decode()
    assert "14 drones destroyed" in html and "The advance was stopped" in html
    assert '<svg class="chart track-record"' in html
    assert "Aug 2024: 1 False" in html and "Sep 2024: 1 Mostly false" in html
    assert 'fill="#c0392b"' in html  # the rating's colour, as an SVG attribute, not a style
    assert_csp_clean(html)


def test_a_claimant_without_verdicts_has_an_empty_state(client, checker):
    who = Claimant.objects.create(name="Nobody yet")
    client.force_login(checker)
    assert "No approved verdicts" in client.get(who.get_absolute_url()).content.decode()


def test_claimant_page_queries_stay_constant(client, checker, editor):
    client.force_login(checker)

    def claimant_with(n):
        who = Claimant.objects.create(name=f"Claimant {Claimant.objects.count()}")
        for i in range(n):
            claim = ClaimFactory(claimant=who)
            approved(claim, "true", datetime(2024, 1 + i % 12, 1, tzinfo=UTC), checker, editor)
        return who

    assert count_queries(client, claimant_with(3).get_absolute_url()) == count_queries(
        client, claimant_with(30).get_absolute_url()
    )
    assert Claim.objects.count() == 33
