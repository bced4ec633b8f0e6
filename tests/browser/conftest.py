"""Real Chromium, driven by Playwright, against pytest-django's live server."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PASSWORD = "pw-for-tests-123"


# Module scope: the browser (and its event loop) is gone before other test modules run.
@pytest.fixture(scope="module")
def chromium():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM.")
    from playwright.sync_api import expect, sync_playwright

    # Two cores shared by the whole CI run: a job done in-process after a click can take seconds.
    expect.set_options(timeout=15_000)

    # Playwright's sync API keeps an event loop on this thread; the tests' own ORM calls are
    # still plain synchronous code, so let Django allow them while the browser is up (and only then:
    # `check --deploy` rightly refuses this variable).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def newsroom(transactional_db):
    """Roles and ratings as the data migration leaves them (a transactional test flushes them)."""
    from django.contrib.auth.models import Group, Permission

    from claims.models import Rating
    from claims.roles import DEFAULT_RATINGS, ensure_roles

    ensure_roles(Group, Permission)
    for slug, label, colour, order, implies, value in DEFAULT_RATINGS:
        Rating.objects.get_or_create(
            slug=slug,
            defaults={"label": label, "colour": colour, "order": order, "implies_status": implies, "value": value},
        )


@pytest.fixture
def people(newsroom):
    from claims.permissions import EDITOR, FACT_CHECKER, REPORTER
    from tests.factories import UserFactory

    return {
        "editor": UserFactory(username="ed", role=EDITOR),
        "checker": UserFactory(username="chk", role=FACT_CHECKER),
        "reporter": UserFactory(username="rep", role=REPORTER),
    }


@pytest.fixture
def open_page(chromium, live_server, people):
    """A new browser context signed in through the real login form."""
    contexts = []

    def sign_in(username):
        context = chromium.new_context(viewport={"width": 1366, "height": 768})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield sign_in
    for context in contexts:
        context.close()


@pytest.fixture(scope="module", autouse=True)
def warm_models():
    """Load the matcher's sentence encoder and the figure reader before the clock starts: their
    first use (the first claim marked in a browser) otherwise takes longer than an assertion waits."""
    from claims.finder.quantities import parse_quantities
    from claims.matching import embeddings

    embeddings.warm_up()
    parse_quantities("About 1,200 homes, 6.2 metres, “14 drones” and $412 million, a rise.")
