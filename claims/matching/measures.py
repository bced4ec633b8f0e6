"""Is a figure in a source the same measure as a claim's figure, and what does it say about it?

Real follow-up copy rarely repeats the claim's words: "76,000 people evacuated" comes back
as "some 76,000 residents had been moved out", "1,870 suspected cases" as "1,870 suspected
infections". Pure functions, no database, so each rule has its own tests.
"""

from __future__ import annotations

import re

from ..finder.quantities import singular

# Nouns that count the same thing in news copy.
# English first, then the Spanish, Portuguese, French, German and Italian words of wire copy
# in those languages ("143 pessoas", "39 morts", "218 fallecidos"), singular as singular() gives them.
_MEASURES = {
    "person": "person people resident civilian evacuee inhabitant refugee individual citizen villager "
    "demonstrator protester protestor participant migrant displaced adult child "
    "persona pessoa personne mensch menschen personen persone habitante habitant einwohner residente",
    "death": "death fatality dead body victim toll "
    "muerto fallecido víctima victima muerte morto óbito vítima mort décès décè victime tote toten todesopfer opfer "
    "morti vittima",
    "case": "case infection patient caso cas fall fälle",
    "job": "job position role post employee worker staff layoff empleo emploi emprego arbeitsplatz posto",
    "drone": "drone uav",
    "building": "building structure home house dwelling casa vivienda edificio maison logement gebäude haus",
    "settlement": "settlement village town locality hamlet community pueblo aldea dorf",
    "vote": "vote ballot voto voix stimme",
    "tonne": "tonne ton tonelada tonnellata",
}
MEASURE_OF = {noun: measure for measure, nouns in _MEASURES.items() for noun in nouns.split()}
NOUNS_OF = {measure: set(nouns.split()) for measure, nouns in _MEASURES.items()}
# "23 people were killed" is the claim's "23 deaths" when the numbers agree.
_SAME_VALUE_ALIKE = {frozenset({"person", "death"}), frozenset({"person", "case"})}

# A change word just before the figure: the source reports a newer value of the measure.
CHANGE = re.compile(
    r"\b(?:ris(?:en|ing|es)|rose|climb(?:ed|ing|s)?|increas(?:ed|ing|es)|gr(?:ew|own|owing)|jump(?:ed|ing)|"
    r"soar(?:ed|ing)|reach(?:ed|ing|es)|now|revised|updated?|latest|new|so far|brings?|bringing|"
    r"f(?:e|a)ll(?:en|ing)?|dropp(?:ed|ing)|declin(?:ed|ing)|eased|edged|stands?|stood|total(?:led|s)?|"
    r"swell(?:ed)?|doubled|tripled|mounted|hit|exceed(?:ed|s)?|surpass(?:ed|es)?|topped|passed|"
    # A final figure overtakes the provisional one: "the final turnout was 62.59 per cent".
    r"final|definitiv[eoa]|définitif|définitive|endgültige?[nr]?|"
    # Spanish, Portuguese, French, German: "se elevó a", "subiu para", "a atteint", "stieg auf".
    r"elev(?:ó|a|ado)|ascendi(?:ó|e)|aument(?:ó|a|ou)|subi(?:ó|u)|alcanz(?:ó|a)|atteint|augment(?:é|e)|pass(?:é|e) à|"
    r"stieg|gestiegen|erhöht|angewachsen|erreicht\w*|ahora|maintenant|inzwischen|mittlerweile|"
    # ... and their "stands at": "s'établit à 40", "se sitúa en", "chega a", "liegt bei".
    r"établit|élève|sitúa|situó|situa|chega|chegou|liegt bei|beträgt|désormais|actuellement|actualmente|atualmente)\b",
    re.IGNORECASE,
)
# "121,000 people have now left": a change word just after the figure.
CHANGE_AFTER = re.compile(r"^[^.;]{0,30}?\b(?:now|so far|to date|by now|in total|altogether)\b", re.IGNORECASE)
# Words that put a figure against someone else's: the source disputes the claim's figure.
DISPUTE = re.compile(
    r"\b(?:den(?:ied|ies|y|ying)|false(?:ly)?|untrue|not true|fabricat\w*|fake|baseless|unfounded|lies?|lying|"
    r"propaganda|invented|disinformation|misinformation|exaggerat\w*|inflated|fraction of|disput\w*|"
    r"rejected|dismissed|no more than|did not exceed|far (?:fewer|lower|less|smaller)|contrary|"
    r"rather than|instead of|no such|never)\b",
    re.IGNORECASE,
)
# A claim denied outright, whatever its figures.
DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|false(?:ly)?|untrue|not true|fabricated|fake|baseless|unfounded|"
    r"(?:a|the|an outright) lie|lies|propaganda|disinformation|misinformation|debunked|refuted|"
    r"no evidence|no such \w+|never happened|did not (?:happen|take place|occur)|"
    r"(?:rejected|dismissed)(?: \w+){0,6} as|"
    r"(?:rejected|dismissed|denied|disputed)(?: [\w'’-]+){0,3} (?:claims?|reports?|allegations?|figures?|statements?|"
    r"assertions?|accusations?|tally|account)|contradicting (?:an |the )?(?:earlier )?claim|"
    r"(?:has|had|have) nothing to do with|"
    # Spanish, Portuguese, French, German: "negó", "havia negado", "a démenti", "dementierte".
    r"neg(?:ó|aron|ado|ou|aram)|desminti(?:ó|eron|do)|desmente|desmentiu|niega|niegan|"
    r"d[ée]menti|d[ée]ment|d[ée]mens|dementiert\w*|bestritt\w*|bestreitet|zurückgewiesen)\b",
    re.IGNORECASE,
)
# A result put in doubt by others, without a figure of its own ("pollsters called that result
# implausible", "the disputed election", "cast doubt on the results"). Read only where a source
# gives no figure of the claim's measure: beside a figure it is the figure that speaks.
DOUBTED = re.compile(
    r"\b(?:cast(?:s|ing)? (?:\w+ )?doubts? (?:on|over)|called into question|"
    r"(?:call(?:ed|s)?|deem(?:ed|s)?|describ(?:ed|es))(?: [\w'’-]+){0,3} (?:implausible|fraudulent|rigged|a (?:fraud|sham))|"
    r"(?:disputed|rigged|fraudulent) (?:elections?|votes?|results?|counts?|tall(?:y|ies)|outcome))\b",
    re.IGNORECASE,
)
# "police did not use tear gas": a denial when what follows is the claim's own words.
NEGATION = re.compile(
    r"\b(?:did not|didn't|had not|hadn't|has not|hasn't|have not|haven't|was not|wasn't|were not|weren't|never)"
    r"\s+(?P<what>(?:[\w'’-]+\s+){0,3}[\w'’-]+)",
    re.IGNORECASE,
)
# "up from 76,000", "compared with 76,000": the source repeats the old figure as history.
PREVIOUS_FIGURE = re.compile(
    # ... or one not reached: "a hair away from 4.3%", "just short of 1,000"
    r"\b(?:previously|earlier|before|prior|compared (?:with|to)|versus|vs\.?|against|(?:away|far) from|(?:short|shy) of)"
    r"\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
# "From" gives the old value only beside a change ("up from 111", "rose from 111 to 131"), not
# the cause ("the death toll from the 7.7 magnitude quake", "Toll From Powerful 7.7 Quake").
_FROM_FIGURE = re.compile(r"\bfrom\W+(?:(?-i:[a-z][\w'’-]*)\W+){0,2}$", re.IGNORECASE)
_CHANGE_BEFORE_FROM = re.compile(
    r"\b(?:up|down|rose|risen|rising|rises|fell|fallen|falling|jumped|jumps|climbed|climbs|increased|decreased|"
    r"dropped|declined|grew|revised|raised|lowered|cut|changed|went|shot|soared|surged|slipped|edged|"
    r"increase|decrease|rise|fall|drop|jump|gain|loss|decline|revision|change|ticked)\b(?:[^.;]|\.(?=\d)){0,30}$",
    re.IGNORECASE,
)
_TO_AFTER = re.compile(r"[\d,.]+\s*%?\s*(?:[^\W\d_]+\s+){0,2}to\b")
_NEW_BEFORE_FROM = re.compile(r"\d\s*%?\s*(?:[^\W\d_]+\s+){0,2}$")  # "revised the toll to 275 from 288"
# A claim that reports an earlier figure: "had earlier put the toll at 5,500".
EARLIER = re.compile(r"\b(?:had earlier|earlier|initially|previously|originally|had first)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def measure(unit: str, text: str = "") -> str:
    """The thing a unit counts: "residents" and "people" are both "person"."""
    if re.search(r"\bunmanned|\baerial\b", text, re.IGNORECASE):
        return "drone"
    unit = unit.lower().replace("metre", "meter").replace("litre", "liter").strip()
    if unit in ("per cent", "pct", "por ciento", "prozent", "pour cent", "%"):
        return "percent"
    unit = " ".join(singular(w) if i == len(unit.split()) - 1 else w for i, w in enumerate(unit.split()))
    if unit not in MEASURE_OF and " " not in unit and DEMONYM.search(unit) and unit.rstrip("s") not in _NOT_PEOPLE:
        return "person"  # "120,000 ethnic Armenians", "1,400 Israelis", "a million Gazans"
    return MEASURE_OF.get(unit, unit)


# Nouns for people of a place or trade: Armenian, Palestinian, technician; Sudanese; Israeli, Iraqi.
DEMONYM = re.compile(r"(?:ian|ese|ean|ican|zan|ghan|[^aeiou]i)s?$")
_NOT_PEOPLE = {"taxi", "tsunami", "kiwi", "alibi", "safari", "salami", "chili", "broccoli"}


def nouns_near(text: str, since: int, start: int, until: int | None = None) -> set[str]:
    """Singular words that name a bare figure, before it: from `since` (the previous figure, or
    100 characters back), and up to `until` after it. "the number of people arrested ... has risen
    to 287" counts people; in "3,412 and the death toll rising to 58" the deaths are 58."""
    return {singular(w) for w in _WORD.findall(text[max(0, since) : until or start])}


def unit_agrees(claim_unit: str, unit: str, quantity_text: str, nearby: set[str]) -> bool | None:
    """True: same measure. None: cannot tell (a bare figure, or a claim without a unit). False: different."""
    claim_measure, measure_ = measure(claim_unit), measure(unit, quantity_text)
    if claim_measure == measure_:
        return True if claim_measure else None
    if not measure_:
        # "has risen to 287": bare, unless the sentence names what is counted.
        names = NOUNS_OF.get(claim_measure, {claim_measure})
        return True if names & nearby else None
    if not claim_measure:
        return None
    return False


def alike_for_same_value(claim_unit: str, unit: str, quantity_text: str) -> bool:
    pair = frozenset({measure(claim_unit), measure(unit, quantity_text)})
    return pair in _SAME_VALUE_ALIKE


def measure_words(
    text: str, start: int, end: int, stem, before: int = 14, after: int = 6, names_out: bool = False
) -> set[str]:
    """Stems of the words that say what a figure measures, near it ("Turnout reached 61.2 percent"
    -> turnout). Used to keep 61.2% turnout from matching 48% of votes. `names_out` drops
    capitalised words after the first (places and bodies say where, not what)."""
    head = text[:start]
    words = _WORD.findall(head)[-before:] + _WORD.findall(text[end:])[:after]
    first = _WORD.search(text)
    opening = first.group(0) if first and not head[: first.start()].strip() else None
    return {stem(w) for w in words if not (names_out and w[0].isupper() and w != opening)}


def alike_stems(claim_stems, source_stems) -> set[str]:
    """Claim stems with a source stem of the same first five letters ("evacua" ~ "evacue")."""
    prefixes = {s[:5] for s in source_stems}
    return {s for s in claim_stems if s[:5] in prefixes}


# Who gives a figure is not what it counts: "two Arab diplomats said 550 had died".
_SPEAKERS = frozenset(
    "diplomat official source witness spokesman spokeswoman spokesperson analyst economist expert "
    "spokesmen envoy researcher journalist reporter observer lawmaker senator negotiator".split()
)


def counts_speakers(unit: str, claim_unit: str) -> bool:
    """A figure of the people who report it ("two diplomats", "three officials"), not of the
    claim's measure – unless the claim counts them too."""
    return _singular_of(unit) in _SPEAKERS and _singular_of(claim_unit) not in _SPEAKERS


def _singular_of(unit: str) -> str:
    return singular(unit.lower().split()[-1]) if unit.strip() else ""


# Units that say little about what is measured: a percent may be turnout or inflation,
# "people" may be evacuated or arrested. Their figures must share the words around them too.
_GENERIC = {"", "percent", "percentage point", "person", "year", "day", "week", "month", "hour", "time"}


def is_generic(unit: str) -> bool:
    return measure(unit) in _GENERIC or bool(re.search(r"dollar|euro|pound|yen|franc|rupee|yuan|currency", unit))


def same_value(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-9)


def distinctive(value: float) -> bool:
    """A figure unlikely to recur by chance in a sentence about the claim: 310,000 or 3.4, not 12."""
    return abs(value) >= 100 or value != int(value)


def is_history(passage: str, start: int) -> bool:
    left = max(0, start - 40)
    head = passage[left:start]
    if PREVIOUS_FIGURE.search(head):
        return True
    found = _FROM_FIGURE.search(head)
    if not found:
        return False
    at = left + found.start()  # where "from" stands
    before_from = passage[max(0, at - 40) : at]
    return bool(
        _CHANGE_BEFORE_FROM.search(before_from)
        or _NEW_BEFORE_FROM.search(before_from)
        or _TO_AFTER.match(passage, start)
    )


def is_negated(passage: str, start: int) -> bool:
    """ "in the low twenties, not seventy-four": the source names the figure to deny it."""
    return re.search(r"\b(?:not|never|nor)\W+$", passage[max(0, start - 20) : start]) is not None


def reports_change(passage: str, start: int, end: int | None = None) -> bool:
    """A change word just before the figure ("has risen to 121,000") or just after it
    ("121,000 people have now left")."""
    if CHANGE.search(passage[max(0, start - 50) : start]):
        return True
    return end is not None and CHANGE_AFTER.search(passage[end:]) is not None


# Words that revise a figure downwards or correct it: a lower figure after them is the count's
# own revision ("revised down to 3,958", "lowered the toll to 84"), not a rival count.
REVISION = re.compile(
    r"\b(?:revis\w*|lower(?:ed|s|ing)?|downgrad\w*|correct(?:ed|s|ion)?|cut|reduc\w*|"
    r"down(?:ward)?|f(?:e|a)ll(?:en|ing|s)?|dropp?(?:ed|ing|s)?|declin\w*|decreas\w*|"
    r"revisad\w*|revis(?:ó|ou|é|ée)|rebaj\w*|redu(?:jo|ziu|it)|rectifi\w*|corrig\w*|korrigiert|"
    r"nach unten|gesenkt|abgesenkt)\b",
    re.IGNORECASE,
)


def reports_revision(passage: str, start: int) -> bool:
    """A revision word before the figure, in its sentence: "the UN revised the toll down to 3,958"."""
    return REVISION.search(passage[max(0, start - 80) : start]) is not None


RISE = re.compile(
    r"\b(?:ris(?:en|ing|es)|rose|climb(?:ed|ing|s)?|increas(?:ed|ing|es)|jump(?:ed|ing)|soar(?:ed|ing)|"
    r"swell(?:ed)?|mounted|elev(?:ó|a|ado)|ascendi(?:ó|e)|aument(?:ó|a|ou)|subi(?:ó|u)|augment(?:é|e)|stieg|gestiegen)\b",
    re.IGNORECASE,
)


def reports_rise(passage: str, start: int) -> bool:
    """A rise word just before the figure: "has risen to 14", "climbed to 148"."""
    return RISE.search(passage[max(0, start - 50) : start]) is not None


def disputes(passage: str, start: int, end: int) -> bool:
    """The figure is set against another: "no more than about 350", "the low twenties, not seventy-four"."""
    return DISPUTE.search(passage[max(0, start - 60) : end + 40]) is not None or DENIAL.search(passage) is not None
