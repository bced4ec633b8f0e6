"""Soak: mixed desk and API traffic against gunicorn + a Celery worker (with beat), with a worker
restart and a Redis restart in the middle. A script, not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk_soak python benchmarks/soak.py --minutes 3

It migrates that database and loads the demo newsroom, starts its own redis-server on a free
port (broker and cache; the shared Redis is never touched), gunicorn (DEBUG off, as in
production) and a worker, then runs --clients threads of traffic: API reads and writes (stories,
claims on spans, pasted-text sources, evidence reviews, activity) and desk pages and writes
(dashboard, story workspace, claim queue, claim page, comments, claims from a selection).
At 1/3 of the run the worker is restarted; at 1/2 Redis is stopped for --redis-down seconds.
It reports requests, errors by status (the goal: no 5xx) and whether every queued outbox job
finished once traffic stopped.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "demo-password"
SPAN_TEXT = "Officials said at least {n} homes were evacuated after the river rose on Tuesday."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stack:
    """redis-server, gunicorn and a worker (with beat), each a subprocess this script owns."""

    def __init__(self, database_url: str, logs: Path):
        self.logs = logs
        self.redis_port, self.web_port = free_port(), free_port()
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.base = f"http://127.0.0.1:{self.web_port}"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": self.redis_url,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "FACTDESK_API_RATE": "100000/m",
            "FACTDESK_API_ANON_RATE": "100000/m",
            "LOG_LEVEL": "WARNING",
        }
        self.procs: dict[str, subprocess.Popen] = {}

    def manage(self, *args, debug: bool = False):
        env = {**self.env, "DEBUG": "1"} if debug else self.env
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)

    def _spawn(self, name: str, argv: list[str]):
        log = (self.logs / f"{name}.log").open("a")
        self.procs[name] = subprocess.Popen(
            argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start_redis(self):
        self._spawn(
            "redis",
            [
                shutil.which("redis-server"),
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        self._wait(lambda: self._redis_ping(), "redis")

    def _redis_ping(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(port=self.redis_port, socket_connect_timeout=0.3).ping())
        except redis.RedisError:
            return False

    def start_web(self, workers: int):
        self._spawn(
            "gunicorn",
            [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application", "-b", f"127.0.0.1:{self.web_port}",
             "-w", str(workers), "--threads", "4", "--timeout", "120"],
        )  # fmt: skip
        self._wait(lambda: self._get_ok("/healthz"), "gunicorn")

    def start_worker(self):
        schedule = self.logs / "celerybeat-schedule"
        self._spawn(
            "worker",
            [sys.executable, "-m", "celery", "-A", "newsroom", "worker", "--beat", f"--schedule={schedule}",
             "--loglevel=WARNING", "--concurrency=2", "--without-gossip", "--without-mingle"],
        )  # fmt: skip
        time.sleep(3)

    def stop(self, name: str, sig=signal.SIGTERM, wait: float = 20):
        proc = self.procs.get(name)
        if proc and proc.poll() is None:
            os.killpg(proc.pid, sig)
            try:
                proc.wait(wait)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)

    def stop_all(self):
        for name in ("worker", "gunicorn", "redis"):
            self.stop(name)

    def _get_ok(self, path: str) -> bool:
        try:
            return httpx.get(self.base + path, timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    @staticmethod
    def _wait(predicate, what: str, timeout: float = 60):
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise SystemExit(f"soak: {what} did not start")
            time.sleep(0.2)

    def shell(self, code: str) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()
        self.failures: Counter = Counter()  # transport errors (no HTTP answer)
        self.server_errors: list[str] = []
        self.latencies: list[float] = []

    def add(self, label: str, status: int | None, seconds: float, error: str = ""):
        with self.lock:
            if status is None:
                self.failures[error] += 1
            else:
                self.statuses[status] += 1
                self.latencies.append(seconds)
                if status >= 500 and len(self.server_errors) < 20:
                    self.server_errors.append(f"{status} {label}")


class Client:
    """One person: an API token and a desk session (cookies kept by hand – they are Secure with DEBUG off)."""

    def __init__(self, base: str, username: str, token: str, tally: Tally):
        self.http = httpx.Client(base_url=base, timeout=60, headers={"X-Forwarded-Proto": "https"})
        self.username, self.token, self.tally = username, token, tally
        self.cookies: dict[str, str] = {}

    def call(self, method: str, path: str, label: str, *, desk: bool = False, **kwargs) -> httpx.Response | None:
        headers = kwargs.pop("headers", {})
        if desk:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            if method != "GET":  # behind "TLS" (X-Forwarded-Proto), Django checks the Referer too
                headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
                headers["Referer"] = str(self.http.base_url).replace("http://", "https://", 1) + "/"
        else:
            headers["Authorization"] = f"Bearer {self.token}"
        started = time.monotonic()
        try:
            response = self.http.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            self.tally.add(label, None, time.monotonic() - started, type(exc).__name__)
            return None
        self.tally.add(label, response.status_code, time.monotonic() - started)
        for cookie in response.headers.get_list("set-cookie"):
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response

    def sign_in(self):
        self.call("GET", "/accounts/login/", "login page", desk=True)
        self.call(
            "POST",
            "/accounts/login/",
            "sign in",
            desk=True,
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""),
            },
        )


def api_round(c: Client, state: dict):
    n = random.randint(10, 99_999)
    body = f"RIVERTON – {SPAN_TEXT.format(n=n)} The mayor said {n // 3} people were in shelters."
    story = c.call("POST", "/api/stories", "api story", json={"headline": f"Soak flood {n}", "body": body})
    if story is not None and story.status_code == 201:
        sid = story.json()["id"]
        state["stories"].append(sid)
        span = SPAN_TEXT.format(n=n)
        start = body.index(span)
        claim = c.call(
            "POST", "/api/claims", "api claim", json={"story": sid, "start": start, "end": start + len(span)}
        )
        if claim is not None and claim.status_code in (200, 201):
            state["claims"].append(claim.json()["id"])
        c.call("GET", f"/api/stories/{sid}", "api story read")
    text = f"Officials said at least {n} homes were evacuated after the river rose, the agency said on Tuesday."
    source = c.call(
        "POST", "/api/sources", "api source", json={"text": text, "outlet": f"Agency {n % 7}", "reliability": "B"}
    )
    if source is not None and source.status_code == 202:
        state["sources"].append(source.json()["id"])
    if state["sources"]:
        found = c.call("GET", f"/api/sources/{random.choice(state['sources'])}", "api source read")
        if found is not None and found.status_code == 200:
            for evidence in found.json().get("evidence", [])[:1]:
                if evidence.get("state") == "suggested":
                    c.call("POST", f"/api/evidence/{evidence['id']}/accept", "api accept")
    c.call("GET", "/api/claims?limit=20", "api claims")
    c.call("GET", "/api/activity?limit=20", "api activity")
    if state["claims"]:
        c.call("GET", f"/api/claims/{random.choice(state['claims'])}", "api claim read")


def desk_round(c: Client, state: dict):
    c.call("GET", "/", "desk dashboard", desk=True)
    c.call("GET", "/queue/claims/", "desk claim queue", desk=True)
    if state["stories"]:
        sid = random.choice(state["stories"])
        page = c.call("GET", f"/stories/{sid}/", "desk story", desk=True)
        c.call("POST", f"/stories/{sid}/comments/", "desk comment", desk=True, data={"body": "Checked the figure."})
        if page is not None and page.status_code == 200:
            match = re.search(r"The mayor said (\d+) people were in shelters", page.text)
            if match:
                c.call("POST", f"/stories/{sid}/claims/", "desk claim", desk=True, data={"quote": match.group(0)})
    if state["claims"]:
        c.call("GET", f"/claims/{random.choice(state['claims'])}/", "desk claim page", desk=True)


def traffic(c: Client, state: dict, stop: threading.Event, pause: float):
    c.sign_in()
    while not stop.is_set():
        (api_round if random.random() < 0.6 else desk_round)(c, state)
        stop.wait(pause)  # a person reads between actions; also keeps the job rate within one small worker


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--redis-down", type=float, default=15.0, help="seconds Redis stays down")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds each client waits between rounds")
    parser.add_argument("--drain", type=float, default=300.0, help="seconds to wait for the outbox to empty")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit("soak: set DATABASE_URL to a PostgreSQL database of its own (it is migrated and filled)")

    logs = Path(tempfile.mkdtemp(prefix="factdesk-soak-"))
    stack = Stack(database_url, logs)
    tally, state, stop = Tally(), {"stories": [], "claims": [], "sources": []}, threading.Event()
    events = []
    try:
        stack.start_redis()
        stack.manage("migrate", "--noinput")
        stack.manage("demo", debug=True)
        stack.manage("collectstatic", "--noinput")
        tokens = {
            user: stack.shell(
                "from django.contrib.auth import get_user_model; from claims.models import ApiToken; "
                f"print(ApiToken.issue(get_user_model().objects.get(username='{user}'))[1])"
            ).splitlines()[-1]
            for user in ("checker", "editor")
        }
        before = int(
            stack.shell("from claims.models import OutboxJob; print(OutboxJob.objects.count())").splitlines()[-1]
        )
        stack.start_web(args.web_workers)
        stack.start_worker()
        users = [("checker", "editor")[i % 2] for i in range(args.clients)]
        threads = [
            threading.Thread(
                target=traffic, args=(Client(stack.base, u, tokens[u], tally), state, stop, args.pause), daemon=True
            )
            for u in users
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        total = args.minutes * 60
        time.sleep(total / 3)
        events.append(f"{time.monotonic() - started:5.0f} s  worker restarted (SIGTERM, start)")
        stack.stop("worker")
        stack.start_worker()
        time.sleep(max(0.0, total / 2 - (time.monotonic() - started)))
        events.append(f"{time.monotonic() - started:5.0f} s  Redis stopped for {args.redis_down:g} s")
        stack.stop("redis")
        time.sleep(args.redis_down)
        stack.start_redis()
        events.append(f"{time.monotonic() - started:5.0f} s  Redis back")
        time.sleep(max(0.0, total - (time.monotonic() - started)))
        stop.set()
        for thread in threads:
            thread.join(120)
        elapsed = time.monotonic() - started

        count = (
            f"from claims.models import OutboxJob; q = OutboxJob.objects.filter(pk__gt={before}); "
            "print(q.count(), q.filter(done_at__isnull=True).count())"
        )
        deadline = time.monotonic() + args.drain
        queued, pending = map(int, stack.shell(count).split()[-2:])
        while pending and time.monotonic() < deadline:
            time.sleep(5)
            queued, pending = map(int, stack.shell(count).split()[-2:])
        drained = args.drain - (deadline - time.monotonic())
    finally:
        stop.set()
        stack.stop_all()

    requests = sum(tally.statuses.values())
    server_errors = sum(n for status, n in tally.statuses.items() if status >= 500)
    latencies = sorted(tally.latencies) or [0.0]
    print(f"soak: {elapsed / 60:.1f} min, {args.clients} clients, gunicorn {args.web_workers} workers × 4 threads")
    for event in events:
        print(f"  {event}")
    print(f"requests: {requests} ({requests / elapsed:.1f}/s), p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
          f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms")  # fmt: skip
    print("by status: " + ", ".join(f"{s}: {n}" for s, n in sorted(tally.statuses.items())))
    print(f"5xx: {server_errors}" + (f"  first: {tally.server_errors}" if server_errors else ""))
    print(f"no answer: {sum(tally.failures.values())} {dict(tally.failures) or ''}")
    print(f"outbox jobs queued: {queued}, finished: {queued - pending}, still pending: {pending} "
          f"(waited {drained:.0f} s after traffic)")  # fmt: skip
    print(f"logs: {logs}")
    sys.exit(1 if server_errors or pending or tally.failures else 0)


if __name__ == "__main__":
    main()
