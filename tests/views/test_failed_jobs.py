"""The editors' failed-jobs page, retrying from the desk, and the story's failed finder."""

import pytest
from django.test import Client
from django.urls import reverse

from claims import failed_jobs, outbox
from claims.models import OutboxJob
from tests.factories import StoryFactory


def failed(task: str, *args, reason: str = "SoftTimeLimitExceeded: the finder ran out of time") -> OutboxJob:
    job = outbox.schedule(task, *args)
    OutboxJob.objects.filter(pk=job.pk).update(attempts=5)
    outbox.fail(job.pk, reason)
    return OutboxJob.objects.get(pk=job.pk)


@pytest.fixture
def poisoned(story):
    return failed(failed_jobs.SUGGEST_TASK, story.pk)


def test_it_lists_failed_jobs_with_their_reason_for_editors(client, editor, poisoned, django_assert_max_num_queries):
    for n in range(30):
        failed("claims.tasks.embed_claim", 1000 + n, reason=f"RuntimeError: embedding {n} failed")
    client.force_login(editor)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("failed_jobs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("data-job=") == 25 and "Page 1 of 2" in page
    second = client.get(reverse("failed_jobs"), {"page": 2}).content.decode()
    assert "the finder ran out of time" in second and "suggest claims for story" in second


def test_the_dashboard_links_editors_to_failed_jobs(client, editor, checker, poisoned):
    client.force_login(editor)
    page = client.get(reverse("dashboard")).content.decode()
    assert 'data-link="failed-jobs"' in page and reverse("failed_jobs") in page
    client.force_login(checker)
    assert 'data-link="failed-jobs"' not in client.get(reverse("dashboard")).content.decode()


@pytest.mark.parametrize("role", ["reporter", "checker", "outsider"])
def test_failed_jobs_are_for_editors_only(client, request, poisoned, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("failed_jobs")).status_code == 403
    assert client.post(reverse("failed_job_retry", args=[poisoned.pk])).status_code == 403
    assert OutboxJob.objects.get(pk=poisoned.pk).retried_at is None


def test_anonymous_visitors_are_sent_to_log_in(client, poisoned):
    assert client.get(reverse("failed_jobs")).url.startswith(reverse("login"))


def test_it_retries_a_failed_job(client, editor, poisoned, django_capture_on_commit_callbacks):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("failed_job_retry", args=[poisoned.pk]))
    assert response.status_code == 302 and response.url == reverse("failed_jobs")
    assert OutboxJob.objects.get(pk=poisoned.pk).retried_at is not None
    fresh = OutboxJob.objects.exclude(pk=poisoned.pk).get(key=poisoned.key)
    assert fresh.done_at is not None and fresh.failed_at is None  # it ran in-process and finished
    assert not outbox.failed_jobs().exists()


def test_retrying_twice_says_it_was_retried_already(client, editor, poisoned):
    client.force_login(editor)
    client.post(reverse("failed_job_retry", args=[poisoned.pk]))
    response = client.post(reverse("failed_job_retry", args=[poisoned.pk]), follow=True)
    assert response.status_code == 200 and "retried already" in response.content.decode()
    assert OutboxJob.objects.filter(key=poisoned.key).count() == 2


def test_retry_rejects_get_and_an_unknown_job(client, editor, poisoned):
    client.force_login(editor)
    assert client.get(reverse("failed_job_retry", args=[poisoned.pk])).status_code == 405
    assert client.post(reverse("failed_job_retry", args=[999999])).status_code == 404


def test_retry_needs_the_csrf_token(editor, poisoned):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    assert browser.post(reverse("failed_job_retry", args=[poisoned.pk])).status_code == 403
    assert OutboxJob.objects.get(pk=poisoned.pk).retried_at is None


def test_the_workspace_says_the_finder_failed_and_why(client, reporter, editor, story, poisoned):
    client.force_login(reporter)
    page = client.get(story.get_absolute_url()).content.decode()
    assert f'data-job-failed="{poisoned.pk}"' in page and "the finder ran out of time" in page
    assert "An editor can retry it." in page
    client.force_login(editor)
    page = client.get(story.get_absolute_url()).content.decode()
    assert reverse("failed_job_retry", args=[poisoned.pk]) in page


def test_the_workspace_of_a_story_whose_finder_ran_shows_no_failure(client, reporter, poisoned):
    other = StoryFactory(owner=reporter)
    client.force_login(reporter)
    assert "data-job-failed" not in client.get(other.get_absolute_url()).content.decode()
