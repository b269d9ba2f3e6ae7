"""The admin of local initiatives: the council's resolutions with their criteria, and
the applications with their transitions (assessment, decision, agreement)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cooperation.core.admin import PortalAdmin, WorkflowAdmin
from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.limits import LimitedModelForm

from . import services
from .initiative_forms import InitiativeContributionForm
from .models import (
    CONTRIBUTING_STATES,
    InitiativeApplication,
    InitiativeAttachment,
    InitiativeContribution,
    InitiativeCriterion,
    InitiativeResolution,
    InitiativeScore,
    check_social_work_weights,
)
from .services import initiative_delivery


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


class AttachmentInline(admin.TabularInline):
    """The documents the applicants attached, read for the formal check."""

    model = InitiativeAttachment
    fields = ["name", "file", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ContributionInline(admin.TabularInline):
    """The log of contributions delivered; entries are added through the log's page."""

    model = InitiativeContribution
    form = LimitedModelForm
    fields = ["delivered_on", "kind", "description", "hours", "amount", "evidence"]
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
    inlines = [AttachmentInline, ScoreInline, ContributionInline]
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
            "pdf_link",
            "contributions_link",
            "settlement_link",
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

    @admin.display(description=_("Contributions delivered"))
    def contributions_link(self, obj: InitiativeApplication):
        if obj.status not in CONTRIBUTING_STATES:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:grants_initiativeapplication_contribution", args=[obj.pk]),
            gettext("Log a contribution delivered"),
        )

    @admin.display(description=_("Settlement"))
    def settlement_link(self, obj: InitiativeApplication):
        if getattr(obj, "settlement", None) is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("grants:initiative-settlement-pdf", args=[obj.pk]),
            gettext("Settlement (PDF)"),
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/contribution/",
                self.admin_site.admin_view(self.contribution_view),
                name="grants_initiativeapplication_contribution",
            ),
            *super().get_urls(),
        ]

    def contribution_view(self, request, object_id: str):
        """The clerk logs a contribution delivered, through the same service as the
        residents on the public site."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        change_url = reverse("admin:grants_initiativeapplication_change", args=[obj.pk])
        posted = request.method == "POST"
        form = InitiativeContributionForm(
            request.POST if posted else None, request.FILES if posted else None
        )
        if posted and form.is_valid():
            data = form.cleaned_data
            try:
                initiative_delivery.initiative_contribution_add(
                    application=obj,
                    actor=request.user,
                    kind=data["kind"],
                    delivered_on=data["delivered_on"],
                    description=data["description"],
                    hours=data.get("hours"),
                    amount=data.get("amount"),
                    evidence=data["evidence"],
                )
            except PermissionDeniedError as error:
                raise PermissionDenied(error.message) from error
            except DomainError as error:
                form.add_error(
                    error.field if error.field in form.fields else None, error.message
                )
            else:
                self.message_user(
                    request,
                    gettext("The contribution has been logged."),
                    messages.SUCCESS,
                )
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{obj} — {gettext('Log a contribution delivered')}",
            "form": form,
            "object": obj,
            "opts": self.model._meta,
            "change_url": change_url,
        }
        return TemplateResponse(
            request, "admin/grants/initiative_contribution.html", context
        )


@admin.register(InitiativeContribution)
class InitiativeContributionAdmin(PortalAdmin):
    """The contributions delivered, for search and export; logged and taken off the
    log through the initiative's page."""

    list_display = ["application", "delivered_on", "kind", "hours", "amount"]
    list_filter = ["kind"]
    list_select_related = ["application"]
    search_fields = ["application__number", "application__title", "description"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in InitiativeContribution._meta.concrete_fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
