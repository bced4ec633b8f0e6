"""The stance rules: what a source's figure of the claim's measure says about the claim.

One pure function over frozen facts, so each rule reads as a line of the table its tests
hold (tests/jobs/test_stance_rules.py):

- the figure is named only to be denied ("not seventy-four")       → contradicts
- the same value                                                   → supports
- an older figure than the claim's, or from a report that ran      → context (never a contradiction)
  before the claim's story
- a figure set against the claim ("no more than 350", "fabricated") → contradicts
- a count where the claim says none ("not a single school fell"),   → contradicts
  with no word of change
- a figure below an "at least" claim's (under half of it, or with no   → contradicts
  word of change), not given as a revision nor by the claim's own party
- change wording ("rose to", "revised", "now")                     → updates
- a later figure, even one within the claim's bound                → updates ("at least 133"
                                                                     and next day's 139)
- a same-day value within the claim's bound ("nearly 300" and 290)  → supports
- a same-time figure from the claim's own party                    → updates (a revision)
- a same-time rival figure from another party                      → contradicts
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

SUPPORTS, UPDATES, CONTRADICTS, CONTEXT = "supports", "updates", "contradicts", "context"


@dataclass(frozen=True)
class FigureFacts:
    claim_value: float
    claim_bound: str  # exact, at_least, at_most, approx (blank: exact)
    claim_day: date | None
    value: float
    day: date | None  # when the source's figure is as of
    changed: bool = False  # "has risen to", "revised", "now"
    disputed: bool = False  # "no more than", "dismissed as fabricated"
    negated: bool = False  # "not seventy-four"
    same_party: bool = False  # the claim's own claimant gives the new figure
    before_claim: bool = False  # the source ran before the claim's story: it cannot overtake it
    revised: bool = False  # "revised down to", "lowered to": the count's own correction
    share: bool = False  # the figures are percentages, often given to the whole percent


# Within this share of each other two figures are the same figure ("about 1,000" ~ 1,000).
SAME = 0.01
APPROX = 0.1
# A running count cut by more than half, with no word of revision, is another party's count.
LOWER_RIVAL = 0.5
# "More than 670" is the speaker's estimate, not any larger number: a same-day 2,000 is a rival.
BOUND_REACH = 1.25


# A share given to the whole percent ("received 20%") is its decimals rounded (20.32%).
SHARE_ROUNDING = 0.025


def same_figure(a: float, b: float, share: bool = False) -> bool:
    """The same figure, allowing only for rounding: 76,000 is 76,200 rounded and 11,300 is
    "about 11,300", but 385 is not 388 though the two are within 1% of each other. A share
    (a percentage) may be rounded further: "20%" is 20.32%, though "2%" is not 2.4%."""
    if a == b:
        return True
    if abs(a - b) > (SHARE_ROUNDING if share else SAME) * max(abs(a), abs(b), 1e-9):
        return False
    return _rounds_to(b, a) or _rounds_to(a, b)


def _rounds_to(value: float, rounded: float) -> bool:
    digits = len(Decimal(repr(float(rounded))).normalize().as_tuple().digits)
    return float(f"{value:.{digits}g}") == rounded


def within_bound(claim_value: float, bound: str, value: float, share: bool = False) -> bool:
    """Is `value` what the claim says? "over 76,000" holds for 80,000, "about 1,000" for 1,050."""
    scale = max(abs(claim_value), 1e-9)
    if bound == "at_least":
        return claim_value * (1 - SAME) <= value <= claim_value * BOUND_REACH
    if bound == "at_most":
        return claim_value / BOUND_REACH <= value <= claim_value * (1 + SAME)
    if bound == "approx":
        return abs(value - claim_value) <= APPROX * scale
    return same_figure(value, claim_value, share)


def figure_stance(facts: FigureFacts) -> tuple[str, str]:
    """(stance, why) for a source figure of the claim's measure."""
    if facts.negated:
        return CONTRADICTS, "names the figure to deny it"
    same = same_figure(facts.value, facts.claim_value, facts.share)
    days = (facts.day - facts.claim_day).days if facts.day and facts.claim_day else 0
    if same:
        return SUPPORTS, "same figure"
    if days < 0 or facts.before_claim:
        return CONTEXT, "older figure"
    if facts.disputed and not facts.changed:
        return CONTRADICTS, "disputed figure"
    if facts.claim_value == 0 and facts.value > 0 and not facts.changed:
        return CONTRADICTS, "a count where the claim says none"
    if (
        facts.claim_bound == "at_least"
        and facts.value < facts.claim_value * (1 - SAME)
        and not (facts.revised or facts.same_party)
        and (facts.value < LOWER_RIVAL * facts.claim_value or not facts.changed)
    ):
        return CONTRADICTS, "lower figure"  # "at least 78 died" and another office's "toll has reached 34"
    if facts.changed:
        return UPDATES, "newer figure"
    if days >= 1:
        return UPDATES, "newer figure"
    if within_bound(facts.claim_value, facts.claim_bound, facts.value, facts.share):
        return SUPPORTS, "figure within the claim’s bound"
    if facts.same_party:
        return UPDATES, "revised figure"
    return CONTRADICTS, "rival figure"
