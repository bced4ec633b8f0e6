"""Every admin changelist (ours and django-axes') and the autocomplete shrug off NUL and absurd
date-hierarchy values: a 400 or the filter ignored, never a server error."""

import pytest
from django.contrib import admin
from django.urls import reverse

ALL_ADMINS = list(admin.site._registry.items())


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def filter_params(model_admin) -> list[str]:
    params = ["q", "o", "p", "e", "desk", "state__exact"]
    for entry in model_admin.list_filter:
        if isinstance(entry, str):
            params += [entry, f"{entry}__exact", f"{entry}__id__exact", f"{entry}__isnull"]
    return params


@pytest.mark.parametrize("model,model_admin", ALL_ADMINS, ids=lambda m: getattr(m, "__name__", ""))
def test_nul_in_any_changelist_filter_is_refused_not_a_server_error(model, model_admin, admin_client):
    for param in filter_params(model_admin):
        response = admin_client.get(changelist(model), {param: "\x00"})
        assert response.status_code == 400, (param, response.status_code)
    assert admin_client.get(changelist(model), {"q\x00": "x"}).status_code == 400


@pytest.mark.parametrize("model,model_admin", ALL_ADMINS, ids=lambda m: getattr(m, "__name__", ""))
def test_an_absurd_date_hierarchy_is_refused_not_a_server_error(model, model_admin, admin_client):
    field = model_admin.date_hierarchy or "created_at"
    for params in (
        {f"{field}__year": "99999999999"},
        {f"{field}__year": "2024", f"{field}__month": "99999999999999999999"},
        {f"{field}__year": "-1"},
    ):
        response = admin_client.get(changelist(model), params)
        assert response.status_code == 400, (params, response.status_code)
    # An ordinary but impossible date is Django's own "invalid lookup" page or redirect, not a 500.
    assert admin_client.get(changelist(model), {f"{field}__year": "9999", f"{field}__month": "13"}).status_code < 500


def test_the_autocomplete_refuses_a_nul_term(admin_client):
    for field in [("claim", "claimant"), ("claim", "assignee"), ("mention", "claim"), ("evidence", "source")]:
        params = {"term": "\x00", "app_label": "claims", "model_name": field[0], "field_name": field[1]}
        assert admin_client.get(reverse("admin:autocomplete"), params).status_code == 400
    params = {"term": "ok", "app_label": "claims", "model_name": "claim", "field_name": "claimant"}
    assert admin_client.get(reverse("admin:autocomplete"), params).status_code in (200, 403)
