"""The claim-status rules of domain.md, row by row (pure function, no database)."""

from datetime import UTC, date, datetime

import pytest

from claims.status import (
    ClaimFacts,
    EvidenceFact,
    Rules,
    VerdictFact,
    compute_status,
    independent_groups,
)


def ev(
    stance="supports",
    state="accepted",
    label="Reuters",
    grade="B",
    outlet=None,
    group=None,
    observed=None,
    accepted=None,
):
    return EvidenceFact(
        stance=stance,
        state=state,
        source_label=label,
        reliability=grade,
        outlet=label if outlet is None else outlet,
        group=group if group is not None else label,
        observed_at=observed,
        accepted_at=accepted,
    )


def at(day, hour=12):
    return datetime(2024, 8, day, hour, tzinfo=UTC)


VERDICT_FALSE = VerdictFact("False", "refuted", at(12))
VERDICT_TRUE = VerdictFact("True", "supported", at(12))

TABLE = [
    # (case, facts, expected status)
    ("nothing at all", ClaimFacts(), "unverified"),
    ("only rejected evidence", ClaimFacts(evidence=(ev(state="rejected"),)), "unverified"),
    ("context evidence alone does not count", ClaimFacts(evidence=(ev(stance="context"),)), "unverified"),
    ("suggested evidence awaiting review", ClaimFacts(evidence=(ev(state="suggested"),)), "checking"),
    ("an assignee is working on it", ClaimFacts(assignee="chk"), "checking"),
    ("one support below the threshold", ClaimFacts(evidence=(ev(grade="C"),)), "checking"),
    ("two independent supports", ClaimFacts(evidence=(ev(label="TASS", grade="C"), ev(label="Reuters"))), "supported"),
    ("one support graded A suffices", ClaimFacts(evidence=(ev(label="Official gazette", grade="A"),)), "supported"),
    (
        "syndicated copies count once",
        ClaimFacts(evidence=(ev(label="Daily A", group=7), ev(label="Daily B", group=7))),
        "checking",
    ),
    (
        "same outlet twice counts once",
        ClaimFacts(evidence=(ev(label="Reuters", group=1), ev(label="Reuters", group=2))),
        "checking",
    ),
    ("support and contradiction", ClaimFacts(evidence=(ev(), ev(stance="contradicts", label="AP"))), "disputed"),
    ("contradiction from a C source", ClaimFacts(evidence=(ev(stance="contradicts", grade="C"),)), "refuted"),
    ("contradiction from an A source", ClaimFacts(evidence=(ev(stance="contradicts", grade="A"),)), "refuted"),
    (
        "contradiction from a D source only keeps it in checking",
        ClaimFacts(evidence=(ev(stance="contradicts", grade="D"),)),
        "checking",
    ),
    (
        "a newer figure makes it outdated",
        ClaimFacts(evidence=(ev(stance="updates", observed=at(14)),), as_of=date(2024, 8, 11)),
        "outdated",
    ),
    (
        "an update as of the claim's own date is not newer",
        ClaimFacts(evidence=(ev(stance="updates", observed=at(11)),), as_of=date(2024, 8, 11)),
        "unverified",
    ),
    (
        "an older update does not outdate it",
        ClaimFacts(evidence=(ev(stance="updates", observed=at(5)),), as_of=date(2024, 8, 11)),
        "unverified",
    ),
    (
        "outdated wins over supported",
        ClaimFacts(
            evidence=(ev(label="TASS"), ev(label="AP"), ev(stance="updates", label="Reuters", observed=at(20))),
            as_of=date(2024, 8, 11),
        ),
        "outdated",
    ),
    ("approved verdict sets the status", ClaimFacts(verdict=VERDICT_FALSE), "refuted"),
    (
        "verdict outranks older evidence",
        ClaimFacts(evidence=(ev(accepted=at(10)), ev(label="AP", accepted=at(11))), verdict=VERDICT_FALSE),
        "refuted",
    ),
    ("unverifiable verdict", ClaimFacts(verdict=VerdictFact("Unverifiable", "unverified", at(12))), "unverified"),
    (
        "evidence newer than the verdict: status follows the evidence",
        ClaimFacts(
            evidence=(ev(label="TASS", accepted=at(13)), ev(label="AP", accepted=at(14))), verdict=VERDICT_FALSE
        ),
        "supported",
    ),
]


@pytest.mark.parametrize("case,facts,expected", TABLE, ids=[row[0] for row in TABLE])
def test_status_table(case, facts, expected):
    assert compute_status(facts).status == expected


def test_verdict_overtaken_by_newer_evidence_needs_review():
    facts = ClaimFacts(evidence=(ev(stance="contradicts", label="AP", accepted=at(13)),), verdict=VERDICT_TRUE)
    result = compute_status(facts)
    assert result.status == "refuted"
    assert result.needs_review
    assert "needs review" in result.reason and "AP (B)" in result.reason


def test_verdict_without_newer_evidence_does_not_need_review():
    facts = ClaimFacts(evidence=(ev(accepted=at(11)),), verdict=VERDICT_TRUE)
    assert not compute_status(facts).needs_review


def test_supported_reason_names_the_independent_sources_with_grades():
    facts = ClaimFacts(evidence=(ev(label="TASS", grade="C"), ev(label="Reuters", grade="B")))
    assert compute_status(facts).reason == "2 independent sources support: Reuters (B), TASS (C)"


def test_outdated_reason_names_the_newer_source():
    facts = ClaimFacts(evidence=(ev(stance="updates", label="Kommersant", observed=at(20)),), as_of=date(2024, 8, 11))
    assert "Kommersant (B)" in compute_status(facts).reason


def test_thresholds_come_from_rules():
    facts = ClaimFacts(evidence=(ev(label="TASS"), ev(label="AP")))
    assert compute_status(facts, Rules(support_min_sources=3)).status == "checking"
    one = ClaimFacts(evidence=(ev(grade="B"),))
    assert compute_status(one, Rules(support_single_grades="AB")).status == "supported"
    weak = ClaimFacts(evidence=(ev(stance="contradicts", grade="C"),))
    assert compute_status(weak, Rules(refute_grades="AB")).status == "checking"


def test_syndication_and_outlet_links_are_transitive():
    # Daily A and Daily B share a wire group; Daily B and its web edition share an outlet.
    chain = [
        ev(label="Daily A", group=1, outlet="Daily A"),
        ev(label="Daily B", group=1, outlet="Daily B"),
        ev(label="Daily B web", group=2, outlet="Daily B"),
        ev(label="AP", group=3, outlet="AP"),
    ]
    assert len(independent_groups(chain)) == 2


def test_checking_reason_lists_the_work_under_way():
    facts = ClaimFacts(evidence=(ev(grade="C"), ev(state="suggested", label="AP")), assignee="chk")
    reason = compute_status(facts).reason
    assert "1 of 2 independent sources" in reason
    assert "1 suggested evidence awaiting review" in reason
    assert "assigned to chk" in reason
