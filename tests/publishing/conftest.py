import pytest

from claims.models import Claimant
from tests.factories import EvidenceFactory, SourceFactory

from .builders import accepted, approve, publish


@pytest.fixture
def claimant(db):
    return Claimant.objects.create(name="County council", kind="organisation", wikidata_id="Q42")


@pytest.fixture
def verdict(claim, story, checker, editor, claimant):
    """An approved `false` verdict on `claim`, which appeared in the published `story`."""
    claim.claimant = claimant
    claim.save()
    publish(story)
    evidence = accepted(
        EvidenceFactory(
            claim=claim,
            stance="contradicts",
            source=SourceFactory(
                title="Council minutes", outlet="County Gazette", url="https://gazette.example/minutes"
            ),
        )
    )
    return approve(claim, checker, editor, evidence=[evidence])
