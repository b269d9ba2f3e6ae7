"""The clerks' back office for consultations: every change goes through services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cooperation.core.admin import (
    PortalAdmin,
    RecentRelatedFilter,
    StatusChangeInline,
    WorkflowAdmin,
)
from cooperation.core.exceptions import DomainError
from cooperation.core.limits import LimitedInputMixin, LimitedModelForm

from . import services
from .forms import DraftUploadForm
from .models import (
    Comment,
    Consultation,
    ConsultationDocument,
    DraftVersion,
    Meeting,
    Question,
    Survey,
    Unit,
)


class DocumentInline(admin.TabularInline):
    form = LimitedModelForm
    model = ConsultationDocument
    extra = 0


class MeetingInline(admin.StackedInline):
    form = LimitedModelForm
    model = Meeting
    extra = 0


class ConsultationForm(LimitedModelForm):
    class Meta:
        model = Consultation
        fields = [
            "title",
            "summary",
            "act_kind",
            "programme",
            "department",
            "responsible",
            "contact_name",
            "contact_email",
            "contact_phone",
            "legal_basis",
            "invite_all_ngos",
            "invite_council",
            "invite_residents",
            "invited_spheres",
            "channel_online",
            "channel_paper",
            "channel_email",
            "channel_meeting",
            "start_at",
            "end_at",
            "report_summary",
            "cancel_reason",
        ]

    def clean(self):
        data = super().clean()
        if data.get("start_at") and data.get("end_at"):
            try:
                services.check_dates(start_at=data["start_at"], end_at=data["end_at"])
            except DomainError as exc:
                raise exc.as_validation_error() from exc
        if data.get("act_kind") != Consultation.ActKind.PROGRAMME and data.get(
            "programme"
        ):
            self.add_error(
                "programme", gettext("Only a consultation of a programme links to one.")
            )
        return data


@admin.register(Consultation)
class ConsultationAdmin(WorkflowAdmin):
    transitions = services.TRANSITIONS
    form = ConsultationForm
    inlines = [DocumentInline, MeetingInline, StatusChangeInline]
    list_display = [
        "title",
        "act_kind",
        "start_at",
        "end_at",
        "phase_label",
        "comment_count",
    ]
    list_filter = ["status", "act_kind"]
    search_fields = ["title", "summary"]
    date_hierarchy = "start_at"
    filter_horizontal = ["invited_spheres"]
    readonly_fields = ["draft_link", "published_at", "report_published_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "summary",
                    "act_kind",
                    "programme",
                    "status",
                    "draft_link",
                ]
            },
        ),
        (
            _("Office"),
            {
                "fields": [
                    "department",
                    "responsible",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "legal_basis",
                ]
            },
        ),
        (
            _("Who is invited and how"),
            {
                "fields": [
                    "invite_all_ngos",
                    "invite_council",
                    "invite_residents",
                    "invited_spheres",
                    "channel_online",
                    "channel_paper",
                    "channel_email",
                    "channel_meeting",
                ]
            },
        ),
        (_("Dates"), {"fields": ["start_at", "end_at", "published_at"]}),
        (
            _("Report"),
            {"fields": ["report_summary", "report_published_at", "cancel_reason"]},
        ),
    ]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(n_comments=Count("comments"))

    @admin.display(description=_("comments"), ordering="n_comments")
    def comment_count(self, obj):
        return obj.n_comments

    @admin.display(description=_("state"))
    def phase_label(self, obj):
        return obj.phase_label

    @admin.display(description=_("text of the draft"))
    def draft_link(self, obj):
        if not obj.pk:
            return gettext("Save the consultation first.")
        url = reverse("admin:consultations_consultation_draft", args=[obj.pk])
        count = obj.versions.count()
        return format_html(
            '<a href="{}">{}</a> ({})',
            url,
            gettext("Enter a new version of the draft text"),
            gettext("%(count)s version(s) so far") % {"count": count},
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/draft/",
                self.admin_site.admin_view(self.draft_view),
                name="consultations_consultation_draft",
            ),
            *super().get_urls(),
        ]

    def draft_view(self, request, pk: int):
        """Paste the text or upload .docx/.txt; the service splits it into units."""
        consultation = get_object_or_404(Consultation, pk=pk)
        if not self.has_change_permission(request, consultation):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        form = DraftUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                version = services.version_create(
                    consultation=consultation,
                    text=form.cleaned_data["source_text"],
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    source_file=form.cleaned_data.get("source_file"),
                    reference=form.cleaned_data.get("reference"),
                    reading_notes=form.cleaned_data.get("reading_notes", ""),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                self.message_user(
                    request,
                    gettext(
                        "Version %(n)s saved and split into %(units)s units; correct the split below if needed."
                    )
                    % {"n": version.number, "units": version.units.count()},
                )
                return redirect("admin:consultations_draftversion_change", version.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Text of the draft: %(title)s")
            % {"title": consultation.title},
            "form": form,
            "consultation": consultation,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "consultations/admin_draft.html", context)


class UnitInline(admin.TabularInline):
    """The clerk corrects the split: kinds, numbers, labels and texts."""

    form = LimitedModelForm

    model = Unit
    extra = 1
    fields = ["position", "kind", "number", "label", "depth", "text"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "text":
            field.widget = forms.Textarea(attrs={"rows": 2, "cols": 60})
        return field


@admin.register(DraftVersion)
class DraftVersionAdmin(PortalAdmin):
    form = LimitedModelForm
    list_display = ["consultation", "number", "note", "created_at", "created_by"]
    list_select_related = ["consultation", "created_by"]
    readonly_fields = [
        "consultation",
        "number",
        "created_at",
        "created_by",
        "source_file",
        "reading_notes",
        "unassigned_text",
        "text_difference",
    ]
    fields = [
        "consultation",
        "number",
        "note",
        "source_file",
        "reading_notes",
        "text_difference",
        "unassigned_text",
        "source_text",
        "created_at",
        "created_by",
    ]
    inlines = [UnitInline]

    def has_add_permission(self, request) -> bool:
        return False

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.version_check(version=form.instance, actor=request.user)


class CommentAdminForm(LimitedModelForm):
    hide = forms.BooleanField(label=_("hide from the public"), required=False)

    class Meta:
        model = Comment
        fields = [
            "consultation",
            "unit",
            "organisation",
            "author_name",
            "name_consent",
            "channel",
            "received_on",
            "meeting",
            "current_wording",
            "proposed_wording",
            "justification",
            "hide",
            "hidden_reason",
            "decision",
            "decision_justification",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hide"].initial = bool(self.instance.pk and self.instance.is_hidden)

    def clean(self):
        data = super().clean()
        if data.get("hide") and not (data.get("hidden_reason") or "").strip():
            self.add_error(
                "hidden_reason", gettext("Give the reason for hiding the comment.")
            )
        decision = data.get("decision")
        if (
            decision
            and decision != Comment.Decision.ACCEPTED
            and not (data.get("decision_justification") or "").strip()
        ):
            self.add_error(
                "decision_justification",
                gettext("Justify a decision that does not accept the comment in full."),
            )
        if not self.instance.pk:
            if data.get("channel") == Comment.Channel.ONLINE:
                self.add_error(
                    "channel", gettext("Choose the channel the comment came by.")
                )
            if (
                not data.get("organisation")
                and not (data.get("author_name") or "").strip()
            ):
                self.add_error(
                    "author_name",
                    gettext("Give the organisation or the name of the author."),
                )
        return data


class CommentAnswerForm(LimitedInputMixin, forms.Form):
    """One position and justification for the selected comments."""

    text_limits = {"justification": "text"}

    decision = forms.ChoiceField(
        label=_("decision"), choices=[("", "—"), *Comment.Decision.choices]
    )
    justification = forms.CharField(
        label=_("justification of the decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 70}),
        help_text=_(
            "Required unless the comments are accepted in full; the same text is "
            "given for each selected comment."
        ),
    )

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if (
            decision
            and decision != Comment.Decision.ACCEPTED
            and not (data.get("justification") or "").strip()
        ):
            self.add_error(
                "justification",
                gettext("Justify a decision that does not accept the comment in full."),
            )
        return data


class DecisionFilter(admin.SimpleListFilter):
    """One filter for the decision: the comments still awaiting one, or each outcome."""

    title = _("decision")
    parameter_name = "decision"

    def lookups(self, request, model_admin):
        return [("none", _("awaiting a decision")), *Comment.Decision.choices]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.undecided()
        if value in Comment.Decision.values:
            return queryset.filter(decision=value)
        return queryset


class ConsultationFilter(RecentRelatedFilter):
    title = _("consultation")
    field = "consultation"

    def related(self):
        return Consultation.objects.order_by("-start_at", "-pk")


@admin.register(Comment)
class CommentAdmin(PortalAdmin):
    form = CommentAdminForm
    list_display = [
        "id",
        "consultation",
        "author_column",
        "unit",
        "channel",
        "received_on",
        "decision",
        "is_hidden",
    ]
    list_filter = [
        DecisionFilter,
        "channel",
        ("hidden_at", admin.EmptyFieldListFilter),
        ConsultationFilter,
    ]
    list_select_related = ["consultation", "organisation", "author", "unit"]
    search_fields = [
        "justification",
        "proposed_wording",
        "author_name",
        "organisation__name",
    ]
    autocomplete_fields = []
    raw_id_fields = ["unit", "organisation", "meeting"]
    inlines = [StatusChangeInline]
    actions = ["answer_selected"]

    @admin.action(
        description=_("Give one position on the selected comments"),
        permissions=["change"],
    )
    def answer_selected(self, request, queryset):
        """An intermediate page: one position and justification, then the service
        records it for every selected comment (each with its audit record)."""
        comments = list(queryset.select_related("consultation", "unit"))
        form = CommentAnswerForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                count = services.comments_decide(
                    comments=comments,
                    actor=request.user,
                    decision=form.cleaned_data["decision"],
                    justification=form.cleaned_data["justification"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(
                    request,
                    gettext("Position “%(position)s” recorded on %(count)s %(items)s.")
                    % {
                        "position": Comment.Decision(
                            form.cleaned_data["decision"]
                        ).label,
                        "count": count,
                        "items": self.names.counted(count, accusative=True),
                    },
                    messages.SUCCESS,
                )
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("One position on the selected comments"),
            "form": form,
            "comments": comments,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "consultations/admin_comment_answer.html", context
        )

    @admin.display(description=_("author"))
    def author_column(self, obj):
        return obj.public_author

    @admin.display(boolean=True, description=_("hidden"))
    def is_hidden(self, obj):
        return obj.is_hidden

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # The author's own words stay as submitted; clerks moderate and decide.
        return [
            "consultation",
            "unit",
            "organisation",
            "author_name",
            "channel",
            "received_on",
            "meeting",
            "current_wording",
            "proposed_wording",
            "justification",
        ]

    def save_model(self, request, obj, form, change):
        # A service's refusal (DomainError) is shown on the form by PortalAdmin.
        data = form.cleaned_data
        if not change:
            created = services.comment_enter(
                consultation=data["consultation"],
                actor=request.user,
                channel=data["channel"],
                received_on=data["received_on"],
                justification=data["justification"],
                organisation=data.get("organisation"),
                author_name=data.get("author_name") or "",
                name_consent=data.get("name_consent") or False,
                unit=data.get("unit"),
                meeting=data.get("meeting"),
                current_wording=data.get("current_wording") or "",
                proposed_wording=data.get("proposed_wording") or "",
            )
            obj.pk = created.pk
            return
        original = Comment.objects.get(pk=obj.pk)
        if data.get("hide") and not original.is_hidden:
            services.comment_hide(
                comment=original, actor=request.user, reason=data["hidden_reason"]
            )
        elif not data.get("hide") and original.is_hidden:
            services.comment_unhide(comment=original, actor=request.user)
        if data.get("decision") and (
            data["decision"] != original.decision
            or data.get("decision_justification", "") != original.decision_justification
        ):
            original.refresh_from_db()
            services.comment_decide(
                comment=original,
                actor=request.user,
                decision=data["decision"],
                justification=data.get("decision_justification") or "",
            )

    def response_add(self, request, obj, post_url_continue=None):
        if not obj.pk:
            return redirect("admin:consultations_comment_changelist")
        return super().response_add(request, obj, post_url_continue)


class QuestionInline(admin.TabularInline):
    form = LimitedModelForm
    model = Question
    extra = 1


@admin.register(Survey)
class SurveyAdmin(PortalAdmin):
    form = LimitedModelForm
    list_display = [
        "title",
        "consultation",
        "programme",
        "opens_at",
        "closes_at",
        "is_published",
    ]
    list_filter = ["is_published"]
    raw_id_fields = ["consultation", "programme"]
    inlines = [QuestionInline]
