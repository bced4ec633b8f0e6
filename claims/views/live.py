"""The story "stamp": a cheap fingerprint of everything the workspace shows live.

Two queries: the story row (with its open-suggestion count as a subquery) and one
aggregate over its mentions' claims and their evidence, and whether the claim finder
is still reading it (in the story row). The poller sends the stamp
it has; the endpoint answers 204 while it still matches.
"""

from __future__ import annotations

import hashlib

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from ..filing import SUGGEST_TASK
from ..models import ClaimSuggestion, Mention, OutboxJob, Story
from ..outbox import job_key


def story_stamp(story_id: int) -> str | None:
    open_suggestions = (
        ClaimSuggestion.objects.filter(story=OuterRef("pk"), state=ClaimSuggestion.State.OPEN)
        .order_by()
        .values("story")
        .annotate(n=Count("pk"))
        .values("n")
    )
    row = (
        Story.objects.filter(pk=story_id)
        .annotate(
            open_suggestions=Coalesce(Subquery(open_suggestions, output_field=IntegerField()), 0),
            finder_running=Exists(
                OutboxJob.objects.filter(key=job_key(SUGGEST_TASK, [story_id]), done_at__isnull=True)
            ),
        )
        .values_list(
            "version", "updated_at", "fact_health", "open_suggestions", "state", "needs_correction", "finder_running"
        )
        .first()
    )
    if row is None:
        return None
    claims = Mention.objects.filter(story_id=story_id).aggregate(
        mentions=Count("pk", distinct=True),
        changed=Max("claim__status_changed_at"),
        updated=Max("claim__updated_at"),
        versions=Sum("claim__version"),
        evidence=Max("claim__evidence__pk"),
        reviewed=Max("claim__evidence__reviewed_at"),
    )
    raw = repr((row, sorted(claims.items())))
    return hashlib.blake2b(raw.encode(), digest_size=8).hexdigest()
