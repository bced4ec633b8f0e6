"""Score the matcher on the hand-written cases in matcher_cases/ (see their README).

Each case is a set of tracked claims and later sources, each source labelled with the
claims it bears on and its stance. The whole pipeline runs: claims are accepted from
stories, sources go through intake and the processing job, and the Evidence rows the
matcher proposed are compared with the labels.

    found      labelled pairs the matcher proposed (any stance)
    stance     of those found, the share with the labelled stance
    false      proposals for claims a source does not bear on (context proposals count too)
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from claims import intake, services
from claims.models import Evidence
from tests.factories import StoryFactory

CASES = Path(__file__).with_name("matcher_cases")


def load_cases() -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(CASES.glob("*.json"))]


@dataclass
class Score:
    labelled: int = 0
    found: int = 0
    right_stance: int = 0
    false: int = 0
    proposals: int = 0
    confusion: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("labelled", "found", "right_stance", "false", "proposals"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.confusion += other.confusion
        self.misses += other.misses

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def stance_accuracy(self) -> float:
        return self.right_stance / self.found if self.found else 0.0

    @property
    def precision(self) -> float:
        return (self.proposals - self.false) / self.proposals if self.proposals else 1.0


def run_case(case: dict, owner, checker, run_jobs) -> Score:
    """Build the case's claims and sources through the app, return how the matcher did."""
    claims = {}
    for spec in case["claims"]:
        day = date.fromisoformat(spec["story_date"])
        story = StoryFactory(
            owner=owner,
            body=spec["text"],
            state="published",
            published_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
        )
        quantity = dict(spec["quantity"] or {})
        if quantity and spec.get("as_of"):
            quantity["as_of"] = date.fromisoformat(spec["as_of"])
        with run_jobs():
            claim, _, _ = services.create_claim_from_span(
                story, checker, start=0, end=len(spec["text"]), claimant=spec["claimant"], quantity=quantity or None
            )
        claims[spec["key"]] = claim
    score = Score()
    for spec in sorted(case["sources"], key=lambda s: s["published_at"]):
        with run_jobs():
            source = intake.add_source(
                checker,
                text=spec["text"],
                title=spec["title"],
                outlet=spec["outlet"],
                published_at=datetime.fromisoformat(spec["published_at"].replace("Z", "+00:00")),
            )
        proposed = {
            e.claim_id: e
            for e in Evidence.objects.filter(source=source, proposed_by__isnull=True).select_related("claim")
        }
        expected = {claims[key].pk: (key, stance) for key, stance in spec["expected"].items()}
        score.proposals += len(proposed)
        for claim_id, evidence in proposed.items():
            if claim_id not in expected:
                score.false += 1
                key = next((k for k, c in claims.items() if c.pk == claim_id), f"claim #{claim_id} of another case")
                score.misses.append(
                    f"{case['id']}/{spec['key']}: extra {key} as {evidence.stance} ({evidence.matcher_reason[:90]})"
                )
        for claim_id, (key, stance) in expected.items():
            score.labelled += 1
            evidence = proposed.get(claim_id)
            got = evidence.stance if evidence else "none"
            score.confusion[(stance, got)] += 1
            if evidence:
                score.found += 1
                score.right_stance += got == stance
            if got != stance:
                reason = evidence.matcher_reason[:90] if evidence else ""
                score.misses.append(f"{case['id']}/{spec['key']}: {key} {stance} -> {got} {reason}")
    return score


def report(scores: dict[str, Score]) -> str:
    total = Score()
    lines = []
    for name, s in scores.items():
        total.add(s)
        lines.append(
            f"{name:28} found {s.found}/{s.labelled}  stance {s.right_stance}/{s.found}  false {s.false}/{s.proposals}"
        )
    lines.append(
        f"\noverall: recall {total.recall:.2f}  stance accuracy {total.stance_accuracy:.2f}  "
        f"precision {total.precision:.2f}  ({total.labelled} labelled pairs, {total.proposals} proposals)"
    )
    stances = ["supports", "updates", "contradicts", "context"]
    lines.append("labelled \\ proposed  " + "  ".join(f"{s:>11}" for s in [*stances, "none"]))
    for want in stances:
        lines.append(f"{want:20}" + "  ".join(f"{total.confusion[(want, got)]:>11}" for got in [*stances, "none"]))
    lines += ["", *total.misses]
    return "\n".join(lines), total
