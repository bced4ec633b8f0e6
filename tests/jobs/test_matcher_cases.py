"""The matcher on hand-written follow-up sources (tests/jobs/matcher_cases): a regression floor.

Run with -s to print the table and every miss. Measured when the floors were set (PostgreSQL /
SQLite): recall 0.71 / 0.66, stance accuracy 0.91 / 0.90, precision 0.81 / 0.82 over 62 pairs;
before the measures rules the first run was 0.44, 0.59 and 0.79.
"""

import pytest

from tests.jobs.matcher_eval import load_cases, report, run_case


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_matcher_finds_and_labels_follow_up_sources(reporter, checker, run_jobs, capsys):
    scores = {case["id"]: run_case(case, reporter, checker, run_jobs) for case in load_cases()}
    text, total = report(scores)
    with capsys.disabled():
        print("\n" + text)
    assert total.labelled >= 60
    assert total.recall >= 0.6, text
    assert total.stance_accuracy >= 0.85, text
    assert total.precision >= 0.75, text
