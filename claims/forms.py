"""The desk's forms. They validate input; the services decide what is allowed."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.contrib.auth import get_user_model

from . import permissions
from .models import (
    STORY_BODY_MAX_CHARS,
    Claim,
    ClaimSuggestion,
    CorrectionNotice,
    Evidence,
    Rating,
    Reliability,
    Source,
    SourceKind,
    Story,
)

# Ids are 64-bit: a larger number is a form error, never a database overflow (SQLite raises).
MAX_ID = 2**63 - 1


def _too_large(value) -> bool:
    value = str(value).strip()
    return value.isascii() and value.isdigit() and int(value) > MAX_ID


class ModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if _too_large(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        for item in value or []:
            if _too_large(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return super().clean(value)


def desk_users():
    """People a claim can be assigned to: checkers and editors."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[permissions.FACT_CHECKER, permissions.EDITOR])
        .distinct()
        .order_by("username")
    )


class SpanForm(forms.Form):
    """A span of the story body: offsets from the browser's selection, or the quoted text without JS."""

    start = forms.IntegerField(min_value=0, max_value=10_000_000, required=False, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, max_value=10_000_000, required=False, widget=forms.HiddenInput)
    quote = forms.CharField(
        required=False,
        max_length=2000,
        label="Text to mark as a claim",
        help_text="Select text in the story and press c, or paste the exact words here.",
    )

    def __init__(self, *args, story: Story, **kwargs):
        self.story = story
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        start, end, quote = data.get("start"), data.get("end"), (data.get("quote") or "").strip()
        if start is not None and end is not None:
            if not (start < end <= len(self.story.body)):
                raise forms.ValidationError("That selection is outside the story text.")
            return data
        if quote:
            at = self.story.body.find(quote)
            if at < 0:
                raise forms.ValidationError("Those words are not in the story text; copy them exactly.")
            data["start"], data["end"] = at, at + len(quote)
            return data
        raise forms.ValidationError("Select some text in the story first.")


ISO_DATE_INPUTS = ["%Y-%m-%d", "%d/%m/%Y"]
ISO_MINUTE = "%Y-%m-%dT%H:%M"


def plausible_publication(value):
    """A form field's publication date or time, refused when impossible (year 1066, next month)."""
    from django.utils import timezone

    from .published import publication_time_error

    error = publication_time_error(value, timezone.now())
    if error:
        raise forms.ValidationError(error)
    return value


class VersionedForm(forms.Form):
    version = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)


class ClaimEditForm(VersionedForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    claimant = forms.CharField(max_length=200, required=False, help_text="Person or organisation; new names are added.")
    kind = forms.ChoiceField(choices=Claim.Kind.choices)
    quantity_value = forms.FloatField(required=False, label="Value")
    quantity_unit = forms.CharField(max_length=60, required=False, label="Unit")
    quantity_bound = forms.ChoiceField(choices=[("", "—"), *Claim.Bound.choices], required=False, label="Bound")
    # <input type=date> speaks ISO only: a localised "11/08/2024" is dropped by the browser, and saving wiped it.
    as_of = forms.DateField(
        required=False,
        label="As of",
        input_formats=ISO_DATE_INPUTS,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    priority = forms.TypedChoiceField(choices=Claim.Priority.choices, coerce=int)
    assignee = ModelChoiceField(queryset=None, required=False, empty_label="(nobody)")

    # The fields a conflict view compares, with their labels.
    compared = (
        "text",
        "claimant",
        "kind",
        "quantity_value",
        "quantity_unit",
        "quantity_bound",
        "as_of",
        "priority",
        "assignee",
    )

    def __init__(self, *args, can_assign: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = desk_users()
        if not can_assign:
            del self.fields["assignee"]

    @classmethod
    def initial_for(cls, claim: Claim) -> dict:
        return {
            "version": claim.version,
            "text": claim.text,
            "claimant": claim.claimant.name if claim.claimant_id else "",
            "kind": claim.kind,
            # 76000.0 shows as "76000": the float's ".0" reads as a decimal the claim never had.
            "quantity_value": _plain_number(claim.quantity_value),
            "quantity_unit": claim.quantity_unit,
            "quantity_bound": claim.quantity_bound,
            "as_of": claim.as_of,
            "priority": claim.priority,
            "assignee": claim.assignee_id,
        }

    def clean(self):
        data = super().clean()
        if data.get("quantity_value") is not None and data.get("kind") != Claim.Kind.QUANTITY:
            self.add_error("quantity_value", "Only a quantity claim has a value; set the kind to Quantity.")
        return data

    def changes(self, claim: Claim, claimant) -> dict:
        """Only what the editor actually changed, so a save never rewrites untouched fields."""
        data = self.cleaned_data
        new = {
            "text": " ".join(data["text"].split()),
            "kind": data["kind"],
            "quantity_value": data.get("quantity_value"),
            "quantity_unit": data.get("quantity_unit") or "",
            "quantity_bound": data.get("quantity_bound") or "",
            "as_of": data.get("as_of"),
            "priority": data["priority"],
        }
        changes = {k: v for k, v in new.items() if getattr(claim, k) != v}
        if (claimant.pk if claimant else None) != claim.claimant_id:
            changes["claimant"] = claimant
        if "assignee" in self.fields and (data.get("assignee") and data["assignee"].pk) != claim.assignee_id:
            changes["assignee"] = data.get("assignee")
        return changes


class ClaimAdminAddForm(forms.ModelForm):
    """The admin's claim add form: a claim is best made from a story span (the service parses its
    figure, claimant, date and context and records the mention); a plain text claim also works."""

    story = ModelChoiceField(
        queryset=Story.objects.all(),
        required=False,
        help_text="Make the claim from this story's text: give the exact words, or the span's offsets.",
    )
    quote = forms.CharField(required=False, max_length=2000, label="Words in the story")
    start = forms.IntegerField(required=False, min_value=0, max_value=10_000_000)
    end = forms.IntegerField(required=False, min_value=1, max_value=10_000_000)

    user = None  # set by the admin per request, for the permission check

    class Meta:
        model = Claim
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib import admin
        from django.contrib.admin.widgets import ForeignKeyRawIdWidget

        from .models import Mention

        self.fields["story"].widget = ForeignKeyRawIdWidget(Mention._meta.get_field("story").remote_field, admin.site)
        if "text" in self.fields:
            self.fields["text"].required = False
            self.fields["text"].help_text = "Leave empty to use the story's words."

    def clean(self):
        data = super().clean()
        story, quote = data.get("story"), (data.get("quote") or "").strip()
        start, end = data.get("start"), data.get("end")
        if story is None:
            if not (data.get("text") or "").strip() and "text" not in self.errors:
                self.add_error("text", "Write the claim, or choose a story and the words in it.")
            return data
        if self.user is not None and not permissions.can_propose_claim(self.user, story):
            self.add_error("story", "You may not propose claims on this story.")
        if start is None or end is None:
            at = story.body.find(quote) if quote else -1
            if at < 0:
                self.add_error("quote", "Give words that appear exactly in the story, or the span's start and end.")
                return data
            data["start"], data["end"] = at, at + len(quote)
        elif not (start < end <= len(story.body)) or not story.body[start:end].strip():
            self.add_error("end", f"The span must lie within the story text (0–{len(story.body)}) and not be blank.")
        return data


def _plain_number(value):
    return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2**53 else value


def story_body_field(**kwargs) -> forms.CharField:
    """The story text as the desk and the admin take it: no longer than the API accepts."""
    return forms.CharField(
        max_length=STORY_BODY_MAX_CHARS,
        error_messages={
            "max_length": (
                f"A story can be at most {STORY_BODY_MAX_CHARS:,} characters long (this one has %(show_value)s); "
                "split it into several stories."
            )
        },
        **kwargs,
    )


class StoryEditForm(VersionedForm):
    headline = forms.CharField(max_length=300)
    byline = forms.CharField(max_length=200, required=False)
    desk = forms.CharField(max_length=80, required=False)
    body = story_body_field(widget=forms.Textarea(attrs={"rows": 12}))
    published_at = forms.DateTimeField(
        required=False,
        label="Published",
        help_text="When the story ran (date and time, UTC); claims without a date of their own are as of this day.",
        input_formats=[ISO_MINUTE, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(format=ISO_MINUTE, attrs={"type": "datetime-local"}),
        validators=[plausible_publication],
    )
    published_url = forms.URLField(required=False, max_length=2000, label="Published at (URL)", assume_scheme="https")

    # What the person saw when they opened the form, and after a conflict the fields they must decide.
    base = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)
    conflicted = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    compared = ("headline", "byline", "desk", "body", "published_at", "published_url")
    CHOICES = [("theirs", "Keep theirs"), ("mine", "Use mine (the form's value)")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.conflicted_fields():
            self.fields[f"choose_{name}"] = forms.ChoiceField(
                choices=self.CHOICES,
                widget=forms.RadioSelect,
                label=f"{name.replace('_', ' ').capitalize()}: both of you changed it",
                error_messages={"required": "Choose theirs or yours for this field before saving."},
            )

    def conflicted_fields(self) -> list[str]:
        raw = (self.data.get(self.add_prefix("conflicted")) if self.is_bound else self.initial.get("conflicted")) or ""
        return [n for n in str(raw).split(",") if n in self.compared]

    def clean_body(self):
        return self.cleaned_data["body"].replace("\r\n", "\n")

    @classmethod
    def initial_for(cls, story: Story) -> dict:
        from .merging import fingerprints

        return {
            "base": fingerprints({name: getattr(story, name) for name in cls.compared}),
            "version": story.version,
            "headline": story.headline,
            "byline": story.byline,
            "desk": story.desk,
            "body": story.body,
            "published_at": story.published_at,
            "published_url": story.published_url,
        }

    def changes(self, story: Story) -> dict:
        changed = {k: self.cleaned_data[k] for k in self.compared if getattr(story, k) != self.cleaned_data[k]}
        if "published_at" in changed and _same_minute(story.published_at, changed["published_at"]):
            del changed["published_at"]  # the input shows minutes: its seconds are not an edit
        return changed


class NewStoryForm(forms.Form):
    """A story written or pasted on the desk: the edit form's fields, without a version."""

    headline = forms.CharField(max_length=300)
    byline = forms.CharField(max_length=200, required=False)
    desk = forms.CharField(max_length=80, required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 16}), max_length=400_000)
    published_at = StoryEditForm.base_fields["published_at"]
    published_url = StoryEditForm.base_fields["published_url"]


class PasteStoryForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=400_000,
        label="Paste plain text",
        help_text="A short first line becomes the headline, a “By …” line the byline; the rest is the story.",
    )


def _same_minute(a, b) -> bool:
    return a is not None and b is not None and a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)


class TransitionForm(VersionedForm):
    to_state = forms.ChoiceField(choices=Story.State.choices)
    confirmed = forms.BooleanField(required=False)
    reason = forms.CharField(max_length=500, required=False)
    # Publishing asks where and when the story ran (ClaimReview's appearance).
    published_url = forms.URLField(required=False, max_length=2000, label="Published at (URL)", assume_scheme="https")
    published_at = forms.DateTimeField(
        required=False,
        label="Published (UTC)",
        input_formats=[ISO_MINUTE, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(format=ISO_MINUTE, attrs={"type": "datetime-local"}),
        validators=[plausible_publication],
    )


class CorrectionForm(VersionedForm):
    """A correction to a published story: the notice, the claims it concerns and, optionally,
    the corrected text. Marks on rewritten words come back as `anchor-<id>` choices."""

    kind = forms.ChoiceField(choices=CorrectionNotice.Kind.choices, label="Kind of notice")
    text = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Notice readers will see",
        help_text="Say what was wrong and what is right now, e.g. “An earlier version gave 76,000 evacuees; "
        "the regional governor’s figure is now 121,000.”",
    )
    claims = forms.ModelMultipleChoiceField(
        queryset=Claim.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Claims this notice resolves",
    )
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=Story.BODY_MAX,
        label="Corrected text",
        help_text="Edit the words that were wrong; marks on unchanged words move with them.",
    )

    def __init__(self, *args, story: Story, **kwargs):
        super().__init__(*args, **kwargs)
        self.story = story
        self.fields["claims"].queryset = Claim.objects.filter(mentions__story=story).distinct().order_by("pk")

    def anchors(self, new_body: str) -> dict:
        """{mention id: (start, end) | "unmark"} from the re-anchor choices that were sent."""
        from .corrections import UNMARK
        from .offsets import relocate

        out = {}
        for key, value in self.data.items():
            if not key.startswith("anchor-") or not key[7:].isdigit():
                continue
            pk = int(key[7:])
            if value == "unmark":
                out[pk] = UNMARK
            elif value == "reanchor":
                words = " ".join((self.data.get(f"words-{pk}") or "").split())
                near = int(self.data.get(f"near-{pk}") or 0) if (self.data.get(f"near-{pk}") or "").isdigit() else 0
                start = relocate(words, near, new_body) if words else None
                if start is None:
                    raise forms.ValidationError(
                        {"anchors": f"“{words[:80]}” is not in the corrected text; copy the new words exactly."}
                    )
                out[pk] = (start, start + len(words))
        return out


class SourceForm(forms.Form):
    LINK_CHOICES = (
        ("", "Don't link it to this claim yet"),
        *(
            (v, f"Link as evidence: {label.lower()}")
            for v, label in (
                ("supports", "Supports"),
                ("contradicts", "Contradicts"),
                ("updates", "Updates"),
                ("context", "Context"),
            )
        ),
    )

    url = forms.URLField(required=False, label="Address (URL)", assume_scheme="https")
    text = forms.CharField(required=False, label="…or paste its text", widget=forms.Textarea(attrs={"rows": 4}))
    title = forms.CharField(required=False, max_length=500)
    outlet = forms.CharField(required=False, max_length=200)
    kind = forms.ChoiceField(choices=SourceKind.choices, initial=SourceKind.OTHER)
    reliability = forms.ChoiceField(choices=Reliability.choices, initial=Reliability.F)
    published_on = forms.DateField(
        required=False,
        label="Published on",
        help_text="Leave empty to read it from the page or its dateline.",
        input_formats=ISO_DATE_INPUTS,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        validators=[plausible_publication],
    )
    link_as = forms.ChoiceField(choices=LINK_CHOICES, required=False, label="Evidence")

    def clean(self):
        data = super().clean()
        if not (data.get("url") or (data.get("text") or "").strip()) and not self.errors:
            raise forms.ValidationError("Give the source's address or paste its text.")
        return data


class VerdictForm(forms.Form):
    rating = ModelChoiceField(queryset=Rating.objects.filter(active=True), empty_label=None)
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)
    evidence = ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Evidence it rests on",
        help_text="From the claim's accepted evidence.",
    )

    def __init__(self, *args, claim=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Evidence

        accepted = Evidence.objects.filter(claim=claim, state=Evidence.State.ACCEPTED).select_related("source")
        self.fields["evidence"].queryset = accepted
        self.fields["evidence"].label_from_instance = lambda e: f"{e.get_stance_display()}: {e.source.label}"
        if not self.is_bound:
            self.initial.setdefault("evidence", [e.pk for e in accepted])


class ApproveForm(forms.Form):
    without_evidence = forms.BooleanField(required=False, label="Approve although it cites no evidence")


class CommentForm(forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        label="Comment",
        help_text="Mention a colleague with @username to notify them.",
    )


class ClaimQueueFilter(forms.Form):
    SORTS: ClassVar[dict[str, tuple[str, str]]] = {
        "-updated": ("-updated_at", "Recently changed"),
        "priority": ("priority", "Priority"),
        "-created": ("-created_at", "Newest"),
        "status": ("status", "Status"),
    }
    q = forms.CharField(required=False, label="Search", max_length=200)
    status = forms.ChoiceField(choices=[("", "Any status"), *Claim.Status.choices], required=False)
    desk = forms.CharField(required=False, max_length=80)
    assignee = forms.CharField(required=False, max_length=150, help_text="username, or “none”")
    claimant = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    story = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    sort = forms.ChoiceField(choices=[(k, v[1]) for k, v in SORTS.items()], required=False)


class BulkClaimsForm(forms.Form):
    claims = ModelMultipleChoiceField(queryset=Claim.objects.filter(archived_at__isnull=True))
    action = forms.ChoiceField(choices=[("assign", "Assign to"), ("priority", "Set priority")])
    assignee = ModelChoiceField(queryset=None, required=False, empty_label="(nobody)")
    priority = forms.TypedChoiceField(choices=Claim.Priority.choices, coerce=int, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = desk_users()

    def clean(self):
        data = super().clean()
        if data.get("action") == "priority" and not data.get("priority"):
            self.add_error("priority", "Choose a priority.")
        return data


class BulkSuggestionsForm(forms.Form):
    suggestions = ModelMultipleChoiceField(
        queryset=ClaimSuggestion.objects.filter(state=ClaimSuggestion.State.OPEN),
        error_messages={"required": "Tick at least one suggestion."},
    )


class SourceKindFilter(forms.Form):
    state = forms.ChoiceField(choices=[("", "Any state"), *Source.FetchState.choices], required=False)


class StanceForm(forms.Form):
    stance = forms.ChoiceField(choices=Evidence.Stance.choices)


class MatcherSettingsForm(forms.Form):
    """The matcher's two tiers; the service checks 0 ≤ suggest ≤ confirm ≤ 1 again."""

    suggest_threshold = forms.FloatField(
        min_value=0,
        max_value=1,
        label="Suggest at or above",
        help_text="Proposals scoring at least this are suggested for review (0–1).",
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
    )
    confirm_threshold = forms.FloatField(
        min_value=0,
        max_value=1,
        label="Confirm at or above",
        help_text="With the confirm tier on, proposals on claims with enough context scoring at least this "
        "are accepted by the matcher. At least the suggestion threshold.",
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
    )
    confirm_enabled = forms.BooleanField(required=False, label="Let the matcher accept evidence (confirm tier on)")

    def clean(self):
        data = super().clean()
        suggest, confirm = data.get("suggest_threshold"), data.get("confirm_threshold")
        if suggest is not None and confirm is not None and suggest > confirm:
            self.add_error("confirm_threshold", "The confirmation threshold must be at least the suggestion threshold.")
        return data


class ReviewTableForm(forms.Form):
    """How other fact-checkers' ClaimReviews are read; the service parses and checks each line."""

    stances = forms.CharField(
        required=False,
        label="Ratings and the stance they give",
        help_text="One “rating = stance” a line (supports, contradicts, context, or ignore to record the review "
        "without evidence). Compared in lower case without punctuation; a longer rating is read by the earliest "
        "rating of this table it contains. Leave blank for the defaults.",
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
    )
    grades = forms.CharField(
        required=False,
        label="Reliability grade per fact-checking organisation",
        help_text="One “organisation = grade” a line (A–F), as the organisation names itself in its markup.",
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
    )
    default_grade = forms.ChoiceField(
        choices=[(g, g) for g in "ABCDEF"], initial="C", label="Grade of any other organisation"
    )
