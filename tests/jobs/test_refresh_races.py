"""A status refresh racing other writes to the same claim, on real PostgreSQL row locks."""

from __future__ import annotations

import threading

import pytest
from django.db import connections, transaction

from claims import services
from claims.models import Claim
from tests.factories import ClaimFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def hold_the_claim_while(claim_id: int, change: dict, locked: threading.Event, release: threading.Event):
    """Another request: update the claim and keep its row locked until told to commit."""
    try:
        with transaction.atomic():
            Claim.objects.filter(pk=claim_id).update(**change)
            locked.set()
            release.wait(10)
    finally:
        connections.close_all()


def test_a_refresh_waiting_on_an_assignment_reads_the_new_assignee(checker):
    claim = ClaimFactory(text="About 1,200 homes were evacuated")
    locked, release = threading.Event(), threading.Event()
    other = threading.Thread(target=hold_the_claim_while, args=(claim.pk, {"assignee_id": checker.pk}, locked, release))
    other.start()
    assert locked.wait(10)
    # Let the refresh reach the row lock, then commit the assignment under it.
    timer = threading.Timer(0.5, release.set)
    timer.start()
    try:
        result = services.refresh_status(claim.pk, trigger="test")
    finally:
        release.set()
        other.join(10)
        timer.cancel()
    assert result.status == Claim.Status.CHECKING  # an assignee means work under way
    refreshed = Claim.objects.get(pk=claim.pk)
    assert refreshed.status == "checking" and refreshed.assignee_id == checker.pk
