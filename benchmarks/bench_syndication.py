"""Fact-print grouping against a full window: milliseconds per source, in memory.

    .venv/bin/python benchmarks/bench_syndication.py [--window 20000] [--sources 200]

Builds `--window` synthetic fact prints like a month of news (25–60 facts each, a third
figures: small counts, ages and times are common to many reports, big figures rare; names
drawn from a Zipf-like vocabulary), then times nearest_reworded_copy for `--sources` new
prints, half of them reworded copies of a window print (facts dropped and swapped). The
database query is not timed: it is the one MinHash grouping already makes.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from claims.syndication import nearest_reworded_copy  # noqa: E402

NAMES = [f"name{i}" for i in range(5000)]


def figure(rng: random.Random):
    roll = rng.random()
    if roll < 0.5:
        return rng.randint(2, 30)  # counts, ages, days: shared by many reports
    if roll < 0.8:
        return rng.randint(31, 2000)
    return rng.randint(2001, 5_000_000)


def synthetic_print(rng: random.Random) -> list:
    seen, tokens = set(), []
    for _ in range(rng.randint(25, 60)):
        token = figure(rng) if rng.random() < 0.33 else NAMES[min(int(rng.paretovariate(1.0)) - 1, 4999)]
        if token not in seen:
            seen.add(token)
            tokens.append(token)
    return tokens


def reworded(rng: random.Random, original: list) -> list:
    kept = [t for t in original if rng.random() > 0.1]
    for _ in range(2):
        i = rng.randrange(len(kept) - 1)
        kept[i], kept[i + 1] = kept[i + 1], kept[i]
    return kept


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--window", type=int, default=20_000)
    parser.add_argument("--sources", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    rows = [{"pk": i, "syndication_group_id": None, "fact_print": synthetic_print(rng)} for i in range(args.window)]
    probes = [
        reworded(rng, rng.choice(rows)["fact_print"]) if i % 2 else synthetic_print(rng) for i in range(args.sources)
    ]
    timings, found = [], 0
    for probe in probes:
        start = time.perf_counter()
        match = nearest_reworded_copy(probe, rows)
        timings.append((time.perf_counter() - start) * 1000)
        found += match is not None
    timings.sort()
    print(
        f"{args.window} window prints, {args.sources} sources: median {statistics.median(timings):.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms, max {timings[-1]:.1f} ms per source; "
        f"{found} grouped (of {args.sources // 2} reworded copies)"
    )


if __name__ == "__main__":
    main()
