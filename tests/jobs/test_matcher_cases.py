"""The matcher on invented follow-up sources (tests/jobs/matcher_cases): a regression floor.

Run with -s to print the table and every miss. Floors set from the figures measured with the
embedding matcher (claims/matching); see docs/matcher-evaluation.md.
"""

import pytest

from claims.matching.evaluation import INVENTED, load_cases, report, run_invented_case


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_matcher_finds_and_labels_invented_follow_up_sources(reporter, checker, run_jobs, capsys):
    scores = {case["id"]: run_invented_case(case, reporter, checker, run_jobs) for case in load_cases(INVENTED)}
    text, total = report(scores)
    with capsys.disabled():
        print("\n" + text)
    assert total.labelled >= 60
    # 0.66 before context stopped being proposed from passages without the claim's figure
    # (on real copy those were all misses or distractors); measured 0.60 since.
    assert total.recall >= 0.55, text
    assert total.stance_accuracy >= 0.85, text
    # 0.71 before a source figure could back every claim whose measure it names; 0.64 since.
    assert total.precision >= 0.62, text
