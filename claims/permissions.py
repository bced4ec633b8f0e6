"""Who may do what. Views, the admin, the API and services all ask these functions."""

from __future__ import annotations

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


def can_comment(user) -> bool:
    return is_member(user)


def can_review_evidence(user) -> bool:
    return is_checker(user)


def can_assign(user) -> bool:
    return is_checker(user)


def can_draft_verdict(user) -> bool:
    return is_checker(user)


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


def can_merge_claimants(user) -> bool:
    """Merging two claimants rewrites who said what across every story: editors only."""
    return is_editor(user)
