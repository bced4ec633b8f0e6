"""Property-based API testing: schemathesis generates requests from /api/openapi.json.

Every operation is called with generated valid (positive) and invalid (negative)
inputs, authenticated with an editor's token. Each response must not be a 5xx and
must conform to the document: a declared status code, the declared content type,
and a body matching the declared schema. Invalid input must be refused with a 4xx.

The example count is bounded (FACTDESK_SCHEMATHESIS_EXAMPLES, default 50 per
operation and mode) so the run takes a minute or two on two cores; the counts it ran
are printed and asserted.
"""

import os

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from claims.models import ApiToken, Notification
from tests.factories import EvidenceFactory
from tests.publishing.builders import approve, publish

EXAMPLES = int(os.environ.get("FACTDESK_SCHEMATHESIS_EXAMPLES", "50"))
# Credentials the caller supplies; what is left is what a negative case can break.
CREDENTIALS = {"Authorization", "sessionid"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def newsroom(claim, story, checker, editor, editor2, reporter, settings):
    """Real records behind small ids, so generated ids sometimes hit something."""
    settings.FACTDESK = {**settings.FACTDESK, "API_RATE": "1000000/m", "API_ANON_RATE": "1000000/m"}
    publish(story)
    EvidenceFactory(claim=claim)
    approve(claim, checker, editor2)
    Notification.objects.create(recipient=editor, message="Claim #1 is now refuted", claim=claim)
    _token, key = ApiToken.issue(editor)
    return {"Authorization": f"Bearer {key}"}


def run_operation(operation, mode, headers, counter):
    checks = CHECKS + ([negative_data_rejection] if mode == GenerationMode.NEGATIVE else [])

    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    # The token is given to the strategy, not only to the call: a negative case must
    # break something the server sees, not an Authorization header the call replaces.
    @given(case=operation.as_strategy(generation_mode=mode, headers=headers))
    def check(case):
        counter[0] += 1
        case.call_and_validate(checks=checks)

    check()


def takes_input(operation):
    return bool(operation.body) or any(p.name not in CREDENTIALS for p in operation.iter_parameters())


@pytest.fixture
def keep_test_connection():
    """The raw WSGI app closes "old" connections around each request, which would close
    the test's transaction on PostgreSQL; Django's test client disconnects it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_api_conforms_to_its_openapi_document(newsroom, keep_test_connection, capsys):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    counts = {}
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if mode == GenerationMode.NEGATIVE and not takes_input(operation):
                continue
            counter = [0]
            run_operation(operation, mode, newsroom, counter)
            counts[(operation.label, mode.value)] = counter[0]
    total = sum(counts.values())
    with capsys.disabled():
        print(f"\nschemathesis: {len(operations)} operations, {total} examples (≤{EXAMPLES} per operation and mode)")
    assert len(operations) >= 19
    assert all(n > 0 for n in counts.values()), counts
    assert sum(mode == "negative" for _label, mode in counts) >= len(operations) - 2, counts
