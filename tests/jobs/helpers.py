"""Story and claim set-up shared by the job tests: the evacuation-figure story."""

from datetime import UTC, datetime

from claims import services
from tests.factories import StoryFactory

KURSK_BODY = (
    "Ukrainian forces pushed deeper into Russia's Kursk region on Monday. "
    "Over 76,000 people have been evacuated from the Kursk region, according to TASS. "
    "Russia's defense ministry claimed to have destroyed 14 Ukrainian drones overnight."
)
EVACUATED = "Over 76,000 people have been evacuated from the Kursk region, according to TASS"
DRONES = "Russia's defense ministry claimed to have destroyed 14 Ukrainian drones overnight"


def kursk_story(owner, checker, *, published=datetime(2024, 8, 10, 9, tzinfo=UTC)):
    """A published story with its two claims; returns (story, evacuation claim, drones claim)."""
    story = StoryFactory(owner=owner, body=KURSK_BODY, published_at=published, state="published")
    start = KURSK_BODY.index(EVACUATED)
    evacuated, _, _ = services.create_claim_from_span(
        story,
        checker,
        start=start,
        end=start + len(EVACUATED),
        claimant="TASS",
        quantity={"value": 76000, "unit": "person", "bound": "at_least"},
    )
    start = KURSK_BODY.index(DRONES)
    drones, _, _ = services.create_claim_from_span(
        story,
        checker,
        start=start,
        end=start + len(DRONES),
        claimant="Russia's defense ministry",
    )
    return story, evacuated, drones


def day(d: int, month: int = 8) -> datetime:
    return datetime(2024, month, d, 12, tzinfo=UTC)
