"""Published fact-checks: the only pages anonymous visitors see.

Only approved verdicts are public, and only once a published story mentions their claim
(or an editor published the verdict on its own): an embargoed verdict is a 404 everywhere.
A superseded verdict's address redirects to the claim's current verdict, so old links keep
working; drafts and withdrawn verdicts 404.
"""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from .. import claimreview
from ..models import CorrectionNotice, Evidence, Rating, Verification
from ..reviews_in import records as reviews_in

PER_PAGE = 20


def published_verdicts():
    return (
        Verification.objects.public()
        .filter(state=Verification.State.APPROVED)
        .select_related("claim", "claim__claimant", "rating")
        .order_by("-approved_at", "-pk")
    )


@require_GET
def factcheck_index(request):
    page = Paginator(published_verdicts(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "claims/public_index.html", {"page": page, "verdicts": page.object_list})


@require_GET
def factcheck_detail(request, pk):
    verdict = get_object_or_404(
        Verification.objects.public()
        .select_related("claim", "claim__claimant", "rating")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.filter(state=Evidence.State.ACCEPTED).select_related("source"),
                to_attr="accepted_evidence",
            )
        ),
        pk=pk,
    )
    if verdict.state == Verification.State.SUPERSEDED:
        current = claimreview.current_verdict(verdict.claim_id, public=True)
        if current is None:
            raise Http404("No current verdict.")
        return redirect("public_factcheck", current.pk)
    notices = claimreview.public_notices(verdict.claim_id)
    data = claimreview.claim_review(verdict, claimreview.public_base_url(request), notices=notices)
    context = {
        "verdict": verdict,
        "claim": verdict.claim,
        "evidence": verdict.accepted_evidence,
        "appearances": data["itemReviewed"].get("appearance", []),
        "claimreview_json": claimreview.script_json(data),
        "notices": notices,
        # Other fact-checkers' reviews a checker accepted as evidence on this claim.
        "related_reviews": reviews_in.on_claim(verdict.claim_id, states=(Evidence.State.ACCEPTED,)),
        "history": Verification.objects.filter(claim_id=verdict.claim_id, state=Verification.State.SUPERSEDED)
        .select_related("rating", "approved_by")
        .order_by("-approved_at"),
    }
    return render(request, "claims/public_factcheck.html", context)


@require_GET
def rating_scale(request):
    """The number-to-label mapping the ClaimReview ratingValue refers to."""
    ratings = Rating.objects.filter(active=True).order_by("-value", "order")
    return render(request, "claims/public_ratings.html", {"ratings": ratings, "scale": claimreview.rating_scale()})


class FactCheckFeed(Feed):
    """Atom feed of the latest published fact-checks."""

    feed_type = Atom1Feed
    title = "Published fact-checks"
    subtitle = "The newsroom's latest verdicts on factual claims."

    def link(self):
        return reverse("public_index")

    def items(self):
        return published_verdicts()[:50]

    def item_title(self, item):
        return f"{item.rating.label}: {claimreview.shorten(item.claim.text, 120)}"

    def item_description(self, item):
        return claimreview.summary(item.rationale)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.approved_at

    def item_updateddate(self, item):
        return item.approved_at

    def item_author_name(self, item):
        return item.claim.claimant.name if item.claim.claimant_id else None


factcheck_feed = require_GET(FactCheckFeed())


def published_notices():
    return (
        CorrectionNotice.objects.filter(state=CorrectionNotice.State.PUBLISHED)
        .select_related("story")
        .prefetch_related("claims")
        .order_by("-published_at", "-pk")
    )


def _with_public_checks(notices) -> list:
    """Each notice with the public fact-checks of its claims, in one query for the page."""
    notices = list(notices)
    claim_ids = {c.pk for n in notices for c in n.claims.all()}
    verdicts = {
        v.claim_id: v
        for v in Verification.objects.public()
        .filter(state=Verification.State.APPROVED, claim_id__in=claim_ids)
        .select_related("claim")
    }
    for n in notices:
        n.public_checks = [verdicts[c.pk] for c in n.claims.all() if c.pk in verdicts]
    return notices


@require_GET
def corrections_log(request):
    page = Paginator(published_notices(), PER_PAGE).get_page(request.GET.get("page"))
    notices = _with_public_checks(page.object_list)
    return render(request, "claims/public_corrections.html", {"page": page, "notices": notices})


class CorrectionsFeed(Feed):
    """Atom feed of published correction notices, newest first."""

    feed_type = Atom1Feed
    title = "Corrections"
    subtitle = "Corrections, clarifications, updates and retractions to the newsroom's published stories."

    def link(self):
        return reverse("public_corrections")

    def items(self):
        return published_notices()[:50]

    def item_title(self, item):
        return f"{item.get_kind_display()} {item.sequence}: {claimreview.shorten(item.story.headline, 120)}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"correction-{item.pk}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


corrections_feed = require_GET(CorrectionsFeed())
