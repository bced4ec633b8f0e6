"""Score the claim finder against the hand-annotated stories in evaluation/.

    python -m claims.finder.evaluate [--markdown] [--verbose] [--split tuning|heldout|unseen|unseen2|real]

Five splits: `stories/` is the tuning set the finder was developed against;
`heldout/`, `unseen/` and `unseen2/` (longer wire-style copy, written later) were annotated
before the finder was first run on them and stand in for copy nobody has seen; `real/` is
fourteen real news reports retold by an annotator who had not read the finder.
Figures are reported per split and overall.

A suggestion matches a gold claim when their spans overlap by at least half of
the shorter span. Recall counts gold claims found; precision counts suggestions
that are gold claims. Claimant and quantity accuracy are measured on matched
claims (the best-overlapping suggestion), where the gold has a claimant or
quantity. A body the story names with its acronym in parentheses ("the Federal Statistical
Office (Destatis)") is the same claimant under either name, and so are names the desk's
`claims.claimant_names.name_key` files under one claimant ("Microsoft Corp" / "Microsoft"). Suggestions per claim is
suggestions / gold claims: the reading load the finder puts on the desk (lower is better).
"""

from __future__ import annotations

import argparse
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from claims.claimant_names import name_key
from claims.finder import Suggestion, suggest_claims, warm_up

STORIES_DIR = Path(__file__).parent / "evaluation" / "stories"
HELDOUT_DIR = Path(__file__).parent / "evaluation" / "heldout"
UNSEEN_DIR = Path(__file__).parent / "evaluation" / "unseen"
UNSEEN2_DIR = Path(__file__).parent / "evaluation" / "unseen2"
REAL_DIR = Path(__file__).parent / "evaluation" / "real"
SPLITS = {"tuning": STORIES_DIR, "heldout": HELDOUT_DIR, "unseen": UNSEEN_DIR, "unseen2": UNSEEN2_DIR, "real": REAL_DIR}
MARKDOWN_PATH = Path(__file__).resolve().parents[2] / "docs" / "finder-evaluation.md"
TARGETS = {
    "recall": 0.9,
    "precision": 0.7,
    "claimant accuracy": 0.8,
    "quantity value accuracy": 0.9,
    "suggestions per claim": 1.5,
}
AT_MOST = {"suggestions per claim"}  # targets that are ceilings, not floors


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    suggested: int = 0
    correct_suggestions: int = 0
    claimant_total: int = 0
    claimant_right: int = 0
    quantity_total: int = 0
    quantity_right: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in (
            "gold",
            "found",
            "suggested",
            "correct_suggestions",
            "claimant_total",
            "claimant_right",
            "quantity_total",
            "quantity_right",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def metrics(self) -> dict[str, float | None]:
        return {
            "recall": _ratio(self.found, self.gold),
            "precision": _ratio(self.correct_suggestions, self.suggested),
            "claimant accuracy": _ratio(self.claimant_right, self.claimant_total),
            "quantity value accuracy": _ratio(self.quantity_right, self.quantity_total),
            "suggestions per claim": _ratio(self.suggested, self.gold),
        }


def load_stories(split: str = "tuning") -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted(SPLITS[split].glob("*.json"))]


def spans_match(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    overlap = min(a_end, b_end) - max(a_start, b_start)
    return overlap > 0 and overlap >= 0.5 * min(a_end - a_start, b_end - b_start)


def same_claimant(predicted: str | None, gold: str, aliases: dict[str, str] | None = None) -> bool:
    """Equal after normalising, or the shorter is the tail of a proper name ("Kiper" ~ "Oleh Kiper").

    `aliases` maps acronyms the story defines to their full names ("OCHA" -> "United Nations Office ...")."""
    if not predicted:
        return False
    if name_key(predicted) == name_key(gold):
        return True  # names the desk files under one claimant ("Microsoft Corp", "Armenian government")
    for name, other in (aliases or {}).items():
        for a, b in ((name, other), (other, name)):
            if _claimant_tokens(predicted) == _claimant_tokens(a) and _claimant_tokens(gold) == _claimant_tokens(b):
                return True
    mine, theirs = _claimant_tokens(predicted), _claimant_tokens(gold)
    if mine == theirs:
        return True
    shorter, longer = sorted((mine, theirs), key=len)
    shorter_text = predicted if shorter is mine else gold
    return bool(shorter) and longer[-len(shorter) :] == shorter and bool(re.search(r"\b[A-Z]", shorter_text))


_DEFINED_ACRONYM = re.compile(
    r"\b(?P<name>[A-Z][\w'’.-]*(?:\s+(?:of|for|on|and|the|de|[A-Z][\w'’.-]*))*)\s+\((?P<acronym>[A-Z][A-Za-z.]{1,9})\)"
)


def story_acronyms(body: str) -> dict[str, str]:
    """ "the Federal Statistical Office (Destatis)" -> {"Destatis": "Federal Statistical Office"}."""
    return {m.group("acronym"): re.sub(r"^The\s+", "", m.group("name")) for m in _DEFINED_ACRONYM.finditer(body)}


def _claimant_tokens(name: str) -> list[str]:
    name = re.sub(r"[’']s\b", "", name.lower())
    tokens = re.findall(r"[a-z0-9]+", name)
    while tokens and tokens[0] in {"the", "mr", "mrs", "ms", "dr", "prof"}:
        tokens = tokens[1:]
    return tokens


def same_quantity(suggestion: Suggestion, gold: dict) -> bool:
    quantity = suggestion.quantity
    return (
        quantity is not None
        and math.isclose(quantity.value, gold["value"], rel_tol=0.01)
        and quantity.bound == gold["bound"]
    )


def evaluate_story(story: dict) -> Tally:
    reference = date.fromisoformat(story["reference_date"]) if story.get("reference_date") else None
    suggestions = suggest_claims(story["body"], reference_date=reference)
    tally = Tally(gold=len(story["claims"]), suggested=len(suggestions))
    aliases = story_acronyms(story["body"])
    for suggestion in suggestions:
        if any(spans_match(suggestion.start, suggestion.end, c["start"], c["end"]) for c in story["claims"]):
            tally.correct_suggestions += 1
        else:
            tally.notes.append(f"  extra  {suggestion.score:.2f} {suggestion.text[:100]!r}")
    for claim in story["claims"]:
        matches = [s for s in suggestions if spans_match(s.start, s.end, claim["start"], claim["end"])]
        if not matches:
            tally.notes.append(f"  missed {claim['text'][:100]!r}")
            continue
        tally.found += 1
        best = max(matches, key=lambda s: min(s.end, claim["end"]) - max(s.start, claim["start"]))
        if claim["claimant"]:
            tally.claimant_total += 1
            if same_claimant(best.claimant, claim["claimant"], aliases):
                tally.claimant_right += 1
            else:
                tally.notes.append(f"  claimant {best.claimant!r} != {claim['claimant']!r}")
        if claim["quantity"]:
            tally.quantity_total += 1
            if same_quantity(best, claim["quantity"]):
                tally.quantity_right += 1
            else:
                got = best.quantity and (best.quantity.value, best.quantity.unit, best.quantity.bound)
                tally.notes.append(f"  quantity {got} != {tuple(claim['quantity'].values())}")
    return tally


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def results_table(rows: list[tuple[str, Tally]], total: Tally) -> str:
    header = (
        "| story | gold | suggested | recall | precision | claimant acc. | quantity acc. | suggestions per claim |\n"
        "|---|---|---|---|---|---|---|---|\n"
    )
    lines = []
    for name, tally in rows + [("**all stories**", total)]:
        m = tally.metrics
        lines.append(
            f"| {name} | {tally.gold} | {tally.suggested} | {_fmt(m['recall'])} | {_fmt(m['precision'])} | "
            f"{_fmt(m['claimant accuracy'])} | {_fmt(m['quantity value accuracy'])} | "
            f"{_fmt(m['suggestions per claim'])} |"
        )
    return header + "\n".join(lines) + "\n"


def _metrics_line(tally: Tally) -> str:
    m = tally.metrics
    return (
        f"recall {_fmt(m['recall'])}  precision {_fmt(m['precision'])}  "
        f"claimant {_fmt(m['claimant accuracy'])}  quantity {_fmt(m['quantity value accuracy'])}  "
        f"per claim {_fmt(m['suggestions per claim'])}"
    )


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--markdown", action="store_true", help=f"write {MARKDOWN_PATH}")
    arguments.add_argument("--verbose", action="store_true", help="list misses, extras and wrong fields")
    arguments.add_argument("--split", choices=sorted(SPLITS), help="score one split only")
    options = arguments.parse_args()

    warm_up()
    overall = Tally()
    split_totals: list[tuple[str, Tally, list[tuple[str, Tally]]]] = []
    for split in [options.split] if options.split else list(SPLITS):
        total, rows = Tally(), []
        print(f"== {split} ==")
        for story in load_stories(split):
            tally = evaluate_story(story)
            total.add(tally)
            rows.append((story["id"], tally))
            print(f"{story['id']:<24} {_metrics_line(tally)}")
            if options.verbose:
                print("\n".join(tally.notes))
        overall.add(total)
        split_totals.append((split, total, rows))
        print()
    for split, total, rows in split_totals + [("overall", overall, [])]:
        print(f"{split:<10} {_metrics_line(total)}  ({total.gold} gold claims, {total.suggested} suggestions)")
    print()
    for name, value in overall.metrics.items():
        target = TARGETS[name]
        ok = value is not None and (value <= target if name in AT_MOST else value >= target)
        verdict = "meets" if ok else ("ABOVE" if name in AT_MOST else "BELOW")
        print(f"{name:<24} {_fmt(value)}  (target {target:.2f}: {verdict}, overall)")

    if options.markdown:
        MARKDOWN_PATH.parent.mkdir(parents=True, exist_ok=True)
        summary = "\n".join(
            f"| {split} | {total.gold} | {total.suggested} | "
            + " | ".join(_fmt(v) for v in total.metrics.values())
            + " |"
            for split, total, _ in split_totals + [("**overall**", overall, [])]
        )
        tables = "\n".join(f"## {split}\n\n{results_table(rows, total)}" for split, total, rows in split_totals)
        MARKDOWN_PATH.write_text(
            "# Claim finder evaluation\n\n"
            "Generated by `python -m claims.finder.evaluate --markdown` over the hand-annotated stories in "
            "`claims/finder/evaluation/`: `stories/` is the tuning set; `heldout/`, `unseen/` and `unseen2/` (longer wire copy) were "
            "annotated before the finder was first run on them (first-run figures in their READMEs); `real/` is fourteen real "
            "news reports retold and annotated by someone who had not read the finder (first run and sources in `real/README.md`). "
            "A suggestion matches a gold claim when the spans overlap by at least half of the "
            "shorter one; claimant and quantity accuracy are measured on matched claims (a body named with its acronym in "
            "parentheses counts under either name); suggestions per claim is suggestions over gold claims.\n\n"
            "Targets: "
            + ", ".join(
                f"{name} {'at most' if name in AT_MOST else 'at least'} {target:.2f}"
                for name, target in TARGETS.items()
            )
            + ".\n\n"
            "| split | gold | suggested | recall | precision | claimant acc. | quantity acc. | suggestions per claim |\n"
            "|---|---|---|---|---|---|---|---|\n"
            f"{summary}\n\n{tables}"
        )
        print(f"wrote {MARKDOWN_PATH}")


if __name__ == "__main__":
    main()
