"""Who may do what. Views, the admin, the API and services all ask these functions."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

REPORTER = "Reporter"
FACT_CHECKER = "Fact-checker"
EDITOR = "Editor"
ROLES = (REPORTER, FACT_CHECKER, EDITOR)


def roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    # Cache on the user object: permission checks run many times per request.
    cached = getattr(user, "_factdesk_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        if user.is_superuser:
            cached.add(EDITOR)
        user._factdesk_roles = cached
    return cached


def is_editor(user) -> bool:
    return EDITOR in roles(user)


def is_checker(user) -> bool:
    """Fact-checkers, and editors, who may do everything a checker may."""
    return bool(roles(user) & {FACT_CHECKER, EDITOR})


def is_member(user) -> bool:
    """Anyone on the desk: reporter, checker or editor."""
    return bool(roles(user))


def can_view_desk(user) -> bool:
    return is_member(user)


# --- desks: who sees which stories, claims and activity ----------------------------
#
# Editors see every desk. Reporters and checkers see the stories of the desks they belong
# to (DeskMembership, names compared without case), stories they own, and stories filed
# to no desk; the claims mentioned in those stories, claims they created or are assigned,
# and claims in no story yet; activity only when its story and claim are both visible.
# Every list and detail in the desk and the API filters through these functions.


def sees_all_desks(user) -> bool:
    return is_editor(user)


def _story_q(user, prefix: str = "") -> Q:
    """A story the user sees: owned, on no desk, or on one of their desks (a subquery, so the
    lists cost no extra query)."""
    from .models import DeskMembership

    member_of = DeskMembership.objects.filter(user_id=user.pk, desk__iexact=OuterRef(f"{prefix}desk"))
    return Q(**{f"{prefix}owner_id": user.pk}) | Q(**{f"{prefix}desk": ""}) | Q(Exists(member_of))


def visible_stories(user, qs=None):
    from .models import Story

    qs = Story.objects.all() if qs is None else qs
    if sees_all_desks(user):
        return qs
    if not is_member(user):
        return qs.none()
    return qs.filter(_story_q(user))


def visible_claims(user, qs=None):
    from .models import Claim, Mention

    qs = Claim.objects.all() if qs is None else qs
    if sees_all_desks(user):
        return qs
    if not is_member(user):
        return qs.none()
    return qs.filter(
        Q(pk__in=Mention.objects.filter(_story_q(user, "story__")).values("claim_id"))
        | Q(created_by_id=user.pk)
        | Q(assignee_id=user.pk)
        | ~Q(pk__in=Mention.objects.values("claim_id"))
    )


def visible_mentions(user, qs=None):
    """Where claims appear, limited to stories the user may see (a claim can run on several desks)."""
    from .models import Mention

    qs = Mention.objects.all() if qs is None else qs
    if sees_all_desks(user):
        return qs
    return qs.filter(story__in=visible_stories(user))


def visible_activity(user, qs=None):
    from .models import Activity

    qs = Activity.objects.all() if qs is None else qs
    if sees_all_desks(user):
        return qs
    if not is_member(user):
        return qs.none()
    return qs.filter(Q(story__isnull=True) | Q(story__in=visible_stories(user))).filter(
        Q(claim__isnull=True) | Q(claim__in=visible_claims(user))
    )


def can_view_story(user, story) -> bool:
    return visible_stories(user).filter(pk=story.pk).exists()


def can_view_claim(user, claim) -> bool:
    return visible_claims(user).filter(pk=claim.pk).exists()


def can_create_story(user) -> bool:
    return is_member(user)


def can_edit_story(user, story) -> bool:
    """Editors, and the owner until publication (then corrections are the editors' work)."""
    if is_editor(user):
        return True
    return is_member(user) and story.owner_id == user.pk and story.state not in ("published", "corrected")


def can_propose_claim(user, story) -> bool:
    return is_checker(user) or can_edit_story(user, story)


def can_edit_claim(user, claim) -> bool:
    return is_checker(user) or (is_member(user) and claim.created_by_id == user.pk)


def can_add_source(user) -> bool:
    return is_member(user)


def can_edit_source(user) -> bool:
    """Regrading or refetching a source moves the status of every claim it bears on: checkers and editors."""
    return is_checker(user)


def can_comment(user) -> bool:
    return is_member(user)


def can_review_evidence(user) -> bool:
    return is_checker(user)


def can_assign(user) -> bool:
    return is_checker(user)


def can_draft_verdict(user) -> bool:
    return is_checker(user)


def can_edit_verdict(user, verification) -> bool:
    """A draft, by its author (still a checker); approved and superseded verdicts are the record."""
    return is_checker(user) and verification.author_id == user.pk and verification.state == "draft"


def can_approve_verdict(user, verification) -> bool:
    """Only an editor, and never the verdict's own author."""
    return is_editor(user) and verification.author_id != user.pk and verification.state == "draft"


def can_transition_story(user, story, to_state: str) -> bool:
    if to_state in ("draft", "in_review"):
        return can_edit_story(user, story)
    return is_editor(user)  # clear, publish, correct


def can_manage_feeds(user) -> bool:
    return is_editor(user)


def can_manage_matcher(user) -> bool:
    return is_editor(user)


def can_export(user) -> bool:
    return is_checker(user)


def can_edit_claimants(user) -> bool:
    """Adding and naming claimants is fact-checkers' data entry (editors included)."""
    return is_checker(user)


def can_merge_claimants(user) -> bool:
    """Merging two claimants rewrites who said what across every story: editors only."""
    return is_editor(user)


def can_retry_jobs(user) -> bool:
    """Failed background jobs are listed and retried by editors."""
    return is_editor(user)


def can_manage_desks(user) -> bool:
    """Who belongs to which desk decides what they may read: editors manage it."""
    return is_editor(user)
