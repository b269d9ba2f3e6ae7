"""The admin of local initiatives: the council's resolutions with their criteria, and
the applications with their transitions (assessment, decision, agreement)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cooperation.core.admin import PortalAdmin, WorkflowAdmin
from cooperation.core.limits import LimitedModelForm

from . import services
from .models import (
    InitiativeApplication,
    InitiativeCriterion,
    InitiativeResolution,
    InitiativeScore,
    check_social_work_weights,
)


class CriterionFormSet(forms.BaseInlineFormSet):
    """The criteria as saved together: residents' social work strictly the heaviest."""

    def clean(self) -> None:
        super().clean()
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or data.get("weight") is None:
                continue
            rows.append((bool(data.get("social_work")), data["weight"]))
        if rows:
            try:
                check_social_work_weights(rows)
            except ValidationError as error:
                raise ValidationError(error.messages) from None


class CriterionInline(admin.TabularInline):
    model = InitiativeCriterion
    form = LimitedModelForm
    formset = CriterionFormSet
    fields = ["order", "name", "weight", "social_work"]
    extra = 0


@admin.register(InitiativeResolution)
class InitiativeResolutionAdmin(PortalAdmin):
    """The council's resolution on the procedure and criteria (art. 19c)."""

    inlines = [CriterionInline]
    list_display = ["number", "adopted_on", "title", "hour_rate"]
    search_fields = ["number", "title"]


class ScoreInline(admin.TabularInline):
    model = InitiativeScore
    form = LimitedModelForm
    fields = ["criterion", "points"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InitiativeApplication)
class InitiativeApplicationAdmin(WorkflowAdmin):
    """Applications for local initiatives: assessed, accepted or refused, agreed."""

    transitions = services.TRANSITIONS
    inlines = [ScoreInline]
    list_display = [
        "number",
        "title",
        "status",
        "received_on",
        "total_points",
        "pdf_link",
    ]
    list_filter = ["status", "task", "applicant_kind"]
    list_select_related = ["agreement"]
    search_fields = ["number", "title", "leader_name", "organisation__name"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in InitiativeApplication._meta.concrete_fields] + [
            "pdf_link"
        ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("Agreement"))
    def pdf_link(self, obj: InitiativeApplication):
        agreement = getattr(obj, "agreement", None)
        if agreement is None:
            return "—"
        return format_html(
            '<a href="{}">{} (PDF)</a>',
            reverse("grants:initiative-agreement-pdf", args=[obj.pk]),
            agreement.number,
        )
