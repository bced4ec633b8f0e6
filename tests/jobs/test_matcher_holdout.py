"""The matcher on the held-out real cases (tests/jobs/matcher_holdout): annotated before the
matcher ever ran on them; used for debugging the matcher since session 6, so the honest figure
on unseen copy is now test_matcher_holdout2. Run with -s for the table; the history is in
docs/matcher-evaluation.md.
"""

import pytest

from claims.matching.evaluation import HOLDOUT, load_cases, report, run_real_case


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_matcher_on_real_follow_ups_it_was_not_tuned_on(reporter, checker, run_jobs, capsys):
    cases = load_cases(HOLDOUT)
    scores = {case["id"]: run_real_case(case, reporter, checker, run_jobs) for case in cases}
    text, total = report(scores)
    with capsys.disabled():
        print("\n" + text)
    assert len(cases) >= 6
    # A regression floor at the measured figures (first run at the session's start: right
    # 0.24, distractors 0.12), not the targets: see docs/matcher-evaluation.md.
    assert total.right >= FLOOR_RIGHT, text
    assert total.distractor_rate <= FLOOR_DISTRACTORS, text
    assert total.per_source <= 3, text


FLOOR_RIGHT = 0.43  # measured 0.47 (0.36 when built; debugged on since)
FLOOR_DISTRACTORS = 0.13  # measured 0.08 (2 of 24): first run 0.12
