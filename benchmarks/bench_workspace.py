"""Server time of the story workspace for long stories and many claims, on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres factdesk_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk_bench .venv/bin/python benchmarks/bench_workspace.py [--runs 7]

Measures three requests through the desk's own views (Django's test client, in-process,
DEBUG off), each `--runs` times, and prints median and p95 with the query count:

- saving an edit to a 50,000-word story (through `story_edit`, as htmx posts it): its
  40 claim marks are moved past the new words and the re-rendered workspace is returned;
- rendering that story's workspace (the whole page), with the suggestions a long story
  keeps (3 per 100 words) marked in the text;
- rendering the workspace of a story with 200 claims, each with evidence.

The jobs a save schedules are written to the outbox but not sent (no worker runs here):
this measures the request, not the claim finder (benchmarks/bench_finder.py does that).
The benchmark's rows are kept in the given database and rebuilt at each run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# Production's settings: templates and queries without the debug bookkeeping.
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "k" * 50)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# No collectstatic here: plain static URLs instead of the manifest's hashed ones.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from claims import outbox  # noqa: E402
from claims.finder.evaluate import load_stories  # noqa: E402
from claims.forms import StoryEditForm  # noqa: E402
from claims.models import Claim, ClaimSuggestion, Evidence, Mention, Source, Story  # noqa: E402
from claims.permissions import EDITOR  # noqa: E402
from claims.services import text_key  # noqa: E402

LONG_WORDS = 50_000
LONG_MARKS = 40
MANY_CLAIMS = 200
HEADLINE = "Benchmark: "


def long_body(words: int) -> str:
    bodies = [story["body"] for story in load_stories()]
    parts: list[str] = []
    count = 0
    while count < words:
        part = bodies[len(parts) % len(bodies)]
        parts.append(part)
        count += len(part.split())
    return "\n\n".join(parts)


def sentence_spans(body: str):
    """(start, end) of each sentence-like run: where marks and suggestions go."""
    start = 0
    for i, ch in enumerate(body):
        if ch in ".\n" and i > start + 20:
            yield start, i + (ch == ".")
            start = i + 1
            while start < len(body) and body[start].isspace():
                start += 1


def make_story(owner, body: str, claims: int, suggestions: int) -> Story:
    story = Story.objects.create(headline=f"{HEADLINE}{len(body.split())} words", body=body, owner=owner)
    spans = list(sentence_spans(body))
    step = max(1, len(spans) // max(1, claims + suggestions))
    chosen = spans[::step][: claims + suggestions]
    source = Source.objects.create(text="Benchmark source", outlet="Agency", reliability="B", fetch_state="fetched")
    for n, (start, end) in enumerate(chosen):
        text = body[start:end]
        if n < claims:
            claim = Claim.objects.create(text=text, text_key=text_key(f"{story.pk} {n} {text}"), created_by=owner)
            Mention.objects.create(story=story, claim=claim, start=start, end=end, quote=text)
            Evidence.objects.create(claim=claim, source=source, stance="supports", excerpt=text[:200])
        else:
            ClaimSuggestion.objects.create(story=story, text=text, start=start, end=end, score=0.5 + (n % 50) / 100)
    return story


def timed(runs: int, request):
    """Median and p95 wall-clock ms, the queries of one run, and median CPU ms of this process
    (steadier than wall-clock time on a shared machine; it leaves out PostgreSQL's own work)."""
    timings, cpu, queries = [], [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = request()
            timings.append(1000 * (time.perf_counter() - started))
            cpu.append(1000 * (time.process_time() - started_cpu))
        assert response.status_code == 200, (response.status_code, response.content[:500])
        queries = len(captured)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, queries, statistics.median(cpu)


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--runs", type=int, default=7)
    arguments.add_argument(
        "--jobs-in-process",
        action="store_true",
        help="run the jobs a save schedules inside the request, as the embedded default (no REDIS_URL) does",
    )
    options = arguments.parse_args()
    runs = options.runs
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database of the benchmark's own.")
    call_command("migrate", verbosity=0)
    if not options.jobs_in_process:
        outbox.send = lambda job_id: None  # written, not sent: see the docstring

    editor, _ = User.objects.get_or_create(username="bench-editor")
    editor.groups.add(Group.objects.get(name=EDITOR))
    Story.objects.filter(headline__startswith=HEADLINE).delete()
    Claim.objects.filter(created_by=editor).delete()

    body = long_body(LONG_WORDS)
    long_story = make_story(editor, body, LONG_MARKS, suggestions=3 * LONG_WORDS // 100)
    many = make_story(editor, long_body(6_000), MANY_CLAIMS, suggestions=0)
    print(
        f"long story: {len(body.split()):,} words, {len(body):,} characters, {LONG_MARKS} marks, "
        f"{ClaimSuggestion.objects.filter(story=long_story).count()} suggestions"
    )
    print(f"claims story: {len(many.body.split()):,} words, {Mention.objects.filter(story=many).count()} claims")

    client = Client(HTTP_HX_REQUEST="true")
    client.force_login(editor)
    page = Client()
    page.force_login(editor)
    url = long_story.get_absolute_url()

    def save():
        story = Story.objects.get(pk=long_story.pk)
        # New words at the top, so every mark moves.
        new_body = f"Update {story.version}: the council said 1,200 homes were evacuated.\n\n{story.body}"
        return client.post(
            f"{url}edit/",
            {
                "version": story.version,
                "headline": story.headline,
                "body": new_body,
                "base": StoryEditForm.initial_for(story)["base"],
            },
            secure=True,
        )

    page.get(url, secure=True)  # warm the template cache
    results = [
        ("save a 50,000-word story (htmx)", timed(runs, save)),
        ("render its workspace", timed(runs, lambda: page.get(url, secure=True))),
        (
            f"render a workspace with {MANY_CLAIMS} claims",
            timed(runs, lambda: page.get(many.get_absolute_url(), secure=True)),
        ),
    ]
    for label, (median, p95, queries, cpu) in results:
        print(
            f"{label:<42} median {median:6.0f} ms  p95 {p95:6.0f} ms  (CPU median {cpu:4.0f} ms)  "
            f"{queries} queries  ({runs} runs)"
        )


if __name__ == "__main__":
    main()
