"""quantulum3's first load (seconds) happens when a web or worker process starts, never in a request."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOADED = "from claims.finder import quantities; print(quantities._parser is not None)"


def run(code: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()[-1]


def test_a_plain_django_process_does_not_load_quantulum():
    assert run(f"import django; django.setup(); {LOADED}") == "False"


def test_the_web_application_loads_quantulum_before_serving():
    assert run(f"import newsroom.wsgi; {LOADED}") == "True"


def test_a_celery_worker_loads_quantulum_when_it_starts():
    assert (
        run(
            f"import django; django.setup(); from newsroom.celery import app; from celery.signals import worker_init; "
            f"worker_init.send(sender=None); {LOADED}"
        )
        == "True"
    )
