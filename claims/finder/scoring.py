"""Check-worthiness: an explainable score from features a fact-checker looks for.

Every feature adds or subtracts a fixed weight and leaves a human-readable
reason, so the desk can see why a sentence was (or was not) suggested.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from claims.finder.quantities import Quantity

BASE_SCORE = 0.15
_WORDS = json.loads((Path(__file__).parent / "word_lists.json").read_text())


def _phrases(key: str) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in _WORDS[key]), key=len, reverse=True))


# Official actions reported without a number: "visited the site", "told residents to leave", "have finished".
_OFFICIAL_ACTION = re.compile(rf"\b(?:{_phrases('official_action_verbs')})\b", re.IGNORECASE)
# What an institution says comes next: "is due to report", "was finalising an evacuation plan".
_PREDICTION = re.compile(r"\b(?:would|will|expects?|forecasts?|predicts?)\b", re.IGNORECASE)
_OUTLOOK = re.compile(rf"\b(?:{_phrases('outlook_phrases')})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Assessment:
    score: float
    reasons: tuple[str, ...]
    kind: str


_EVENT_VERBS = re.compile(
    r"\b(?:killed|killing|died|dead|deaths?|injur(?:ed|ing)|wounded|destroyed|launched|struck|attacked|shelled|"
    r"bombed|seized|captured|occupied|invaded|evacuated|rescued|arrested|charged|convicted|sentenced|"
    r"acquitted|jailed|fined|sued|ordered|ruled|banned|approved|passed|rejected|vetoed|signed|elected|"
    r"defeated|won|beat|beating|lost|scored|resigned|fired|appointed|hired|closed|opened|collapsed|"
    r"announced|launched|cut|raised|rose|fell|dropped|jumped|climbed|surged|plunged|grew|shrank|"
    r"reached|hit|exceeded|recorded|confirmed|denied|admitted|filed|published|released|found|"
    r"spent|paid|invested|sold|bought|awarded|funded|donated|pledged|deployed|sent|delivered|"
    r"burned|flooded|erupted|crashed|exploded|collapsed|spread|infected|vaccinated|treated|admitted|"
    r"built|demolished|blocked|shut|suspended|delayed|postponed|cancelled|canceled|began|ended|started)\b",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:record|highest|lowest|largest|biggest|smallest|most|least|first|last time|worst|best|fastest|"
    r"slowest|deadliest|longest|shortest|strongest|weakest|only|more than|less than|fewer than|up from|"
    r"down from|compared with|compared to|twice as|times (?:more|less|as)|since records began|ever|"
    r"unprecedented|doubled|tripled|halved)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|overnight|"
    r"Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|"
    r"Nov(?:ember)?|Dec(?:ember)?|(?:19|20)\d\d|last (?:week|month|year)|this (?:week|month|year))\b"
)
_HEDGE = re.compile(
    r"\b(?:may(?!\s+\d)|might|could|possibly|perhaps|probably|likely|unlikely|appears? to|seems? to|reportedly|"
    r"allegedly|believed to|expected to|is thought|speculat\w*|rumou?r\w*|unclear|if)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:should|must|ought|beautiful|heartbreaking|thrilling|wonderful|terrible|awful|shameful|"
    r"disgraceful|outrageous|amazing|incredible|fantastic|great(?!\s+(?:bulk|majority|deal|many|number))|sad|tragic|by any measure|anyone's guess|"
    r"anyone’s guess|I think|I believe|we believe|we hope|I hope|in my view|in our view|frankly|"
    r"something else|nobody is happy|happy|angry|furious|delighted|proud|disappointed|unmoved|scathing|"
    r"condemned|welcomed|praised|criticised|criticized|calm)\b",
    re.IGNORECASE,
)
_CAVEAT = re.compile(
    r"\b(?:could not (?:be )?(?:independently )?(?:verify|verified|confirm|confirmed)|"
    r"not (?:immediately )?possible to (?:independently )?verify|could not independently|"
    r"did not (?:immediately )?respond|declined to comment|no (?:immediate )?comment|"
    r"gave no evidence|did not provide evidence|did not say)\b",
    re.IGNORECASE,
)
_NAMED = re.compile(r"(?<![.!?\"“]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*|\b[A-Z]{2,}\b")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|we|We|we're|We're|our|Our|us|me|my|My)\b")


def assess(
    text: str, *, claimant: str | None, attribution_verb: str | None, quantities: tuple[Quantity, ...]
) -> Assessment:
    score, reasons = BASE_SCORE, []

    def add(weight: float, reason: str) -> None:
        nonlocal score
        score += weight
        reasons.append(reason)

    if quantities:
        figures = ", ".join(q.text for q in quantities[:3])
        add(0.35, f"states a figure: {figures}")
    if claimant:
        verb = f" ('{attribution_verb}')" if attribution_verb else ""
        add(0.2, f"attributed to {claimant}{verb}")
    event = _EVENT_VERBS.search(text) or _OFFICIAL_ACTION.search(text)
    if event:
        add(0.2, f"reports an event ('{event.group(0)}')")
    outlook = _OUTLOOK.search(text)
    if outlook:
        add(0.15, f"says what comes next ('{outlook.group(0)}')")
    if (
        claimant
        and attribution_verb
        and len(text.split()) >= 10
        and not quantities
        and not event
        and _quoted_share(text) < 0.2
        and not _FIRST_PERSON.search(text)
        and not _PREDICTION.search(text)
    ):
        add(0.1, f"reports what {claimant} stated")
    names = [n for n in _NAMED.findall(text) if n.split()[0] not in _SENTENCE_OPENERS]
    if names:
        add(0.1, f"names {names[0]}")
    comparison = _COMPARISON.search(text)
    if comparison:
        add(0.1, f"compares or ranks ('{comparison.group(0)}')")
    date = _DATE.search(text)
    if date:
        add(0.05, f"dated ('{date.group(0)}')")

    unquoted = _without_quotes(text)
    if text.rstrip().rstrip("\"”’'").endswith("?"):
        add(-0.5, "asks a question")
    hedge = _HEDGE.search(unquoted)
    if hedge:
        add(-0.15, f"hedged ('{hedge.group(0)}')")
    opinion = _OPINION.search(text)
    if opinion:
        add(-0.25, f"opinion or description ('{opinion.group(0)}')")
    caveat = _CAVEAT.search(text)
    if caveat:
        add(-0.4, f"newsroom caveat ('{caveat.group(0)}')")
    quote = _quoted_share(text)
    if quote > 0.4 and _FIRST_PERSON.search(text) and not quantities:
        add(-0.15, "first-person quote")
    if len(text.split()) < 6:
        add(-0.15, "too short to check on its own")

    kind = _kind(text, quantities, event is not None, quote)
    return Assessment(round(max(0.0, min(1.0, score)), 2), tuple(reasons), kind)


_SENTENCE_OPENERS = {
    "The",
    "A",
    "An",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "In",
    "On",
    "At",
    "By",
    "For",
    "Some",
    "Most",
    "Many",
    "Both",
    "Only",
    "Not",
    "Just",
    "About",
    "More",
    "Nearly",
    "Almost",
    "Over",
    "Under",
    "Two",
    "Three",
    "Four",
    "Five",
    "One",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "Every",
    "All",
    "No",
    "Is",
    "Will",
    "Could",
    "What",
    "Who",
    "Why",
    "How",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
}


def _kind(text: str, quantities: tuple[Quantity, ...], has_event: bool, quoted_share: float) -> str:
    if quantities:
        return "quantity"
    if quoted_share > 0.4:
        return "quote"
    if has_event:
        return "event"
    return "other"


def _without_quotes(text: str) -> str:
    return re.sub(r"\"[^\"]*\"|“[^”]*”", " ", text)


def _quoted_share(text: str) -> float:
    quoted = sum(len(m.group(0)) for m in re.finditer(r"\"[^\"]*\"|“[^”]*”", text))
    return quoted / max(1, len(text))
