"""The editors' tables for incoming reviews: rating → stance, and organisation → reliability grade.

Kept on the matcher's settings row and edited on the desk's matcher screen as plain lines
("pants on fire = contradicts", "Checkpoint = B"); like the tiers, saved by editors only, in
one transaction, logged with what changed. A blank rating table means the defaults
(ratings.toml). Reviews already recorded keep the stance they were read with.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .. import permissions
from ..activity import record
from ..models import MatcherSettings
from . import ratings


def save_review_table(user, *, stances: str, grades: str, default_grade: str) -> MatcherSettings:
    if not permissions.can_manage_matcher(user):
        raise PermissionDenied("Only editors change how other fact-checkers' ratings are read.")
    table, stance_errors = ratings.parse_lines(stances or "", ratings.STANCES, "stance")
    graded, grade_errors = ratings.parse_lines(grades or "", tuple(ratings.GRADES), "grade")
    errors = {}
    if stance_errors:
        errors["stances"] = stance_errors
    if grade_errors:
        errors["grades"] = grade_errors
    default = (default_grade or "").strip().upper()
    if len(default) != 1 or default not in ratings.GRADES:
        errors["default_grade"] = [f"Choose a grade from {', '.join(ratings.GRADES)}."]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        tiers = MatcherSettings.objects.select_for_update().order_by("pk").first() or MatcherSettings()
        before = tiers.rating_table()
        tiers.review_stances = table or None  # blank: back to the defaults
        tiers.reviewer_grades = graded
        tiers.reviewer_default_grade = default
        tiers.updated_by = user
        tiers.save()
        after = tiers.rating_table()
        changed = [f"{k} = {v}" for k, v in after.items() if before.get(k) != v]
        removed = sorted(before.keys() - after.keys())
        record(
            user,
            "changed the rating table",
            tiers,
            reason=f"{len(after)} ratings{' (the defaults)' if not table else ''}, {len(graded)} graded "
            f"organisations, others {default}; set: {', '.join(changed[:10]) or 'nothing new'}"
            f"{f'; removed {len(removed)}' if removed else ''}",
            data={"set": changed[:100], "removed": removed[:100], "grades": graded, "default_grade": default},
        )
    return tiers
