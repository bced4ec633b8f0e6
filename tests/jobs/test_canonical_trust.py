"""A page's rel=canonical is a hint, not an identity: only an address on the page's own site is
taken as its canonical one, so a hostile page cannot stand in for another site's page.

Two names (hostile.test, wire.test) resolve to the local test server, so both sites are real fetches.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims import intake
from claims.models import Source
from tests.factories import SourceFactory
from tests.jobs.conftest import article

REAL = [
    "The agency said 1,200 homes were evacuated along the river on Tuesday night.",
    "Water levels fell on Wednesday morning, and the agency lifted two of its warnings.",
]
FORGED = [
    "The agency said 90,000 homes were evacuated along the river on Tuesday night.",
    "Officials admitted the warnings had been ignored for a week before the flood.",
]


@pytest.fixture
def add(checker, django_capture_on_commit_callbacks):
    def add(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            source = intake.add_source(checker, **kwargs)
        return Source.objects.get(pk=source.pk)

    return add


@pytest.fixture
def two_sites(allow_loopback, site, fake_dns):
    fake_dns["hostile.test"] = ["127.0.0.1"]
    fake_dns["wire.test"] = ["127.0.0.1"]
    real_url = f"http://wire.test:{site.port}/flood"
    site.add("/flood", article("Flood: 1,200 homes evacuated", REAL, site_name="Wire"))
    site.add("/copy", article("Flood: 90,000 homes evacuated", FORGED, site_name="Wire", canonical=real_url))
    return site, real_url, f"http://hostile.test:{site.port}/copy"


def test_a_later_source_is_fetched_not_given_a_foreign_page_that_claimed_its_address(two_sites, add):
    site, real_url, hostile_url = two_sites
    hostile = add(url=hostile_url, reliability="F")
    assert hostile.fetch_state == "fetched" and hostile.canonical_url == hostile_url  # the claim is not taken

    graded = add(url=real_url, reliability="A")
    assert site.hits("/flood") == 1  # fetched itself
    assert "1,200 homes" in graded.text and "90,000" not in graded.text
    assert graded.canonical_url == real_url
    assert graded.syndication_group_id is None  # not linked to the hostile copy as "the same page"


def test_a_source_stored_with_a_foreign_canonical_before_the_fix_is_not_reused(two_sites, add):
    site, real_url, hostile_url = two_sites
    SourceFactory(url=hostile_url, canonical_url=real_url, text=" ".join(FORGED), reliability="F")
    graded = add(url=real_url, reliability="A")
    assert site.hits("/flood") == 1 and "1,200 homes" in graded.text


def test_a_canonical_address_on_the_same_site_is_trusted(allow_loopback, site, fake_dns, add):
    fake_dns["www.wire.test"] = ["127.0.0.1"]
    canonical = f"http://www.wire.test:{site.port}/flood"
    page = article("Flood: 1,200 homes evacuated", REAL, site_name="Wire", canonical=canonical)
    site.add("/flood", page)
    first = add(url=f"http://www.wire.test:{site.port}/flood?utm_source=feed")
    assert first.canonical_url == canonical
    second = add(url=canonical)
    assert site.hits("/flood") == 1  # the same site said it is the same page: its text is reused
    assert second.text == first.text and second.syndication_group_id == first.pk


def test_a_canonical_on_a_subdomain_of_the_same_registrable_domain_is_trusted(allow_loopback, site, fake_dns, add):
    fake_dns["amp.planet.example.com"] = ["127.0.0.1"]
    url = site.add("/a", article("Evacuations", REAL, canonical="https://www.planet.example.com/a"))
    amp = add(url=url.replace("127.0.0.1", "amp.planet.example.com"))
    assert amp.canonical_url == "https://www.planet.example.com/a"


def test_a_canonical_on_another_registrable_domain_under_the_same_suffix_is_not(allow_loopback, site, fake_dns, add):
    fake_dns["news.evil.co.uk"] = ["127.0.0.1"]
    site.add("/a", article("Evacuations", FORGED, canonical="https://www.bbc.co.uk/news/a"))
    source = add(url=f"http://news.evil.co.uk:{site.port}/a")
    assert source.canonical_url == f"http://news.evil.co.uk:{site.port}/a"


def test_an_uploaded_page_cannot_claim_a_canonical_address(allow_loopback, site, add, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    real_url = site.add("/flood", article("Flood: 1,200 homes evacuated", REAL))
    upload = SimpleUploadedFile("copy.html", article("Flood", FORGED, canonical=real_url).encode())
    uploaded = add(file=upload, reliability="F")
    assert uploaded.fetch_state == "fetched" and uploaded.canonical_url == ""
    graded = add(url=real_url, reliability="A")
    assert site.hits("/flood") == 1 and "1,200 homes" in graded.text
