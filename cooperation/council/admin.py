from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from cooperation.core.admin import AuditedAdmin, PortalAdmin, WorkflowAdmin
from cooperation.core.exceptions import DomainError
from cooperation.core.limits import LimitedModelForm

from . import services
from .models import (
    Attendance,
    Candidate,
    Council,
    CreationRequest,
    Election,
    Meeting,
    Member,
    Nomination,
    Opinion,
    Resolution,
    Signature,
    Term,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class SignatureInline(ReadOnlyInline):
    model = Signature
    fields = ["organisation", "signed_at"]
    readonly_fields = fields


@admin.register(CreationRequest)
class CreationRequestAdmin(WorkflowAdmin):
    form = LimitedModelForm
    transitions = services.TRANSITIONS
    list_display = ["__str__", "status", "received_on", "due_on"]
    list_filter = ["status"]
    readonly_fields = ["received_on", "due_on", "reason", "started_by"]
    inlines = [SignatureInline]

    def has_add_permission(self, request) -> bool:
        # Organisations sign the request on the portal (art. 41e ust. 1).
        return False


@admin.register(Council)
class CouncilAdmin(AuditedAdmin):
    form = LimitedModelForm
    list_display = ["name", "created_on", "selection_method"]
    readonly_fields = ["request"]

    def has_add_permission(self, request) -> bool:
        # A council comes of the organisations' request ("Create the council").
        return False


class MemberInline(ReadOnlyInline):
    model = Member
    fields = ["name", "side", "organisation", "function", "since", "until"]
    readonly_fields = fields


@admin.register(Term)
class TermAdmin(WorkflowAdmin):
    form = LimitedModelForm
    transitions = services.TRANSITIONS
    list_display = ["__str__", "council", "status"]
    list_filter = ["status"]
    readonly_fields = ["council", "number", "starts_on", "ends_on"]
    inlines = [MemberInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Member)
class MemberAdmin(PortalAdmin):
    """Appointments go through the service, which keeps the art. 41f composition."""

    form = LimitedModelForm
    list_display = ["name", "side", "organisation", "function", "term", "until"]
    list_filter = ["side", "term"]
    list_select_related = ["organisation", "term"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["until"]
        return ["term", "name", "side", "organisation", "since", "until"]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.member_add(
            actor=request.user,
            term=obj.term,
            name=obj.name,
            side=obj.side,
            organisation=obj.organisation,
            function=obj.function,
            since=obj.since,
        )
        obj.pk = created.pk
        obj._state.adding = False

    @admin.action(description=_("The member leaves the council today"))
    def leave(self, request, queryset) -> None:
        for member in queryset:
            try:
                services.member_end(actor=request.user, member=member)
            except DomainError as exc:
                self.message_user(request, f"{member}: {exc.message}", messages.ERROR)

    actions = ["leave"]


class NominationInline(ReadOnlyInline):
    model = Nomination
    fields = ["organisation", "nominated_at"]
    readonly_fields = fields


@admin.register(Candidate)
class CandidateAdmin(PortalAdmin):
    form = LimitedModelForm
    list_display = ["name", "election", "selected"]
    list_filter = ["election", "selected"]
    readonly_fields = ["election", "name", "selected"]
    inlines = [NominationInline]
    actions = ["appoint", "unappoint"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Appoint the selected candidates"))
    def appoint(self, request, queryset) -> None:
        self._appoint(request, queryset, selected=True)

    @admin.action(description=_("Withdraw the appointment"))
    def unappoint(self, request, queryset) -> None:
        self._appoint(request, queryset, selected=False)

    def _appoint(self, request, queryset, *, selected: bool) -> None:
        for candidate in queryset:
            try:
                services.candidate_appoint(
                    actor=request.user, candidate=candidate, selected=selected
                )
            except DomainError as exc:
                self.message_user(
                    request, f"{candidate}: {exc.message}", messages.ERROR
                )


class CandidateInline(ReadOnlyInline):
    model = Candidate
    fields = ["name", "selected"]
    readonly_fields = fields


@admin.register(Election)
class ElectionAdmin(WorkflowAdmin):
    form = LimitedModelForm
    transitions = services.TRANSITIONS
    list_display = ["__str__", "method", "seats", "nominations_until", "status"]
    list_filter = ["status"]
    inlines = [CandidateInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["method", "results_published_at"]
        return ["term", "method", "seats", "nominations_until", "results_published_at"]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.election_open(
            actor=request.user,
            term=obj.term,
            nominations_until=obj.nominations_until,
            seats=obj.seats,
        )
        obj.pk = created.pk
        obj._state.adding = False


class AttendanceInline(ReadOnlyInline):
    model = Attendance
    fields = ["member", "present"]
    readonly_fields = fields


class ResolutionInline(ReadOnlyInline):
    model = Resolution
    fields = ["number", "title", "adopted_on"]
    readonly_fields = fields


@admin.register(Meeting)
class MeetingAdmin(WorkflowAdmin):
    form = LimitedModelForm
    transitions = services.TRANSITIONS
    list_display = ["__str__", "term", "starts_at", "place", "status"]
    list_filter = ["status", "term"]
    inlines = [AttendanceInline, ResolutionInline]

    def get_readonly_fields(self, request, obj=None):
        return ["number"] if obj is None else ["term", "number"]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.meeting_schedule(
            actor=request.user,
            term=obj.term,
            starts_at=obj.starts_at,
            place=obj.place,
            agenda=obj.agenda,
        )
        obj.pk = created.pk
        obj.number = created.number
        obj._state.adding = False


@admin.register(Resolution)
class ResolutionAdmin(AuditedAdmin):
    form = LimitedModelForm
    list_display = ["number", "title", "meeting", "adopted_on"]
    search_fields = ["number", "title"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["meeting", "number"]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.resolution_adopt(
            actor=request.user,
            meeting=obj.meeting,
            number=obj.number,
            title=obj.title,
            text=obj.text,
            adopted_on=obj.adopted_on,
        )
        obj.pk = created.pk
        obj._state.adding = False


@admin.register(Opinion)
class OpinionAdmin(WorkflowAdmin):
    form = LimitedModelForm
    transitions = services.TRANSITIONS
    list_display = ["title", "subject", "term", "given_on", "status"]
    list_filter = ["status", "subject"]
    search_fields = ["title", "text"]
    raw_id_fields = ["consultation", "programme", "competition"]

    def get_readonly_fields(self, request, obj=None):
        return ["given_on"] if obj is None else ["term", "subject", "given_on"]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.opinion_draft(
            actor=request.user,
            term=obj.term,
            subject=obj.subject,
            title=obj.title,
            text=obj.text,
            consultation=obj.consultation,
            programme=obj.programme,
            competition=obj.competition,
            meeting=obj.meeting,
            delivered_on=obj.delivered_on,
        )
        obj.pk = created.pk
        obj._state.adding = False
