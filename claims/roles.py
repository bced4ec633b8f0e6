"""The newsroom's roles as Django groups, with the model permissions each one needs.

Used by the data migration and by `manage.py demo`; the rules about *whose* records
a role may touch live in permissions.py.
"""

REPORTER_PERMS = {
    "story": ["add", "change", "view"],
    "claim": ["add", "change", "view"],
    "mention": ["add", "change", "view"],
    "claimsuggestion": ["view", "change"],
    "claimant": ["add", "change", "view"],
    "claimantalias": ["add", "change", "view"],
    "source": ["add", "view"],
    "evidence": ["view"],
    "comment": ["add", "view"],
    "rating": ["view"],
    "verification": ["view"],
    "activity": ["view"],
    "feed": ["view"],
}
CHECKER_EXTRA = {
    "source": ["change"],
    "evidence": ["add", "change"],
    "verification": ["add", "change"],
}
EDITOR_EXTRA = {
    "feed": ["add", "change"],
    "rating": ["add", "change"],
    "webhook": ["add", "change", "view"],
    "webhookdelivery": ["view"],
    "outboxjob": ["view"],
    "notification": ["view"],
}


def merge(*maps):
    out: dict[str, set[str]] = {}
    for m in maps:
        for model, actions in m.items():
            out.setdefault(model, set()).update(actions)
    return out


ROLE_PERMISSIONS = {
    "Reporter": merge(REPORTER_PERMS),
    "Fact-checker": merge(REPORTER_PERMS, CHECKER_EXTRA),
    "Editor": merge(REPORTER_PERMS, CHECKER_EXTRA, EDITOR_EXTRA),
}

DEFAULT_RATINGS = [
    # slug, label, colour, order, implies status, ClaimReview value (1 worst … 5 best)
    ("true", "True", "#2e7d32", 1, "supported", 5),
    ("mostly_true", "Mostly true", "#689f38", 2, "supported", 4),
    ("misleading", "Misleading", "#8e44ad", 3, "disputed", 3),
    ("mostly_false", "Mostly false", "#e67e22", 4, "refuted", 2),
    ("false", "False", "#c0392b", 5, "refuted", 1),
    ("unverifiable", "Unverifiable", "#7f8c8d", 6, "unverified", 0),
]


def ensure_roles(Group, Permission):
    """Create any missing role group with its default permissions (existing groups are kept)."""
    for name, models in ROLE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=name)
        if not created and group.permissions.exists():
            continue
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        perms = Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
        group.permissions.set(perms)


def seed_defaults(Group, Permission, Rating) -> None:
    """Create the role groups and the default rating scale where they are missing.

    Runs after every migrate and flush (post_migrate), so a fresh or flushed database
    always has them; a desk's own edits (group permissions, rating labels) are kept.
    """
    for name in ROLE_PERMISSIONS:
        if not Group.objects.filter(name=name).exists():
            ensure_roles(Group, Permission)
            break
    if not Rating.objects.exists():
        for slug, label, colour, order, implies, value in DEFAULT_RATINGS:
            Rating.objects.create(
                slug=slug, label=label, colour=colour, order=order, implies_status=implies, value=value
            )
