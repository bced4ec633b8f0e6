"""Latency from accepting evidence to the stored status change, through a real Celery worker.

    createdb -h 127.0.0.1 -U postgres factdesk_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk_bench REDIS_URL=redis://127.0.0.1:6379/1 \
        .venv/bin/python benchmarks/bench_refresh_latency.py [--runs 100]

Starts its own worker (celery -A newsroom worker) on the given Redis, then for each run
accepts one suggested piece of evidence (graded A, so the claim becomes `supported`)
through the service the API calls, and polls the database until the new status is stored.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402

from claims import services  # noqa: E402
from claims.models import Claim, Evidence, Source  # noqa: E402
from claims.permissions import FACT_CHECKER  # noqa: E402


def start_worker(log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "newsroom",
            "worker",
            "--loglevel=INFO",
            "--concurrency=2",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while "ready." not in log.read_text(errors="replace"):
        if time.monotonic() > deadline or process.poll() is not None:
            sys.exit(f"the worker did not start:\n{log.read_text()[-2000:]}")
        time.sleep(0.1)
    return process


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    if not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL (PostgreSQL) and REDIS_URL: this measures the real worker.")
    call_command("migrate", verbosity=0)
    checker, _ = User.objects.get_or_create(username="bench-checker")
    checker.groups.add(Group.objects.get(name=FACT_CHECKER))
    evidence = []
    for i in range(args.runs):
        claim = Claim.objects.create(text=f"Benchmark claim {time.time_ns()} number {i}")
        source = Source.objects.create(
            text=f"Benchmark source {i}", outlet=f"Agency {i}", reliability="A", fetch_state="fetched"
        )
        evidence.append(Evidence.objects.create(claim=claim, source=source, stance="supports"))
    log = ROOT / "var" / "bench-worker.log"
    log.parent.mkdir(exist_ok=True)
    worker = start_worker(log)
    latencies = []
    try:
        for item in evidence:
            started = time.perf_counter()
            services.accept_evidence(item, checker)  # commits; the outbox sends the refresh after commit
            while not Claim.objects.filter(pk=item.claim_id, status="supported").exists():
                if time.perf_counter() - started > 30:
                    sys.exit(f"no status change after 30 s for claim #{item.claim_id}")
                time.sleep(0.002)
            latencies.append(time.perf_counter() - started)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(20)
    ms = sorted(x * 1000 for x in latencies)
    print(
        f"{len(ms)} runs: median {statistics.median(ms):.1f} ms, p95 {ms[int(len(ms) * 0.95) - 1]:.1f} ms, "
        f"max {ms[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
