"""The write paths of Fact desk.

Views, the admin, the API and the jobs call these; none of them re-implements a
rule. Each function checks permission, writes in one transaction, records the
activity and queues follow-up jobs through the outbox (sent after commit).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from . import claimant_names, outbox, permissions
from .activity import record
from .models import (
    STORY_BODY_MAX_CHARS,
    Claim,
    Claimant,
    ClaimantAlias,
    ClaimSuggestion,
    Evidence,
    Mention,
    Notification,
    Rating,
    Source,
    Story,
    Verification,
    text_key,
)
from .status import ClaimFacts, EvidenceFact, Rules, StatusResult, VerdictFact, compute_status

BAD_STATUSES = {Claim.Status.REFUTED, Claim.Status.DISPUTED, Claim.Status.OUTDATED}
REFRESH_TASK = "claims.tasks.refresh_claim_status"


def rules() -> Rules:
    conf = settings.FACTDESK
    return Rules(
        support_min_sources=conf["SUPPORT_MIN_SOURCES"],
        support_single_grades=conf["SUPPORT_SINGLE_GRADES"],
        refute_grades=conf["REFUTE_GRADES"],
    )


# --- claim status -----------------------------------------------------------------


def claim_facts(claim: Claim) -> ClaimFacts:
    """Turn a claim's rows into the plain facts the status rules read (two queries)."""
    evidence = tuple(
        EvidenceFact(
            stance=e.stance,
            state=e.state,
            source_label=e.source.outlet or e.source.title or e.source.url or f"source {e.source_id}",
            reliability=e.source.reliability,
            outlet=e.source.outlet,
            group=e.source.syndication_group_id or e.source_id,
            observed_at=e.observed_at or e.source.published_at or e.source.created_at,
            accepted_at=e.reviewed_at if e.state == Evidence.State.ACCEPTED else None,
        )
        for e in claim.evidence.select_related("source").exclude(state=Evidence.State.REJECTED)
    )
    verdict = (
        Verification.objects.filter(claim=claim, state=Verification.State.APPROVED).select_related("rating").first()
    )
    verdict_fact = (
        VerdictFact(verdict.rating.label, verdict.rating.implies_status, verdict.approved_at) if verdict else None
    )
    as_of = claim.as_of
    if as_of is None:
        first = claim.mentions.select_related("story").order_by("story__published_at").first()
        when = (first.story.published_at if first else None) or claim.created_at
        as_of = when.date() if when else None
    return ClaimFacts(
        evidence=evidence,
        verdict=verdict_fact,
        as_of=as_of,
        assignee=_username(claim.assignee_id),
    )


def _username(user_id: int | None) -> str | None:
    """Read by id, not through a possibly stale joined row (see refresh_status)."""
    if user_id is None:
        return None
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return User.objects.filter(pk=user_id).values_list(User.USERNAME_FIELD, flat=True).first()


def refresh_status(claim: Claim | int, *, actor="job:refresh_status", trigger: str = "") -> StatusResult:
    """Recompute and store a claim's status; log and notify only when it changes.

    Idempotent: running it twice leaves one activity row and the same status.
    """
    claim_id = claim.pk if isinstance(claim, Claim) else claim
    with transaction.atomic():
        # Lock the claim row alone: when it waits on a concurrent update, PostgreSQL re-reads only
        # the locked row, and a joined assignee would come back empty (None with assignee_id set).
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        result = compute_status(claim_facts(claim), rules())
        changed = (result.status, result.reason, result.needs_review) != (
            claim.status,
            claim.status_reason,
            claim.needs_review,
        )
        if not changed:
            return result
        old_status, claim_reason = claim.status, claim.status_reason
        claim.status = result.status
        claim.status_reason = result.reason[:400]
        claim.needs_review = result.needs_review
        fields = ["status", "status_reason", "needs_review"]
        if old_status != result.status:
            claim.status_changed_at = timezone.now()
            fields.append("status_changed_at")
        Claim.objects.filter(pk=claim.pk).update(**{f: getattr(claim, f) for f in fields})
        # A newer source overtaking an already outdated figure is news for a corrected story too.
        overtaken_again = result.status == Claim.Status.OUTDATED == old_status and result.reason != claim_reason
        if overtaken_again:
            story_ids = list(claim.mentions.values_list("story_id", flat=True).distinct())
            update_fact_health(story_ids, turned_bad=True, claim=claim)
        if old_status != result.status:
            record(
                actor,
                "changed status",
                claim,
                claim=claim,
                reason=result.reason,
                trigger=trigger,
                data={"from": old_status, "to": result.status},
            )
            story_ids = list(claim.mentions.values_list("story_id", flat=True).distinct())
            flagged = update_fact_health(story_ids, turned_bad=result.status in BAD_STATUSES, claim=claim)
            notify_status_change(claim, old_status, result, flagged)
            from . import webhooks

            webhooks.queue_status_change(claim, old_status)
    return result


def update_fact_health(story_ids, *, turned_bad: bool = False, claim: Claim | None = None) -> list[Story]:
    """Recount each story's claims by status; flag published ones a bad claim now affects."""
    counts: dict[int, dict[str, int]] = {sid: {} for sid in story_ids}
    rows = (
        Mention.objects.filter(story_id__in=story_ids)
        .values("story_id", "claim__status")
        .annotate(n=Count("claim_id", distinct=True))
    )
    for row in rows:
        counts[row["story_id"]][row["claim__status"]] = row["n"]
    flagged = []
    for story in Story.objects.filter(pk__in=story_ids):
        story.fact_health = counts.get(story.pk, {})
        fields = {"fact_health": story.fact_health}
        Story.objects.filter(pk=story.pk).update(**fields)
        if turned_bad and story.is_published and not story.needs_correction:
            from .corrections import flag_story

            flag_story(story, claim)
            flagged.append(story)
    return flagged


def notify_status_change(claim: Claim, old_status: str, result: StatusResult, flagged: list[Story]) -> None:
    recipients = {u.pk: u for u in claim.watchers.all()}
    if claim.assignee_id:
        recipients[claim.assignee_id] = claim.assignee
    for story in Story.objects.filter(mentions__claim=claim).select_related("owner").distinct():
        recipients[story.owner_id] = story.owner
    message = f"Claim #{claim.pk} is now {result.status} (was {old_status}): {result.reason}"[:500]
    Notification.objects.bulk_create(
        Notification(recipient_id=uid, message=message, url=claim.get_absolute_url(), claim=claim) for uid in recipients
    )
    emails = [u.email for u in recipients.values() if u.email]
    if emails:
        subject = f"Fact desk: claim #{claim.pk} is {result.status}"
        transaction.on_commit(lambda: _send_quietly(subject, message, emails))


def _send_quietly(subject: str, message: str, emails: list[str]) -> None:
    """Mail is a courtesy: a mail server that is down must not fail the status refresh."""
    import logging

    from django.core.mail import send_mail

    try:
        send_mail(subject, message, settings.DEFAULT_FROM_EMAIL, emails)
    except Exception as exc:  # SMTP down, bad address: the in-app notification stands
        logging.getLogger(__name__).warning("notification mail failed: %s", exc)


def queue_refresh(claim: Claim | int, trigger: str) -> None:
    claim_id = claim.pk if isinstance(claim, Claim) else claim
    outbox.schedule(REFRESH_TASK, claim_id, trigger=trigger[:200])


# --- evidence ---------------------------------------------------------------------


def _review_evidence(evidence: Evidence, user, state: str, verb: str) -> Evidence:
    if not permissions.can_review_evidence(user):
        raise PermissionDenied("Only fact-checkers and editors review evidence.")
    with transaction.atomic():
        evidence = Evidence.objects.select_for_update().select_related("source", "claim").get(pk=evidence.pk)
        if evidence.state == state:
            return evidence  # a double click changes nothing twice
        if state == Evidence.State.ACCEPTED:
            from .review import refuse_second_stance

            refuse_second_stance(evidence, evidence.stance)  # one live stance per wire story
        previous = evidence.state
        evidence.state = state
        evidence.reviewed_by = user
        evidence.reviewed_at = timezone.now()
        evidence.machine_accepted = False  # a person's review now stands (the log keeps the matcher's)
        evidence.save(update_fields=["state", "reviewed_by", "reviewed_at", "machine_accepted"])
        record(
            user,
            verb,
            evidence,
            claim=evidence.claim,
            reason=f"{evidence.get_stance_display()} from {evidence.source.label}",
            data={"from": previous, "to": state},
        )
        queue_refresh(evidence.claim_id, f"evidence #{evidence.pk} {state} by {user.get_username()}")
    return evidence


def accept_evidence(evidence: Evidence, user) -> Evidence:
    return _review_evidence(evidence, user, Evidence.State.ACCEPTED, "accepted evidence")


def reject_evidence(evidence: Evidence, user) -> Evidence:
    return _review_evidence(evidence, user, Evidence.State.REJECTED, "rejected evidence")


def add_evidence(claim: Claim, source: Source, user, *, stance: str, excerpt: str = "") -> Evidence:
    """A person links a source to a claim; it awaits review like the matcher's proposals."""
    if not permissions.is_member(user):
        raise PermissionDenied("Only desk members add evidence.")
    with transaction.atomic():
        evidence, created = Evidence.objects.get_or_create(
            claim=claim,
            source=source,
            defaults={"stance": stance, "excerpt": excerpt, "proposed_by": user},
        )
        if created:
            record(user, "proposed evidence", evidence, claim=claim, reason=f"{stance} from {source.label}")
            queue_refresh(claim, f"evidence #{evidence.pk} proposed by {user.get_username()}")
    return evidence


# --- verdicts ---------------------------------------------------------------------


def draft_verification(claim: Claim, user, *, rating: Rating, rationale: str, evidence=()) -> Verification:
    if not permissions.can_draft_verdict(user):
        raise PermissionDenied("Only fact-checkers and editors draft verdicts.")
    if not rationale.strip():
        raise ValidationError({"rationale": "Write the rationale for the verdict."})
    evidence = list(evidence)
    foreign = [e for e in evidence if e.claim_id != claim.pk or e.state != Evidence.State.ACCEPTED]
    if foreign:
        raise ValidationError({"evidence": "A verdict cites only this claim's accepted evidence."})
    with transaction.atomic():
        verification = Verification.objects.create(claim=claim, rating=rating, rationale=rationale.strip(), author=user)
        if evidence:
            verification.evidence.set(evidence)
        record(user, "drafted verdict", verification, claim=claim, reason=rating.label)
        from .notices import verdict_awaits_approval

        verdict_awaits_approval(verification)
    return verification


def edit_draft_verification(
    verification: Verification, user, *, rating: Rating, rationale: str, evidence=None
) -> Verification:
    """Its author rewrites a draft verdict. Once approved or superseded it is the record: never rewritten."""
    if not permissions.can_edit_verdict(user, verification):
        raise PermissionDenied("Only its author edits a draft verdict; an approved one is never rewritten.")
    if not rationale.strip():
        raise ValidationError({"rationale": "Write the rationale for the verdict."})
    with transaction.atomic():
        verification = Verification.objects.select_for_update().get(pk=verification.pk)
        if verification.state != Verification.State.DRAFT:  # approved while the form was open
            raise ValidationError(f"This verdict is already {verification.state}: it is no longer edited.")
        if evidence is not None:
            evidence = list(evidence)
            if any(e.claim_id != verification.claim_id or e.state != Evidence.State.ACCEPTED for e in evidence):
                raise ValidationError({"evidence": "A verdict cites only this claim's accepted evidence."})
            verification.evidence.set(evidence)
        verification.rating, verification.rationale = rating, rationale.strip()
        verification.save(update_fields=["rating", "rationale"])
        record(user, "edited draft verdict", verification, claim=verification.claim, reason=rating.label)
    return verification


class UncitedVerdict(ValidationError):
    """A verdict that cites no evidence, approved without saying so: the desk and the API ask first."""


def approve_verification(verification: Verification, user, *, allow_no_evidence: bool = True) -> Verification:
    """Approve another's draft. The desk and the API ask first when it cites no evidence
    (allow_no_evidence=False raises UncitedVerdict until the person confirms)."""
    with transaction.atomic():
        verification = (
            Verification.objects.select_for_update().select_related("rating", "claim").get(pk=verification.pk)
        )
        if verification.author_id == user.pk:
            raise PermissionDenied("You cannot approve a verdict you drafted; another editor must.")
        if not permissions.can_approve_verdict(user, verification):
            if verification.state != Verification.State.DRAFT:
                raise ValidationError(f"This verdict is already {verification.state}.")
            raise PermissionDenied("Only an editor may approve a verdict.")
        if not allow_no_evidence and not verification.evidence.exists():
            raise UncitedVerdict(
                "This verdict cites no evidence. Tick “approve although it cites no evidence” to go on."
            )
        now = timezone.now()
        previous = list(
            Verification.objects.select_for_update().filter(
                claim_id=verification.claim_id, state=Verification.State.APPROVED
            )
        )
        for old in previous:
            old.state = Verification.State.SUPERSEDED
            old.save(update_fields=["state"])
            record(
                user,
                "superseded verdict",
                old,
                claim=verification.claim,
                reason=f"Superseded by verdict #{verification.pk}",
            )
        verification.state = Verification.State.APPROVED
        verification.approved_by = user
        verification.approved_at = now
        verification.save(update_fields=["state", "approved_by", "approved_at"])
        Claim.objects.filter(pk=verification.claim_id).update(current_verification=verification)
        record(
            user,
            "approved verdict",
            verification,
            claim=verification.claim,
            reason=f"{verification.rating.label}: {verification.rationale[:200]}",
        )
        queue_refresh(verification.claim_id, f"verdict #{verification.pk} approved by {user.get_username()}")
    return verification


# --- claims and mentions ----------------------------------------------------------


def resolve_claimant(name: str | None) -> Claimant | None:
    """Find a claimant by name or alias (case-insensitive), then by the normalised form of its names
    (claims/claimant_names.py: "the Russian Defence Ministry" is "Russia's defense ministry"), creating one if new.
    A name found only through its normalised form, and an acronym in parentheses ("the UN refugee agency
    (UNHCR)"), are kept as aliases, so the next lookup is exact."""
    name = " ".join((name or "").split())[:200]
    if not name:
        return None
    found = _claimant_named(name)
    if found:
        return found
    base, acronym = claimant_names.split_acronym(name)
    with transaction.atomic():
        found = next(filter(None, (_claimant_named(n) for n in (base, acronym) if n)), None) or _claimant_keyed(base)
        if found is None and acronym:
            found = _claimant_keyed(acronym)
        if found is None:
            found, _ = Claimant.objects.get_or_create(name=base[:200])
        for alias in (name, base, acronym):
            if alias:
                _add_alias(found, alias)
    return found


def _claimant_named(name: str) -> Claimant | None:
    return Claimant.objects.filter(Q(name__iexact=name) | Q(aliases__alias__iexact=name)).distinct().first()


def _claimant_keyed(name: str) -> Claimant | None:
    """The claimant one of whose names has the same normalised key as `name` (the oldest if several)."""
    key = claimant_names.name_key(name)
    words = claimant_names.search_words(key)
    if not words:
        return None
    near = Q()
    for word in words:
        near |= Q(name__icontains=word) | Q(aliases__alias__icontains=word)
    for claimant in Claimant.objects.filter(near).distinct().prefetch_related("aliases").order_by("created_at", "pk"):
        names = [claimant.name, *(a.alias for a in claimant.aliases.all())]
        if any(claimant_names.name_key(n) == key for n in names):
            return claimant
    return None


def _add_alias(claimant: Claimant, alias: str) -> None:
    """Another name for `claimant`, unless it is already its name or any claimant's alias."""
    alias = alias[:200]
    if claimant.name.lower() == alias.lower() or ClaimantAlias.objects.filter(alias__iexact=alias).exists():
        return
    ClaimantAlias.objects.create(claimant=claimant, alias=alias)


CLAIMANT_FIELDS = ("name", "kind", "description", "wikidata_id")


def save_claimant(user, claimant: Claimant | None, **fields) -> Claimant:
    """Add a claimant, or edit one's name, kind, description or Wikidata ID. A new name keeps the
    old one as an alias, so copy that still uses it resolves to the same claimant."""
    if not permissions.can_edit_claimants(user):
        raise PermissionDenied("Only fact-checkers and editors add or edit claimants.")
    fields = {k: v for k, v in fields.items() if k in CLAIMANT_FIELDS}
    with transaction.atomic():
        if claimant is None or claimant.pk is None:
            claimant = Claimant(**fields)
            claimant.full_clean()
            claimant.save()
            record(user, "added claimant", claimant)
            return claimant
        locked = Claimant.objects.select_for_update().get(pk=claimant.pk)
        old_name, changed = locked.name, sorted(k for k, v in fields.items() if getattr(locked, k) != v)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        if "name" in changed:
            _add_alias(locked, old_name)
        if changed:
            record(user, "edited claimant", locked, reason=", ".join(changed))
        return locked


def set_claimant_aliases(user, claimant: Claimant, *, add=(), remove=()) -> None:
    """Other names under which copy refers to a claimant ("the UN refugee agency" for UNHCR)."""
    if not permissions.can_edit_claimants(user):
        raise PermissionDenied("Only fact-checkers and editors add or edit claimants.")
    with transaction.atomic():
        removed = ClaimantAlias.objects.filter(claimant=claimant, alias__in=list(remove)).delete()[0]
        for alias in add:
            _add_alias(claimant, alias.strip())
        if removed or add:
            record(user, "edited claimant aliases", claimant, data={"added": list(add), "removed": list(remove)})


def merge_claimants(keep: Claimant, other: Claimant, user) -> Claimant:
    """Fold `other` into `keep`: its name and aliases become `keep`'s aliases, its claims move to `keep`, and it
    is deleted, in one transaction, with the merge in the activity log. A Wikidata ID on either is kept; two
    different IDs are refused (they are different bodies, or one ID is wrong: fix it first)."""
    if not permissions.can_merge_claimants(user):
        raise PermissionDenied("Only editors may merge claimants.")
    if keep.pk == other.pk:
        raise ValidationError("A claimant cannot be merged into itself.")
    with transaction.atomic():
        locked = {c.pk: c for c in Claimant.objects.select_for_update().filter(pk__in=[keep.pk, other.pk])}
        if len(locked) < 2:
            raise ValidationError("One of the two claimants no longer exists.")
        keep, other = locked[keep.pk], locked[other.pk]
        keep_id, other_id = keep.wikidata_id.strip(), other.wikidata_id.strip()
        if keep_id and other_id and keep_id.upper() != other_id.upper():
            raise ValidationError(
                f"{keep.name} has Wikidata ID {keep_id} and {other.name} has {other_id}: "
                "correct or clear one of them before merging."
            )
        changed = []
        if other_id and not keep_id:
            keep.wikidata_id, changed = other_id, [*changed, "wikidata_id"]
        if other.description and not keep.description:
            keep.description, changed = other.description, [*changed, "description"]
        if changed:
            keep.save(update_fields=changed)
        moved_aliases = [a.alias for a in other.aliases.all()]
        for alias in other.aliases.all():
            if alias.alias.lower() == keep.name.lower():
                alias.delete()
            else:
                alias.claimant = keep
                alias.save(update_fields=["claimant"])
        other_name, other_pk = other.name, other.pk
        claim_ids = list(Claim.objects.filter(claimant=other).values_list("pk", flat=True))
        Claim.objects.filter(pk__in=claim_ids).update(
            claimant=keep, version=F("version") + 1, updated_at=timezone.now()
        )
        other.delete()
        _add_alias(keep, other_name)
        record(
            user,
            "merged claimant",
            keep,
            reason=f"{other_name} merged into {keep.name}: {len(claim_ids)} claim(s) moved",
            data={
                "merged_id": other_pk,
                "merged_name": other_name,
                "aliases": [other_name, *moved_aliases],
                "claims": claim_ids,
                "wikidata_id": keep.wikidata_id,
            },
        )
    return keep


def find_same_claim(text: str) -> Claim | None:
    """The existing claim with the same (near-identical) text, so one claim tracks across stories."""
    key = text_key(text)
    exact = Claim.objects.filter(text_key=key, archived_at__isnull=True).first()
    if exact:
        return exact
    from .same_claim import same_claim

    words = [w for w in key.split() if len(w) > 4][:3]
    if not words:
        return None
    q = Q()
    for word in words:
        q &= Q(text_key__contains=word)
    # Close wording is not enough: figures, names and direction must agree (see same_claim).
    for candidate in Claim.objects.filter(q, archived_at__isnull=True).only("pk", "text")[:50]:
        if same_claim(text, candidate.text):
            return Claim.objects.get(pk=candidate.pk)
    return None


def span_facts(story: Story, start: int, end: int, *, claimant=None, quantity=None, kind=None):
    """The claim facts of a span of `story`: the caller's values, else the finder's suggestion for
    exactly this span, else what claim_facts parses from the span and its sentence."""
    from .claim_facts import facts_for_span

    suggestion = story.suggestions.filter(start=start, end=end).first() if story.pk else None
    if suggestion is not None:
        claimant = claimant if (claimant or "").strip() else suggestion.claimant_name
        quantity = quantity or suggestion.quantity
        if kind is None and suggestion.kind != Claim.Kind.OTHER:
            kind = suggestion.kind
    quantity = dict(quantity or {})
    if isinstance(quantity.get("as_of"), str):  # a suggestion stores its date as ISO text
        try:
            quantity["as_of"] = date.fromisoformat(quantity["as_of"])
        except ValueError:
            quantity["as_of"] = None
    published = timezone.localtime(story.published_at).date() if story.published_at else None
    return facts_for_span(
        story.body,
        start,
        end,
        headline=story.headline,
        published=published,
        created=timezone.localdate(),
        claimant=claimant,
        quantity=quantity,
        kind=kind,
    )


def create_claim_from_text(
    user, text: str, *, claimant: str | None = None, quantity: dict | None = None, kind: str | None = None, **extra
) -> Claim:
    """A claim typed without a story (the admin's plain add form): its figure, claimant and date
    come from its own words unless given, as a span's do."""
    from .claim_facts import facts_for_span

    if not permissions.is_checker(user):
        raise PermissionDenied("Only fact-checkers and editors add claims without a story.")
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError("A claim needs its words.")
    facts = facts_for_span(
        text, 0, len(text), created=timezone.localdate(), claimant=claimant, quantity=quantity or {}, kind=kind
    )
    with transaction.atomic():
        claim = Claim.objects.create(
            text=text,
            claimant=resolve_claimant(facts.claimant),
            kind=facts.kind,
            quantity_value=facts.value,
            quantity_unit=(facts.unit or "")[:60],
            quantity_bound=facts.bound,
            as_of=facts.as_of,
            context=facts.context,
            created_by=user,
            **extra,
        )
        record(user, "created claim", claim, claim=claim, reason="Typed without a story")
        outbox.schedule("claims.tasks.embed_claim", claim.pk)
        queue_refresh(claim, f"created by {user.get_username()}")
    return claim


def create_claim_from_span(
    story: Story,
    user,
    *,
    start: int,
    end: int,
    text: str | None = None,
    claimant: str | None = None,
    quantity: dict | None = None,
    kind: str | None = None,
) -> tuple[Claim, Mention, bool]:
    """Accept a span of a story as a claim. Returns (claim, mention, created_claim)."""
    if not permissions.can_propose_claim(user, story):
        raise PermissionDenied("You may not propose claims on this story.")
    if not (0 <= start < end <= len(story.body)):
        raise ValidationError(f"The span {start}–{end} is outside the story body (0–{len(story.body)}).")
    quote = story.body[start:end]
    if not quote.strip():
        raise ValidationError("The selected span is blank.")
    text = " ".join((text or quote).split())
    with transaction.atomic():
        # One claim made from a story at a time: a concurrent request for the same span waits here,
        # then finds the mention this one made (instead of a second claim and a unique-span error).
        list(Story.objects.select_for_update().filter(pk=story.pk).values_list("pk", flat=True))
        mention = Mention.objects.filter(story=story, start=start, end=end).select_related("claim").first()
        if mention:
            return mention.claim, mention, False
        overlapping = Mention.objects.filter(story=story, start__lt=end, end__gt=start).select_related("claim").first()
        claim = overlapping.claim if overlapping else find_same_claim(text)
        created = claim is None
        if created:
            facts = span_facts(story, start, end, claimant=claimant, quantity=quantity, kind=kind)
            claim = Claim.objects.create(
                text=text,
                claimant=resolve_claimant(facts.claimant),
                kind=facts.kind,
                quantity_value=facts.value,
                quantity_unit=facts.unit,
                quantity_bound=facts.bound,
                as_of=facts.as_of,
                context=facts.context,
                created_by=user,
            )
            record(user, "created claim", claim, claim=claim, story=story, reason=f"From story #{story.pk}")
            outbox.schedule("claims.tasks.embed_claim", claim.pk)  # once, for the matcher
        claim.watchers.add(user)
        mention = Mention.objects.create(story=story, claim=claim, start=start, end=end, quote=quote)
        record(
            user,
            "mentioned claim",
            claim,
            claim=claim,
            story=story,
            reason=f"Mentioned in “{story.headline[:80]}” at {start}–{end}",
        )
        ClaimSuggestion.objects.filter(story=story, start__lt=end, end__gt=start, state="open").update(
            state=ClaimSuggestion.State.ACCEPTED, claim=claim
        )
        queue_refresh(claim, f"mentioned in story #{story.pk}")
    return claim, mention, created


# --- stories ----------------------------------------------------------------------

TRANSITIONS = {
    Story.State.DRAFT: {Story.State.IN_REVIEW},
    Story.State.IN_REVIEW: {Story.State.DRAFT, Story.State.CLEARED},
    Story.State.CLEARED: {Story.State.IN_REVIEW, Story.State.PUBLISHED},
    # A published story changes only by a correction notice (claims/corrections.py).
    Story.State.PUBLISHED: set(),
    Story.State.CORRECTED: set(),
}


def clearance_warnings(story: Story) -> list[str]:
    """Why clearing this story deserves a second look: refuted or unreviewed claims."""
    warnings = []
    claims = Claim.objects.filter(mentions__story=story).distinct()
    bad = claims.filter(status__in=BAD_STATUSES).count()
    if bad:
        warnings.append(f"{bad} claim(s) are refuted, disputed or outdated")
    unreviewed = claims.filter(status__in=[Claim.Status.UNVERIFIED, Claim.Status.CHECKING]).count()
    if unreviewed:
        warnings.append(f"{unreviewed} claim(s) are not yet verified")
    return warnings


def transition_story(
    story: Story,
    user,
    to_state: str,
    *,
    expected_version: int,
    reason: str = "",
    confirmed: bool = False,
    published_url: str = "",
    published_at=None,
) -> Story:
    """Move a story along its workflow. Clearing with open warnings needs a reason (the
    desk's confirmation); publishing needs the published URL and takes its time."""
    if to_state not in Story.State.values:
        raise ValidationError(f"Unknown story state “{to_state}”.")
    if not permissions.can_transition_story(user, story, to_state):
        raise PermissionDenied("You may not move this story to that state.")
    if to_state == Story.State.CORRECTED:
        raise ValidationError("A story becomes corrected when a correction notice is published, not by a step.")
    if to_state not in TRANSITIONS[story.state]:
        raise ValidationError(f"A {story.get_state_display().lower()} story cannot become {to_state}.")
    warnings = clearance_warnings(story) if to_state == Story.State.CLEARED else []
    if warnings and not (confirmed and reason.strip()):
        raise ValidationError("Confirm clearing with a reason: " + "; ".join(warnings) + ".")
    fields = ["state"]
    if to_state == Story.State.PUBLISHED:
        from .published import publication_time_error

        published_url = (published_url or story.published_url).strip()
        if not published_url:
            raise ValidationError({"published_url": "Give the address where the story was published."})
        published_at = published_at or story.published_at or timezone.now()
        error = publication_time_error(published_at, timezone.now())
        if error:
            raise ValidationError({"published_at": error})
        story.published_url, story.published_at = published_url, published_at
        fields += ["published_at", "published_url"]
    with transaction.atomic():
        old = story.state
        story.state = to_state
        story.save_versioned(expected_version, fields)
        confirmed_warnings = "; ".join(warnings) + " (confirmed)" if warnings else ""
        note = " — ".join(part for part in (reason.strip(), confirmed_warnings) if part)
        record(user, f"moved story to {to_state}", story, story=story, reason=note, data={"from": old, "to": to_state})
    return story


def edit_story(story: Story, user, *, expected_version: int, **changes) -> Story:
    if story.is_published and permissions.is_member(user) and not permissions.is_editor(user):
        raise PermissionDenied("This story is published: an editor corrects it through the correction workflow.")
    if not permissions.can_edit_story(user, story):
        raise PermissionDenied("You may not edit this story.")
    allowed = {"headline", "body", "desk", "byline", "published_url", "published_at"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"Cannot edit {', '.join(sorted(unknown))}.")
    if story.is_published and {"body", "headline"} & set(changes):
        raise ValidationError(
            "A published story's words change through a correction, with a notice readers can see: "
            "use “Correct this story”."
        )
    if "published_at" in changes:
        from .published import publication_time_error

        if changes["published_at"] is None and story.is_published:
            raise ValidationError({"published_at": "A published story keeps its publication time."})
        error = publication_time_error(changes["published_at"], timezone.now())
        if error:
            raise ValidationError({"published_at": error})
    if len(changes.get("body", "")) > STORY_BODY_MAX_CHARS:
        raise ValidationError({"body": f"A story can be at most {STORY_BODY_MAX_CHARS:,} characters long."})
    # Copy an editor cleared is the editor's again once someone else rewrites it; after
    # publication changes go through the correction workflow instead.
    back_to_review = story.state == Story.State.CLEARED and not permissions.is_editor(user)
    with transaction.atomic():
        body_changed = "body" in changes and changes["body"] != story.body
        if body_changed:
            _move_mentions(story, changes["body"])
        for name, value in changes.items():
            setattr(story, name, value)
        fields = list(changes)
        if back_to_review:
            story.state = Story.State.IN_REVIEW
            fields.append("state")
        story.save_versioned(expected_version, fields)
        record(user, "edited story", story, story=story, reason=", ".join(sorted(changes)))
        if back_to_review:
            record(
                user,
                "moved story to in_review",
                story,
                story=story,
                reason="Edited after clearance: back to review",
                data={"from": Story.State.CLEARED, "to": Story.State.IN_REVIEW},
            )
        if body_changed:
            outbox.schedule("claims.tasks.suggest_claims_for_story", story.pk)
    return story


def rerun_finder(user, story: Story) -> None:
    """Run the claim finder on a story again (its suggestions are replaced when it finishes)."""
    # Whoever may mark claims in the story: its editors, and fact-checkers who can see it.
    if not (
        permissions.can_edit_story(user, story)
        or (permissions.is_checker(user) and permissions.can_view_story(user, story))
    ):
        raise PermissionDenied("You cannot run the claim finder on this story.")
    with transaction.atomic():
        record(user, "ran the claim finder again", story, story=story)
        outbox.schedule("claims.tasks.suggest_claims_for_story", story.pk)


def _move_mentions(story: Story, new_body: str) -> None:
    """Keep every claim mark on its words in the edited body, or refuse the edit.

    A mark whose quoted words the edit removes would point at the wrong text, so the
    edit is refused with the quotes it would orphan (nothing is moved or lost).
    """
    from .offsets import relocate

    mentions = list(Mention.objects.select_for_update().filter(story=story).order_by("start"))
    moves, lost = [], []
    for mention in mentions:
        start = relocate(mention.quote, mention.start, new_body)
        if start is None:
            lost.append(mention.quote)
        elif start != mention.start:
            moves.append((mention, start))
    if lost:
        quoted = "; ".join(f"“{q[:80]}”" for q in lost[:3])
        raise ValidationError(
            f"This edit removes or rewrites words that {len(lost)} claim mark(s) sit on: {quoted}. "
            "Keep those words, or unmark the claims first."
        )
    # Two steps, so that marks trading places never collide on the unique span; each is one
    # statement per batch, not one per mark (a long story's edit moves hundreds of marks).
    shift = len(story.body) + len(new_body) + 1
    for mention, _start in moves:
        mention.start, mention.end = mention.start + shift, mention.end + shift
    Mention.objects.bulk_update([m for m, _s in moves], ["start", "end"], batch_size=500)
    for mention, start in moves:
        mention.start, mention.end = start, start + len(mention.quote)
    Mention.objects.bulk_update([m for m, _s in moves], ["start", "end"], batch_size=500)


def edit_claim(claim: Claim, user, *, expected_version: int, **changes) -> Claim:
    if not permissions.can_edit_claim(user, claim):
        raise PermissionDenied("You may not edit this claim.")
    allowed = {
        "text",
        "claimant",
        "kind",
        "quantity_value",
        "quantity_unit",
        "quantity_bound",
        "as_of",
        "assignee",
        "priority",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"Cannot edit {', '.join(sorted(unknown))}.")
    if "assignee" in changes and not permissions.can_assign(user):
        raise PermissionDenied("Only fact-checkers and editors assign claims.")
    with transaction.atomic():
        for name, value in changes.items():
            setattr(claim, name, value)
        fields = list(changes)
        if "text" in changes:
            claim.text_key = text_key(claim.text)
            fields.append("text_key")
            outbox.schedule("claims.tasks.embed_claim", claim.pk)
        claim.full_clean(exclude=["claimant", "assignee", "current_verification", "created_by"])
        claim.save_versioned(expected_version, fields)
        record(user, "edited claim", claim, claim=claim, reason=", ".join(sorted(changes)))
        if changes.get("assignee") is not None:
            from .notices import claim_assigned

            claim_assigned(claim, changes["assignee"], user)
        if {"assignee", "as_of"} & set(changes):
            queue_refresh(claim, f"claim edited by {user.get_username()}")
    return claim
