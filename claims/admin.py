"""The Django admin as a data-entry desk: fast lists, inlines and the same services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from . import comments, desks, intake, permissions, review, services
from .forms import story_body_field
from .models import (
    Activity,
    ApiToken,
    Claim,
    Claimant,
    ClaimantAlias,
    ClaimReview,
    ClaimSuggestion,
    Comment,
    ConflictError,
    CorrectionNotice,
    DeskMembership,
    Evidence,
    Feed,
    MatcherSettings,
    Mention,
    Notification,
    OutboxJob,
    Rating,
    Source,
    Story,
    Verification,
    Webhook,
    WebhookDelivery,
)

admin.site.site_header = "Fact desk admin"
admin.site.site_title = "Fact desk"


def status_badge(status: str, label: str):
    return format_html('<span class="status status-{}">{}</span>', status, label)


def add_service_errors(form, exc) -> None:
    """A service's refusal as form errors: on its field when the form shows it, else on the form."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, [m for e in errors for m in e.messages])
    else:
        form.add_error(None, getattr(exc, "messages", None) or [str(exc)])


class ServiceForm(forms.ModelForm):
    """An admin form whose save is a call to the desk's service, made once the fields are valid, so the
    service's refusals (permission, rules, the version lock) are form errors, not 500s."""

    user = None  # set by the admin per request
    saved_by_service = False

    def save_through_service(self):
        raise NotImplementedError

    def _post_clean(self):
        # The service is the save: it runs once the fields are valid, in its own transaction.
        if self.errors:
            return
        try:
            self.instance = self.save_through_service()
            self.saved_by_service = True
        except ConflictError:
            self.add_error(None, "Someone saved this since you opened it. Reload the page and edit again.")
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(self, exc)


class ServiceAdmin(admin.ModelAdmin):
    """A ModelAdmin whose forms save through the services (ServiceForm): the admin only renders them."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def save_model(self, request, obj, form, change):
        if not getattr(form, "saved_by_service", False):
            raise PermissionDenied("This form saves through the desk's services only.")

    def render_change_form(self, request, context, *args, **kwargs):
        # Shown again with errors (an inline did not validate) after the service saved the form:
        # undo that save, so nothing is half-saved and saving again does not meet our own version lock.
        form = getattr(context.get("adminform"), "form", None)
        if request.method == "POST" and getattr(form, "saved_by_service", False):
            transaction.set_rollback(True)
        return super().render_change_form(request, context, *args, **kwargs)


class MentionInline(admin.TabularInline):
    """Claim marks are placed in the desk (or the claim add form's story span) and moved by body
    edits; the admin shows them and never takes typed offsets."""

    model = Mention
    extra = 0
    autocomplete_fields = []
    fields = ["claim", "start", "end", "quote"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StoryMentionInline(MentionInline):
    fk_name = "story"


class ClaimMentionInline(MentionInline):
    fields = ["story", "start", "end", "quote"]
    readonly_fields = fields


class EvidenceInlineForm(forms.ModelForm):
    """New rows are proposals; on existing rows the source and stance are fixed here, so a stance
    change goes through the desk's service (kept proposed stance, activity log, one-stance rule).
    Rows are saved by ClaimAdmin.save_formset through the services; the permission is asked here
    too, so a refusal is a row error rather than a half-saved page."""

    user = None  # set by EvidenceInline per request

    class Meta:
        model = Evidence
        fields = ["source", "stance", "excerpt"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("source", "stance"):
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        if self.has_changed() and self.user is not None:
            adding = self.instance.pk is None
            allowed = permissions.is_member(self.user) if adding else permissions.can_review_evidence(self.user)
            if not allowed:
                raise ValidationError("Only desk members propose evidence; only checkers and editors change it.")
        return data


class EvidenceInline(admin.TabularInline):
    model = Evidence
    form = EvidenceInlineForm
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "stance", "excerpt", "state", "machine_accepted", "matcher_score", "matcher_reason"]
    readonly_fields = ["state", "machine_accepted", "matcher_score", "matcher_reason"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.user = request.user
        return formset

    def has_delete_permission(self, request, obj=None):
        return False  # see EvidenceAdmin.has_delete_permission


class VerificationInline(admin.StackedInline):
    """Shown only: a draft is edited by its author on its own page (the service checks who and when),
    and an approved or superseded verdict is the record."""

    model = Verification
    extra = 0
    fields = ["rating", "rationale", "author", "state", "approved_by", "approved_at"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # verdicts are drafted on their own page so the author is recorded

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StoryAdminForm(ServiceForm):
    """The admin's story form saves through the desk's services, so their refusals (the version
    lock, claim marks an edit would orphan, a published story) are form errors, not 500s."""

    body = story_body_field(widget=forms.Textarea(attrs={"rows": 20, "cols": 100}))
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    EDITABLE = ("headline", "body", "desk", "byline", "published_url", "published_at")

    class Meta:
        model = Story
        fields = ["headline", "body", "desk", "byline", "published_url", "published_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def save_through_service(self):
        from . import filing

        data = {name: self.cleaned_data.get(name) for name in self.EDITABLE if name in self.cleaned_data}
        data = {k: ("" if v is None and k != "published_at" else v) for k, v in data.items()}
        if self.instance.pk is None:
            return filing.file_story(self.user, **data)
        story = Story.objects.get(pk=self.instance.pk)
        changes = {k: v for k, v in data.items() if k in self.changed_data}
        if not changes:
            return story
        version = self.cleaned_data.get("expected_version") or story.version
        return services.edit_story(story, self.user, expected_version=version, **changes)


@admin.register(Story)
class StoryAdmin(ServiceAdmin):
    form = StoryAdminForm
    list_display = ["headline", "desk", "owner", "state", "health", "needs_correction", "updated_at"]
    list_filter = ["state", "needs_correction", "desk"]
    list_select_related = ["owner"]
    search_fields = ["headline", "byline", "body"]
    date_hierarchy = "created_at"
    # State changes only through the desk's workflow; the owner is whoever files the story.
    readonly_fields = ["state", "owner", "health", "needs_correction", "version", "created_at", "updated_at"]
    inlines = [StoryMentionInline]
    actions = ["suggest_claims"]

    def get_queryset(self, request):
        return permissions.visible_stories(request.user, super().get_queryset(request))

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_edit_story(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        # Published copy is public: it changes only through a correction notice, and is never deleted.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not obj.is_published)

    @admin.display(description="Fact health")
    def health(self, obj):
        counts = obj.fact_health or {}
        if not counts:
            return "–"
        return format_html_join(" ", "{}", ((status_badge(s, f"{n} {s}"),) for s, n in sorted(counts.items())))

    @admin.action(description="Run the claim finder again")
    def suggest_claims(self, request, queryset):
        queued = refused = 0
        for story in queryset:
            try:
                services.rerun_finder(request.user, story)
                queued += 1
            except PermissionDenied:
                refused += 1
        self.message_user(request, f"Queued the claim finder for {queued} stories.")
        if refused:
            self.message_user(request, f"{refused} stories you cannot edit were left alone.", messages.WARNING)


class ClaimantAliasInline(admin.TabularInline):
    model = ClaimantAlias
    extra = 1


class ClaimantForm(ServiceForm):
    """Adds and edits through services.save_claimant: checkers and editors, logged, old names kept as aliases."""

    class Meta:
        model = Claimant
        fields = list(services.CLAIMANT_FIELDS)

    def save_through_service(self):
        existing = Claimant.objects.get(pk=self.instance.pk) if self.instance.pk else None
        return services.save_claimant(self.user, existing, **{k: self.cleaned_data[k] for k in self.Meta.fields})


@admin.register(Claimant)
class ClaimantAdmin(ServiceAdmin):
    form = ClaimantForm
    list_display = ["name", "kind", "wikidata_id", "claim_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias", "wikidata_id"]
    inlines = [ClaimantAliasInline]
    actions = ["merge_claimants"]
    ordering = ["name", "pk"]  # autocomplete pages through a stable order

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_claims=Count("claims", distinct=True))

    def save_formset(self, request, form, formset, change):
        # Aliases through services.set_claimant_aliases, like the claimant itself.
        added, removed = [], []
        for alias_form in formset.forms:
            old = alias_form.initial.get("alias")
            new = alias_form.cleaned_data.get("alias") if alias_form.cleaned_data else None
            if alias_form in formset.deleted_forms:
                removed += [old] if old else []
            elif alias_form.has_changed() and new:
                removed += [old] if old else []
                added.append(new)
        if added or removed:
            services.set_claimant_aliases(request.user, form.instance, add=added, remove=removed)
        # What the admin's change message reads from a formset it saved itself.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    @admin.action(description="Merge the two selected claimants (into the older one)")
    def merge_claimants(self, request, queryset):
        chosen = list(queryset.order_by("created_at", "pk")[:3])
        if len(chosen) != 2:
            self.message_user(request, "Select exactly two claimants to merge.", messages.ERROR)
            return
        keep, other = chosen
        name = other.name
        try:
            services.merge_claimants(keep, other, request.user)
        except (PermissionDenied, ValidationError) as exc:
            text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            self.message_user(request, f"Not merged: {text}", messages.ERROR)
            return
        self.message_user(request, f"Merged {name} into {keep.name}.")

    @admin.display(description="Claims", ordering="n_claims")
    def claim_count(self, obj):
        return obj.n_claims


CLAIM_FIELDS = (
    "text",
    "claimant",
    "kind",
    "assignee",
    "priority",
    "quantity_value",
    "quantity_unit",
    "quantity_bound",
    "as_of",
)


class ClaimChangeForm(ServiceForm):
    """Edits through services.edit_claim, as the desk's claim panel and PATCH /api/claims/{id}: its
    permission (assigning is for checkers), the version lock, the log and the status refresh."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    EDITABLE = CLAIM_FIELDS

    class Meta:
        model = Claim
        fields = [*CLAIM_FIELDS, "watchers"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version

    def save_through_service(self):
        claim = Claim.objects.get(pk=self.instance.pk)
        changes = {k: self.cleaned_data[k] for k in self.EDITABLE if k in self.changed_data and k in self.cleaned_data}
        if not changes:
            return claim  # watchers alone: saved with the form's many-to-many fields
        version = self.cleaned_data.get("expected_version") or claim.version
        return services.edit_claim(claim, self.user, expected_version=version, **changes)


@admin.register(Claim)
class ClaimAdmin(ServiceAdmin):
    list_display = [
        "short_text",
        "claimant",
        "kind",
        "status_display",
        "needs_review",
        "priority",
        "assignee",
        "updated_at",
    ]
    list_filter = ["status", "kind", "priority", "needs_review", "assignee"]
    list_select_related = ["claimant", "assignee"]
    search_fields = ["text", "claimant__name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["claimant", "assignee", "watchers"]
    readonly_fields = [
        "status_display",
        "status_reason",
        "status_changed_at",
        "needs_review",
        "version",
        "created_by",
        "created_at",
    ]
    fieldsets = [
        (None, {"fields": ["text", "claimant", "kind", "assignee", "priority", "watchers", "expected_version"]}),
        ("Quantity", {"fields": ["quantity_value", "quantity_unit", "quantity_bound", "as_of"]}),
        (
            "Status (computed)",
            {
                "fields": [
                    "status_display",
                    "status_reason",
                    "status_changed_at",
                    "needs_review",
                    "version",
                    "created_by",
                    "created_at",
                ]
            },
        ),
    ]
    inlines = [ClaimMentionInline, EvidenceInline, VerificationInline]
    actions = ["refresh"]

    def get_queryset(self, request):
        return permissions.visible_claims(request.user, super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_edit_claim(request.user, obj))

    @admin.display(description="Text", ordering="text")
    def short_text(self, obj):
        return obj.text[:90]

    @admin.display(description="Status", ordering="status")
    def status_display(self, obj):
        return status_badge(obj.status, obj.get_status_display())

    add_fieldsets = [
        ("From a story (recommended)", {"fields": ["story", "quote", "start", "end"]}),
        (None, {"fields": ["text", "claimant", "kind", "assignee", "priority", "watchers"]}),
        (
            "Quantity (parsed from the text when left empty)",
            {"fields": ["quantity_value", "quantity_unit", "quantity_bound", "as_of"]},
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        from .forms import ClaimAdminAddForm

        kwargs["form"] = ClaimAdminAddForm if obj is None else ClaimChangeForm
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)  # saved by ClaimChangeForm's service call
        if form.cleaned_data.get("story") is not None:
            self._create_from_story(request, obj, form)
        else:
            self._create_from_text(request, obj, form)

    def _create_from_story(self, request, obj, form):
        """Through the service, like the desk: the typed values win, the rest is parsed from the span."""
        data = form.cleaned_data
        quantity = {
            "value": data.get("quantity_value"),
            "unit": data.get("quantity_unit"),
            "bound": data.get("quantity_bound"),
            "as_of": data.get("as_of"),
        }
        claim, _mention, created = services.create_claim_from_span(
            data["story"],
            request.user,
            start=data["start"],
            end=data["end"],
            text=data.get("text") or None,
            claimant=obj.claimant.name if obj.claimant_id else None,
            quantity={k: v for k, v in quantity.items() if v not in (None, "")} or None,
            kind=data.get("kind") if data.get("kind") != Claim.Kind.OTHER else None,
        )
        extra = {k: data[k] for k in ("assignee", "priority") if k in data and data[k] != getattr(claim, k)}
        if extra:
            claim = services.edit_claim(claim, request.user, expected_version=claim.version, **extra)
        # The admin goes on to save the inlines and the watchers against this claim.
        obj.pk = claim.pk
        obj.refresh_from_db()
        form.made_by_service = True
        if not created:
            self.message_user(request, f"Those words are already claim #{claim.pk}; marked as a mention of it.")

    def _create_from_text(self, request, obj, form):
        """A claim typed without a story: through the service, which reads its facts from its words."""
        data = form.cleaned_data
        claim = services.create_claim_from_text(
            request.user,
            obj.text,
            claimant=obj.claimant.name if obj.claimant_id else None,
            quantity={
                "value": obj.quantity_value,
                "unit": obj.quantity_unit,
                "bound": obj.quantity_bound,
                "as_of": obj.as_of,
            },
            kind=obj.kind if obj.kind != Claim.Kind.OTHER else None,
            assignee=data.get("assignee"),
            priority=data.get("priority") or Claim.Priority.NORMAL,
        )
        obj.pk = claim.pk
        obj.refresh_from_db()
        form.made_by_service = True

    def save_related(self, request, form, formsets, change):
        if getattr(form, "made_by_service", False):
            # Add the chosen watchers; setting them would drop the ones the claim already had.
            form.instance.watchers.add(*form.cleaned_data.get("watchers", []))
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            return
        super().save_related(request, form, formsets, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Evidence:
            return super().save_formset(request, form, formset, change)  # shown only: nothing to save
        # Each row through the desk's services: a proposal as add_evidence, an edit as edit_evidence_details.
        claim = form.instance
        # What the admin's history entry lists (it reads these from a formset it saved itself).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        try:
            for row in formset.forms:
                if not row.has_changed() or not hasattr(row, "cleaned_data"):
                    continue
                data = row.cleaned_data
                if row.instance.pk is None:
                    evidence = services.add_evidence(
                        claim, data["source"], request.user, stance=data["stance"], excerpt=data.get("excerpt", "")
                    )
                    formset.new_objects.append(evidence)
                elif "excerpt" in row.changed_data:
                    evidence = review.edit_evidence_details(row.instance, request.user, excerpt=data.get("excerpt", ""))
                    formset.changed_objects.append((evidence, ["excerpt"]))
        except (PermissionDenied, ValidationError) as exc:
            # The form validated, so this is a race (a role removed meanwhile): save none of the page.
            transaction.set_rollback(True)
            self.message_user(
                request, f"Nothing saved: {' '.join(getattr(exc, 'messages', [str(exc)]))}", messages.ERROR
            )

    @admin.action(description="Refresh status now")
    def refresh(self, request, queryset):
        changed = 0
        for pk in queryset.values_list("pk", flat=True):
            before = Claim.objects.values_list("status", flat=True).get(pk=pk)
            result = services.refresh_status(pk, actor=request.user, trigger="admin action")
            changed += result.status != before
        self.message_user(request, f"Refreshed {queryset.count()} claims; {changed} changed status.")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Mention)
class MentionAdmin(ReadOnlyAdmin):
    """Shown only: a claim mark is made from a story's words (services.create_claim_from_span) and moved
    by body edits (services.edit_story); typed offsets here would put marks on the wrong words."""

    list_display = ["quote_short", "story", "claim", "start", "end"]
    list_select_related = ["story", "claim"]
    search_fields = ["quote", "story__headline", "claim__text"]
    readonly_fields = ["story", "claim", "start", "end", "quote"]

    @admin.display(description="Quote")
    def quote_short(self, obj):
        return obj.quote[:80]


@admin.register(ClaimSuggestion)
class ClaimSuggestionAdmin(admin.ModelAdmin):
    list_display = ["text_short", "story", "claimant_name", "score", "state"]
    list_filter = ["state", "kind"]
    list_select_related = ["story"]
    search_fields = ["text", "claimant_name"]
    readonly_fields = [
        "story",
        "text",
        "start",
        "end",
        "claimant_name",
        "kind",
        "quantity",
        "score",
        "reasons",
        "claim",
        "state",
    ]

    # Accepted or dismissed in the desk (the workspace and the suggestion queue), never typed here.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Text")
    def text_short(self, obj):
        return obj.text[:90]


class SourceAdminForm(ServiceForm):
    """Added through intake.add_source, as in the desk and POST /api/sources; changed through
    intake.edit_source, which fetches new words again and refreshes the claims a regrade moves."""

    EDITABLE = intake.EDITABLE

    class Meta:
        model = Source
        fields = list(intake.EDITABLE)

    def save_through_service(self):
        data = {k: self.cleaned_data.get(k) for k in self.EDITABLE}
        data["file"] = data["file"] or None  # False: "clear" ticked
        if self.instance.pk is None:
            return intake.add_source(self.user, **data)
        changes = {k: data[k] for k in self.EDITABLE if k in self.changed_data}
        if "file" in changes and changes["file"] is None:
            changes["file"] = ""
        source = Source.objects.get(pk=self.instance.pk)
        return intake.edit_source(source, self.user, **changes) if changes else source

    def clean_file(self):
        # Refused here, before the model saves it: processing would refuse it anyway and the file would stay.
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data and (problem := intake.upload_error(file)):
            raise ValidationError(problem)
        return file


@admin.register(Source)
class SourceAdmin(ServiceAdmin):
    form = SourceAdminForm
    list_display = [
        "__str__",
        "outlet",
        "kind",
        "reliability",
        "fetch_state",
        "published_at",
        "syndication_group_id",
        "created_at",
    ]
    list_filter = ["fetch_state", "kind", "reliability", "outlet"]
    search_fields = ["title", "url", "outlet"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "canonical_url",
        "content_hash",
        "fetch_state",
        "fetch_error",
        "fetch_attempts",
        "fetched_at",
        "syndication_group",
        "feed",
        "feed_entry_id",
        "added_by",
        "published_at_origin",
    ]
    actions = ["refetch"]

    @admin.action(description="Fetch again")
    def refetch(self, request, queryset):
        done = 0
        try:
            for source in queryset:
                intake.refetch_source(source, request.user)
                done += 1
        except PermissionDenied as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(request, f"Queued {done} sources to fetch again.")


class EvidenceAdminForm(ServiceForm):
    """A person's proposal through services.add_evidence; later edits (the excerpt, the figure and date
    the source gives) through review.edit_evidence_details. Stance and state have their own paths."""

    class Meta:
        model = Evidence
        fields = ["claim", "source", "stance", *review.DETAILS]

    def save_through_service(self):
        data = self.cleaned_data
        if self.instance.pk is None:
            if not permissions.can_view_claim(self.user, data["claim"]):
                raise ValidationError({"claim": "Choose a claim on one of your desks."})
            evidence = services.add_evidence(
                data["claim"], data["source"], self.user, stance=data["stance"], excerpt=data.get("excerpt", "")
            )
            details = {k: data[k] for k in ("observed_value", "observed_at") if data.get(k) is not None}
            if not details:
                return evidence
            return review.edit_evidence_details(evidence, self.user, **details)
        changes = {k: data[k] for k in review.DETAILS if k in self.changed_data}
        evidence = Evidence.objects.get(pk=self.instance.pk)
        return review.edit_evidence_details(evidence, self.user, **changes) if changes else evidence


@admin.register(Evidence)
class EvidenceAdmin(ServiceAdmin):
    form = EvidenceAdminForm
    list_display = [
        "claim",
        "source",
        "stance",
        "state",
        "machine_accepted",
        "matcher_score",
        "proposed_by",
        "created_at",
    ]
    list_filter = ["state", "stance", "machine_accepted"]
    list_select_related = ["claim", "source", "proposed_by"]
    search_fields = ["excerpt", "claim__text", "source__title", "source__outlet"]
    autocomplete_fields = ["claim", "source"]
    readonly_fields = [
        "state",
        "matcher_score",
        "matcher_reason",
        "proposed_by",
        "reviewed_by",
        "reviewed_at",
        "proposed_stance",
        "stance_changed_by",
        "stance_changed_at",
        "machine_accepted",
    ]
    actions = ["accept", "reject"]

    def get_readonly_fields(self, request, obj=None):
        # Once proposed, its claim, source and stance change only through the desk's services
        # (the claim panel or POST /api/evidence/{id}/stance), which keep the rules and the log.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "claim", "source", "stance"] if obj is not None else fields

    def get_queryset(self, request):
        return super().get_queryset(request).filter(claim__in=permissions.visible_claims(request.user))

    def has_delete_permission(self, request, obj=None):
        # The desk rejects evidence, it never deletes it: a deletion would move the claim's status
        # unlogged and take the row out of the verdicts that cite it.
        return False

    @admin.action(description="Accept selected evidence")
    def accept(self, request, queryset):
        self._review(request, queryset, services.accept_evidence)

    @admin.action(description="Reject selected evidence")
    def reject(self, request, queryset):
        self._review(request, queryset, services.reject_evidence)

    def _review(self, request, queryset, service):
        from django.core.exceptions import PermissionDenied

        from .review import StanceConflict

        done = 0
        try:
            for evidence in queryset:
                try:
                    service(evidence, request.user)
                    done += 1
                except StanceConflict as exc:  # one live stance per wire story: report it, go on
                    self.message_user(request, f"Evidence #{evidence.pk}: {' '.join(exc.messages)}", messages.WARNING)
        except PermissionDenied as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(request, f"Reviewed {done} evidence rows.")


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "implies_status", "value", "order", "swatch", "active"]
    list_editable = ["order", "active"]
    prepopulated_fields = {"slug": ["label"]}

    @admin.display(description="Colour")
    def swatch(self, obj):
        return format_html("<code>{}</code>", obj.colour)


class VerificationAdminForm(ServiceForm):
    """Drafted through services.draft_verification and edited, by its author only and while a draft,
    through services.edit_draft_verification, as in the desk: the cited evidence is checked there too."""

    class Meta:
        model = Verification
        fields = ["claim", "rating", "rationale", "evidence"]

    def save_through_service(self):
        data = self.cleaned_data
        if self.instance.pk is None:
            if not permissions.can_view_claim(self.user, data["claim"]):
                raise ValidationError({"claim": "Choose a claim on one of your desks."})
            return services.draft_verification(
                data["claim"],
                self.user,
                rating=data["rating"],
                rationale=data["rationale"],
                evidence=data.get("evidence") or [],
            )
        return services.edit_draft_verification(
            Verification.objects.get(pk=self.instance.pk),
            self.user,
            rating=data["rating"],
            rationale=data["rationale"],
            evidence=data.get("evidence"),
        )


@admin.register(Verification)
class VerificationAdmin(ServiceAdmin):
    form = VerificationAdminForm
    list_display = ["claim", "rating", "state", "author", "approved_by", "approved_at", "created_at"]
    list_filter = ["state", "rating"]
    list_select_related = ["claim", "rating", "author", "approved_by"]
    search_fields = ["claim__text", "rationale"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["claim", "evidence"]
    readonly_fields = ["author", "state", "approved_by", "approved_at"]
    actions = ["approve"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(claim__in=permissions.visible_claims(request.user))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "claim"] if obj is not None else fields  # a draft stays on its claim

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_draft_verdict(request.user)

    def has_change_permission(self, request, obj=None):
        """An approved or superseded verdict is the record: never rewritten. A draft only by its author."""
        allowed = super().has_change_permission(request, obj)
        if obj is None:
            return allowed
        return allowed and permissions.can_edit_verdict(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # nothing is deleted: a newer verdict supersedes

    def save_related(self, request, form, formsets, change):
        pass  # the cited evidence was set by the service, after its check

    @admin.action(description="Approve selected verdicts")
    def approve(self, request, queryset):
        approved = 0
        for verification in queryset:
            try:
                # As in the desk, a verdict citing no evidence is not approved without a confirmation,
                # which only the desk's verdict queue asks for.
                services.approve_verification(verification, request.user, allow_no_evidence=False)
                approved += 1
            except (PermissionDenied, ValidationError) as exc:
                text = "; ".join(getattr(exc, "messages", [str(exc)]))
                if not verification.evidence.exists():
                    text = "It cites no evidence: approve it from the desk's verdict queue, which asks you to confirm."
                self.message_user(request, f"Verdict #{verification.pk}: {text}", messages.ERROR)
        if approved:
            self.message_user(request, f"Approved {approved} verdicts.")


class CommentAdminForm(ServiceForm):
    """Added through comments.add_comment, as in the desk: its @mentions are read from the words and notified."""

    class Meta:
        model = Comment
        fields = ["story", "claim", "body"]

    def clean(self):
        data = super().clean()
        story, claim = data.get("story"), data.get("claim")
        if (story is None) == (claim is None):
            raise ValidationError("A comment is on a story or on a claim: choose one of them.")
        visible = (
            permissions.can_view_story(self.user, story) if story else permissions.can_view_claim(self.user, claim)
        )
        if not visible:
            raise ValidationError("Choose a story or claim on one of your desks.")
        return data

    def save_through_service(self):
        data = self.cleaned_data
        return comments.add_comment(self.user, body=data["body"], story=data.get("story"), claim=data.get("claim"))


@admin.register(Comment)
class CommentAdmin(ServiceAdmin):
    form = CommentAdminForm
    list_display = ["body_short", "author", "story", "claim", "created_at"]
    list_select_related = ["author", "story", "claim"]
    search_fields = ["body"]
    autocomplete_fields = ["story", "claim"]
    readonly_fields = ["author", "mentioned"]

    def has_change_permission(self, request, obj=None):
        # A comment is what was said, and whom it notified: the desk does not edit one either.
        return super().has_change_permission(request, obj) and obj is None

    def save_related(self, request, form, formsets, change):
        pass  # the service set the mentions from the words

    @admin.display(description="Comment")
    def body_short(self, obj):
        return obj.body[:80]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "format", "outlet", "kind", "reliability", "active", "last_polled_at", "last_error"]
    list_filter = ["active", "format", "kind", "reliability"]
    search_fields = ["title", "url", "outlet"]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "last_error"]


@admin.register(ClaimReview)
class ClaimReviewAdmin(ReadOnlyAdmin):
    """Read-only: reviews come in with their sources (the source job records them)."""

    list_display = ["organisation", "rating_label", "claim_reviewed", "date_published", "stance"]
    list_filter = ["stance", "organisation"]
    search_fields = ["claim_reviewed", "organisation", "url"]


@admin.register(MatcherSettings)
class MatcherSettingsAdmin(ReadOnlyAdmin):
    """Read-only here: editors set the tiers in the desk, through the service that checks and logs."""

    list_display = ["__str__", "confirm_enabled", "updated_by", "updated_at", "desk_link"]

    @admin.display(description="Change")
    def desk_link(self, obj):
        return format_html('<a href="{}">Edit in the desk</a>', reverse("matcher_settings"))


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor_label", "verb", "target_repr", "reason", "trigger"]
    list_filter = ["verb", "target_type"]
    search_fields = ["actor_label", "verb", "target_repr", "reason"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return permissions.visible_activity(request.user, super().get_queryset(request))


@admin.register(CorrectionNotice)
class CorrectionNoticeAdmin(ReadOnlyAdmin):
    """Read-only: notices are written and approved in the desk or the API (claims/corrections.py),
    and never deleted."""

    list_display = ["story", "sequence", "kind", "state", "author", "approved_by", "published_at"]
    list_filter = ["kind", "state"]
    list_select_related = ["story", "author", "approved_by"]
    search_fields = ["text", "story__headline"]
    date_hierarchy = "created_at"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["recipient", "message", "read_at", "created_at"]
    list_select_related = ["recipient"]
    list_filter = ["read_at"]
    search_fields = ["message", "recipient__username"]


@admin.register(OutboxJob)
class OutboxJobAdmin(ReadOnlyAdmin):
    list_display = ["task", "args", "created_at", "enqueued_at", "done_at", "attempts", "failed_at", "last_error"]
    list_filter = ["task", ("done_at", admin.EmptyFieldListFilter), ("failed_at", admin.EmptyFieldListFilter)]


class DeskMembershipForm(forms.ModelForm):
    class Meta:
        model = DeskMembership
        fields = ["user", "desk"]

    def validate_constraints(self, exclude=None):
        pass  # the service keeps one membership per desk (without case) and says so


@admin.register(DeskMembership)
class DeskMembershipAdmin(admin.ModelAdmin):
    """Who belongs to which desk; saved and removed through claims/desks.py (editors only, logged)."""

    form = DeskMembershipForm
    list_display = ["user", "desk", "created_at"]
    list_select_related = ["user"]
    list_filter = ["desk"]
    search_fields = ["user__username", "desk"]
    autocomplete_fields = ["user"]

    def has_module_permission(self, request):
        return permissions.can_manage_desks(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return permissions.can_manage_desks(request.user)

    def has_add_permission(self, request):
        return permissions.can_manage_desks(request.user)

    def has_change_permission(self, request, obj=None):
        return False  # a move is a removal and an addition, each in the log

    def has_delete_permission(self, request, obj=None):
        return permissions.can_manage_desks(request.user)

    def save_model(self, request, obj, form, change):
        saved = desks.add_membership(obj.user, obj.desk, request.user)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        desks.remove_membership(obj, request.user)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user"):
            desks.remove_membership(membership, request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["user"]
    readonly_fields = ["user", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False  # issued by `manage.py create_api_token` so the key is shown once


class DeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    readonly_fields = ["event", "state", "attempts", "response_code", "last_error", "created_at", "delivered_at"]
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ["url", "active", "created_at"]
    inlines = [DeliveryInline]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["webhook", "event", "state", "attempts", "response_code", "next_attempt_at", "created_at"]
    list_select_related = ["webhook"]
    list_filter = ["state", "event"]
