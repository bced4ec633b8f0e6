"""Fixtures for the desk's screens: a small newsroom world and helpers for htmx and queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Claimant, ClaimSuggestion, Mention, Story, Verification
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory, StoryFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def htmx():
    return HTMX


@pytest.fixture
def jobs(django_capture_on_commit_callbacks):
    """Run the jobs a request queued, as the in-process default does right after commit."""
    return django_capture_on_commit_callbacks


@pytest.fixture
def suggestion(story):
    text = "The river peaked at 6.2 metres on Tuesday, the environment agency said."
    return ClaimSuggestion.objects.create(
        story=story,
        text=text,
        start=0,
        end=len(text),
        claimant_name="environment agency",
        kind="quantity",
        quantity={"value": 6.2, "unit": "metre", "bound": "exact", "text": "6.2 metres", "as_of": "2024-03-05"},
        score=0.8,
    )


@pytest.fixture
def evidence(claim):
    return EvidenceFactory(claim=claim, source=SourceFactory(reliability="A", outlet="County council"))


@pytest.fixture
def draft(claim, checker, rating_false):
    return Verification.objects.create(claim=claim, rating=rating_false, rationale="Council says 900.", author=checker)


@pytest.fixture
def claimant(claim):
    who = Claimant.objects.create(name="County council")
    Claim.objects.filter(pk=claim.pk).update(claimant=who)
    return who


def count_queries(client, url, **extra) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


def story_with_claims(owner, n: int, **claim_kwargs) -> Story:
    """A story whose body has n sentences, each marked as a claim."""
    sentences = [f"Officials said {100 + i} homes in district {i} were evacuated." for i in range(n)]
    story = StoryFactory(owner=owner, body=" ".join(sentences))
    pos = 0
    for i, sentence in enumerate(sentences):
        claim = ClaimFactory(text=sentence, **claim_kwargs)
        Mention.objects.create(story=story, claim=claim, start=pos, end=pos + len(sentence), quote=sentence)
        EvidenceFactory(claim=claim)
        pos += len(sentence) + 1
    return story


def assert_csp_clean(html: str) -> None:
    """The strict CSP blocks inline styles and scripts: the markup must not rely on any."""
    assert not re.search(r"\sstyle\s*=", html, re.IGNORECASE), "inline style attribute"
    for tag in re.findall(r"<script\b[^>]*>", html, re.IGNORECASE):
        assert "src=" in tag, f"inline script: {tag}"
    assert not re.search(r"\son[a-z]+\s*=\s*[\"']", html, re.IGNORECASE), "inline event handler"
