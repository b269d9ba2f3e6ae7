"""The programme in the clerks' back office; transitions call the services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cooperation.core.admin import StatusChangeInline, WorkflowAdmin
from cooperation.core.limits import LimitedModelForm
from cooperation.programme.models import Priority, Programme

from . import services


class PriorityInline(admin.TabularInline):
    form = LimitedModelForm
    model = Priority
    extra = 1
    fields = ["position", "title", "sphere", "planned_funds", "description"]
    autocomplete_fields = []

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "description":
            field.widget = forms.Textarea(attrs={"rows": 2, "cols": 40})
        return field


LOCKED = {Programme.Status.ADOPTED, Programme.Status.IN_FORCE, Programme.Status.CLOSED}


@admin.register(Programme)
class ProgrammeAdmin(WorkflowAdmin):
    transitions = services.TRANSITIONS
    list_display = [
        "year",
        "status",
        "resolution_number",
        "resolution_date",
        "adopted_late_flag",
    ]
    list_filter = ["status"]
    inlines = [PriorityInline, StatusChangeInline]
    readonly_fields = [
        "pdf_link",
        "resolution_number",
        "resolution_date",
        "submitted_on",
        "council_opinion",
        "council_opinion_on",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "year",
                    "title",
                    "status",
                    "pdf_link",
                    "responsible",
                    "legal_basis",
                ]
            },
        ),
        (
            _("Parts of the programme (art. 5a ust. 4)"),
            {"fields": [name for name, _n in Programme.PARTS]},
        ),
        (
            _("Council"),
            {
                "fields": [
                    "council_opinion",
                    "council_opinion_on",
                    "submitted_on",
                    "resolution_number",
                    "resolution_date",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status in LOCKED:
            # An adopted programme changes only by a new resolution of the council.
            fields += [name for name, _n in Programme.PARTS] + ["year", "legal_basis"]
        return fields

    def get_inlines(self, request, obj):
        if obj is not None and obj.status in LOCKED:
            return [StatusChangeInline]
        return super().get_inlines(request, obj)

    @admin.display(boolean=True, description=_("adopted after 30 November"))
    def adopted_late_flag(self, obj):
        return obj.adopted_late

    @admin.display(description=_("PDF"))
    def pdf_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a class="button" href="{}">{}</a>',
            reverse("programme:pdf", args=[obj.year]),
            gettext("PDF"),
        )

    def transition_consequence(self, obj, step) -> str:
        if step.key != "in_force":
            return ""
        earlier = (
            Programme.objects.filter(status=Programme.Status.IN_FORCE)
            .exclude(pk=obj.pk)
            .order_by("year")
            .first()
        )
        if earlier is None:
            return ""
        return gettext(
            "The programme for %(year)s, now in force, will be closed at the same time."
        ) % {"year": earlier.year}

    def transition_done(self, request, obj, step) -> None:
        if step.key == "adopt" and obj.adopted_late:
            self.message_user(
                request,
                gettext(
                    "Adopted after 30 November of the year before: the deadline of art. 5a ust. 1 was missed."
                ),
                messages.WARNING,
            )
