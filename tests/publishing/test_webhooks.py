"""Outgoing webhooks: signed, delivered by a job, retried with backoff, never to private hosts."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from claims import fetching, tasks, webhooks
from claims.models import Webhook, WebhookDelivery


class Receiver:
    """A local HTTP server that checks the signature like a CMS would."""

    def __init__(self, secret: str, fail_first: int = 0):
        self.secret, self.fail_first, self.received = secret, fail_first, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                valid = webhooks.verify(receiver.secret, body, self.headers["X-Factdesk-Signature"])
                receiver.received.append({"body": body, "valid": valid, "event": self.headers["X-Factdesk-Event"]})
                code = 503 if len(receiver.received) <= receiver.fail_first else (200 if valid else 401)
                self.send_response(code)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def allow_private(settings):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_ALLOW_PRIVATE": True}


@pytest.fixture
def receiver_factory():
    started = []

    def start(secret, **kwargs):
        receiver = Receiver(secret, **kwargs)
        started.append(receiver)
        return receiver

    yield start
    for receiver in started:
        receiver.close()


def make_delivery(url, secret="s3cret"):
    hook = Webhook.objects.create(url=url, secret=secret)
    return WebhookDelivery.objects.create(
        webhook=hook, event="claim.status_changed", payload={"event": "claim.status_changed", "claim": {"id": 1}}
    )


def test_a_status_change_is_delivered_signed(
    allow_private, receiver_factory, claim, checker, editor, django_capture_on_commit_callbacks
):
    receiver = receiver_factory("s3cret")
    Webhook.objects.create(url=receiver.url, secret="s3cret")
    from tests.publishing.builders import approve

    with django_capture_on_commit_callbacks(execute=True):
        approve(claim, checker, editor)
    [got] = receiver.received
    assert got["valid"] and got["event"] == "claim.status_changed"
    body = json.loads(got["body"])
    assert body["claim"]["id"] == claim.pk and body["claim"]["status"] == "refuted"
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "delivered" and delivery.response_code == 200 and delivery.attempts == 1


def test_a_failing_receiver_is_retried_until_it_answers(allow_private, receiver_factory, db):
    receiver = receiver_factory("s3cret", fail_first=2)
    delivery = make_delivery(receiver.url)
    tasks.deliver_webhook.delay(delivery.pk)  # eager: the retries run at once
    delivery.refresh_from_db()
    assert len(receiver.received) == 3 and delivery.state == "delivered" and delivery.attempts == 3
    assert delivery.response_code == 200 and delivery.last_error == ""


def test_it_gives_up_after_the_last_attempt_and_keeps_the_error(allow_private, receiver_factory, settings, db):
    settings.FACTDESK = {**settings.FACTDESK, "WEBHOOK_MAX_ATTEMPTS": 3}
    receiver = receiver_factory("s3cret", fail_first=100)
    delivery = make_delivery(receiver.url)
    tasks.deliver_webhook.delay(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.state == "failed" and delivery.attempts == 3
    assert delivery.response_code == 503 and delivery.last_error == "HTTP 503"


def test_a_wrong_secret_is_refused_by_the_receiver(allow_private, receiver_factory, settings, db):
    settings.FACTDESK = {**settings.FACTDESK, "WEBHOOK_MAX_ATTEMPTS": 1}
    receiver = receiver_factory("the-real-secret")
    delivery = make_delivery(receiver.url, secret="another")
    tasks.deliver_webhook.delay(delivery.pk)
    delivery.refresh_from_db()
    assert receiver.received[0]["valid"] is False and delivery.response_code == 401 and delivery.state == "failed"


def test_a_delivered_row_is_not_sent_twice(allow_private, receiver_factory, db):
    receiver = receiver_factory("s3cret")
    delivery = make_delivery(receiver.url)
    tasks.deliver_webhook.delay(delivery.pk)
    tasks.deliver_webhook.delay(delivery.pk)
    assert len(receiver.received) == 1


def test_private_addresses_are_refused_without_the_setting(receiver_factory, settings, db):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_ALLOW_PRIVATE": False}
    receiver = receiver_factory("s3cret")
    delivery = make_delivery(receiver.url)
    tasks.deliver_webhook.delay(delivery.pk)
    delivery.refresh_from_db()
    assert receiver.received == [] and delivery.state == "failed" and delivery.last_error.startswith("Refused")


def test_an_unreachable_host_is_recorded_as_an_error(allow_private, settings, db):
    settings.FACTDESK = {**settings.FACTDESK, "WEBHOOK_MAX_ATTEMPTS": 1}
    delivery = make_delivery("http://127.0.0.1:9/hook")
    tasks.deliver_webhook.delay(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.state == "failed" and delivery.response_code is None and "connect" in delivery.last_error


def test_backoff_doubles_up_to_an_hour():
    assert [webhooks.backoff_seconds(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert webhooks.backoff_seconds(20) == 3600


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
        "ftp://example.com/",
        "http://user:pw@example.com/",
        "http:///nohost",
    ],
)
def test_webhook_posts_refuse_private_and_odd_urls(url, settings):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_ALLOW_PRIVATE": False}
    with pytest.raises(fetching.FetchError, match="Refused"):
        fetching.post(url, content=b"{}", headers={})


def test_the_guard_allows_a_public_address(settings):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_ALLOW_PRIVATE": False}
    assert fetching.checked_address("93.184.215.14", 80) == "93.184.215.14"
    assert fetching.refusal("8.8.8.8") is None and fetching.refusal("100.64.0.1") is not None


def test_a_failed_attempt_records_when_the_next_one_is_due(allow_private, receiver_factory, settings, db):
    settings.FACTDESK = {**settings.FACTDESK, "WEBHOOK_MAX_ATTEMPTS": 6}
    receiver = receiver_factory("s3cret", fail_first=1)
    delivery = make_delivery(receiver.url)
    before = timezone.now()
    assert webhooks.attempt(delivery) is False
    delivery.refresh_from_db()
    assert delivery.state == "pending" and delivery.attempts == 1
    assert timedelta(seconds=29) <= delivery.next_attempt_at - before <= timedelta(seconds=31)
    assert webhooks.attempt(delivery) is True
    delivery.refresh_from_db()
    assert delivery.state == "delivered" and delivery.next_attempt_at is None


def test_the_sweeper_requeues_a_retry_whose_message_was_lost(
    allow_private, receiver_factory, db, django_capture_on_commit_callbacks
):
    receiver = receiver_factory("s3cret")
    overdue = make_delivery(receiver.url)
    not_yet = WebhookDelivery.objects.create(
        webhook=overdue.webhook, event="claim.status_changed", payload={"event": "claim.status_changed"}
    )
    # Both failed once; the broker lost the first one's countdown message and it is two minutes late.
    WebhookDelivery.objects.filter(pk=overdue.pk).update(
        attempts=1, next_attempt_at=timezone.now() - timedelta(minutes=2)
    )
    WebhookDelivery.objects.filter(pk=not_yet.pk).update(
        attempts=1, next_attempt_at=timezone.now() + timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_outbox() >= 1
    overdue.refresh_from_db()
    not_yet.refresh_from_db()
    assert overdue.state == "delivered" and overdue.attempts == 2 and len(receiver.received) == 1
    assert not_yet.state == "pending" and not_yet.attempts == 1
