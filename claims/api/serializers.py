"""Model → API dict conversions, shared by the routers."""

from .. import permissions
from ..models import Claim, ClaimReview, Evidence, Source, Story, Verification
from ..reviews_in import records as reviews_in


def quantity(claim: Claim) -> dict | None:
    """The claim's figure and the day it held; an event claim has only its as-of date."""
    if claim.quantity_value is None and claim.as_of is None:
        return None
    return {
        "value": claim.quantity_value,
        "unit": claim.quantity_unit,
        "bound": claim.quantity_bound,
        "as_of": claim.as_of,
    }


def story(story: Story) -> dict:
    mentions = story.mentions.select_related("claim").order_by("start")
    return {
        "id": story.pk,
        "headline": story.headline,
        "body": story.body,
        "desk": story.desk,
        "byline": story.byline,
        "state": story.state,
        "version": story.version,
        "needs_correction": story.needs_correction,
        "fact_health": story.fact_health or {},
        "published_url": story.published_url,
        "published_at": story.published_at,
        "url": story.get_absolute_url(),
        "claims": [
            {"id": m.claim_id, "text": m.claim.text, "status": m.claim.status, "start": m.start, "end": m.end}
            for m in mentions
        ],
        "corrections": [notice(n) for n in story.corrections.prefetch_related("claims").order_by("sequence")],
    }


def notice(n) -> dict:
    return {
        "id": n.pk,
        "sequence": n.sequence,
        "kind": n.kind,
        "text": n.text,
        "claims": sorted(c.pk for c in n.claims.all()),
        "state": n.state,
        "published_at": n.published_at,
    }


def correction(n, story: Story) -> dict:
    return {**notice(n), "story": n.story_id, "story_state": story.state, "needs_correction": story.needs_correction}


def evidence(e: Evidence) -> dict:
    return {
        "id": e.pk,
        "source": e.source_id,
        "source_title": str(e.source),
        "outlet": e.source.outlet,
        "reliability": e.source.reliability,
        "stance": e.stance,
        "state": e.state,
        "excerpt": e.excerpt,
        "score": e.matcher_score,
        "reason": e.matcher_reason,
        "proposed_by": e.proposed_by.get_username() if e.proposed_by_id else None,
        "proposed_stance": e.proposed_stance or None,
        "stance_changed_by": e.stance_changed_by.get_username() if e.stance_changed_by_id else None,
        "stance_changed_at": e.stance_changed_at,
        "machine_accepted": e.machine_accepted,
    }


def verdict(v: Verification) -> dict:
    return {
        "id": v.pk,
        "rating": v.rating.slug,
        "label": v.rating.label,
        "rationale": v.rationale,
        "state": v.state,
        "author": v.author.get_username(),
        "approved_by": v.approved_by.get_username() if v.approved_by_id else None,
        "approved_at": v.approved_at,
    }


def _claim_fields(c: Claim) -> dict:
    """What the claim detail and the claim list share."""
    return {
        "id": c.pk,
        "text": c.text,
        "claimant": c.claimant.name if c.claimant_id else None,
        "kind": c.kind,
        "status": c.status,
        "status_reason": c.status_reason,
        "needs_review": c.needs_review,
        "priority": c.priority,
        "assignee": c.assignee.get_username() if c.assignee_id else None,
        "version": c.version,
    }


def claim(c: Claim, user=None) -> dict:
    """The claim; with `user`, its mentions only in stories on that user's desks."""
    verdicts = list(c.verifications.select_related("rating", "author", "approved_by").order_by("-created_at"))
    current = next((v for v in verdicts if v.state == Verification.State.APPROVED), None)
    return {
        **_claim_fields(c),
        "quantity": quantity(c),
        "url": c.get_absolute_url(),
        "verdict": verdict(current) if current else None,
        "verdicts": [verdict(v) for v in verdicts],
        "evidence": [evidence(e) for e in c.evidence.select_related("source", "proposed_by", "stance_changed_by")],
        "mentions": [
            {"story": m.story_id, "start": m.start, "end": m.end, "quote": m.quote}
            for m in (
                c.mentions.all() if user is None else permissions.visible_mentions(user, c.mentions.all())
            ).order_by("story_id", "start")
        ],
        "other_fact_checks": [
            {
                **claim_review(e.source.review_of),
                "evidence": e.pk,
                "evidence_state": e.state,
                "evidence_stance": e.stance,
            }
            for e in reviews_in.on_claim(c.pk)
        ],
    }


def source(s: Source, user=None) -> dict:
    """The source; with `user`, only the evidence it produced on claims that user's desks see."""
    produced = s.evidence.select_related("source", "proposed_by", "stance_changed_by")
    if user is not None:
        produced = produced.filter(claim__in=permissions.visible_claims(user))
    return {
        "id": s.pk,
        "url": s.url,
        "title": s.title,
        "outlet": s.outlet,
        "kind": s.kind,
        "reliability": s.reliability,
        "published_at": s.published_at,
        "published_at_origin": s.published_at_origin or None,
        "fetch_state": s.fetch_state,
        "fetch_error": s.fetch_error,
        "content_hash": s.content_hash,
        "syndication_group": s.syndication_group_id,
        "evidence": [evidence(e) for e in produced],
        # Reviews found on it, or the one review it stands for (a review's own source).
        "claim_reviews": [claim_review(r) for r in reviews_in.on_source(s)],
        "claim_review_problems": list(s.claim_review_problems or []),
    }


def claim_review(r: ClaimReview) -> dict:
    return {
        "id": r.pk,
        "claim_reviewed": r.claim_reviewed,
        "claim_author": r.claim_author,
        "claim_appearance": r.claim_appearance,
        "claim_date": r.claim_date,
        "rating": {
            "value": r.rating_value,
            "best": r.best_rating,
            "worst": r.worst_rating,
            "alternate_name": r.rating_name,
            "label": r.rating_label,
        },
        "organisation": r.organisation,
        "organisation_url": r.organisation_url,
        "date_published": r.date_published,
        "url": r.url,
        "stance": r.stance,
        "stance_reason": r.stance_reason,
        "review_source": r.review_source_id,
    }


def story_summary(s: Story) -> dict:
    return {
        "id": s.pk,
        "headline": s.headline,
        "desk": s.desk,
        "byline": s.byline,
        "owner": s.owner.get_username(),
        "state": s.state,
        "version": s.version,
        "needs_correction": s.needs_correction,
        "fact_health": s.fact_health or {},
        "published_url": s.published_url,
        "published_at": s.published_at,
        "updated_at": s.updated_at,
        "url": s.get_absolute_url(),
    }


def claim_summary(c: Claim) -> dict:
    current = c.current_verification
    return {
        **_claim_fields(c),
        "verdict": current.rating.slug if current is not None and current.state == "approved" else None,
        "updated_at": c.updated_at,
        "url": c.get_absolute_url(),
    }


def activity(a) -> dict:
    return {
        "id": a.pk,
        "at": a.created_at,
        "actor": a.actor_label,
        "verb": a.verb,
        "object": a.target_repr,
        "object_type": a.target_type.model,
        "object_id": a.target_id,
        "claim": a.claim_id,
        "story": a.story_id,
        "reason": a.reason,
        "trigger": a.trigger,
        "data": a.data or {},
    }


def notification(n) -> dict:
    return {
        "id": n.pk,
        "message": n.message,
        "url": n.url,
        "claim": n.claim_id,
        "story": n.story_id,
        "read": n.read_at is not None,
        "read_at": n.read_at,
        "created_at": n.created_at,
    }
