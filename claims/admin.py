"""The Django admin as a data-entry desk: fast lists, inlines and the same services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from . import desks, intake, outbox, permissions, services
from .activity import record
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
from .models.sources import DateOrigin

admin.site.site_header = "Fact desk admin"
admin.site.site_title = "Fact desk"


def status_badge(status: str, label: str):
    return format_html('<span class="status status-{}">{}</span>', status, label)


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    autocomplete_fields = ["claim"]
    fields = ["claim", "start", "end", "quote"]


class StoryMentionInline(MentionInline):
    """Claim marks are placed in the desk and moved by body edits; here they are shown."""

    fk_name = "story"
    readonly_fields = ["claim", "start", "end", "quote"]
    autocomplete_fields = []

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ClaimMentionInline(MentionInline):
    autocomplete_fields = ["story"]
    fields = ["story", "start", "end", "quote"]


class EvidenceInlineForm(forms.ModelForm):
    """New rows are proposals; on existing rows the source and stance are fixed here, so a stance
    change goes through the desk's service (kept proposed stance, activity log, one-stance rule)."""

    class Meta:
        model = Evidence
        fields = ["source", "stance", "excerpt"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("source", "stance"):
                if name in self.fields:
                    self.fields[name].disabled = True


class EvidenceInline(admin.TabularInline):
    model = Evidence
    form = EvidenceInlineForm
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "stance", "excerpt", "state", "machine_accepted", "matcher_score", "matcher_reason"]
    readonly_fields = ["state", "machine_accepted", "matcher_score", "matcher_reason"]


class VerificationInline(admin.StackedInline):
    model = Verification
    extra = 0
    fields = ["rating", "rationale", "author", "state", "approved_by", "approved_at"]
    readonly_fields = ["author", "state", "approved_by", "approved_at"]
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # verdicts are drafted on their own page so the author is recorded


class StoryAdminForm(forms.ModelForm):
    """The admin's story form saves through the desk's services, so their refusals (the version
    lock, claim marks an edit would orphan, a published story) are form errors, not 500s."""

    body = story_body_field(widget=forms.Textarea(attrs={"rows": 20, "cols": 100}))
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    user = None  # set by the admin per request
    EDITABLE = ("headline", "body", "desk", "byline", "published_url", "published_at")

    class Meta:
        model = Story
        fields = ["headline", "body", "desk", "byline", "published_url", "published_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def _post_clean(self):
        # The service is the save: it runs once the fields are valid, in its own transaction.
        if self.errors:
            return
        from . import filing

        data = {name: self.cleaned_data.get(name) for name in self.EDITABLE if name in self.cleaned_data}
        data = {k: ("" if v is None and k != "published_at" else v) for k, v in data.items()}
        try:
            if self.instance.pk is None:
                self.instance = filing.file_story(self.user, **data)
            else:
                story = Story.objects.get(pk=self.instance.pk)
                changes = {k: v for k, v in data.items() if k in self.changed_data}
                if changes:
                    version = self.cleaned_data.get("expected_version") or story.version
                    self.instance = services.edit_story(story, self.user, expected_version=version, **changes)
                else:
                    self.instance = story
        except ConflictError:
            self.add_error(None, "Someone saved this story since you opened it. Reload the page and edit again.")
        except (ValidationError, PermissionDenied) as exc:
            messages_ = getattr(exc, "messages", None) or [str(exc)]
            self.add_error(None, messages_)


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
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

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_edit_story(request.user, obj))

    @admin.display(description="Fact health")
    def health(self, obj):
        counts = obj.fact_health or {}
        if not counts:
            return "–"
        return format_html_join(" ", "{}", ((status_badge(s, f"{n} {s}"),) for s, n in sorted(counts.items())))

    def save_model(self, request, obj, form, change):
        pass  # saved by the services in the form's validation

    @admin.action(description="Run the claim finder again")
    def suggest_claims(self, request, queryset):
        for pk in queryset.values_list("pk", flat=True):
            outbox.schedule("claims.tasks.suggest_claims_for_story", pk)
        self.message_user(request, f"Queued the claim finder for {queryset.count()} stories.")


class ClaimantAliasInline(admin.TabularInline):
    model = ClaimantAlias
    extra = 1


@admin.register(Claimant)
class ClaimantAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "wikidata_id", "claim_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias", "wikidata_id"]
    inlines = [ClaimantAliasInline]
    actions = ["merge_claimants"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_claims=Count("claims", distinct=True))

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


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
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
        (None, {"fields": ["text", "claimant", "kind", "assignee", "priority", "watchers"]}),
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
        if obj is None:
            from .forms import ClaimAdminAddForm

            kwargs["form"] = ClaimAdminAddForm
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def save_model(self, request, obj, form, change):
        if not change and form.cleaned_data.get("story") is not None:
            self._create_from_story(request, obj, form)
            return
        if not change:
            self._create_from_text(request, obj, form)
            return
        super().save_model(request, obj, form, change)
        services.queue_refresh(obj, f"edited in the admin by {request.user.get_username()}")

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
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Evidence) and instance._state.adding:
                instance.proposed_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()
        services.queue_refresh(form.instance, f"evidence edited in the admin by {request.user.get_username()}")

    @admin.action(description="Refresh status now")
    def refresh(self, request, queryset):
        changed = 0
        for pk in queryset.values_list("pk", flat=True):
            before = Claim.objects.values_list("status", flat=True).get(pk=pk)
            result = services.refresh_status(pk, actor=request.user, trigger="admin action")
            changed += result.status != before
        self.message_user(request, f"Refreshed {queryset.count()} claims; {changed} changed status.")


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["quote_short", "story", "claim", "start", "end"]
    list_select_related = ["story", "claim"]
    search_fields = ["quote", "story__headline", "claim__text"]
    autocomplete_fields = ["story", "claim"]

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
    ]

    @admin.display(description="Text")
    def text_short(self, obj):
        return obj.text[:90]


class SourceAdminForm(forms.ModelForm):
    def clean_file(self):
        # Refused here, before the model saves it: processing would refuse it anyway and the file would stay.
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data and (problem := intake.upload_error(file)):
            raise ValidationError(problem)
        return file


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
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
        "added_by",
        "published_at_origin",
    ]
    actions = ["refetch"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        if "published_at" in form.changed_data:
            obj.published_at_origin = DateOrigin.GIVEN if obj.published_at else ""
        super().save_model(request, obj, form, change)
        if not change:
            outbox.schedule("claims.tasks.process_source", obj.pk)

    @admin.action(description="Fetch again")
    def refetch(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        Source.objects.filter(pk__in=ids).update(fetch_state=Source.FetchState.PENDING, fetch_error="")
        for pk in ids:
            outbox.schedule("claims.tasks.process_source", pk)
        self.message_user(request, f"Queued {len(ids)} sources to fetch again.")


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        if not change:  # a person's proposal, through the desk's service (log, refresh, permission)
            saved = services.add_evidence(obj.claim, obj.source, request.user, stance=obj.stance, excerpt=obj.excerpt)
            obj.pk = saved.pk
            obj.refresh_from_db()
            return
        super().save_model(request, obj, form, change)
        services.queue_refresh(obj.claim_id, f"evidence saved in the admin by {request.user.get_username()}")

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


@admin.register(Verification)
class VerificationAdmin(admin.ModelAdmin):
    list_display = ["claim", "rating", "state", "author", "approved_by", "approved_at", "created_at"]
    list_filter = ["state", "rating"]
    list_select_related = ["claim", "rating", "author", "approved_by"]
    search_fields = ["claim__text", "rationale"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["claim", "evidence"]
    readonly_fields = ["author", "state", "approved_by", "approved_at"]
    actions = ["approve"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_draft_verdict(request.user)

    def has_change_permission(self, request, obj=None):
        """An approved or superseded verdict is the record: never rewritten. A draft only by its author."""
        allowed = super().has_change_permission(request, obj)
        if obj is None:
            return allowed
        return allowed and obj.state == Verification.State.DRAFT and obj.author_id == request.user.pk

    def has_delete_permission(self, request, obj=None):
        return False  # nothing is deleted: a newer verdict supersedes

    def save_model(self, request, obj, form, change):
        if not change:  # drafted through the desk's service (permission, log, status refresh)
            saved = services.draft_verification(obj.claim, request.user, rating=obj.rating, rationale=obj.rationale)
            obj.pk, obj.author = saved.pk, saved.author
            obj.refresh_from_db()
            return
        super().save_model(request, obj, form, change)
        record(request.user, "edited draft verdict", obj, claim=obj.claim)

    @admin.action(description="Approve selected verdicts")
    def approve(self, request, queryset):
        from django.core.exceptions import PermissionDenied, ValidationError

        for verification in queryset:
            try:
                services.approve_verification(verification, request.user)
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(
                    request,
                    f"Verdict #{verification.pk}: {'; '.join(getattr(exc, 'messages', [str(exc)]))}",
                    messages.ERROR,
                )


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["body_short", "author", "story", "claim", "created_at"]
    list_select_related = ["author", "story", "claim"]
    search_fields = ["body"]
    autocomplete_fields = ["story", "claim", "mentioned"]
    readonly_fields = ["author"]

    @admin.display(description="Comment")
    def body_short(self, obj):
        return obj.body[:80]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "format", "outlet", "kind", "reliability", "active", "last_polled_at", "last_error"]
    list_filter = ["active", "format", "kind", "reliability"]
    search_fields = ["title", "url", "outlet"]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "last_error"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
