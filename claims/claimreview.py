"""schema.org ClaimReview JSON-LD for a published verdict (Google's fact-check markup).

`claim_review()` builds the document from an approved Verification; the public
fact-check page embeds it and `GET /api/claims/{id}/claimreview` serves it.

The rating scale: each Rating's `value` is its ClaimReview `ratingValue`, and the
scale runs from the lowest positive value (`worstRating`) to the highest
(`bestRating`) among the active ratings – 1 (False) … 5 (True) by default. The
public page /fact-checks/ratings/ publishes that number-to-label mapping.

`unverifiable` (value 0) is deliberately *not* a point on that scale: a claim we
could not check is neither better nor worse than "false". A rating whose value is 0
is published as text only – `alternateName`, `name` and `ratingExplanation` without
`ratingValue`, `bestRating` or `worstRating` – which Google's markup allows
(the numeric fields are recommended, only the textual rating is required).
"""

from __future__ import annotations

import json
from urllib.parse import urljoin

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from .models import CorrectionNotice, Mention, Rating, Story, Verification

CLAIM_REVIEWED_MAX = 75  # Google: keep claimReviewed under 75 characters
EXPLANATION_MAX = 300


def shorten(text: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    """Fold whitespace and cut at a word boundary so the result, with "…", is under `limit`."""
    text = " ".join(text.split())
    if len(text) < limit:
        return text
    cut = text[: limit - 2]  # with the ellipsis, strictly under the limit
    if " " in cut and not text[limit - 2].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–—-") + "…"


def summary(rationale: str, limit: int = EXPLANATION_MAX) -> str:
    """The rationale's first paragraph, shortened for `ratingExplanation`."""
    first = rationale.strip().split("\n\n", 1)[0]
    return shorten(first, limit)


def rating_scale() -> dict:
    """The numeric scale the published ratings sit on: {"best": 5, "worst": 1}."""
    values = [v for v in Rating.objects.filter(active=True).values_list("value", flat=True) if v > 0]
    if not values:
        return {"best": None, "worst": None}
    return {"best": max(values), "worst": min(values)}


def review_rating(rating: Rating, explanation: str, scale: dict) -> dict:
    data = {
        "@type": "Rating",
        "alternateName": rating.label,
        "name": rating.label,
        "ratingExplanation": explanation,
    }
    if rating.value > 0 and scale["best"] is not None:
        data.update(
            ratingValue=rating.value,
            bestRating=max(scale["best"], rating.value),
            worstRating=min(scale["worst"], rating.value),
        )
    return data


def claimant_author(claimant) -> dict | None:
    if claimant is None:
        return None
    kind = "Person" if claimant.kind == claimant.Kind.PERSON else "Organization"
    author = {"@type": kind, "name": claimant.name}
    if claimant.wikidata_id:
        author["sameAs"] = claimant.wikidata_url
    return author


def appearances(claim) -> list[dict]:
    """Where the claim appeared: published stories with a URL, oldest first."""
    mentions = (
        Mention.objects.filter(
            claim=claim,
            story__state__in=[Story.State.PUBLISHED, Story.State.CORRECTED],
        )
        .exclude(story__published_url="")
        .select_related("story")
        .order_by("story__published_at", "story_id")
    )
    seen, works = set(), []
    for mention in mentions:
        story = mention.story
        if story.pk in seen:
            continue
        seen.add(story.pk)
        works.append(
            {
                "@type": "CreativeWork",
                "url": story.published_url,
                "headline": story.headline,
                "datePublished": story.published_at.isoformat(),
            }
        )
    return works


def public_base_url(request=None) -> str:
    """Where the public pages live: FACTDESK["PUBLIC_BASE_URL"], else the request's host."""
    configured = settings.FACTDESK.get("PUBLIC_BASE_URL", "")
    if configured:
        return configured.rstrip("/") + "/"
    if request is not None:
        return request.build_absolute_uri("/")
    return settings.FACTDESK["PUBLISHER_URL"].rstrip("/") + "/"


def public_notices(claim_id: int) -> list[CorrectionNotice]:
    """Published correction notices that concern the claim, oldest first."""
    return list(
        CorrectionNotice.objects.filter(claims=claim_id, state=CorrectionNotice.State.PUBLISHED)
        .select_related("story")
        .order_by("published_at", "pk")
    )


def correction_comments(notices) -> list[dict]:
    """schema.org `correction`: a CorrectionComment per published notice."""
    return [
        {
            "@type": "CorrectionComment",
            "name": f"{n.get_kind_display()} {n.sequence}",
            "text": n.text,
            "datePublished": n.published_at.isoformat(),
        }
        for n in notices
    ]


def claim_review(verification: Verification, base_url: str, *, notices=None) -> dict:
    """The ClaimReview document for an approved (or superseded, historical) verdict, with the
    correction notices of its claim (`notices`, read from the database when not given)."""
    claim = verification.claim
    url = urljoin(base_url, verification.get_absolute_url())
    item = {"@type": "Claim", "text": claim.text}
    author = claimant_author(claim.claimant)
    if author:
        item["author"] = author
    works = appearances(claim)
    if works:
        item["datePublished"] = works[0]["datePublished"]
        item["firstAppearance"] = works[0]
        item["appearance"] = works
    conf = settings.FACTDESK
    if notices is None:
        notices = public_notices(claim.pk)
    modified = max([verification.approved_at] + [n.published_at for n in notices])
    document = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": f"{url}#claimreview",
        "url": url,
        "claimReviewed": shorten(claim.text),
        "datePublished": verification.approved_at.date().isoformat(),
        "dateModified": modified.isoformat(),
        "author": {"@type": "Organization", "name": conf["PUBLISHER_NAME"], "url": conf["PUBLISHER_URL"]},
        "reviewRating": review_rating(verification.rating, summary(verification.rationale), rating_scale()),
        "itemReviewed": item,
    }
    if notices:
        document["correction"] = correction_comments(notices)
    return document


def current_verdict(claim_id: int, *, public: bool = False) -> Verification | None:
    """The claim's approved verdict; with `public`, only if the embargo has lifted."""
    verdicts = Verification.objects.public() if public else Verification.objects.all()
    return (
        verdicts.filter(claim_id=claim_id, state=Verification.State.APPROVED)
        .select_related("claim", "claim__claimant", "rating")
        .first()
    )


_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script_json(data: dict) -> str:
    """JSON safe inside <script>: `</script>` in a claim cannot close the element
    (the same escaping as Django's json_script)."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)
