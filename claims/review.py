"""Evidence review beyond one accept or reject: a person's stance change, one live stance
per wire story, bulk review of one source's proposals, and the matcher's two tiers.

Like services.py (whose accept/reject path these reuse), every function checks permission,
writes in one transaction, records the activity and queues follow-up jobs.
"""

from __future__ import annotations

import math

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import permissions
from .activity import record
from .models import Evidence, MatcherSettings, Source

LIVE = (Evidence.State.SUGGESTED, Evidence.State.ACCEPTED)


class StanceConflict(ValidationError):
    """Accepting (or changing the stance of accepted evidence) would give one wire story two live stances on a claim (API: 409)."""


def same_story(source: Source) -> Q:
    """Evidence from this source or any copy of the same wire story (its syndication group)."""
    key = source.group_key
    return Q(source_id=key) | Q(source__syndication_group_id=key)


def refuse_second_stance(evidence: Evidence, stance: str) -> None:
    """Refuse `stance` as accepted evidence when a copy of the same story already has another accepted stance."""
    other = (
        Evidence.objects.filter(same_story(evidence.source), claim_id=evidence.claim_id, state=Evidence.State.ACCEPTED)
        .exclude(pk=evidence.pk)
        .exclude(stance=stance)
        .select_related("source")
        .first()
    )
    if other is None:
        return
    same = (
        "The same source"
        if other.source_id == evidence.source_id
        else f"{other.source.label}, a copy of the same story,"
    )
    raise StanceConflict(
        f"{same} already has accepted evidence that {other.get_stance_display().lower()} this claim "
        f"(evidence #{other.pk}); copies of one wire story count once. Change the stance instead: "
        f"set this one to “{other.stance}”, or change evidence #{other.pk}'s stance."
    )


def change_stance(evidence: Evidence, user, stance: str) -> Evidence:
    """A checker corrects the proposed stance; the matcher's (or proposer's) first stance is kept."""
    from .services import queue_refresh

    if not permissions.can_review_evidence(user):
        raise PermissionDenied("Only fact-checkers and editors change an evidence stance.")
    if stance not in Evidence.Stance.values:
        raise ValidationError(
            {"stance": [f"Unknown stance “{str(stance)[:40]}”. Use one of: {', '.join(Evidence.Stance.values)}."]}
        )
    with transaction.atomic():
        evidence = Evidence.objects.select_for_update().select_related("source", "claim").get(pk=evidence.pk)
        old = evidence.stance
        if old == stance:
            return evidence  # a double submit changes nothing twice
        if evidence.state == Evidence.State.ACCEPTED:
            refuse_second_stance(evidence, stance)
        if not evidence.proposed_stance:
            evidence.proposed_stance = old  # only the first change: what was proposed stays on record
        evidence.stance = stance
        evidence.stance_changed_by = user
        evidence.stance_changed_at = timezone.now()
        evidence.save(update_fields=["stance", "proposed_stance", "stance_changed_by", "stance_changed_at"])
        record(
            user,
            f"changed stance from {old} to {stance}",
            evidence,
            claim=evidence.claim,
            reason=f"{evidence.source.label}, by {user.get_username()}",
            data={"from": old, "to": stance, "proposed": evidence.proposed_stance},
        )
        if evidence.state == Evidence.State.ACCEPTED:  # only accepted evidence counts for the status
            queue_refresh(evidence.claim_id, f"evidence #{evidence.pk} stance changed by {user.get_username()}")
    return evidence


DETAILS = ("excerpt", "observed_value", "observed_at")


def edit_evidence_details(evidence: Evidence, user, **changes) -> Evidence:
    """A checker corrects the quoted passage or the figure and date a source gives; the stance and
    review state change only through their own paths above."""
    from .services import queue_refresh

    if not permissions.can_review_evidence(user):
        raise PermissionDenied("Only fact-checkers and editors change evidence.")
    unknown = set(changes) - set(DETAILS)
    if unknown:
        raise ValidationError(f"Cannot edit {', '.join(sorted(unknown))} here.")
    with transaction.atomic():
        evidence = Evidence.objects.select_for_update().select_related("source", "claim").get(pk=evidence.pk)
        changes = {k: v for k, v in changes.items() if getattr(evidence, k) != v}
        if not changes:
            return evidence
        for name, value in changes.items():
            setattr(evidence, name, value)
        evidence.save(update_fields=list(changes))
        record(user, "edited evidence", evidence, claim=evidence.claim, reason=", ".join(sorted(changes)))
        # The date a figure is as of decides `outdated`; the rest is what the desk reads.
        if "observed_at" in changes and evidence.state == Evidence.State.ACCEPTED:
            queue_refresh(evidence.claim_id, f"evidence #{evidence.pk} edited by {user.get_username()}")
    return evidence


def _review_all(source: Source, user, service, counted: str) -> dict:
    if not permissions.can_review_evidence(user):
        raise PermissionDenied("Only fact-checkers and editors review evidence.")
    done, skipped = 0, []
    with transaction.atomic():
        pending = Evidence.objects.filter(source=source, state=Evidence.State.SUGGESTED).select_related("claim")
        for evidence in pending.order_by("pk"):
            try:
                service(evidence, user)  # the single path: same rules, same activity log
            except StanceConflict as exc:  # its own savepoint rolled back; the rest go ahead
                skipped.append({"evidence": evidence.pk, "claim": evidence.claim_id, "reason": " ".join(exc.messages)})
            else:
                done += 1
    return {
        "accepted": done if counted == "accepted" else 0,
        "rejected": done if counted == "rejected" else 0,
        "skipped": skipped,
    }


def accept_all_for_source(source: Source, user) -> dict:
    """Accept every suggestion from one source; ones refused by the one-stance rule are skipped and reported."""
    from .services import accept_evidence

    return _review_all(source, user, accept_evidence, "accepted")


def reject_all_for_source(source: Source, user) -> dict:
    from .services import reject_evidence

    return _review_all(source, user, reject_evidence, "rejected")


# --- the matcher's tiers ------------------------------------------------------------


def _threshold(value, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError({field: ["Enter a number between 0 and 1."]})
    return float(value)


def save_matcher_settings(user, *, suggest_threshold, confirm_threshold, confirm_enabled: bool) -> MatcherSettings:
    """Editors set the suggestion and confirmation thresholds and switch the confirm tier."""
    if not permissions.can_manage_matcher(user):
        raise PermissionDenied("Only editors change the matcher's tiers.")
    suggest = _threshold(suggest_threshold, "suggest_threshold")
    confirm = _threshold(confirm_threshold, "confirm_threshold")
    errors = {}
    if not 0 <= suggest <= 1:
        errors["suggest_threshold"] = ["The suggestion threshold must be between 0 and 1."]
    if not 0 <= confirm <= 1:
        errors["confirm_threshold"] = ["The confirmation threshold must be between 0 and 1."]
    if not errors and suggest > confirm:
        errors["confirm_threshold"] = ["The confirmation threshold must be at least the suggestion threshold."]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        tiers = MatcherSettings.objects.select_for_update().order_by("pk").first() or MatcherSettings()
        before = {"suggest": tiers.suggest_threshold, "confirm": tiers.confirm_threshold, "on": tiers.confirm_enabled}
        tiers.suggest_threshold, tiers.confirm_threshold = suggest, confirm
        tiers.confirm_enabled = bool(confirm_enabled)
        tiers.updated_by = user
        tiers.save()
        after = {"suggest": suggest, "confirm": confirm, "on": tiers.confirm_enabled}
        record(
            user,
            "changed matcher tiers",
            tiers,
            reason=f"suggest ≥ {suggest:.2f}, confirm ≥ {confirm:.2f}, confirm tier {'on' if tiers.confirm_enabled else 'off'}"
            f" (was suggest ≥ {before['suggest']:.2f}, confirm ≥ {before['confirm']:.2f}, {'on' if before['on'] else 'off'})",
            data={"from": before, "to": after},
        )
    return tiers
