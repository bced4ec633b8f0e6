"""The desk story the ClaimReview tests check against, and the sample documents."""

from pathlib import Path

from claims import services
from tests.factories import StoryFactory

SAMPLES = Path(__file__).with_name("samples")

BODY = (
    "Riverton's mayor Jane Doe said the city has planted 50,000 trees since 2020. "
    "A post shared widely on social media claimed that drinking hot water kills the coronavirus. "
    "The health minister said hospital waiting lists have fallen for six months in a row."
)
TREES = "the city has planted 50,000 trees since 2020"
HOT_WATER = "drinking hot water kills the coronavirus"
WAITING = "hospital waiting lists have fallen for six months in a row"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text()


def desk_claims(owner, checker) -> dict[str, object]:
    """The story's three open claims, by name."""
    story = StoryFactory(owner=owner, body=BODY, headline="Riverton council and health round-up")
    claims = {}
    for name, text, claimant in (
        ("trees", TREES, "Jane Doe"),
        ("hot_water", HOT_WATER, None),
        ("waiting", WAITING, "the health minister"),
    ):
        start = BODY.index(text)
        claims[name], _, _ = services.create_claim_from_span(
            story, checker, start=start, end=start + len(text), claimant=claimant
        )
    return claims


def review_on(claim, organisation: str, rating: str, *, found_on=None, state="suggested", stance="contradicts"):
    """A review already recorded, with its own source and its evidence on `claim` (for the screens)."""
    from django.utils import timezone

    from claims.models import ClaimReview, Evidence
    from tests.factories import SourceFactory

    own = SourceFactory(outlet=organisation, title=f"Review of {claim.text[:40]}", text=claim.text)
    review = ClaimReview.objects.create(
        key=f"test:{own.pk}",
        review_source=own,
        claim_reviewed=claim.text,
        claim_author="the mayor",
        rating_name=rating,
        organisation=organisation,
        url=f"https://{organisation.lower().replace(' ', '')}.example/checks/{own.pk}",
        date_published=timezone.now(),
        stance=stance,
        stance_reason=f"“{rating}” → {stance} (rating table)",
    )
    if found_on is not None:
        review.found_on.add(found_on)
    Evidence.objects.create(
        claim=claim,
        source=own,
        stance=stance,
        state=state,
        matcher_score=0.7,
        matcher_reason=f"{organisation} rated it “{rating}” → {stance} (rating table)",
        reviewed_at=timezone.now() if state == "accepted" else None,
    )
    return review
