"""Every admin changelist, add and change page answers 200 with the demo loaded,
with a query count that does not grow with the rows."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, Mention, Source, Story
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory, StoryFactory

MODELS = [m for m in admin.site._registry if m._meta.app_label == "claims"]


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("demo", stdout=open("/dev/null", "w"))


def url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_add_and_change_pages_answer(model, demo, admin_client, admin_user, rf):
    assert admin_client.get(url(model, "changelist")).status_code == 200
    request = rf.get("/")
    request.user = admin_user
    addable = admin.site._registry[model].has_add_permission(request)
    assert admin_client.get(url(model, "add")).status_code == (200 if addable else 403)
    obj = model._default_manager.first()
    if obj is not None:
        assert admin_client.get(url(model, "change", obj.pk)).status_code == 200


def grow(extra: int):
    for _ in range(extra):
        story = StoryFactory()
        claim = ClaimFactory()
        text = story.body[:20]
        Mention.objects.create(story=story, claim=claim, start=0, end=20, quote=text)
        EvidenceFactory(claim=claim, source=SourceFactory())


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_queries_do_not_grow_with_rows(model, demo, admin_client):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client.get(url(model, "changelist")).status_code == 200
        return len(ctx)

    before = count()
    grow(5)
    from claims import services

    for claim in Claim.objects.all():
        services.refresh_status(claim.pk)
    after = count()
    assert after <= before + 1, f"{model.__name__}: {before} → {after} queries"  # +1: a filter option list may appear


def test_claim_change_page_queries_are_bounded(demo, admin_client):
    claim = Claim.objects.filter(evidence__isnull=False).first()
    with CaptureQueriesContext(connection) as ctx:
        assert admin_client.get(url(Claim, "change", claim.pk)).status_code == 200
    assert len(ctx) < 60


def test_refresh_action_recomputes_status(demo, admin_client):
    claim = Claim.objects.get(status="supported")
    Claim.objects.filter(pk=claim.pk).update(status="unverified", status_reason="")
    response = admin_client.post(
        url(Claim, "changelist"), {"action": "refresh", "_selected_action": [claim.pk]}, follow=True
    )
    assert response.status_code == 200
    assert Claim.objects.get(pk=claim.pk).status == "supported"


def test_refetch_action_requeues_sources(demo, admin_client):
    source = Source.objects.first()
    admin_client.post(url(Source, "changelist"), {"action": "refetch", "_selected_action": [source.pk]})
    from claims.models import OutboxJob

    assert OutboxJob.objects.filter(task="claims.tasks.process_source", args=[source.pk]).exists()


def test_activity_is_read_only_in_the_admin(demo, admin_client):
    from claims.models import Activity

    entry = Activity.objects.first()
    response = admin_client.post(url(Activity, "change", entry.pk), {"verb": "tampered"})
    assert response.status_code == 403
    assert Activity.objects.get(pk=entry.pk).verb != "tampered"


def test_the_admin_cannot_publish_a_story_and_saves_edits_through_the_service(demo, admin_client):
    from claims.models import Activity

    story = Story.objects.get(state="in_review")
    data = {
        "headline": story.headline + " (updated)",
        "body": story.body,
        "desk": story.desk,
        "byline": story.byline,
        "owner": story.owner_id,
        "state": "published",
        "expected_version": story.version,
        "published_url": "",
        "published_at_0": "",
        "published_at_1": "",
        "mentions-TOTAL_FORMS": "0",
        "mentions-INITIAL_FORMS": "0",
        "mentions-MIN_NUM_FORMS": "0",
        "mentions-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url(Story, "change", story.pk), data)
    assert response.status_code == 302, [str(e) for e in response.context["errors"]]
    story.refresh_from_db()
    assert story.state == "in_review" and story.headline.endswith("(updated)")
    assert Activity.objects.filter(story=story, verb="edited story").exists()
    assert not Activity.objects.filter(story=story, verb="moved story to published").exists()
