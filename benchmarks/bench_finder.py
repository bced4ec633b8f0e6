"""Time suggest_claims on a ~5,000-word story built from the evaluation stories.

python benchmarks/bench_finder.py [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.finder import suggest_claims, warm_up
from claims.finder.evaluate import load_stories

TARGET_WORDS = 5_000


def long_story() -> str:
    bodies = [story["body"] for story in load_stories()]
    parts: list[str] = []
    while sum(len(p.split()) for p in parts) < TARGET_WORDS:
        parts.append(bodies[len(parts) % len(bodies)])
    return "\n\n".join(parts)


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--runs", type=int, default=20)
    runs = arguments.parse_args().runs

    body = long_story()
    started = time.perf_counter()
    warm_up()
    suggest_claims(body)  # first full pass also builds pysbd's and the regex caches
    print(f"warm-up {1000 * (time.perf_counter() - started):.0f} ms")

    # Nothing is cached between runs except the per-process lexicons (quantulum's units, pysbd's rules),
    # so every run reads the whole story afresh. CPU time is reported too: on a shared machine it is
    # steadier than wall-clock time.
    timings, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        suggestions = suggest_claims(body)
        timings.append(1000 * (time.perf_counter() - started))
        cpu.append(1000 * (time.process_time() - started_cpu))
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    print(
        f"{len(body.split())} words, {len(suggestions)} suggestions, {runs} runs: "
        f"median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms "
        f"(CPU median {statistics.median(cpu):.0f} ms)"
    )


if __name__ == "__main__":
    main()
