"""Shared fixtures: one user per newsroom role, and the core records."""

import os

import pytest
from django.contrib.auth import get_user_model

from claims.models import ApiToken, Mention, Rating
from claims.permissions import EDITOR, FACT_CHECKER, REPORTER
from tests.factories import ClaimFactory, StoryFactory, UserFactory

# `own_redis`: a redis-server of a test's own, to stop mid-test (tests/redis_server.py).
pytest_plugins = ["tests.redis_server"]

WORKER_NEEDS = (
    "REDIS_URL and a PostgreSQL DATABASE_URL (a worker process cannot open the in-memory SQLite test database)"
)


def worker_stack_available() -> bool:
    return bool(os.environ.get("REDIS_URL")) and os.environ.get("DATABASE_URL", "").startswith("postgres")


# Where the embedded SQLite path differs from PostgreSQL (search, the matcher's candidate
# retrieval, in-process jobs, id overflow, the demo), plus a smoke of the main screens and the
# API. CI runs the whole suite on PostgreSQL and these again on SQLite (`-m sqlite_path`).
SQLITE_PATH_TESTS = (
    "tests/views/test_claim_queue.py",
    "tests/views/test_odd_input.py",
    "tests/views/test_story_workspace.py",
    "tests/jobs/test_matching.py",
    "tests/jobs/test_matcher_cases.py",
    "tests/jobs/test_matcher_real.py",
    "tests/jobs/test_process_source.py",
    "tests/jobs/test_syndication.py",
    "tests/api/test_core_api.py",
    "tests/api/test_tracking_loop.py",
    "tests/test_demo_and_settings.py",
    "tests/test_services.py",
    "tests/test_health.py",
)


def pytest_collection_modifyitems(config, items):
    """Mark the SQLite-path tests; without Redis and PostgreSQL the real-worker tests cannot run:
    deselect them out loud.

    .ci/run provides both, so CI always runs them; the summary line below says when they did not.
    """
    for item in items:
        if item.nodeid.split("::")[0] in SQLITE_PATH_TESTS:
            item.add_marker(pytest.mark.sqlite_path)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # Row locks across connections: the in-memory SQLite test database cannot show them.
        pg_only = [item for item in items if item.get_closest_marker("postgresql")]
        if pg_only:
            items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
            config.hook.pytest_deselected(items=pg_only)
            config._factdesk_pg_deselected = len(pg_only)
    if worker_stack_available():
        return
    held = [item for item in items if item.get_closest_marker("worker")]
    if held:
        items[:] = [item for item in items if not item.get_closest_marker("worker")]
        config.hook.pytest_deselected(items=held)
        config._factdesk_worker_deselected = len(held)


def pytest_terminal_summary(terminalreporter, config):
    pg_only = getattr(config, "_factdesk_pg_deselected", 0)
    if pg_only:
        terminalreporter.write_line(
            f"{pg_only} PostgreSQL-only tests not run here: they need a PostgreSQL DATABASE_URL."
        )
    held = getattr(config, "_factdesk_worker_deselected", 0)
    if held:
        terminalreporter.write_line(f"{held} real-worker tests not run here: they need {WORKER_NEEDS}.")


@pytest.fixture(autouse=True)
def jobs_in_process(request, settings):
    """Outside the worker tests, jobs run in-process after commit, as in the embedded default.

    The worker tests (marked `worker`) talk to the real Redis and a real Celery worker.
    """
    if request.node.get_closest_marker("worker"):
        yield
        return
    from newsroom.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def fresh_claim_index():
    """The matcher's per-process claim matrix starts empty with each test's database."""
    from claims.matching import index

    index.reset()
    yield
    index.reset()


@pytest.fixture
def editor(db):
    return UserFactory(username="ed", role=EDITOR, is_staff=True)


@pytest.fixture
def editor2(db):
    return UserFactory(username="ed2", role=EDITOR, is_staff=True)


@pytest.fixture
def checker(db):
    return UserFactory(username="chk", role=FACT_CHECKER)


@pytest.fixture
def reporter(db):
    return UserFactory(username="rep", role=REPORTER)


@pytest.fixture
def outsider(db):
    """Signed in, but holds no newsroom role."""
    return UserFactory(username="nobody")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@newsroom.test", "pw-for-tests-123")


@pytest.fixture
def story(reporter):
    return StoryFactory(owner=reporter)


@pytest.fixture
def claim(story, checker):
    """A claim mentioned in `story`."""
    text = "About 1,200 homes were evacuated"
    start = story.body.index(text)
    claim = ClaimFactory(text=text, created_by=checker)
    Mention.objects.create(story=story, claim=claim, start=start, end=start + len(text), quote=text)
    return claim


@pytest.fixture
def rating_false(db):
    return Rating.objects.get(slug="false")


def bearer(user) -> dict:
    _token, key = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def api_headers():
    return bearer
