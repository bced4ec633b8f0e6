"""Syndicated copies (and light rewrites) of one wire story share a group and count once."""

import pytest

from claims import intake, services
from claims.models import Evidence, Source
from claims.syndication import signature, similarity
from tests.jobs.helpers import day, kursk_story

WIRE = (
    "MOSCOW (Wire) — More than 76,000 people have been evacuated from Russia's Kursk region since Ukrainian "
    "troops crossed the border last week, the regional governor said on Monday. Alexei Smirnov told a "
    "meeting of officials that temporary shelters had been opened in Kursk and in neighbouring regions, "
    "and that buses were running around the clock. Russia's defense ministry said fighting continued near "
    "the town of Sudzha, where Ukrainian units had taken up positions. Kyiv has said little about the "
    "operation, which caught Moscow by surprise. The governor said schools in the border districts would "
    "stay closed until further notice and that residents should not return home."
)
REWRITE = (
    "MOSCOW — More than 76,000 people have been evacuated from Russia's Kursk region since Ukrainian "
    "forces crossed the border last week, the regional governor said Monday. Alexei Smirnov told a "
    "meeting of officials that temporary shelters had been opened in Kursk and in neighbouring regions, "
    "and that buses were running around the clock. Russia's defence ministry said fighting continued near "
    "the town of Sudzha, where Ukrainian units had taken up positions. The governor said schools in the "
    "border districts would stay closed until further notice and that residents should not return home."
)
DIFFERENT = (
    "Kursk residents queued for hours at the railway station on Monday as evacuation trains filled up. "
    "Volunteers handed out water and food, and a local priest said the church hall was full. Many families "
    "left with only a suitcase, unsure when they might return to their villages near the border. "
    "Officials promised compensation payments but gave no figures or dates for them."
)


@pytest.fixture
def add(checker, django_capture_on_commit_callbacks):
    def add(text, outlet, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            source = intake.add_source(checker, text=text, outlet=outlet, reliability="C", **kwargs)
        return Source.objects.get(pk=source.pk)

    return add


pytestmark = pytest.mark.django_db


def test_a_light_rewrite_is_near_the_original_and_a_different_story_is_not():
    original = signature(WIRE)
    assert similarity(original, signature(REWRITE)) >= 0.5
    assert similarity(original, signature(DIFFERENT)) < 0.2


def test_copies_of_one_wire_story_share_the_first_ones_group(add):
    first = add(WIRE, "Wire")
    copy = add(REWRITE, "Evening Post")
    other = add(DIFFERENT, "Kursk Herald")
    first.refresh_from_db()
    assert first.syndication_group_id == first.pk
    assert copy.syndication_group_id == first.pk
    assert other.syndication_group_id is None
    assert isinstance(copy.minhash, list) and len(copy.minhash) == 64


def test_syndicated_copies_count_as_one_source_for_the_status(
    reporter, checker, add, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _, evacuated, _ = kursk_story(reporter, checker)
    first = add(WIRE, "Wire", published_at=day(12))
    copy = add(REWRITE, "Evening Post", published_at=day(12))
    # One live stance per wire story: the matcher proposes nothing more from the copy...
    [suggestion] = Evidence.objects.filter(claim=evacuated, source__in=[first, copy])
    assert suggestion.source_id == first.pk and suggestion.stance == "supports"
    # ...and a copy a person links and accepts with the same stance still counts once.
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_evidence(suggestion, checker)
        linked = services.add_evidence(evacuated, copy, checker, stance="supports")
        services.accept_evidence(linked, checker)
    evacuated.refresh_from_db()
    assert evacuated.status == "checking"
    assert evacuated.status_reason.startswith("1 of 2 independent sources support so far")


def test_a_short_text_has_no_signature_and_stands_alone(add):
    source = add("Over 76,000 evacuated, TASS says.", "Wire")
    assert source.minhash is None and source.syndication_group_id is None


def _uvalde_report(key):
    import json
    from pathlib import Path

    case = json.loads((Path(__file__).parent / "syndication_cases" / "uvalde.json").read_text(encoding="utf-8"))
    return case["reports"][key]["text"]


def test_a_reworded_copy_pasted_after_the_wire_report_joins_its_group_and_says_why(add):
    from claims.models import Activity

    wire = add(_uvalde_report("ap_hospital"), "AP")
    copy = add(_uvalde_report("thewall_spun"), "thewall.fyi")
    wire.refresh_from_db()
    assert copy.syndication_group_id == wire.pk and wire.syndication_group_id == wire.pk
    assert 13 in copy.fact_print and "uvalde" in copy.fact_print
    logged = Activity.objects.get(verb="grouped syndicated copy", target_id=copy.pk)
    assert logged.reason.startswith(f"Reworded copy of source #{wire.pk}: ")
    assert logged.reason.endswith("figures and names in the same order")


def test_a_separate_report_of_the_same_event_stays_apart(add):
    wire = add(_uvalde_report("ap_hospital"), "AP")
    other = add(_uvalde_report("reuters_hospital"), "Reuters")
    wire.refresh_from_db()
    assert other.syndication_group_id is None and wire.syndication_group_id is None
    assert other.fact_print and wire.fact_print


def test_a_verbatim_copy_is_still_grouped_by_its_text(add):
    from claims.models import Activity

    first = add(WIRE, "Wire")
    copy = add(REWRITE, "Evening Post")
    logged = Activity.objects.get(verb="grouped syndicated copy", target_id=copy.pk)
    assert logged.reason == f"Copy of the text of source #{first.pk} ({first.label})"
