"""The evaluation records in the clerks' back office (the report on the programme
here, the quality index in ``quality.admin``); every change calls a service."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cooperation.core.admin import PortalAdmin, WorkflowAdmin

from . import services
from .figures import figure_labels, figures_for
from .models import AnnualReport, ProgrammeIndicator, ReportFigure
from .quality import admin as quality_admin  # noqa: F401 - registers its admins

NARRATIVE = ("summary", "conclusions", "recommendations")


class ReportFigureInline(admin.TabularInline):
    model = ReportFigure
    extra = 0
    can_delete = False
    fields = ["label", "computed", "value", "reason", "corrected_by", "updated_at"]
    readonly_fields = [
        "label",
        "computed",
        "value",
        "reason",
        "corrected_by",
        "updated_at",
    ]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(WorkflowAdmin):
    transitions = services.TRANSITIONS
    list_display = ["year", "status", "submitted_on", "published_on", "late_flag"]
    list_filter = ["status"]
    inlines = [ReportFigureInline]
    readonly_fields = [
        "documents",
        "programme",
        "submitted_on",
        "published_on",
        "bip_url",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["year", "programme", "status", "documents", "responsible"]},
        ),
        (_("Narrative parts"), {"fields": list(NARRATIVE)}),
        (_("Council and BIP"), {"fields": ["submitted_on", "published_on", "bip_url"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("year")
            if obj.status != AnnualReport.Status.DRAFT:
                fields += list(NARRATIVE)
        return fields

    @admin.display(boolean=True, description=_("published after 31 May"))
    def late_flag(self, obj):
        return bool(obj.published_on and obj.published_on > obj.publication_deadline)

    @admin.display(description=_("Documents"))
    def documents(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a class="button" href="{}">{}</a> <a class="button" href="{}">{}</a> '
            '<a class="button" href="{}?report={}">{}</a>',
            reverse("evaluation:report", args=[obj.year]),
            gettext("Page"),
            reverse("evaluation:report-pdf", args=[obj.year]),
            gettext("PDF"),
            reverse("admin:evaluation_reportfigure_add"),
            obj.pk,
            gettext("Correct a figure"),
        )

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            created = services.report_create(
                year=obj.year, actor=request.user, responsible=obj.responsible
            )
            obj.pk = created.pk
            obj._state.adding = False
            if any(getattr(obj, name) for name in NARRATIVE):
                services.report_write(
                    report=created,
                    actor=request.user,
                    **{name: getattr(obj, name) for name in NARRATIVE},
                )
            return
        services.report_write(
            report=obj,
            actor=request.user,
            responsible=obj.responsible,
            **{
                name: getattr(obj, name)
                for name in NARRATIVE
                if name in form.changed_data
            },
        )


@admin.register(ReportFigure)
class ReportFigureAdmin(PortalAdmin):
    """A correction of a computed figure: only in a draft report, always with a reason."""

    list_display = [
        "report",
        "label",
        "computed",
        "value",
        "corrected_by",
        "updated_at",
    ]
    list_filter = ["report"]
    list_select_related = ["report", "corrected_by"]
    fields = ["report", "key", "label", "computed", "value", "reason", "corrected_by"]
    readonly_fields = ["label", "computed", "corrected_by"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        report_pk = (
            obj.report_id
            if obj
            else request.POST.get("report") or request.GET.get("report")
        )
        report = (
            AnnualReport.objects.filter(pk=report_pk).first() if report_pk else None
        )
        if report is None or "key" not in form_class.base_fields:
            return form_class
        choices = [
            (key, f"{label} ({computed})")
            for key, (label, computed) in figure_labels(figures_for(report)).items()
        ]
        fields = {"key": forms.ChoiceField(label=_("figure"), choices=choices)}
        return type(form_class.__name__, (form_class,), fields)

    def save_model(self, request, obj, form, change) -> None:
        saved = services.figure_correct(
            report=obj.report,
            actor=request.user,
            key=obj.key,
            value=obj.value,
            reason=obj.reason,
        )
        obj.pk = saved.pk
        obj._state.adding = False

    def delete_model(self, request, obj) -> None:
        services.figure_correction_withdraw(correction=obj, actor=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for correction in queryset:
            services.figure_correction_withdraw(
                correction=correction, actor=request.user
            )


@admin.register(ProgrammeIndicator)
class ProgrammeIndicatorAdmin(PortalAdmin):
    """The programme's evaluation indicators: a measure of the catalogue, or entered."""

    list_display = ["name", "programme", "measure", "unit", "target", "achieved"]
    list_filter = ["programme"]
    list_select_related = ["programme"]
    search_fields = ["name"]
