"""One claimant per body: the normalised form of its names (claims/claimant_names.py) and resolve_claimant."""

import pytest

from claims import services
from claims.claimant_names import name_key, split_acronym
from claims.models import Activity, Claim, Claimant, ClaimantAlias
from tests.api.helpers import post
from tests.factories import ClaimFactory, StoryFactory

SAME = [
    ("TASS", "Russia's TASS state news agency"),
    ("TASS", "TASS news agency"),
    ("Russia's defense ministry", "the Russian Defence Ministry"),
    ("Russia's defence ministry", "Russian Ministry of Defence"),
    ("the Ministry of Defence of Russia", "Russian defense ministry"),
    ("Xinhua", "the official Xinhua news agency"),
    ("CCTV", "state broadcaster CCTV"),
    ("UN refugee agency", "the United Nations refugee agency"),
    ("Armenian government", "the government of Armenia"),
    ("Microsoft Corp", "Microsoft"),
    ("World Food Programme", "World Food Program"),
    ("the Kremlin’s press office", "Kremlin's press office"),
]
DIFFERENT = [
    ("Russian defence ministry", "Ukrainian defence ministry"),
    ("UN refugee agency", "UN children's agency"),
    ("the ministry", "Russia's defence ministry"),
    ("Daily Mail", "Mail"),
    ("State Department", "Department"),
    ("Israeli military", "Israeli army"),
]


@pytest.mark.parametrize("one, other", SAME)
def test_names_of_the_same_body_share_a_key(one, other):
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize("one, other", DIFFERENT)
def test_names_of_different_bodies_keep_different_keys(one, other):
    assert name_key(one) != name_key(other)


@pytest.mark.parametrize(
    "name, parts",
    [
        ("the UN refugee agency (UNHCR)", ("the UN refugee agency", "UNHCR")),
        ("World Food Programme (WFP)", ("World Food Programme", "WFP")),
        ("Russia's defence ministry", ("Russia's defence ministry", None)),
        ("Gen. (retd) Ivanov", ("Gen. (retd) Ivanov", None)),
    ],
)
def test_an_acronym_in_parentheses_is_a_second_name(name, parts):
    assert split_acronym(name) == parts


def test_an_empty_name_has_an_empty_key():
    assert name_key("  ") == ""


def aliases(claimant):
    return sorted(claimant.aliases.values_list("alias", flat=True))


def test_tass_by_three_names_is_one_claimant_with_the_other_names_as_aliases(db):
    first = services.resolve_claimant("TASS")
    assert services.resolve_claimant("Russia's TASS state news agency") == first
    assert services.resolve_claimant("TASS news agency") == first
    assert Claimant.objects.count() == 1
    assert aliases(first) == ["Russia's TASS state news agency", "TASS news agency"]


def test_the_defence_ministry_in_two_spellings_is_one_claimant(db):
    first = services.resolve_claimant("Russia's defense ministry")
    assert services.resolve_claimant("the Russian Defence Ministry") == first
    assert aliases(first) == ["the Russian Defence Ministry"]
    assert services.resolve_claimant("the russian defence ministry") == first  # now an exact alias match
    assert ClaimantAlias.objects.count() == 1


def test_different_bodies_with_similar_names_stay_apart(db):
    russian = services.resolve_claimant("Russian defence ministry")
    ukrainian = services.resolve_claimant("Ukrainian defence ministry")
    refugees = services.resolve_claimant("UN refugee agency")
    children = services.resolve_claimant("UN children's agency")
    assert len({russian.pk, ukrainian.pk, refugees.pk, children.pk}) == 4
    assert not ClaimantAlias.objects.exists()


def test_a_name_with_an_acronym_stores_both_and_finds_either(db):
    agency = services.resolve_claimant("the UN refugee agency (UNHCR)")
    assert agency.name == "the UN refugee agency"
    assert "UNHCR" in aliases(agency)
    assert services.resolve_claimant("UNHCR") == agency
    assert services.resolve_claimant("United Nations refugee agency") == agency
    assert Claimant.objects.count() == 1


def test_an_acronym_finds_a_claimant_created_under_its_full_name(db):
    programme = services.resolve_claimant("World Food Programme")
    assert services.resolve_claimant("World Food Programme (WFP)") == programme
    assert services.resolve_claimant("WFP") == programme


def test_claims_created_through_the_api_under_three_names_share_one_claimant(client, story, checker):
    start = story.body.index("About 1,200 homes")
    for name in ["TASS", "Russia's TASS state news agency", "TASS news agency"]:
        response = post(
            client, "/api/claims", {"story": story.pk, "start": start, "end": start + 17, "claimant": name}, checker
        )
        assert response.status_code in {200, 201}, response.content
    assert set(Claim.objects.values_list("claimant__name", flat=True)) == {"TASS"}
    assert Claimant.objects.filter(name__icontains="tass").count() == 1


def test_the_two_ministry_spellings_through_the_api_leave_one_claimant(client, story, checker):
    body_start = story.body.index("The river peaked")
    other_start = story.body.index("About 1,200 homes")
    for name, start in [("Russia's defense ministry", body_start), ("the Russian Defence Ministry", other_start)]:
        response = post(
            client, "/api/claims", {"story": story.pk, "start": start, "end": start + 16, "claimant": name}, checker
        )
        assert response.status_code in {200, 201}, response.content
    (claimant,) = Claimant.objects.filter(claims__isnull=False).distinct()
    assert claimant.name == "Russia's defense ministry"
    assert aliases(claimant) == ["the Russian Defence Ministry"]


def test_correcting_a_claimant_on_the_desk_files_it_under_the_existing_body(client, claim, checker):
    ministry = services.resolve_claimant("Russia's defense ministry")
    client.force_login(checker)
    response = client.post(
        f"/claims/{claim.pk}/edit/",
        {
            "version": claim.version,
            "text": claim.text,
            "claimant": "the Russian Defence Ministry",
            "kind": claim.kind,
            "priority": 2,
            "quantity_value": "",
            "quantity_unit": "",
            "quantity_bound": "",
            "as_of": "",
            "assignee": "",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200, response.content.decode()[:500]
    claim.refresh_from_db()
    assert claim.claimant == ministry
    assert Claimant.objects.count() == 1
    assert aliases(ministry) == ["the Russian Defence Ministry"]


def desk_edit_claimant(client, claim, name):
    return client.post(
        f"/claims/{claim.pk}/edit/",
        {
            "version": claim.version,
            "text": claim.text,
            "claimant": name,
            "kind": claim.kind,
            "priority": 2,
            "quantity_value": "",
            "quantity_unit": "",
            "quantity_bound": "",
            "as_of": "",
            "assignee": "",
        },
        HTTP_HX_REQUEST="true",
    )


def test_claims_given_tass_by_three_names_on_the_desk_share_one_claimant_with_the_others_as_aliases(
    client, claim, checker
):
    claims = [claim, ClaimFactory(created_by=checker), ClaimFactory(created_by=checker)]
    client.force_login(checker)
    for each, name in zip(claims, ["TASS", "Russia's TASS state news agency", "TASS news agency"], strict=True):
        assert desk_edit_claimant(client, each, name).status_code == 200
    (tass,) = Claimant.objects.all()
    assert tass.name == "TASS" and tass.claims.count() == 3
    assert aliases(tass) == ["Russia's TASS state news agency", "TASS news agency"]


def test_the_api_files_tass_by_three_names_as_one_claimant_with_the_others_as_aliases(client, reporter, checker):
    claims = ["Over 76,000 people were evacuated.", "Twelve drones were downed.", "Two bridges were hit."]
    story = StoryFactory(owner=reporter, body=" ".join(claims))
    for text, name in zip(claims, ["TASS", "Russia's TASS state news agency", "TASS news agency"], strict=True):
        start = story.body.index(text)
        span = {"story": story.pk, "start": start, "end": start + len(text), "claimant": name}
        assert post(client, "/api/claims", span, checker).status_code == 201
    (tass,) = Claimant.objects.all()
    assert tass.name == "TASS" and tass.claims.count() == 3
    assert aliases(tass) == ["Russia's TASS state news agency", "TASS news agency"]


# --- merging -------------------------------------------------------------------------


@pytest.fixture
def duplicates(db):
    keep = Claimant.objects.create(name="Russia's defence ministry", wikidata_id="Q1056181")
    other = Claimant.objects.create(name="MoD Russia", description="Ministry of Defence of the Russian Federation")
    ClaimantAlias.objects.create(claimant=other, alias="Minoborony")
    moved = [ClaimFactory(claimant=other), ClaimFactory(claimant=other)]
    stays = ClaimFactory(claimant=keep)
    return keep, other, moved, stays


def test_merging_moves_claims_and_names_deletes_the_other_and_logs_who_did_it(duplicates, editor):
    keep, other, moved, stays = duplicates
    versions = {c.pk: c.version for c in moved}
    services.merge_claimants(keep, other, editor)
    assert not Claimant.objects.filter(pk=other.pk).exists()
    assert set(Claim.objects.filter(claimant=keep).values_list("pk", flat=True)) == {stays.pk, *versions}
    assert all(Claim.objects.get(pk=pk).version == v + 1 for pk, v in versions.items())
    assert aliases(keep) == ["Minoborony", "MoD Russia"]
    keep.refresh_from_db()
    assert keep.wikidata_id == "Q1056181"
    assert keep.description == "Ministry of Defence of the Russian Federation"
    activity = Activity.objects.get(verb="merged claimant")
    assert activity.actor == editor and activity.target_id == keep.pk
    assert "MoD Russia merged into Russia's defence ministry: 2 claim(s) moved" == activity.reason
    assert activity.data["merged_name"] == "MoD Russia" and sorted(activity.data["claims"]) == sorted(versions)


def test_a_wikidata_id_on_the_merged_claimant_is_kept(duplicates, editor):
    keep, other, _, _ = duplicates
    Claimant.objects.filter(pk=keep.pk).update(wikidata_id="")
    Claimant.objects.filter(pk=other.pk).update(wikidata_id="Q1056181")
    merged = services.merge_claimants(keep, other, editor)
    assert Claimant.objects.get(pk=merged.pk).wikidata_id == "Q1056181"


def test_two_different_wikidata_ids_refuse_the_merge_and_change_nothing(duplicates, editor):
    keep, other, moved, _ = duplicates
    Claimant.objects.filter(pk=other.pk).update(wikidata_id="Q42")
    with pytest.raises(services.ValidationError, match="Q1056181.*Q42"):
        services.merge_claimants(keep, other, editor)
    assert Claimant.objects.filter(pk=other.pk).exists()
    assert Claim.objects.filter(claimant=other).count() == len(moved)
    assert not Activity.objects.filter(verb="merged claimant").exists()


def test_only_editors_may_merge_and_never_a_claimant_into_itself(duplicates, checker, editor):
    keep, other, _, _ = duplicates
    with pytest.raises(services.PermissionDenied):
        services.merge_claimants(keep, other, checker)
    with pytest.raises(services.ValidationError, match="itself"):
        services.merge_claimants(keep, keep, editor)
    assert Claimant.objects.count() == 2


def test_the_claimant_page_offers_editors_the_merge_form_in_bounded_queries(
    client, duplicates, editor, django_assert_max_num_queries
):
    keep, other, _, _ = duplicates
    for n in range(20):
        Claimant.objects.create(name=f"Extra claimant {n}")
    client.force_login(editor)
    with django_assert_max_num_queries(9):
        response = client.get(f"/claimants/{keep.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'action="/claimants/{keep.pk}/merge/"' in page and "csrfmiddlewaretoken" in page
    assert "MoD Russia" in page and "<script" not in page.split('id="merge"')[1]


def test_checkers_see_no_merge_form_and_get_403_when_posting(client, duplicates, checker):
    keep, other, _, _ = duplicates
    client.force_login(checker)
    assert 'id="merge"' not in client.get(f"/claimants/{keep.pk}/").content.decode()
    response = client.post(f"/claimants/{keep.pk}/merge/", {"other": other.pk, "confirm": "on"})
    assert response.status_code == 403
    assert Claimant.objects.filter(pk=other.pk).exists()


def test_the_merge_address_answers_only_post(client, duplicates, editor):
    keep, _, _, _ = duplicates
    client.force_login(editor)
    assert client.get(f"/claimants/{keep.pk}/merge/").status_code == 405


def test_an_editor_merges_on_the_desk_and_the_claims_move(client, duplicates, editor):
    keep, other, moved, _ = duplicates
    client.force_login(editor)
    response = client.post(f"/claimants/{keep.pk}/merge/", {"other": other.pk, "confirm": "on"}, follow=True)
    assert response.status_code == 200
    assert "Merged MoD Russia into Russia&#x27;s defence ministry" in response.content.decode()
    assert not Claimant.objects.filter(pk=other.pk).exists()
    assert all(Claim.objects.get(pk=c.pk).claimant_id == keep.pk for c in moved)


def test_a_merge_without_confirming_or_with_clashing_ids_is_a_clear_error(client, duplicates, editor):
    keep, other, _, _ = duplicates
    client.force_login(editor)
    response = client.post(f"/claimants/{keep.pk}/merge/", {"other": other.pk})
    assert response.status_code == 422 and "Tick to confirm the merge." in response.content.decode()
    Claimant.objects.filter(pk=other.pk).update(wikidata_id="Q42")
    response = client.post(f"/claimants/{keep.pk}/merge/", {"other": other.pk, "confirm": "on"})
    assert response.status_code == 422 and "correct or clear one of them" in response.content.decode()
    response = client.post(f"/claimants/{keep.pk}/merge/", {"other": "not-a-number", "confirm": "on"})
    assert response.status_code == 422
    assert Claimant.objects.filter(pk=other.pk).exists()


def test_the_admin_action_merges_two_selected_claimants_into_the_older(duplicates, admin_client, admin_user):
    keep, other, moved, _ = duplicates
    response = admin_client.post(
        "/admin/claims/claimant/",
        {"action": "merge_claimants", "_selected_action": [other.pk, keep.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Merged MoD Russia into" in response.content.decode()
    assert list(Claimant.objects.values_list("pk", flat=True)) == [keep.pk]
    assert all(Claim.objects.get(pk=c.pk).claimant_id == keep.pk for c in moved)
    assert Activity.objects.get(verb="merged claimant").actor == admin_user


def test_the_admin_action_needs_exactly_two(duplicates, admin_client):
    keep, _, _, _ = duplicates
    response = admin_client.post(
        "/admin/claims/claimant/", {"action": "merge_claimants", "_selected_action": [keep.pk]}, follow=True
    )
    assert "Select exactly two claimants to merge." in response.content.decode()
    assert Claimant.objects.count() == 2
