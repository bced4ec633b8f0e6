"""Matcher throughput against 100,000 open claims on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres factdesk_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk_bench \
        .venv/bin/python benchmarks/bench_matcher.py [--claims 100000] [--rounds 3]

Builds the claims once (bulk_create) from the sentences of the finder's evaluation
stories, with their figures and place names varied, so many claims share a source's
vocabulary (the hard case for candidate search). Then matches each evaluation story
(as a source) against them and reports sources per second. Matching only: no fetch.
The claims' sentence embeddings are computed once, as the embedding job does, before timing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from claims import matching  # noqa: E402
from claims.finder.evaluate import load_stories  # noqa: E402
from claims.finder.quantities import singular  # noqa: E402
from claims.finder.segment import split_sentences as sentences  # noqa: E402
from claims.matching.context import embed_claims  # noqa: E402
from claims.models import Claim, Source  # noqa: E402

PLACES = [
    "Kursk",
    "Belgorod",
    "Odesa",
    "Kharkiv",
    "Lisbon",
    "Porto",
    "Nairobi",
    "Khartoum",
    "Manila",
    "Quito",
    "Leeds",
    "Bristol",
    "Dakar",
    "Lagos",
    "Hanoi",
    "Oslo",
    "Tromsø",
    "Valencia",
    "Sevilla",
    "Tbilisi",
]


def stored_figure(text: str) -> dict:
    """What accepting a finder suggestion stores: the claim's main figure and its counted noun."""
    found = re.search(r"(\d[\d,]*)\s+([a-z]+)", text)
    if not found:
        return {}
    return {
        "kind": "quantity",
        "quantity_value": float(found.group(1).replace(",", "")),
        "quantity_unit": singular(found.group(2)),
        "quantity_bound": "exact",
    }


def build_claims(n: int) -> None:
    have = Claim.objects.count()
    if have >= n:
        print(f"{have:,} claims already there")
        return
    rng = random.Random(7)
    templates = [s.text for story in load_stories() for s in sentences(story["body"]) if len(s.text.split()) > 6]
    batch, started = [], time.perf_counter()
    for i in range(have, n):
        text = re.sub(r"\d[\d,.]*", lambda m: f"{rng.randint(2, 250_000):,}", rng.choice(templates))
        text = re.sub(r"\b[A-Z][a-z]{3,}\b", lambda m: rng.choice(PLACES) if rng.random() < 0.3 else m.group(0), text)
        batch.append(Claim(text=text, text_key=" ".join(text.lower().split())[:255], **stored_figure(text)))
        if len(batch) == 5000:
            Claim.objects.bulk_create(batch)
            batch = []
    if batch:
        Claim.objects.bulk_create(batch)
    print(f"built {n - have:,} claims in {time.perf_counter() - started:.1f} s")


def embed_all() -> None:
    """What the embedding job does for each new claim, in bulk for the benchmark's claims."""
    started, done = time.perf_counter(), 0
    todo = list(Claim.objects.values_list("pk", flat=True))  # embed_claims skips the current ones
    for i in range(0, len(todo), 1000):
        done += embed_claims(todo[i : i + 1000])
    if done:
        print(f"embedded {done:,} claims in {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL: set DATABASE_URL (see the docstring).")
    call_command("migrate", verbosity=0)
    build_claims(args.claims)
    embed_all()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    bodies = [story["body"] for story in load_stories()]
    matching.match_source(Source(text=bodies[0]))  # warm the quantity parser once
    times, proposals = [], 0
    # A worker matches sources one after another; time each as the job would see it.
    for _ in range(args.rounds):
        for body in bodies:
            started = time.perf_counter()
            proposals += len(matching.match_source(Source(text=body)))
            times.append(time.perf_counter() - started)
    total = sum(times)
    print(f"{Claim.objects.count():,} claims; {len(times)} sources matched in {total:.2f} s")
    print(
        f"throughput {len(times) / total:.1f} sources/s; per source median "
        f"{statistics.median(times) * 1000:.0f} ms, p95 {sorted(times)[int(len(times) * 0.95) - 1] * 1000:.0f} ms; "
        f"{proposals / len(times):.1f} proposals per source"
    )


if __name__ == "__main__":
    main()
