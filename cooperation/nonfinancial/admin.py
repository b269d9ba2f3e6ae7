from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cooperation.core.admin import PortalAdmin, WorkflowAdmin
from cooperation.core.limits import LimitedModelForm

from . import services
from .models import (
    AnnualPlan,
    Booking,
    BookingSlot,
    Patronage,
    PlannedActivity,
    Promotion,
    RecommendationLetter,
    Resource,
    TaskProposal,
)

REQUEST_READONLY = ["organisation", "applicant", "decided_at", "reason"]


class RequestAdmin(WorkflowAdmin):
    form = LimitedModelForm
    transitions = services.TRANSITIONS
    list_filter = ["status"]
    list_select_related = ["organisation"]
    search_fields = ["organisation__name"]
    readonly_fields = REQUEST_READONLY

    def has_add_permission(self, request) -> bool:
        # Requests come from organisations through the portal's forms.
        return False


@admin.register(Patronage)
class PatronageAdmin(RequestAdmin):
    list_display = ["event_title", "organisation", "starts_on", "status"]
    search_fields = ["event_title", "organisation__name"]
    date_hierarchy = "starts_on"


@admin.register(Resource)
class ResourceAdmin(PortalAdmin):
    form = LimitedModelForm
    list_display = ["name", "kind", "capacity", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "address"]
    prepopulated_fields = {"slug": ["name"]}


class BookingSlotInline(admin.TabularInline):
    model = BookingSlot
    fields = ["starts_at", "ends_at", "holds"]
    readonly_fields = ["starts_at", "ends_at", "holds"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Booking)
class BookingAdmin(RequestAdmin):
    list_display = [
        "resource",
        "organisation",
        "starts_at",
        "recurrence",
        "status",
        "agreement_link",
    ]
    list_filter = ["status", "resource", "recurrence"]
    list_select_related = ["organisation", "resource"]
    readonly_fields = [
        *REQUEST_READONLY,
        "resource",
        "starts_at",
        "ends_at",
        "recurrence",
        "repeat_until",
        "handed_over_at",
        "handed_over_note",
        "returned_at",
        "returned_note",
    ]
    inlines = [BookingSlotInline]

    @admin.display(description=_("lending agreement"))
    def agreement_link(self, obj):
        if obj.status not in (
            Booking.Status.GRANTED,
            Booking.Status.HANDED_OVER,
            Booking.Status.RETURNED,
        ):
            return "—"
        url = reverse("nonfinancial:agreement-pdf", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("PDF"))


@admin.register(Promotion)
class PromotionAdmin(RequestAdmin):
    list_display = ["title", "kind", "organisation", "starts_at", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "organisation__name"]
    readonly_fields = [*REQUEST_READONLY, "published_at"]


@admin.register(PlannedActivity)
class PlannedActivityAdmin(RequestAdmin):
    list_display = ["title", "organisation", "year", "status"]
    list_filter = ["status", "year"]
    search_fields = ["title", "organisation__name"]
    readonly_fields = [*REQUEST_READONLY, "published_at"]


@admin.register(AnnualPlan)
class AnnualPlanAdmin(WorkflowAdmin):
    form = LimitedModelForm
    transitions = services.TRANSITIONS
    list_display = ["year", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["competitions", "directions"]
    readonly_fields = ["status", "published_at"]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.annual_plan_create(
            actor=request.user,
            year=obj.year,
            competitions=obj.competitions,
            directions=obj.directions,
        )
        obj.pk = created.pk
        obj._state.adding = False


@admin.register(RecommendationLetter)
class RecommendationLetterAdmin(RequestAdmin):
    list_display = ["organisation", "addressee", "number", "issued_on", "status"]
    search_fields = ["addressee", "organisation__name", "number"]
    readonly_fields = [*REQUEST_READONLY, "issued_on"]


@admin.register(TaskProposal)
class TaskProposalAdmin(RequestAdmin):
    list_display = ["title", "organisation", "received_on", "answer_due", "status"]
    list_select_related = ["organisation", "sphere"]
    search_fields = ["title", "organisation__name"]
    readonly_fields = [
        *REQUEST_READONLY,
        "received_on",
        "answer_due",
        "cost_estimate",
    ]
