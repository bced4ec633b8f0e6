"""Score the matcher on labelled cases: a story's claims and the later sources that bear on them.

Two sets, kept apart (see their READMEs):

    tests/jobs/matcher_cases/  invented follow-ups, whole-sentence claims with their facts given
    tests/jobs/matcher_real/   real stories and their real later reports, rewritten in our words;
                               claims are made from spans of the story, as a desk makes them, so
                               their figure, claimant and date are the app's own reading
    tests/jobs/matcher_holdout/ more real stories in the same form, annotated by someone who had
                               not read the matcher; used for debugging since session 6
    tests/jobs/matcher_holdout2/ nine more, annotated the same way; debugged on since
    tests/jobs/matcher_holdout3/ ten more; debugged on since 2026-12-03
    tests/jobs/matcher_holdout4/ ten more, annotated blind on 2026-12-03 and kept out of
                               tuning: the honest figure

The whole pipeline runs (intake, the processing job, the matcher) and the Evidence it
proposed is compared with the labels:

    found        labelled pairs the matcher proposed (any stance)
    right        of the labelled pairs, those proposed with the labelled stance
    distractors  (source, claim) pairs labelled "must not attach" that it proposed anyway
    proposals    all proposals, per source
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from .. import intake, services
from ..models import Claim, Evidence, Story
from .retrieval import candidate_claim_ids
from .scoring import SourceDoc

CASES = Path(__file__).resolve().parents[2] / "tests" / "jobs"
INVENTED = CASES / "matcher_cases"
REAL = CASES / "matcher_real"
HOLDOUT = CASES / "matcher_holdout"
HOLDOUT2 = CASES / "matcher_holdout2"
HOLDOUT3 = CASES / "matcher_holdout3"
HOLDOUT4 = CASES / "matcher_holdout4"
STANCES = ["supports", "updates", "contradicts", "context"]


def load_cases(folder: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]


@dataclass
class Score:
    labelled: int = 0
    found: int = 0
    right_stance: int = 0
    false: int = 0
    proposals: int = 0
    sources: int = 0
    distractor_pairs: int = 0
    distractors_attached: int = 0
    facts_total: int = 0
    value_right: int = 0
    claimant_total: int = 0
    claimant_right: int = 0
    confusion: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
        self.confusion += other.confusion
        self.misses += other.misses

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def right(self) -> float:
        """Labelled pairs proposed with the right stance, of all labelled pairs."""
        return self.right_stance / self.labelled if self.labelled else 1.0

    @property
    def stance_accuracy(self) -> float:
        return self.right_stance / self.found if self.found else 0.0

    @property
    def precision(self) -> float:
        return (self.proposals - self.false) / self.proposals if self.proposals else 1.0

    @property
    def distractor_rate(self) -> float:
        return self.distractors_attached / self.distractor_pairs if self.distractor_pairs else 0.0

    @property
    def per_source(self) -> float:
        return self.proposals / self.sources if self.sources else 0.0


RunJobs = Callable[[], AbstractContextManager]


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def run_invented_case(case: dict, owner, checker, run_jobs: RunJobs) -> Score:
    """An invented case: each claim is a whole one-sentence story, with its facts given."""
    claims = {}
    for spec in case["claims"]:
        day = date.fromisoformat(spec["story_date"])
        story = Story.objects.create(
            owner=owner,
            headline=spec["text"][:80],
            body=spec["text"],
            state=Story.State.PUBLISHED,
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
    return _score_sources(case, claims, checker, run_jobs)


def run_real_case(case: dict, owner, checker, run_jobs: RunJobs) -> Score:
    """A real case: one story; its claims are spans the desk marks, read by the app itself."""
    spec = case["story"]
    story = Story.objects.create(
        owner=owner,
        headline=spec["headline"],
        body=spec["body"],
        state=Story.State.PUBLISHED,
        published_at=_moment(spec["published_at"]),
        published_url=spec.get("address", "")[:2000],
    )
    claims: dict[str, Claim] = {}
    facts = Score()
    for claim_spec in case["claims"]:
        start = spec["body"].index(claim_spec["span"])
        with run_jobs():
            claim, _, _ = services.create_claim_from_span(
                story, checker, start=start, end=start + len(claim_spec["span"])
            )
        claim.refresh_from_db()
        claims[claim_spec["key"]] = claim
        _score_facts(case["id"], claim_spec, claim, facts)
    score = _score_sources(case, claims, checker, run_jobs)
    score.add(facts)
    return score


def _score_facts(case_id: str, spec: dict, claim: Claim, score: Score) -> None:
    gold = spec.get("quantity")
    if gold:
        score.facts_total += 1
        value = claim.quantity_value
        if value is not None and abs(value - gold["value"]) <= 0.01 * max(abs(gold["value"]), 1e-9):
            score.value_right += 1
        else:
            score.misses.append(f"{case_id}/{spec['key']}: figure {value} (wanted {gold['value']})")
    if spec.get("claimant"):
        score.claimant_total += 1
        got = (claim.claimant.name if claim.claimant else "").lower()
        wanted = spec["claimant"].lower()
        if got and (got in wanted or wanted in got):
            score.claimant_right += 1
        else:
            score.misses.append(f"{case_id}/{spec['key']}: claimant {got or '-'} (wanted {spec['claimant']})")


def _score_sources(case: dict, claims: dict[str, Claim], checker, run_jobs: RunJobs) -> Score:
    score = Score()

    @cache
    def candidates(source) -> list[int]:  # for the misses list only: read each source once
        return candidate_claim_ids(f"{source.title}\n{source.text}", SourceDoc.of(source).vectors)

    for spec in sorted(case["sources"], key=lambda s: s["published_at"]):
        with run_jobs():
            source = intake.add_source(
                checker,
                text=spec["text"],
                title=spec["title"],
                outlet=spec["outlet"],
                published_at=_moment(spec["published_at"]),
            )
        proposed = {
            e.claim_id: e
            for e in Evidence.objects.filter(source=source, proposed_by__isnull=True).select_related("claim")
        }
        expected = {claims[key].pk: (key, stance) for key, stance in spec["expected"].items()}
        distractors = {claims[key].pk: key for key in spec.get("distractors", [])}
        score.sources += 1
        score.proposals += len(proposed)
        score.distractor_pairs += len(distractors)
        for claim_id, evidence in proposed.items():
            if claim_id in expected:
                continue
            score.false += 1
            key = next((k for k, c in claims.items() if c.pk == claim_id), None) or (
                f"claim of another case ({evidence.claim.text[:50]})"
            )
            if claim_id in distractors:
                score.distractors_attached += 1
                key = f"distractor {key}"
            score.misses.append(
                f"{case['id']}/{spec['key']}: extra {key} as {evidence.stance} ({evidence.matcher_reason[:100]})"
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
                reason = evidence.matcher_reason[:100] if evidence else ""
                if not evidence and claim_id not in candidates(source):
                    reason = "(not among the candidates)"
                score.misses.append(f"{case['id']}/{spec['key']}: {key} {stance} -> {got} {reason}")
    return score


def report(scores: dict[str, Score], misses: bool = True) -> tuple[str, Score]:
    """The table of a set, and its total; `misses=False` for a held-out set, whose misses
    must not be read (not even in a CI log) while the matcher is being changed."""
    total = Score()
    lines = []
    for name, s in scores.items():
        total.add(s)
        lines.append(
            f"{name:40} right {s.right_stance}/{s.labelled}  found {s.found}  false {s.false}/{s.proposals}"
            f"  distractors {s.distractors_attached}/{s.distractor_pairs}"
        )
    lines.append(
        f"\noverall: right stance {total.right:.2f} of {total.labelled} labelled pairs (found {total.recall:.2f}, "
        f"stance accuracy {total.stance_accuracy:.2f}); precision {total.precision:.2f}; "
        f"distractors attached {total.distractors_attached}/{total.distractor_pairs} ({total.distractor_rate:.2f}); "
        f"{total.per_source:.1f} proposals per source"
    )
    if total.facts_total or total.claimant_total:
        lines.append(
            f"claims made from spans: figure {total.value_right}/{total.facts_total}, "
            f"claimant {total.claimant_right}/{total.claimant_total}"
        )
    lines.append("labelled \\ proposed  " + "  ".join(f"{s:>11}" for s in [*STANCES, "none"]))
    for want in STANCES:
        lines.append(f"{want:20}" + "  ".join(f"{total.confusion[(want, got)]:>11}" for got in [*STANCES, "none"]))
    if misses:
        lines += ["", *total.misses]
    return "\n".join(lines), total
