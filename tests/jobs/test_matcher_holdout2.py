"""The matcher on the second held-out real set (tests/jobs/matcher_holdout2): nine real stories
and 52 later reports, annotated blind and kept out of tuning, so this is the figure to expect
on copy it has not seen. Run with -s for the table; the history is in docs/matcher-evaluation.md.
"""

from claims.matching.evaluation import HOLDOUT2, load_cases, report, run_real_case


def test_the_matcher_on_the_second_held_out_set(reporter, checker, django_capture_on_commit_callbacks, capsys):
    cases = load_cases(HOLDOUT2)
    scores = {
        case["id"]: run_real_case(case, reporter, checker, lambda: django_capture_on_commit_callbacks(execute=True))
        for case in cases
    }
    text, total = report(scores)
    with capsys.disabled():
        print("\n" + text)
    assert len(cases) >= 9
    # Regression floors just under the measured figures, not the targets (0.8 right, 0.1
    # distractors): see docs/matcher-evaluation.md.
    assert total.right >= FLOOR_RIGHT, text
    assert total.distractor_rate <= FLOOR_DISTRACTORS, text
    assert total.per_source <= 3, text


FLOOR_RIGHT = 0.38  # measured 0.41 at the end of the second session of 2026-12-02; first run 0.37
FLOOR_DISTRACTORS = 0.15  # measured 0.11 (3 of 28); first run 0.14 (4 of 28)
