"""The quality index in the clerks' back office: the set of indicators and the years."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from cooperation.core.admin import PortalAdmin, WorkflowAdmin
from cooperation.core.limits import LimitedModelForm
from cooperation.evaluation.measures import QUALITY_MEASURES
from cooperation.evaluation.models import (
    Answer,
    Area,
    Assessment,
    IndexVersion,
    Indicator,
)

from . import services


class AssessmentForm(LimitedModelForm):
    def clean_version(self):
        version = self.cleaned_data["version"]
        if not Indicator.objects.filter(area__version=version).exists():
            raise forms.ValidationError(_("The version of the index has no indicator."))
        return version


def _in_use(version: IndexVersion | None) -> bool:
    """A version some year has been answered on is kept as it was answered."""
    return bool(
        version is not None
        and version.pk
        and version.assessments.exclude(status=Assessment.Status.DRAFT).exists()
    )


class AreaInline(admin.TabularInline):
    form = LimitedModelForm
    model = Area
    extra = 0
    fields = ["position", "plane", "name", "description"]

    def has_change_permission(self, request, obj=None):
        return not _in_use(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return not _in_use(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _in_use(obj) and super().has_delete_permission(request, obj)


@admin.register(IndexVersion)
class IndexVersionAdmin(PortalAdmin):
    form = LimitedModelForm
    list_display = ["name", "code", "scale_min", "scale_max", "created_at"]
    search_fields = ["name", "code"]
    inlines = [AreaInline]
    actions = ["copy_versions"]

    @admin.action(description=_("Copy as a new version, to change for the next years"))
    def copy_versions(self, request, queryset):
        for version in queryset:
            copy = services.index_version_copy(actor=request.user, version=version)
            self.message_user(
                request, _("Created: %(name)s.") % {"name": copy.name}, messages.SUCCESS
            )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if _in_use(obj):
            fields += ["code", "scale_min", "scale_max"]
        return fields


class IndicatorForm(LimitedModelForm):
    def clean_area(self):
        area = self.cleaned_data["area"]
        if _in_use(area.version):
            raise forms.ValidationError(
                _(
                    "A year has been answered on this version: copy the version and "
                    "change the copy."
                )
            )
        return area


@admin.register(Indicator)
class IndicatorAdmin(PortalAdmin):
    form = IndicatorForm
    list_display = ["code", "question", "area", "respondents", "measure"]
    list_filter = ["area__version", "respondents"]
    list_select_related = ["area", "area__version"]
    search_fields = ["question"]

    @admin.display(description=_("code"))
    def code(self, obj):
        return obj.code

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "measure":
            choices = [("", "—")] + [
                (key, label) for key, (_f, label) in QUALITY_MEASURES.items()
            ]
            return forms.ChoiceField(
                label=db_field.verbose_name,
                choices=choices,
                required=False,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _locked(self, obj) -> bool:
        return obj is not None and _in_use(obj.area.version)

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    can_delete = False
    fields = [
        "indicator",
        "respondent",
        "organisation",
        "score",
        "comment",
        "answered_by",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        # Answers come from the questionnaire, through the services.
        return False


@admin.register(Assessment)
class AssessmentAdmin(WorkflowAdmin):
    form = AssessmentForm
    transitions = services.TRANSITIONS
    list_display = ["year", "version", "status", "published_at"]
    list_filter = ["status"]
    list_select_related = ["version"]
    inlines = [AnswerInline]
    readonly_fields = ["opened_at", "closed_at", "published_at", "computed"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["year", "version"]
        return fields

    def get_inlines(self, request, obj):
        # A new assessment has neither answers nor an audit trail yet.
        return [] if obj is None else super().get_inlines(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.assessment_create(
            actor=request.user,
            year=obj.year,
            version=obj.version,
            invitation=obj.invitation,
        )
        obj.pk = created.pk
        obj._state.adding = False
        obj._state.db = created._state.db
        messages.info(
            request, _("The assessment is in preparation: open it for answers.")
        )
