"""ClaimReview JSON-LD: complete per Google's fact-check markup, valid schema.org terms."""

import copy
import json
from pathlib import Path

import pytest
from pyld import jsonld

from claims import claimreview
from claims.models import Claimant, Rating
from tests.factories import StoryFactory

from .builders import approve

SCHEMA = "https://schema.org/"
# The schema.org terms the document uses, as the vocabulary defines them. No @vocab:
# a key that is not listed here is dropped by expansion, and the test sees it.
TERMS = [
    "ClaimReview",
    "Claim",
    "Rating",
    "Organization",
    "Person",
    "CreativeWork",
    "claimReviewed",
    "reviewRating",
    "ratingValue",
    "bestRating",
    "worstRating",
    "alternateName",
    "ratingExplanation",
    "name",
    "itemReviewed",
    "author",
    "datePublished",
    "appearance",
    "firstAppearance",
    "headline",
    "text",
    "dateModified",
    "correction",
    "CorrectionComment",
]
LOCAL_CONTEXT = {
    "@context": {
        **{term: SCHEMA + term for term in TERMS},
        "url": {"@id": SCHEMA + "url", "@type": "@id"},
        "sameAs": {"@id": SCHEMA + "sameAs", "@type": "@id"},
    }
}


def local_loader(url, options=None):
    """No network: https://schema.org resolves to the small local context above."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"unexpected remote context {url}")
    return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(LOCAL_CONTEXT)}


def expand(document: dict) -> tuple[list, list]:
    dropped = []
    expanded = jsonld.expand(
        copy.deepcopy(document), {"documentLoader": local_loader}, on_property_dropped=dropped.append
    )
    return expanded, dropped


def count_keys(node) -> int:
    """Property keys (not @-keywords) in a document, at every depth."""
    if isinstance(node, dict):
        return sum((not k.startswith("@")) + count_keys(v) for k, v in node.items())
    if isinstance(node, list):
        return sum(count_keys(v) for v in node)
    return 0


def iris(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key == "@type":
                found.update(value if isinstance(value, list) else [value])
            iris(value, found)
    elif isinstance(node, list):
        for value in node:
            iris(value, found)
    return found


def assert_google_complete(doc: dict, numeric: bool = True):
    """Google's required and recommended ClaimReview fields."""
    assert doc["@type"] == "ClaimReview" and doc["@context"] == "https://schema.org"
    assert doc["url"].startswith("http") and doc["@id"].startswith(doc["url"])
    assert 0 < len(doc["claimReviewed"]) < 75
    assert doc["datePublished"]
    assert doc["author"]["@type"] == "Organization" and doc["author"]["name"] and doc["author"]["url"]
    rating = doc["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"] and rating["ratingExplanation"]
    if numeric:
        for key in ("ratingValue", "bestRating", "worstRating"):
            assert isinstance(rating[key], int), key
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    item = doc["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["name"]
    assert item["datePublished"] and item["firstAppearance"]["url"] and item["appearance"]


def test_an_approved_verdict_yields_complete_claimreview(verdict, settings):
    settings.FACTDESK = {
        **settings.FACTDESK,
        "PUBLISHER_NAME": "River Post",
        "PUBLISHER_URL": "https://riverpost.example",
    }
    doc = claimreview.claim_review(verdict, "https://riverpost.example/")
    assert_google_complete(doc)
    assert doc["url"] == f"https://riverpost.example/fact-checks/{verdict.pk}/"
    assert doc["author"] == {"@type": "Organization", "name": "River Post", "url": "https://riverpost.example"}
    assert doc["reviewRating"]["ratingValue"] == 1 and doc["reviewRating"]["alternateName"] == "False"
    assert (doc["reviewRating"]["bestRating"], doc["reviewRating"]["worstRating"]) == (5, 1)
    assert doc["reviewRating"]["ratingExplanation"] == "The council's own figure is 800."
    assert doc["datePublished"] == verdict.approved_at.date().isoformat()
    author = doc["itemReviewed"]["author"]
    assert author == {"@type": "Organization", "name": "County council", "sameAs": "https://www.wikidata.org/wiki/Q42"}
    assert doc["itemReviewed"]["firstAppearance"]["url"] == "https://news.example/river-floods"


def test_every_key_expands_to_a_schema_org_iri(verdict):
    doc = claimreview.claim_review(verdict, "https://riverpost.example/")
    expanded, dropped = expand(doc)
    assert dropped == [], f"terms not in schema.org: {dropped}"
    found = iris(expanded, set())
    properties = {k for k in found if not k.startswith("@")}
    assert properties and all(k.startswith(SCHEMA) for k in properties), properties - {
        k for k in properties if k.startswith(SCHEMA)
    }
    # every key of the document survives expansion
    assert count_keys(expanded) == count_keys(doc)


def test_the_expansion_check_would_catch_a_misspelt_term(verdict):
    doc = claimreview.claim_review(verdict, "https://riverpost.example/")
    doc["reviewRating"]["ratingVal"] = 1
    _expanded, dropped = expand(doc)
    assert "ratingVal" in dropped


def test_a_person_claimant_is_a_person_and_drafts_have_no_claimreview(claim, checker, editor):
    person = Claimant.objects.create(name="Dana Holt", kind="person")
    claim.claimant = person
    claim.save()
    assert claimreview.current_verdict(claim.pk) is None
    verdict = approve(claim, checker, editor, rating="true")
    doc = claimreview.claim_review(verdict, "https://x.example/")
    assert doc["itemReviewed"]["author"] == {"@type": "Person", "name": "Dana Holt"}
    # the story is not published: no appearance is claimed
    assert "appearance" not in doc["itemReviewed"] and "firstAppearance" not in doc["itemReviewed"]


def test_only_published_stories_count_as_appearances(verdict, claim, reporter):
    draft = StoryFactory(owner=reporter)
    from claims.models import Mention

    start = draft.body.index(claim.text)
    Mention.objects.create(story=draft, claim=claim, start=start, end=start + len(claim.text), quote=claim.text)
    doc = claimreview.claim_review(verdict, "https://x.example/")
    assert [w["url"] for w in doc["itemReviewed"]["appearance"]] == ["https://news.example/river-floods"]


def test_unverifiable_is_published_as_text_only(claim, checker, editor):
    verdict = approve(claim, checker, editor, rating="unverifiable", rationale="No record either way.")
    rating = claimreview.claim_review(verdict, "https://x.example/")["reviewRating"]
    assert rating["alternateName"] == "Unverifiable"
    assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)
    _expanded, dropped = expand(claimreview.claim_review(verdict, "https://x.example/"))
    assert dropped == []


def test_the_scale_follows_the_rating_table(claim, checker, editor):
    Rating.objects.create(slug="pants_on_fire", label="Pants on fire", value=7, implies_status="refuted", order=9)
    verdict = approve(claim, checker, editor, rating="true")
    rating = claimreview.claim_review(verdict, "https://x.example/")["reviewRating"]
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (5, 7, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Short claim.",
        "Russia's defense ministry claimed to have destroyed 14 Ukrainian drones over the Kursk region overnight",
        "x" * 200,
        "Supercalifragilistic " * 10,
    ],
)
def test_claim_reviewed_is_shortened_under_75_characters_at_a_word(text):
    short = claimreview.shorten(text)
    assert len(short) < 75
    if len(text) < 75:
        assert short == text
    else:
        assert short.endswith("…")
        stem = short[:-1]
        assert text.startswith(stem)
        if " " in text[:73]:
            assert text[len(stem)] in " ,;:.", "cut mid-word"


def test_script_json_cannot_close_the_script_element():
    out = claimreview.script_json({"claimReviewed": "</script><script>alert(1)</script> & more"})
    assert "</script>" not in out and "<" not in out
    assert json.loads(out)["claimReviewed"].startswith("</script>")


def test_the_example_document_is_complete_and_valid():
    doc = json.loads((Path(__file__).parents[2] / "docs" / "claimreview-example.json").read_text())
    assert_google_complete(doc)
    assert expand(doc)[1] == []
