"""The claim-status rules of domain.md, as one pure function.

No ORM in here: callers (services.refresh_status) turn a claim's rows into the
plain facts below, and get back the status, its one-line reason and whether the
approved verdict has been overtaken by newer evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

UNVERIFIED = "unverified"
CHECKING = "checking"
SUPPORTED = "supported"
DISPUTED = "disputed"
REFUTED = "refuted"
OUTDATED = "outdated"


@dataclass(frozen=True)
class EvidenceFact:
    stance: str  # supports | contradicts | updates | context
    state: str  # suggested | accepted | rejected
    source_label: str  # "TASS"
    reliability: str  # A–F
    outlet: str = ""
    group: int | str | None = None  # syndication group; None → the evidence is its own group
    observed_at: datetime | date | None = None  # when the source's figure is as of
    accepted_at: datetime | None = None


@dataclass(frozen=True)
class VerdictFact:
    label: str  # "Mostly false"
    implies_status: str
    approved_at: datetime


@dataclass(frozen=True)
class Rules:
    support_min_sources: int = 2
    support_single_grades: str = "A"
    refute_grades: str = "ABC"


@dataclass(frozen=True)
class ClaimFacts:
    evidence: tuple[EvidenceFact, ...] = ()
    verdict: VerdictFact | None = None
    as_of: date | None = None
    assignee: str | None = None


@dataclass(frozen=True)
class StatusResult:
    status: str
    reason: str
    needs_review: bool = False
    supporting_groups: tuple[str, ...] = field(default=())


def compute_status(facts: ClaimFacts, rules: Rules = Rules()) -> StatusResult:
    """Status from accepted evidence and the approved verdict, per domain.md."""
    accepted = [e for e in facts.evidence if e.state == "accepted"]

    if facts.verdict is not None:
        newer = [e for e in accepted if e.accepted_at and e.accepted_at > facts.verdict.approved_at]
        if not newer:
            return StatusResult(
                facts.verdict.implies_status,
                f"Approved verdict: {facts.verdict.label} ({_day(facts.verdict.approved_at)})",
            )
        follow = _from_evidence(facts, accepted, rules)
        names = _names(newer)
        return StatusResult(
            follow.status,
            f"{follow.reason} — newer than the verdict “{facts.verdict.label}”: {names}; needs review",
            needs_review=True,
            supporting_groups=follow.supporting_groups,
        )
    return _from_evidence(facts, accepted, rules)


def _from_evidence(facts: ClaimFacts, accepted: list[EvidenceFact], rules: Rules) -> StatusResult:
    supports = [e for e in accepted if e.stance == "supports"]
    contradicts = [e for e in accepted if e.stance == "contradicts"]
    updates = [e for e in accepted if e.stance == "updates" and _is_newer(e.observed_at, facts.as_of)]

    if updates:
        latest = max(updates, key=lambda e: _as_date(e.observed_at) or date.min)
        when = _as_date(latest.observed_at)
        return StatusResult(
            OUTDATED,
            f"A newer figure overtakes it: {latest.source_label} ({latest.reliability})"
            + (f" as of {when.isoformat()}" if when else ""),
        )
    if supports and contradicts:
        return StatusResult(
            DISPUTED, f"Sources disagree: supported by {_names(supports)}; contradicted by {_names(contradicts)}"
        )
    strong_contradictions = [e for e in contradicts if e.reliability in rules.refute_grades]
    if strong_contradictions:
        return StatusResult(REFUTED, f"Contradicted by {_names(strong_contradictions)} and no source supports it")

    groups = independent_groups(supports)
    single_strong = [e for e in supports if e.reliability in rules.support_single_grades]
    if len(groups) >= rules.support_min_sources:
        return StatusResult(
            SUPPORTED,
            f"{len(groups)} independent sources support: {', '.join(groups)}",
            supporting_groups=tuple(groups),
        )
    if single_strong:
        return StatusResult(
            SUPPORTED,
            f"Supported by a source graded {single_strong[0].reliability}: {_names(single_strong)}",
            supporting_groups=tuple(groups),
        )

    work = []
    if supports:
        work.append(
            f"{len(groups)} of {rules.support_min_sources} independent sources support so far: {', '.join(groups)}"
        )
    if contradicts:
        work.append(f"contradicted only by low-graded sources: {_names(contradicts)}")
    pending = [e for e in facts.evidence if e.state == "suggested"]
    if pending:
        work.append(f"{len(pending)} suggested evidence awaiting review")
    if facts.assignee:
        work.append(f"assigned to {facts.assignee}")
    if work:
        reason = "; ".join(work)
        return StatusResult(CHECKING, reason[0].upper() + reason[1:])
    return StatusResult(UNVERIFIED, "No accepted evidence and no approved verdict yet")


def independent_groups(evidence: list[EvidenceFact]) -> list[str]:
    """Labels of independent sources: syndicated copies and same-outlet pieces merge.

    Two pieces are one source if they share a syndication group or an outlet, so the
    count is the number of connected components over those links (union–find).
    """
    parent = list(range(len(evidence)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[tuple[str, object], int] = {}
    for i, e in enumerate(evidence):
        keys = [("group", e.group if e.group is not None else ("own", i))]
        if e.outlet:
            keys.append(("outlet", e.outlet.strip().lower()))
        for key in keys:
            if key in seen:
                parent[find(i)] = find(seen[key])
            else:
                seen[key] = i

    best: dict[int, EvidenceFact] = {}
    for i, e in enumerate(evidence):
        root = find(i)
        # Name each component by its best-graded member.
        if root not in best or e.reliability < best[root].reliability:
            best[root] = e
    return [f"{e.source_label} ({e.reliability})" for e in sorted(best.values(), key=lambda e: e.reliability)]


def _names(evidence: list[EvidenceFact]) -> str:
    seen: list[str] = []
    for e in evidence:
        name = f"{e.source_label} ({e.reliability})"
        if name not in seen:
            seen.append(name)
    return ", ".join(seen)


def _as_date(value: datetime | date | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _is_newer(observed: datetime | date | None, as_of: date | None) -> bool:
    if as_of is None:
        return True
    observed_day = _as_date(observed)
    return observed_day is not None and observed_day > as_of


def _day(value: datetime) -> str:
    return value.date().isoformat()
