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
    JointTeam,
    Patronage,
    PlannedActivity,
    Promotion,
    RecommendationLetter,
    Resource,
    TaskProposal,
    TeamMeeting,
    TeamMember,
    TeamRecommendation,
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


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    form = LimitedModelForm
    fields = ["name", "side", "organisation", "affiliation", "role"]
    autocomplete_fields = ["organisation"]
    extra = 1


@admin.register(JointTeam)
class JointTeamAdmin(WorkflowAdmin):
    """Teams: proposed here by a clerk or on the portal by an organisation; the
    members are added and removed through the services, so each change is audited."""

    form = LimitedModelForm
    transitions = services.TRANSITIONS
    list_display = [
        "name",
        "organisation",
        "ordinance_number",
        "term_from",
        "term_until",
        "status",
    ]
    list_filter = ["status"]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name", "ordinance_number"]
    readonly_fields = [
        "organisation",
        "applicant",
        "ordinance_number",
        "ordinance_date",
        "term_from",
        "term_until",
        "dissolved_on",
        "reason",
        "decided_at",
    ]
    inlines = [TeamMemberInline]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.team_propose(
            actor=request.user,
            name=obj.name,
            purpose=obj.purpose,
            justification=obj.justification,
        )
        obj.pk = created.pk
        obj._state.adding = False

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not TeamMember:
            super().save_formset(request, form, formset, change)
            return
        members = formset.save(commit=False)
        for member in formset.deleted_objects:
            services.team_member_remove(member=member, actor=request.user)
        for member in members:
            if member.pk:
                member.save()
                continue
            services.team_member_add(
                team=form.instance,
                actor=request.user,
                name=member.name,
                side=member.side,
                organisation=member.organisation,
                affiliation=member.affiliation,
                role=member.role,
            )


@admin.register(TeamMeeting)
class TeamMeetingAdmin(PortalAdmin):
    form = LimitedModelForm
    list_display = ["team", "held_at", "place", "has_minutes"]
    list_select_related = ["team"]
    list_filter = ["team"]
    search_fields = ["team__name", "agenda"]
    date_hierarchy = "held_at"

    def get_readonly_fields(self, request, obj=None):
        # The team and the time are set when the meeting is added.
        return ["team", "held_at"] if obj else []

    @admin.display(boolean=True, description=_("minutes"))
    def has_minutes(self, obj) -> bool:
        return obj.has_minutes

    def save_model(self, request, obj, form, change) -> None:
        minutes_changed = {"minutes_text", "minutes_file"} & set(form.changed_data)
        if not change:
            created = services.team_meeting_schedule(
                team=obj.team,
                actor=request.user,
                held_at=obj.held_at,
                place=obj.place,
                agenda=obj.agenda,
            )
            obj.pk = created.pk
            obj._state.adding = False
            obj.created_at = created.created_at
        else:
            TeamMeeting.objects.filter(pk=obj.pk).update(
                place=obj.place, agenda=obj.agenda
            )
        if minutes_changed and (obj.minutes_text or obj.minutes_file):
            services.team_meeting_minutes(
                meeting=TeamMeeting.objects.select_related("team").get(pk=obj.pk),
                actor=request.user,
                text=obj.minutes_text,
                file=obj.minutes_file if "minutes_file" in minutes_changed else None,
            )


@admin.register(TeamRecommendation)
class TeamRecommendationAdmin(PortalAdmin):
    form = LimitedModelForm
    list_display = ["title", "team", "adopted_on"]
    list_select_related = ["team"]
    list_filter = ["team"]
    search_fields = ["title", "text", "team__name"]
    autocomplete_fields = ["consultation", "competition"]
    raw_id_fields = ["priority"]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.team_recommendation_adopt(
            team=obj.team,
            actor=request.user,
            title=obj.title,
            text=obj.text,
            adopted_on=obj.adopted_on,
            meeting=obj.meeting,
            consultation=obj.consultation,
            priority=obj.priority,
            competition=obj.competition,
        )
        obj.pk = created.pk
        obj._state.adding = False
