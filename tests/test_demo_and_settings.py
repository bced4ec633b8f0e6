"""The first-run commands and the production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.models import Activity, ApiToken, Claim, Evidence, Mention, Source, Story, Verification

ROOT = Path(__file__).resolve().parent.parent
MODELS = [Story, Claim, Mention, Source, Evidence, Verification, Activity]


def counts():
    return {m.__name__: m.objects.count() for m in MODELS}


@pytest.fixture
def quiet():
    return open(os.devnull, "w")


def test_demo_twice_leaves_the_same_counts(db, settings, quiet):
    settings.DEBUG = True
    call_command("demo", stdout=quiet)
    first = counts()
    call_command("demo", stdout=quiet)
    assert counts() == first
    assert first["Story"] >= 2 and first["Verification"] == 1


def test_demo_shows_every_status(db, settings, quiet):
    settings.DEBUG = True
    call_command("demo", stdout=quiet)
    statuses = set(Claim.objects.values_list("status", flat=True))
    assert statuses == set(Claim.Status.values)
    assert Story.objects.filter(needs_correction=True).exists()


def test_demo_users_can_sign_in(db, settings, client, quiet):
    settings.DEBUG = True
    call_command("demo", stdout=quiet)
    for username in ("editor", "checker", "reporter"):
        response = client.post("/accounts/login/", {"username": username, "password": "demo-password"})
        assert response.status_code == 302, username
        client.logout()


def test_demo_is_refused_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo")


def test_create_api_token_prints_a_working_token(db, checker, client, capsys):
    call_command("create_api_token", checker.username)
    key = capsys.readouterr().out.strip()
    assert ApiToken.objects.get(user=checker).key_hash == ApiToken.hash_key(key)
    assert client.get("/api/openapi.json").status_code == 200


def test_create_api_token_rejects_unknown_users(db):
    with pytest.raises(CommandError, match="No user"):
        call_command("create_api_token", "ghost")


def manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-real-secret-key-for-this-test-only-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c",
        ALLOWED_HOSTS="factdesk.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_startup_without_secret_key_is_refused_when_debug_is_off():
    result = manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_compose_entrypoints_exist():
    compose = (ROOT / "docker-compose.yml").read_text()
    for service in ("web:", "worker:", "beat:", "db:", "redis:"):
        assert service in compose
    assert "gunicorn newsroom.wsgi:application" in compose
    assert "celery -A newsroom worker" in compose and "celery -A newsroom beat" in compose
    import newsroom.celery
    import newsroom.wsgi

    assert newsroom.wsgi.application is not None and newsroom.celery.app.main == "newsroom"


def test_healthz_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["database"] == "ok"


def test_demo_users_see_every_demo_story_through_their_desks(db, settings, quiet):
    from django.contrib.auth import get_user_model

    from claims import permissions

    settings.DEBUG = True
    call_command("demo", stdout=quiet)
    every = set(Story.objects.values_list("pk", flat=True))
    for username in ("editor", "checker", "reporter"):
        user = get_user_model().objects.get(username=username)
        assert set(permissions.visible_stories(user).values_list("pk", flat=True)) == every, username
        assert permissions.visible_claims(user).count() == Claim.objects.count(), username
