from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cooperation.core.admin import (
    PortalAdmin,
    StatusChangeInline,
    WorkflowAdmin,
    run_for_each,
)
from cooperation.core.limits import LimitedModelForm

from . import services
from .models import (
    AdviceSlot,
    Event,
    EventDocument,
    GroupMember,
    Recommendation,
    Registration,
    WorkingGroup,
)


class AdviceSlotInline(admin.TabularInline):
    form = LimitedModelForm
    model = AdviceSlot
    extra = 0


class EventDocumentInline(admin.TabularInline):
    form = LimitedModelForm
    model = EventDocument
    extra = 0


class RegistrationInline(admin.TabularInline):
    form = LimitedModelForm
    model = Registration
    extra = 0
    can_delete = False
    fields = ["user", "organisation", "slot", "status", "created_at", "attended"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("user", "organisation", "slot")
        )


@admin.register(Event)
class EventAdmin(WorkflowAdmin, SimpleHistoryAdmin):
    form = LimitedModelForm
    transitions = services.TRANSITIONS
    list_display = [
        "title",
        "kind",
        "topic",
        "starts_at",
        "capacity",
        "status",
        "pdf_link",
    ]
    list_filter = ["status", "kind", "topic", "audience"]
    search_fields = ["title", "description", "place"]
    date_hierarchy = "starts_at"
    list_select_related = ["working_group"]
    readonly_fields = ["published_at", "created_by"]
    inlines = [
        AdviceSlotInline,
        EventDocumentInline,
        RegistrationInline,
        StatusChangeInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "title",
                    "description",
                    "topic",
                    "working_group",
                    "organiser",
                ]
            },
        ),
        (
            _("Time and place"),
            {"fields": ["starts_at", "ends_at", "place", "online_url"]},
        ),
        (
            _("Registration"),
            {"fields": ["capacity", "registration_deadline", "audience"]},
        ),
        (_("After the event"), {"fields": ["minutes"]}),
        (_("Status"), {"fields": ["status", "published_at", "created_by"]}),
    ]

    @admin.display(description=_("attendance list"))
    def pdf_link(self, obj):
        url = reverse("workshops:attendance-list-pdf", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("PDF"))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Registration)
class RegistrationAdmin(WorkflowAdmin):
    transitions = services.TRANSITIONS
    list_display = [
        "event",
        "user",
        "organisation",
        "slot",
        "status",
        "attended",
        "created_at",
    ]
    list_filter = ["status", "attended", "event__kind"]
    search_fields = [
        "event__title",
        "user__email",
        "user__last_name",
        "organisation__name",
    ]
    list_select_related = ["event", "user", "organisation", "slot"]
    raw_id_fields = ["event", "user", "organisation", "slot"]
    readonly_fields = [
        "event",
        "user",
        "organisation",
        "slot",
        "question",
        "consent_at",
        "cancelled_at",
        "promoted_at",
        "attended",
        "attendance_marked_at",
    ]
    actions = ["mark_present", "mark_absent"]

    def has_add_permission(self, request) -> bool:
        return False

    def _mark(self, request, queryset, attended: bool) -> None:
        run_for_each(
            self,
            request,
            queryset.select_related("event"),
            lambda registration: services.attendance_mark(
                registration=registration, attended=attended, actor=request.user
            ),
            gettext("Attendance marked: %(count)s."),
        )

    @admin.action(description=_("Mark as present"))
    def mark_present(self, request, queryset):
        self._mark(request, queryset, attended=True)

    @admin.action(description=_("Mark as absent"))
    def mark_absent(self, request, queryset):
        self._mark(request, queryset, attended=False)


class GroupMemberInline(admin.TabularInline):
    form = LimitedModelForm
    model = GroupMember
    extra = 0
    raw_id_fields = ["user", "organisation"]


class RecommendationInline(admin.TabularInline):
    form = LimitedModelForm
    model = Recommendation
    extra = 0
    fields = ["title", "topic", "status"]
    readonly_fields = ["status"]
    show_change_link = True


@admin.register(WorkingGroup)
class WorkingGroupAdmin(PortalAdmin):
    form = LimitedModelForm
    list_display = ["name", "topic", "coordinator", "term_start", "term_end"]
    list_filter = ["topic"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["coordinator"]
    inlines = [GroupMemberInline, RecommendationInline]


@admin.register(Recommendation)
class RecommendationAdmin(WorkflowAdmin, SimpleHistoryAdmin):
    form = LimitedModelForm
    transitions = services.TRANSITIONS
    list_display = ["title", "group", "topic", "status", "answered_at"]
    list_filter = ["status", "topic", "group"]
    search_fields = ["title", "text", "answer"]
    list_select_related = ["group"]
    readonly_fields = ["submitted_at", "answered_at"]
    raw_id_fields = ["priority", "consultation"]
