"""The source queue, a source's page and its fetch-progress fragment."""

from django.urls import reverse

from claims.models import Source
from tests.factories import EvidenceFactory, SourceFactory
from tests.views.conftest import HTMX, count_queries


def test_the_queue_shows_fetch_state_errors_and_evidence_counts(client, checker, claim):
    failed = SourceFactory(fetch_state="failed", fetch_error="HTTP 404 from example.org")
    EvidenceFactory(claim=claim, source=failed)
    client.force_login(checker)
    response = client.get(reverse("source_queue"))
    html = response.content.decode()
    assert "HTTP 404 from example.org" in html
    row = response.context["page"][0]
    assert row.evidence_count == 1


def test_the_queue_filters_by_state(client, checker):
    SourceFactory(fetch_state="failed")
    SourceFactory()
    client.force_login(checker)
    assert client.get(reverse("source_queue"), {"state": "failed"}).context["page"].paginator.count == 1


def test_the_source_page_lists_its_evidence(client, checker, evidence):
    client.force_login(checker)
    html = client.get(evidence.source.get_absolute_url()).content.decode()
    assert evidence.claim.text in html


def test_the_progress_fragment_polls_only_while_pending(client, checker):
    pending = Source.objects.create(text="x", fetch_state="pending")
    client.force_login(checker)
    html = client.get(reverse("source_state", args=[pending.pk]), **HTMX).content.decode()
    assert 'hx-trigger="load delay:1500ms"' in html
    Source.objects.filter(pk=pending.pk).update(fetch_state="failed", fetch_error="timed out")
    html = client.get(reverse("source_state", args=[pending.pk]), **HTMX).content.decode()
    assert "timed out" in html and "hx-trigger" not in html


def test_source_queue_queries_stay_constant(client, checker, claim):
    client.force_login(checker)
    for _ in range(3):
        EvidenceFactory(claim=claim)
    few = count_queries(client, reverse("source_queue"))
    for _ in range(27):
        EvidenceFactory(claim=claim)
    assert count_queries(client, reverse("source_queue")) == few
