"""A real Celery worker (a subprocess) on the real Redis broker, reading the test database.

Used by the tests marked `worker`; they run only when REDIS_URL is set (.ci/run sets it).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def require_redis() -> str:
    """The broker for the worker tests (tests/conftest.py deselects them, saying so, without one)."""
    url = os.environ.get("REDIS_URL", "")
    assert url, "worker tests need REDIS_URL; run them with .ci/run's environment"
    return url


def test_database_url() -> str:
    """The URL of the database this test session uses, for the worker subprocess."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        name = db["NAME"]
        if not name or "memory" in str(name):
            pytest.fail("worker tests need a file or PostgreSQL test database the worker can open")
        return f"sqlite:///{name}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def wait_for(predicate, timeout: float = 30, message: str = "condition", interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {message}")


class CeleryWorker:
    """`celery -A newsroom worker` in its own process group, so it can be SIGKILLed whole."""

    def __init__(self, broker_url: str, **env):
        self.broker_url = broker_url
        self.env = {
            **os.environ,
            "DATABASE_URL": test_database_url(),
            "REDIS_URL": broker_url,
            "FACTDESK_FETCH_ALLOW_PRIVATE": "127.0.0.1/32",
            "FACTDESK_FETCH_TIMEOUT": "3",
            "PYTHONUNBUFFERED": "1",
            **{k: str(v) for k, v in env.items()},
        }
        self.process: subprocess.Popen | None = None
        self.log = Path(tempfile.mkstemp(prefix="factdesk-worker-", suffix=".log")[1])

    def start(self, timeout: float = 30) -> CeleryWorker:
        handle = self.log.open("a")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "newsroom",
                "worker",
                "--loglevel=INFO",
                "--pool=prefork",
                "--concurrency=2",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--hostname=factdesk-test-{os.getpid()}-{time.time_ns()}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: "ready." in self.output() or self.process.poll() is not None, timeout, "the worker to start")
        if self.process.poll() is not None:
            raise AssertionError(f"the worker exited:\n{self.output()[-3000:]}")
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once: no warm shutdown, no acks."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


def purge(broker_url: str) -> None:
    """Drop messages left in the queue by an earlier run, so this test's worker sees only its own."""
    from kombu import Connection

    with Connection(broker_url, connect_timeout=2) as conn:
        conn.default_channel.queue_purge("celery")
