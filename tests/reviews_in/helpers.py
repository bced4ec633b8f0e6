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
