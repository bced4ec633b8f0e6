"""One set of rules everywhere: every desk view, API operation and admin page or action, for each role,
gives the outcome the desk's rules say.

The tables below are the rules as a newsroom reads them, one row per address. The lists of addresses
are read from the URL resolver, the API's routers and the admin's registry, so a new view, operation,
admin model or action without a row fails `test_every_*_has_a_row` until someone writes down who may
use it. Writes are real POSTs, each rolled back so the rows stay independent; the records they act on
are built once for the module.

Outcomes: ok (2xx, or a redirect that is not to a login page), login (redirect to a login page),
403, 404, 401; for admin pages also edit (a change form with Save) and view (shown read-only), and for
admin actions refused (the action answered with an error or warning message, nothing done).
"""

import json

import pytest
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from claims import services
from claims.api import api
from claims.models import (
    Activity,
    ApiToken,
    Claimant,
    ClaimReview,
    ClaimSuggestion,
    Comment,
    CorrectionNotice,
    Evidence,
    Feed,
    MatcherSettings,
    Mention,
    Notification,
    OutboxJob,
    Rating,
    Story,
    Webhook,
    WebhookDelivery,
)
from claims.permissions import EDITOR, FACT_CHECKER, REPORTER
from claims.urls import urlpatterns as desk_urls
from tests.admin.form_data import form_data
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory, StoryFactory, UserFactory

ROLES = ["anonymous", "reporter", "checker", "editor", "staff_checker"]


def outcomes(spec: str) -> dict[str, str]:
    """'login 403 ok ok ok' → {role: outcome}, in ROLES order."""
    values = spec.split()
    assert len(values) == len(ROLES), spec
    return dict(zip(ROLES, values, strict=True))


# --- the records every row acts on, built once for the module ------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built inside one transaction that is rolled back after the module; each test's own
    transaction (the `db` fixture) nests inside it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def build_world() -> dict:
    users = {
        "reporter": UserFactory(username="m_rep", role=REPORTER),
        "checker": UserFactory(username="m_chk", role=FACT_CHECKER),
        "editor": UserFactory(username="m_ed", role=EDITOR, is_staff=True),
        "staff_checker": UserFactory(username="m_staffchk", role=FACT_CHECKER, is_staff=True),
    }
    editor2 = UserFactory(username="m_ed2", role=EDITOR)
    reporter, checker, editor = users["reporter"], users["checker"], users["editor"]
    story = StoryFactory(owner=reporter)
    text = "About 1,200 homes were evacuated"
    start = story.body.index(text)
    claim = ClaimFactory(text=text, created_by=checker)
    Mention.objects.create(story=story, claim=claim, start=start, end=start + len(text), quote=text)
    source = SourceFactory(url="https://example.org/council")
    evidence = EvidenceFactory(claim=claim, source=source)
    rating = Rating.objects.get(slug="false")
    cited = EvidenceFactory(claim=claim, stance="contradicts")
    cited = services.accept_evidence(cited, checker)
    draft = services.draft_verification(
        claim, checker, rating=rating, rationale="The council says 900.", evidence=[cited]
    )
    sentence = "The river peaked at 6.2 metres on Tuesday"
    suggestion = ClaimSuggestion.objects.create(
        story=story, text=sentence, start=0, end=len(sentence), claimant_name="environment agency", score=0.8
    )
    # A published story, its claim with an approved (public) verdict, and a correction notice awaiting an editor.
    published = StoryFactory(
        owner=reporter, state=Story.State.PUBLISHED, published_url="https://example.org/p", published_at=timezone.now()
    )
    claim2 = ClaimFactory(text="The river peaked at 6.2 metres", created_by=checker)
    Mention.objects.create(story=published, claim=claim2, start=4, end=34, quote=published.body[4:34])
    approved = services.draft_verification(claim2, checker, rating=rating, rationale="Gauge says 5.9.")
    services.approve_verification(approved, editor2)
    notice = CorrectionNotice.objects.create(story=published, sequence=1, text="We misstated the peak.", author=editor2)
    keep, other = Claimant.objects.create(name="County council"), Claimant.objects.create(name="The county council")
    failed = OutboxJob.objects.create(
        task="claims.tasks.process_source", args=[source.pk], key="m-failed", failed_at=timezone.now()
    )
    comment = Comment.objects.create(author=checker, body="Check the figure", claim=claim)
    Feed.objects.create(url="https://example.org/feed.xml", title="Council feed")
    hook = Webhook.objects.create(url="https://example.org/hook")
    WebhookDelivery.objects.create(webhook=hook, event="claim.status_changed", payload={})
    MatcherSettings.objects.create(suggest_threshold=0.4, confirm_threshold=0.85, updated_by=editor)
    ClaimReview.objects.create(key="m-review", claim_reviewed="Peak was 6.2 m", organisation="Full Fact")
    notes = {
        role: Notification.objects.create(recipient=user, message="Claim changed", url="/")
        for role, user in users.items()
    }
    tokens = {role: ApiToken.issue(user)[1] for role, user in users.items()}
    return {
        "users": users,
        "tokens": tokens,
        "notes": notes,
        "story": story,
        "published": published,
        "claim": claim,
        "claim2": claim2,
        "source": source,
        "evidence": evidence,
        "rating": rating,
        "draft": draft,
        "approved": approved,
        "suggestion": suggestion,
        "notice": notice,
        "keep": keep,
        "other": other,
        "failed": failed,
        "comment": comment,
    }


def client_for(role: str, world) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def classify(response) -> str:
    if response.status_code in (301, 302, 303):
        where = response.headers.get("Location", "")
        return "login" if where.startswith(("/accounts/login/", "/admin/login/")) else "ok"
    if 200 <= response.status_code < 300:
        return "ok"
    return str(response.status_code)


def rolled_back(request):
    """Run one request in a savepoint that is undone, so each row starts from the same records."""
    try:
        with transaction.atomic():
            response = request()
            transaction.set_rollback(True)
        return response
    except Exception as exc:  # a crash is an outcome too: the table never expects one
        return exc


# --- the desk --------------------------------------------------------------------------------------
#
# name: (method, object the URL takes, POST data, "anonymous reporter checker editor staff_checker")

ALL_MEMBERS = "login ok ok ok ok"
CHECKERS = "login 403 ok ok ok"
EDITORS = "login 403 403 ok 403"
OWNER_OR_EDITOR = "login ok 403 ok 403"  # the reporter owns the story
PUBLIC = "ok ok ok ok ok"

DESK = {
    "dashboard": ("get", None, None, ALL_MEMBERS),
    "notifications_read": ("post", None, {}, ALL_MEMBERS),
    "story_new": ("get", None, None, ALL_MEMBERS),
    "story_workspace": ("get", "story", None, ALL_MEMBERS),
    "story_live": ("get", "story", None, ALL_MEMBERS),
    "story_edit": (
        "post",
        "story",
        lambda w: {"version": 1, "headline": "Barriers hold", "body": w["story"].body, "desk": "National"},
        OWNER_OR_EDITOR,
    ),
    "story_transition": ("post", "story", {"version": 1, "to_state": "in_review"}, OWNER_OR_EDITOR),
    "story_claim_create": ("post", "story", {"quote": "6.2 metres"}, ALL_MEMBERS),
    "story_comment": ("post", "story", {"body": "Looks right"}, ALL_MEMBERS),
    # The published story belongs to the reporter: its owner and editors write its corrections.
    "story_correct": ("get", "published", None, OWNER_OR_EDITOR),
    "notice_approve": ("post", "notice", {}, EDITORS),
    "correction_queue": ("get", None, None, ALL_MEMBERS),
    "story_suggestions_more": ("get", "story", None, ALL_MEMBERS),
    "suggestion_accept": ("post", "suggestion", {}, ALL_MEMBERS),
    "suggestion_dismiss": ("post", "suggestion", {}, ALL_MEMBERS),
    "claim_detail": ("get", "claim", None, ALL_MEMBERS),
    "claim_panel": ("get", "claim", None, ALL_MEMBERS),
    # The checker created the claim: a reporter edits only claims of their own.
    "claim_edit": (
        "post",
        "claim",
        {"version": 1, "text": "About 1,300 homes were evacuated", "kind": "other", "priority": 2},
        CHECKERS,
    ),
    "claim_add_source": (
        "post",
        "claim",
        {"text": "Council: 1,200 homes.", "kind": "official", "reliability": "B"},
        ALL_MEMBERS,
    ),
    "verdict_draft": ("post", "claim", lambda w: {"rating": w["rating"].pk, "rationale": "Because."}, CHECKERS),
    "claim_comment": ("post", "claim", {"body": "@m_chk have a look"}, ALL_MEMBERS),
    "evidence_accept": ("post", "evidence", {}, CHECKERS),
    "evidence_reject": ("post", "evidence", {}, CHECKERS),
    "evidence_stance": ("post", "evidence", {"stance": "contradicts"}, CHECKERS),
    # Drafted by the checker: only an editor approves it (never its author).
    "verdict_approve": ("post", "draft", {"without_evidence": "on"}, EDITORS),
    "verdict_publish": ("post", "approved", {}, EDITORS),
    "claim_queue": ("get", None, None, ALL_MEMBERS),
    "claim_queue_bulk": (
        "post",
        None,
        lambda w: {"claims": [w["claim"].pk], "action": "priority", "priority": 1},
        CHECKERS,
    ),
    "suggestion_queue": ("get", None, None, ALL_MEMBERS),
    "suggestion_bulk_dismiss": ("post", None, lambda w: {"suggestions": [w["suggestion"].pk]}, ALL_MEMBERS),
    "source_queue": ("get", None, None, ALL_MEMBERS),
    "verdict_queue": ("get", None, None, ALL_MEMBERS),
    "claimant_detail": ("get", "keep", None, ALL_MEMBERS),
    "claimant_merge": ("post", "keep", lambda w: {"other": w["other"].pk, "confirm": "on"}, EDITORS),
    "source_detail": ("get", "source", None, ALL_MEMBERS),
    "source_state": ("get", "source", None, ALL_MEMBERS),
    "source_accept_all": ("post", "source", {}, CHECKERS),
    "source_reject_all": ("post", "source", {}, CHECKERS),
    "failed_jobs": ("get", None, None, EDITORS),
    "failed_job_retry": ("post", "failed", {}, EDITORS),
    "matcher_settings": ("get", None, None, EDITORS),
    "matcher_review_table": ("post", None, {"default_grade": "C"}, EDITORS),
    "public_index": ("get", None, None, PUBLIC),
    "public_factcheck": ("get", "approved", None, PUBLIC),
    "public_feed": ("get", None, None, PUBLIC),
    "public_ratings": ("get", None, None, PUBLIC),
    "public_corrections": ("get", None, None, PUBLIC),
    "public_corrections_feed": ("get", None, None, PUBLIC),
    "export_claims": ("get", None, None, CHECKERS),
    "export_activity": ("get", None, None, CHECKERS),
}


def desk_names() -> set[str]:
    return {p.name for p in desk_urls if isinstance(p, URLPattern)}


def test_every_desk_view_has_a_row():
    assert desk_names() == set(DESK), "add a row to DESK for each new view (and drop rows of removed ones)"


def value(data, world):
    return data(world) if callable(data) else (data or {})


@pytest.mark.parametrize("role", ROLES)
def test_the_desk_keeps_its_rules(role, world, db):
    client = client_for(role, world)
    wrong = []
    for name, (method, target, data, expected) in DESK.items():
        url = reverse(name, args=[world[target].pk] if target else [])
        body = value(data, world)
        result = rolled_back(lambda: getattr(client, method)(url, body) if method == "post" else client.get(url))
        got = classify(result) if not isinstance(result, Exception) else f"crash:{result!r}"[:120]
        if got != outcomes(expected)[role]:
            wrong.append(f"{method.upper()} {name}: expected {outcomes(expected)[role]}, got {got}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


# --- the API ---------------------------------------------------------------------------------------
#
# (method, path as the router declares it): (object ids for the path, JSON body, outcomes)

API_MEMBERS = "401 ok ok ok ok"
API_CHECKERS = "401 403 ok ok ok"
API_EDITORS = "401 403 403 ok 403"
API_OWNER_OR_EDITOR = "401 ok 403 ok 403"

API = {
    ("GET", "/stories"): (None, None, API_MEMBERS),
    ("POST", "/stories"): (None, {"headline": "New", "body": "Some 40 people were hurt."}, API_MEMBERS),
    ("GET", "/stories/{story_id}"): ("story", None, API_MEMBERS),
    ("GET", "/stories/{story_id}/suggestions"): ("story", None, API_MEMBERS),
    ("POST", "/stories/{story_id}/transition"): (
        "story",
        {"state": "in_review", "expected_version": 1},
        API_OWNER_OR_EDITOR,
    ),
    ("GET", "/stories/{story_id}/corrections"): ("published", None, API_MEMBERS),
    ("POST", "/stories/{story_id}/corrections"): (
        "published",
        {"kind": "clarification", "text": "We meant the river gauge."},
        API_OWNER_OR_EDITOR,
    ),
    ("GET", "/claims"): (None, None, API_MEMBERS),
    ("POST", "/claims"): (None, lambda w: {"story": w["story"].pk, "start": 0, "end": 9}, API_MEMBERS),
    ("GET", "/claims/{claim_id}"): ("claim", None, API_MEMBERS),
    ("PATCH", "/claims/{claim_id}"): ("claim", {"expected_version": 1, "text": "About 1,300 homes"}, API_CHECKERS),
    # Public, like the fact-check page: the verdict is approved and its story published.
    ("GET", "/claims/{claim_id}/claimreview"): ("claim2", None, "ok ok ok ok ok"),
    ("POST", "/evidence/{evidence_id}/accept"): ("evidence", None, API_CHECKERS),
    ("POST", "/evidence/{evidence_id}/reject"): ("evidence", None, API_CHECKERS),
    ("POST", "/evidence/{evidence_id}/stance"): ("evidence", {"stance": "context"}, API_CHECKERS),
    ("POST", "/claims/{claim_id}/verifications"): ("claim", {"rating": "false", "rationale": "r"}, API_CHECKERS),
    ("POST", "/verifications/{verification_id}/approve"): ("draft", None, API_EDITORS),
    ("POST", "/sources"): (None, {"text": "Council: 1,200 homes."}, API_MEMBERS),
    ("GET", "/sources/{int:source_id}"): ("source", None, API_MEMBERS),
    ("POST", "/sources/{source_id}/evidence/accept-all"): ("source", None, API_CHECKERS),
    ("POST", "/sources/{source_id}/evidence/reject-all"): ("source", None, API_CHECKERS),
    ("GET", "/activity"): (None, None, API_MEMBERS),
    ("GET", "/notifications"): (None, None, API_MEMBERS),
    ("POST", "/notifications/{notification_id}/read"): ("own notification", None, API_MEMBERS),
    ("POST", "/notifications/read"): (None, None, API_MEMBERS),
}


def api_operations() -> set[tuple[str, str]]:
    found = set()
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            full = "/" + "/".join(part.strip("/") for part in (prefix, path) if part.strip("/"))
            found.update((method, full) for op in view.operations for method in op.methods)
    return found


def test_every_api_operation_has_a_row():
    assert api_operations() == set(API), "add a row to API for each new operation (and drop rows of removed ones)"


def api_url(path: str, target, world, role) -> str:
    if target == "own notification":
        pk = world["notes"][role].pk if role in world["notes"] else world["notes"]["reporter"].pk
    else:
        pk = world[target].pk if target else None
    filled = path
    for name in ("{story_id}", "{claim_id}", "{evidence_id}", "{verification_id}", "{int:source_id}", "{source_id}"):
        filled = filled.replace(name, str(pk))
    return "/api" + filled.replace("{notification_id}", str(pk))


@pytest.mark.parametrize("role", ROLES)
def test_the_api_keeps_the_desks_rules(role, world, db):
    headers = {} if role == "anonymous" else {"HTTP_AUTHORIZATION": f"Bearer {world['tokens'][role]}"}
    client = Client()
    wrong = []
    for (method, path), (target, data, expected) in API.items():
        url = api_url(path, target, world, role)
        body = json.dumps(value(data, world)) if data is not None else ""
        result = rolled_back(lambda: client.generic(method, url, body, content_type="application/json", **headers))
        got = classify(result) if not isinstance(result, Exception) else f"crash:{result!r}"[:120]
        if got != outcomes(expected)[role]:
            detail = result.content[:200] if not isinstance(result, Exception) else ""
            wrong.append(f"{method} {path}: expected {outcomes(expected)[role]}, got {got} {detail}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


# --- the admin -------------------------------------------------------------------------------------
#
# Only staff reach the admin: anonymous visitors and the non-staff reporter and checker are sent to its
# login page everywhere. The table gives the editor (staff, Editor group) and the staff checker (staff,
# Fact-checker group) for each model: changelist, add, change (of the world's record), delete, and each
# action. No newsroom role deletes in the admin (desk memberships aside, which editors manage).

NOBODY = "403 403"


ADMIN = {
    # model: {page: "editor staff_checker"}
    "story": {
        "changelist": "ok ok",
        "add": "ok ok",
        "change": "edit view",  # the reporter's story: the checker does not edit it in the desk either
        "delete": NOBODY,
        "suggest_claims": "ok ok",
    },
    "claimant": {"changelist": "ok ok", "add": "ok ok", "change": "edit edit", "delete": NOBODY},
    "claimant:merge_claimants": "ok refused",
    "claim": {"changelist": "ok ok", "add": "ok ok", "change": "edit edit", "delete": NOBODY, "refresh": "ok ok"},
    # Marks and suggestions are made in the desk; the admin shows them.
    "mention": {"changelist": "ok ok", "add": NOBODY, "change": "view view", "delete": NOBODY},
    "claimsuggestion": {"changelist": "ok ok", "add": NOBODY, "change": "view view", "delete": NOBODY},
    "source": {"changelist": "ok ok", "add": "ok ok", "change": "edit edit", "delete": NOBODY, "refetch": "ok ok"},
    "evidence": {
        "changelist": "ok ok",
        "add": "ok ok",
        "change": "edit edit",
        "delete": NOBODY,
        "accept": "ok ok",
        "reject": "ok ok",
    },
    "rating": {"changelist": "ok ok", "add": "ok 403", "change": "edit view", "delete": NOBODY},
    # The checker's draft: only its author edits it, only an editor (not its author) approves it.
    "verification": {"changelist": "ok ok", "add": "ok ok", "change": "view view", "delete": NOBODY},
    "verification:approve": "ok refused",
    "comment": {"changelist": "ok ok", "add": "ok ok", "change": "view view", "delete": NOBODY},
    "feed": {"changelist": "ok ok", "add": "ok 403", "change": "edit view", "delete": NOBODY},
    "claimreview": {"changelist": NOBODY, "add": NOBODY, "change": NOBODY, "delete": NOBODY},
    "matchersettings": {"changelist": NOBODY, "add": NOBODY, "change": NOBODY, "delete": NOBODY},
    "activity": {"changelist": "ok ok", "add": NOBODY, "change": "view view", "delete": NOBODY},
    "correctionnotice": {"changelist": NOBODY, "add": NOBODY, "change": NOBODY, "delete": NOBODY},
    "notification": {"changelist": "ok 403", "add": NOBODY, "change": "view 403", "delete": NOBODY},
    "outboxjob": {"changelist": "ok 403", "add": NOBODY, "change": "view 403", "delete": NOBODY},
    "deskmembership": {"changelist": "ok 403", "add": "ok 403", "change": "view 403", "delete": "ok 403"},
    "apitoken": {"changelist": NOBODY, "add": NOBODY, "change": NOBODY, "delete": NOBODY},
    "webhook": {"changelist": "ok 403", "add": "ok 403", "change": "edit 403", "delete": NOBODY},
    "webhookdelivery": {"changelist": "ok 403", "add": NOBODY, "change": "view 403", "delete": NOBODY},
}

# The record each change, delete and action row acts on (the model's first row when not named).
ADMIN_RECORD = {
    "story": "story",
    "claim": "claim",
    "source": "source",
    "evidence": "evidence",
    "verification": "draft",
    "comment": "comment",
    "claimsuggestion": "suggestion",
    "correctionnotice": "notice",
}


def admin_models() -> dict[str, type]:
    return {m._meta.model_name: m for m in admin.site._registry if m._meta.app_label == "claims"}


def admin_actions(model) -> set[str]:
    """The model's own actions (the site-wide delete_selected is covered by the delete rows)."""
    return {a if isinstance(a, str) else a.__name__ for a in (admin.site._registry[model].actions or [])}


def rows_for(name: str) -> dict:
    pages = dict(ADMIN[name])
    for key, spec in ADMIN.items():
        if key.startswith(f"{name}:"):
            pages[key.split(":", 1)[1]] = spec
    return pages


def test_every_admin_model_and_action_has_a_row():
    models = admin_models()
    assert {k for k in ADMIN if ":" not in k} == set(models), "add a row to ADMIN for each admin model"
    for name, model in models.items():
        pages = set(rows_for(name)) - {"changelist", "add", "change", "delete"}
        assert pages == admin_actions(model), f"{name}: give each admin action a row"


def admin_record(name, model, world):
    key = ADMIN_RECORD.get(name)
    return world[key] if key else model._default_manager.order_by("pk").first()


def admin_get(client, url) -> str:
    response = client.get(url)
    got = classify(response)
    if got == "ok" and response.status_code == 200 and "/change/" in url:
        return "edit" if 'name="_save"' in response.content.decode() else "view"
    return got


def admin_action(client, url, action, ids) -> str:
    response = client.post(url, {"action": action, "_selected_action": ids})
    got = classify(response)
    if got == "ok":
        shown = list(messages.get_messages(response.wsgi_request))
        if any(m.level >= messages.WARNING for m in shown):
            return "refused"
    return got


ACTION_RECORDS = {"merge_claimants": lambda w: [w["keep"].pk, w["other"].pk]}


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_keeps_the_desks_rules(role, world, db):
    client = client_for(role, world)
    staff_column = {"editor": 0, "staff_checker": 1}.get(role)
    wrong = []
    for name, model in admin_models().items():
        record = admin_record(name, model, world)
        for page, spec in rows_for(name).items():
            expected = "login" if staff_column is None else spec.split()[staff_column]
            base = f"admin:claims_{name}"
            if page == "changelist":
                run = lambda: classify(client.get(reverse(f"{base}_changelist")))  # noqa: E731
            elif page == "add":
                run = lambda: classify(client.get(reverse(f"{base}_add")))  # noqa: E731
            elif page in ("change", "delete"):
                url = reverse(f"{base}_{page}", args=[record.pk])
                run = lambda: admin_get(client, url)  # noqa: E731
            else:
                ids = ACTION_RECORDS.get(page, lambda w: [record.pk])(world)
                run = lambda: admin_action(client, reverse(f"{base}_changelist"), page, ids)  # noqa: E731
            result = rolled_back(run)
            got = result if isinstance(result, str) else f"crash:{result!r}"[:120]
            if got != expected:
                wrong.append(f"{name} {page}: expected {expected}, got {got}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


# --- admin writes: the real POST of a change form, as the desk would judge it -------------------------
#
# (model, record, field to change, new value): "editor staff_checker" — saved (by a service, so it is in
# the activity log), refused (the form shows the service's error) or 403 (the page is read-only for them).

ADMIN_WRITES = [
    ("story", "story", "headline", "Rewritten in the admin", "saved 403"),
    ("claim", "claim", "text", "About 1,300 homes were evacuated", "saved saved"),
    ("source", "source", "reliability", "A", "saved saved"),
    ("claimant", "keep", "name", "The county council of Norvale", "saved saved"),
    ("evidence", "evidence", "excerpt", "Only 900 homes", "saved saved"),
    ("verification", "draft", "rationale", "Rewritten by someone else", "403 403"),
    ("verification", "approved", "rationale", "Rewritten after approval", "403 403"),
    ("story", "published", "headline", "A published headline, rewritten", "refused 403"),
]


def admin_post(client, url, field, new) -> str:
    page = client.get(url)
    if page.status_code != 200 or 'name="_save"' not in page.content.decode():
        data = {field: new}
    else:
        data = form_data(client, url, **{field: new})
    logged = Activity.objects.count()
    response = client.post(url, data)
    if response.status_code == 302:
        if "/login/" in response.headers["Location"]:
            return "login"
        # Through a service, the save is in the activity log; a model written around it is not.
        return "saved" if Activity.objects.count() > logged else "saved-unlogged"
    return "refused" if response.status_code == 200 else str(response.status_code)


@pytest.mark.parametrize("role", ["editor", "staff_checker"])
def test_admin_change_forms_save_only_what_the_desk_allows(role, world, db):
    client = client_for(role, world)
    wrong = []
    for name, key, field, new, spec in ADMIN_WRITES:
        record = world[key]
        url = reverse(f"admin:claims_{name}_change", args=[record.pk])
        result = rolled_back(lambda: admin_post(client, url, field, new))
        expected = spec.split()[0 if role == "editor" else 1]
        got = result if isinstance(result, str) else f"crash:{result!r}"[:120]
        if got != expected:
            wrong.append(f"{name} #{record.pk} {field}: expected {expected}, got {got}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


def test_the_matrix_users_hold_the_roles_it_names(world, db):
    groups = {u.username: set(u.groups.values_list("name", flat=True)) for u in get_user_model().objects.all()}
    assert groups["m_staffchk"] == {FACT_CHECKER} and get_user_model().objects.get(username="m_staffchk").is_staff
    assert groups["m_ed"] == {EDITOR} and not get_user_model().objects.get(username="m_ed").is_superuser
    assert Group.objects.filter(name=REPORTER).exists() and Evidence.objects.filter(pk=world["evidence"].pk).exists()
