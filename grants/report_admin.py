"""Admin of reports, refunds and the tax arrears interest rates."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cooperation.core.admin import PortalAdmin, WorkflowAdmin

from . import services
from .models import Refund, Report, ReportAttachment, TaxInterestRate


class ReportOverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            from django.utils import timezone

            today = timezone.localdate()
            return queryset.filter(
                Q(status__in=["called", "draft"], due_on__lt=today)
                | Q(status="corrections", corrections_due_on__lt=today)
            )
        return queryset


class RefundOverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            from django.utils import timezone

            return queryset.filter(status="due", due_on__lt=timezone.localdate())
        return queryset


class ReportAttachmentInline(admin.TabularInline):
    """The documents the organisation listed with its report, as it sent them."""

    model = ReportAttachment
    extra = 0
    fields = ["name", "file", "size", "sha256", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(WorkflowAdmin):
    """Reports on contracts: reviewed, returned for corrections or accepted."""

    transitions = services.TRANSITIONS
    inlines = [ReportAttachmentInline]
    # The report's page is the organisation's; the clerk has the PDF.
    view_on_site = False
    list_display = [
        "__str__",
        "kind",
        "form",
        "status",
        "due_on",
        "submitted_on",
        "pdf_link",
    ]
    list_filter = ["status", "kind", "form", ReportOverdueFilter]
    list_select_related = ["contract"]
    search_fields = ["contract__number", "contract__title"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Report._meta.concrete_fields] + ["pdf_link"]

    @admin.display(description=_("Document"))
    def pdf_link(self, obj):
        return format_html(
            '<a href="{}">PDF</a>',
            reverse("grants:report-pdf", args=[obj.contract_id, obj.pk]),
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Refund)
class RefundAdmin(WorkflowAdmin):
    """Refunds due of grants, with the transfers received."""

    transitions = services.TRANSITIONS
    list_display = ["contract", "kind", "amount", "due_on", "status"]
    list_filter = ["status", "kind", RefundOverdueFilter]
    list_select_related = ["contract"]
    search_fields = ["contract__number"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Refund._meta.concrete_fields] + ["due_today"]

    @admin.display(description=_("Still due today"))
    def due_today(self, obj):
        from django.utils import timezone

        from .services.reports import refund_due_now
        from .validators import pln

        try:
            principal, interest = refund_due_now(obj, timezone.localdate())
        except ValueError as error:  # no rate recorded for a day of the period
            return str(error)
        return _("%(principal)s and interest %(interest)s") % {
            "principal": pln(principal),
            "interest": pln(interest),
        }

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(TaxInterestRate)
class TaxInterestRateAdmin(PortalAdmin):
    """The rate of interest on tax arrears and the day it took effect."""

    list_display = ["valid_from", "rate", "source"]
    search_fields = ["source"]
    list_filter = ["valid_from"]
