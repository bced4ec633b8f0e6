"""The write path for incoming ClaimReview: one record per review, its own source, its evidence.

Called by the source job inside its transaction (processing.store), so a job killed half way
leaves no half-recorded review, and a job run twice finds every review's key taken and adds
nothing. Each review stands as its own source (the reviewing organisation as outlet, graded by
the editors' table) so the status rules weigh it as that organisation's word; its evidence is
always a suggestion: a person accepts another newsroom's verdict.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ..activity import record
from ..models import ClaimReview, DateOrigin, Evidence, MatcherSettings, Source, SourceKind
from ..published import publication_time_error
from . import ratings
from .markup import Found, Review

log = logging.getLogger(__name__)
MATCHER = "matcher"
ACTOR = "job:process_source"


def record_found(source: Source, found: Found) -> list[ClaimReview]:
    """Record the source's reviews (new ones get a record, a review source and their evidence;
    known ones are linked to this source too) and keep what could not be read on the source."""
    if not (found.reviews or found.problems):
        return []  # an ordinary page: nothing to record, no settings to read
    problems = list(found.problems)
    tiers = MatcherSettings.current()
    table = tiers.rating_table()
    created: list[tuple[ClaimReview, ratings.Reading]] = []
    for review in found.reviews:
        if ours(review):
            problems.append(f"ClaimReview of “{review.claim_reviewed[:60]}” is our own published verdict: skipped.")
            continue
        organisation = review.organisation or source.outlet or _host(review.url) or _host(source.url)
        if not review.organisation:
            problems.append(
                f"ClaimReview of “{review.claim_reviewed[:60]}” names no organisation (author): "
                f"{'taken as ' + organisation if organisation else 'recorded as unnamed'}."
            )
        organisation = organisation or "Unnamed fact-checker"
        try:
            with transaction.atomic():  # a savepoint: one review that cannot be stored loses only itself
                made = _record_one(source, review, organisation, tiers, table)
        except IntegrityError:  # a job on another source recorded the same review a moment ago
            known = ClaimReview.objects.filter(key=review.key(organisation)).first()
            if known is not None:
                known.found_on.add(source)
            continue
        except Exception as exc:  # a bug or hostile value must not fail the source
            log.exception("source %s: could not record a claim review", source.pk)
            problems.append(
                f"ClaimReview of “{review.claim_reviewed[:60]}” could not be recorded ({exc.__class__.__name__})."
            )
            continue
        if made is not None:
            created.append(made)
    propose_all(created, tiers)
    if problems:
        source.claim_review_problems = problems[:50]
        Source.objects.filter(pk=source.pk).update(claim_review_problems=source.claim_review_problems)
        record(ACTOR, "could not read all ClaimReview markup", source, reason="; ".join(problems)[:500])
    return [claim_review for claim_review, _ in created]


def propose_all(created: list[tuple[ClaimReview, ratings.Reading]], tiers: MatcherSettings) -> None:
    """Each new review's evidence; the reviews' texts are embedded together, a batch at a time."""
    from ..matching.scoring import SourceDoc

    wanted = [(review, reading) for review, reading in created if reading.stance != ratings.IGNORE]
    for start in range(0, len(wanted), 50):
        batch = wanted[start : start + 50]
        try:
            docs = SourceDoc.of_many([review.review_source for review, _ in batch])
        except Exception:  # the encoder on odd text: each review is read alone below
            log.exception("claim reviews: could not embed a batch")
            docs = [None] * len(batch)
        for (review, reading), doc in zip(batch, docs, strict=True):
            propose_for_review(review, reading, tiers, doc)


def _record_one(source: Source, review: Review, organisation: str, tiers, table) -> tuple | None:
    """(record, reading) for a new review; None when it is on record already (then linked here)."""
    known = ClaimReview.objects.filter(key=review.key(organisation)).first()
    if known is not None:
        known.found_on.add(source)  # the same review again: one record, seen here as well
        return None
    reading = ratings.stance_for(review, table)
    grade = ratings.grade_for(organisation, tiers.reviewer_grades or {}, tiers.reviewer_default_grade or "C")
    claim_review = ClaimReview.objects.create(
        key=review.key(organisation),
        review_source=_review_source(source, review, organisation, grade),
        claim_reviewed=review.claim_reviewed,
        claim_author=review.claim_author,
        claim_appearance=review.claim_appearance,
        claim_date=review.claim_date,
        rating_value=review.rating_value,
        best_rating=review.best_rating,
        worst_rating=review.worst_rating,
        rating_name=review.rating_name,
        organisation=organisation,
        organisation_url=review.organisation_url,
        date_published=review.date_published,
        url=review.url,
        headline=review.headline,
        stance=reading.stance,
        stance_reason=f"“{_label(review)}” → {reading.stance} ({reading.why})"[:300],
    )
    claim_review.found_on.add(source)
    record(
        ACTOR,
        "recorded claim review",
        claim_review.review_source,
        reason=f"{organisation} rated “{claim_review.rating_label}”: {review.claim_reviewed[:200]} (from source #{source.pk})",
    )
    return claim_review, reading


def ours(review: Review) -> bool:
    """Our own public fact-check (claims/claimreview.py) pasted back must not become evidence on itself."""
    conf = settings.FACTDESK
    base = (conf["PUBLIC_BASE_URL"] or "").rstrip("/")
    if base and review.url.startswith(base + "/"):
        return True
    return bool(review.organisation) and review.organisation.strip().lower() == conf["PUBLISHER_NAME"].strip().lower()


def _review_source(found_on: Source, review: Review, organisation: str, grade: str) -> Source:
    """The review as a source of its own. No address (the review's is on the record): a later
    paste of the review page is fetched and read afresh, not taken for this one's twin."""
    now = timezone.now()
    published = review.date_published
    if published is not None and publication_time_error(published, now):
        published = None
    # The claim reviewed is the title (the matcher's first passage); the text adds the review's own words.
    text = "\n".join(part for part in (review.headline, review.body) if part) or review.claim_reviewed
    return Source.objects.create(
        title=review.claim_reviewed[:500],
        text=text,
        outlet=organisation[:200],
        kind=SourceKind.OTHER,
        reliability=grade,
        published_at=published,
        published_at_origin=DateOrigin.METADATA if published else "",
        fetch_state=Source.FetchState.FETCHED,
        fetched_at=now,
        fetch_attempts=1,
        feed=None,
        added_by=found_on.added_by,
    )


def propose_for_review(
    claim_review: ClaimReview, reading: ratings.Reading, tiers: MatcherSettings, doc=None
) -> list[Evidence]:
    """Suggest evidence on the open claims the review rated, with the stance its rating gives."""
    from ..services import queue_refresh

    if reading.stance == ratings.IGNORE:
        return []
    source = claim_review.review_source
    try:
        matches = match_review(source, tiers.suggest_threshold, doc)
    except Exception as exc:  # a matcher bug on odd text must not undo the recording
        log.exception("claim review %s: could not match", claim_review.pk)
        record(MATCHER, "could not match claim review", source, reason=f"Matcher error ({exc.__class__.__name__})")
        return []
    already = set(Evidence.objects.filter(source=source).values_list("claim_id", flat=True))
    created = []
    for proposal, rated in matches:
        if proposal.claim_id in already:
            continue
        stance, why = reading.stance, reading.why
        if proposal.observed_value is not None and proposal.figure_at and proposal.figure_at[0] == 0:
            # The claim it rated gives another figure of the same measure: its verdict is on that figure.
            stance, why = ratings.CONTEXT, f"{why}; but it rated another figure"
        reason = (
            f"{claim_review.organisation} rated it “{claim_review.rating_label}” → {stance} ({why}); "
            f"the claim it rated matches ({rated:.2f}): {proposal.reason}"
        )
        evidence = Evidence.objects.create(
            claim_id=proposal.claim_id,
            source=source,
            stance=stance,
            excerpt=f"{claim_review.organisation} rated “{claim_review.rating_label}”: {claim_review.claim_reviewed}"[
                :2000
            ],
            matcher_score=proposal.score,
            matcher_reason=reason[:500],
            state=Evidence.State.SUGGESTED,
        )
        already.add(proposal.claim_id)
        record(
            MATCHER,
            "suggested evidence",
            evidence,
            claim=evidence.claim,
            reason=f"{stance} ({proposal.score:.2f}): {reason}",
        )
        queue_refresh(proposal.claim_id, f"evidence #{evidence.pk} suggested from {claim_review.organisation}'s review")
        created.append(evidence)
    return created


def match_review(source: Source, min_score: float, doc=None) -> list[tuple]:
    """(proposal, closeness of the rated claim) for the claims the matcher finds in the review
    whose own sentence is the claim it rated: a fact-check's text names other claims too, and
    its rating is only on the one it reviewed (the review source's title)."""
    from .. import matching
    from ..matching.context import load_claims
    from ..matching.scoring import SourceDoc, relevance

    doc = doc or SourceDoc.of(source)
    doc.review = True
    proposals = matching.match_source(source, min_score=min_score, doc=doc)
    if not proposals:
        return []
    infos = {info.pk: info for info in load_claims([p.claim_id for p in proposals])}
    floor = settings.FACTDESK["REVIEW_MATCH_MIN"]
    out = []
    for proposal in proposals:
        info = infos.get(proposal.claim_id)
        if info is None or info.vector is None:
            continue
        rated = float(relevance(info, doc)[0])  # passage 0: the title, the claim reviewed
        if rated >= floor:
            out.append((proposal, rated))
    return out


def _label(review: Review) -> str:
    return review.rating_label or "no rating"


def _host(url: str) -> str:
    host = urlsplit(url).hostname or "" if url else ""
    return host.removeprefix("www.")


# --- reading them back ----------------------------------------------------------------------


def on_source(source: Source):
    """The reviews found on a source, or the one review a review's own source stands for."""
    return ClaimReview.objects.filter(Q(found_on=source) | Q(review_source=source)).distinct()


def on_claim(claim_id: int, states=(Evidence.State.SUGGESTED, Evidence.State.ACCEPTED)) -> list[Evidence]:
    """Other fact-checkers' reviews bearing on a claim, as their evidence (e.source.review_of), one query."""
    return list(
        Evidence.objects.filter(claim_id=claim_id, state__in=states, source__review_of__isnull=False)
        .select_related("source__review_of")
        .order_by("-source__review_of__date_published", "pk")
    )
