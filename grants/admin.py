from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cooperation.core.admin import (
    PortalAdmin,
    RecentRelatedFilter,
    WorkflowAdmin,
    run_for_each,
)
from cooperation.core.limits import LimitedModelForm
from cooperation.core.typography import quoted

from . import services
from .models import (
    CommitteeMember,
    Competition,
    Criterion,
    FormalCheckItem,
    FormalRequirement,
    Offer,
    OfferAttachment,
    OfferConfirmation,
    OfferUpdate,
    ReasonsRequest,
    RequiredAttachment,
    SameTypeTask,
    SameTypeYear,
)
from .models.competition import STATUTORY_CRITERIA
from .permissions import nominee_conflict, offeror_member_conflict


class CriterionForm(LimitedModelForm):
    """A criterion row; a pre-filled criterion of art. 15 ust. 1 is saved as offered."""

    def has_changed(self) -> bool:
        offered = self.instance.pk is None and self.initial.get("statutory_point")
        return bool(offered) or super().has_changed()


class CriterionInline(admin.TabularInline):
    form = CriterionForm
    model = Criterion
    extra = 0
    fields = [
        "position",
        "statutory_point",
        "name",
        "max_points",
        "statutory",
        "description",
    ]

    def get_extra(self, request, obj=None, **kwargs) -> int:
        # A new competition starts with every criterion of art. 15 ust. 1.
        return len(STATUTORY_CRITERIA) if obj is None else 0


def statutory_criteria_initial() -> list[dict]:
    return [
        {
            "position": point,
            "statutory_point": point,
            "name": str(name),
            "max_points": points,
            "statutory": True,
        }
        for point, name, points in STATUTORY_CRITERIA
    ]


class RequiredAttachmentInline(admin.TabularInline):
    form = LimitedModelForm
    model = RequiredAttachment
    extra = 0


class FormalRequirementInline(admin.TabularInline):
    """The announcement's formal requirements; with none, the defaults are checked."""

    form = LimitedModelForm
    model = FormalRequirement
    extra = 0


class SameTypeTaskInline(admin.TabularInline):
    form = LimitedModelForm
    model = SameTypeTask
    extra = 0
    fields = ["year", "task_type", "title", "organisation_name", "cost", "grant_to_ngo"]


class SameTypeYearInline(admin.TabularInline):
    form = LimitedModelForm
    model = SameTypeYear
    extra = 0
    fields = ["year", "none_carried_out", "total_cost", "grants_to_ngos", "note"]


class CommitteeInline(admin.TabularInline):
    form = LimitedModelForm
    model = CommitteeMember
    verbose_name_plural = _("competition committee")
    extra = 0
    fields = [
        "user",
        "kind",
        "nominated_by",
        "is_chair",
        "declared_at",
        "excluded_reason",
        "attended",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class PriorityChoiceField(forms.ModelChoiceField):
    """A priority named with its programme's year: titles repeat from year to year."""

    def label_from_instance(self, obj) -> str:
        return _("%(year)s: %(priority)s") % {
            "year": obj.programme.year,
            "priority": obj,
        }


@admin.register(Competition)
class CompetitionAdmin(WorkflowAdmin):
    transitions = services.TRANSITIONS

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "priority":
            kwargs["form_class"] = PriorityChoiceField
            kwargs["queryset"] = db_field.remote_field.model.objects.select_related(
                "programme"
            ).order_by("-programme__year", "pk")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    list_display = ["title", "status", "offers_deadline", "public_funds", "priority"]
    list_filter = ["status", "priority__sphere", "priority__programme__year"]
    list_select_related = ["priority"]
    search_fields = ["title", "task_type"]
    date_hierarchy = "offers_deadline"
    readonly_fields = [
        "announced_at",
        "results_published_at",
        "annulled_at",
        "clerk_links",
        "protocol_date",
        "protocol_place",
        "protocol_signed_at",
        "decision_ordinance_date",
        "decision_date_reason",
    ]
    inlines = [
        CriterionInline,
        RequiredAttachmentInline,
        FormalRequirementInline,
        SameTypeTaskInline,
        SameTypeYearInline,
        CommitteeInline,
        *WorkflowAdmin.inlines,
    ]
    actions = ["fill_same_type_tasks"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "priority",
                    "form",
                    "status",
                    ("ordinance_number", "ordinance_date"),
                    "clerk_links",
                ]
            },
        ),
        (
            _("Publication (art. 13 ust. 3)"),
            {
                "description": _(
                    "The deadline for offers is at least 21 days after the last of the "
                    "three publications; the competition is published only once all "
                    "three are recorded."
                ),
                "fields": [
                    ("bip_published_on", "bip_url"),
                    ("board_published_on", "board_note"),
                    ("website_published_on", "website_url"),
                ],
            },
        ),
        (
            _("Budget (art. 13 ust. 5)"),
            {
                "fields": [
                    "on_draft_budget",
                    ("budget_resolution_number", "budget_resolution_date"),
                ]
            },
        ),
        (
            _("Announcement (art. 13 ust. 2)"),
            {
                "fields": [
                    "task_type",
                    "public_funds",
                    "award_rules",
                    ("task_start", "task_end"),
                    "task_conditions",
                    "offers_deadline",
                    "selection_procedure",
                    "selection_date",
                    "same_type_tasks_note",
                ]
            },
        ),
        (
            _("Terms"),
            {
                "fields": [
                    "max_grant",
                    "min_own_contribution",
                    ("corrections_allowed", "correction_days"),
                    "joint_offers_allowed",
                    "scoring_date",
                ]
            },
        ),
        (
            _("Committee (art. 15 ust. 2a–2f)"),
            {
                "fields": [
                    ("committee_ordinance_number", "committee_ordinance_date"),
                    "officials_only_reason",
                    ("protocol_date", "protocol_place", "protocol_signed_at"),
                ]
            },
        ),
        (
            _("Outcome"),
            {
                "fields": [
                    "announced_at",
                    "decision_ordinance_number",
                    "decision_ordinance_date",
                    "decision_date_reason",
                    "results_published_at",
                    "annulment_reason",
                    "annulled_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("Pages"))
    def clerk_links(self, obj):
        if not obj or not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            obj.get_absolute_url(),
            _("public page"),
            reverse("admin:grants_offer_changelist")
            + f"?competition__id__exact={obj.pk}",
            _("offers"),
            reverse("grants:competition-protocol", args=[obj.pk]),
            _("protocol of the committee"),
            reverse("grants:competition-decision", args=[obj.pk]),
            _("choice of offers"),
            reverse("admin:grants_committeemember_add") + f"?competition={obj.pk}",
            _("appoint a committee member"),
        )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, CriterionInline) and obj.pk is None:
            kwargs["initial"] = statutory_criteria_initial()
        return kwargs

    def save_model(self, request, obj, form, change):
        budget = ("budget_resolution_number", "budget_resolution_date")
        recorded = (
            change
            and obj.on_draft_budget
            and any(name in form.changed_data for name in budget)
            and obj.budget_resolution_number
        )
        if not change:
            obj.created_by = request.user
        if recorded:
            # The adoption is recorded by its service, with an audit record.
            number, adopted_on = (
                obj.budget_resolution_number,
                obj.budget_resolution_date,
            )
            previous = Competition.objects.get(pk=obj.pk)
            obj.budget_resolution_number = previous.budget_resolution_number
            obj.budget_resolution_date = previous.budget_resolution_date
        super().save_model(request, obj, form, change)
        if recorded:
            services.competition_record_budget_resolution(
                competition=obj,
                actor=request.user,
                number=number,
                adopted_on=adopted_on,
            )

    @admin.action(
        description=_("Fill in the tasks of the same type from the portal's data")
    )
    def fill_same_type_tasks(self, request, queryset):
        run_for_each(
            self,
            request,
            queryset,
            lambda c: services.competition_fill_same_type_tasks(competition=c),
            gettext("Filled in: %(count)s."),
        )


class CompetitionFilter(RecentRelatedFilter):
    title = _("competition")
    field = "competition"

    def related(self):
        return Competition.objects.order_by("-offers_deadline", "-pk")


class _RecordInline(admin.TabularInline):
    """What the offer's page shows as recorded: nothing here is typed in the admin."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ConfirmationInline(_RecordInline):
    model = OfferConfirmation
    fields = ["organisation", "name", "function", "confirmed_at", "checksum"]
    readonly_fields = fields


class AttachmentInline(_RecordInline):
    model = OfferAttachment
    fields = ["kind", "name", "file", "sha256", "signers", "signatures_intact"]
    readonly_fields = fields


class FormalCheckInline(_RecordInline):
    model = FormalCheckItem
    fields = ["position", "requirement", "met", "reason", "checked_by", "checked_at"]
    readonly_fields = fields


@admin.register(Offer)
class OfferAdmin(WorkflowAdmin):
    transitions = services.TRANSITIONS
    inlines = [
        AttachmentInline,
        ConfirmationInline,
        FormalCheckInline,
        *WorkflowAdmin.inlines,
    ]
    list_display = [
        "__str__",
        "organisation",
        "competition",
        "status",
        "submitted_at",
        "granted_amount",
        "formal_check_link",
    ]
    list_filter = ["status", CompetitionFilter]
    list_select_related = ["organisation", "competition"]
    search_fields = ["number", "title", "organisation__name"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Offer._meta.concrete_fields] + ["formal_check_link"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("Formal check"))
    def formal_check_link(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("grants:offer-formal-check", args=[obj.pk]),
            _("check"),
            reverse("grants:offer-pdf", args=[obj.pk]),
            "PDF",
        )


class CommitteeMemberForm(LimitedModelForm):
    class Meta:
        model = CommitteeMember
        fields = [
            "competition",
            "user",
            "kind",
            "nominated_by",
            "is_chair",
            "excluded_reason",
        ]

    def clean(self):
        data = super().clean()
        competition, organisation = data.get("competition"), data.get("nominated_by")
        if (
            data.get("kind") == CommitteeMember.Kind.NOMINEE
            and competition
            and organisation
        ):
            if nominee_conflict(competition, organisation):
                self.add_error(
                    "nominated_by",
                    _(
                        "This organisation submitted an offer in the competition; its nominee cannot sit on the committee."
                    ),
                )
        user = data.get("user")
        if competition and user:
            own = offeror_member_conflict(competition, user)
            if own:
                self.add_error(
                    "user",
                    _(
                        "This person acts for %(organisation)s, which submitted an offer in "
                        "the competition, so is excluded from the committee (art. 15 ust. 2f)."
                    )
                    % {"organisation": quoted(own)},
                )
        return data


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(PortalAdmin):
    form = CommitteeMemberForm
    list_display = [
        "user",
        "competition",
        "kind",
        "nominated_by",
        "is_chair",
        "declared_at",
        "excluded_at",
        "attended",
    ]
    list_filter = ["competition", "kind"]
    list_select_related = ["user", "competition", "nominated_by"]
    readonly_fields = [
        "declared_at",
        "declaration_text",
        "excluded_at",
        "attended",
        "appointed_at",
        "appointed_by",
    ]
    autocomplete_fields = []

    def get_readonly_fields(self, request, obj=None):
        if obj:
            locked = ["excluded_reason"] if obj.excluded_at else []
            return [
                "competition",
                "user",
                "kind",
                "nominated_by",
                *locked,
                *self.readonly_fields,
            ]
        return self.readonly_fields

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:
            return [
                f for f in fields if f not in ("excluded_reason", *self.readonly_fields)
            ]
        return fields

    def save_model(self, request, obj, form, change):
        if change:
            # Exclusion (art. 15 ust. 2d and 2f) is a service's: audited, once.
            reason = form.cleaned_data.get("excluded_reason", "")
            if (
                "excluded_reason" in form.changed_data
                and reason
                and not obj.excluded_at
            ):
                services.committee_exclude(
                    member=obj, actor=request.user, reason=reason
                )
                obj.refresh_from_db()
            obj.excluded_reason = CommitteeMember.objects.get(pk=obj.pk).excluded_reason
            return super().save_model(request, obj, form, change)
        # A refusal (DomainError) is shown on the form by PortalAdmin.
        member = services.committee_appoint(
            competition=obj.competition,
            user=obj.user,
            actor=request.user,
            kind=obj.kind,
            nominated_by=obj.nominated_by,
            is_chair=obj.is_chair,
        )
        obj.pk = member.pk


@admin.register(ReasonsRequest)
class ReasonsRequestAdmin(WorkflowAdmin):
    """Demands for reasons (art. 15 ust. 2j): the question and, once given, the answer."""

    transitions = services.TRANSITIONS
    list_display = ["offer", "name", "status", "asked_at", "answer_due"]
    list_filter = ["status", "competition"]
    list_select_related = ["offer", "competition"]
    search_fields = ["name", "email", "offer__number", "question"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in ReasonsRequest._meta.concrete_fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class UpdateCompetitionFilter(CompetitionFilter):
    field = "offer__competition"


@admin.register(OfferUpdate)
class OfferUpdateAdmin(WorkflowAdmin):
    """Updates of chosen offers to the granted amount: accept or return with a reason."""

    transitions = services.TRANSITIONS
    list_display = ["offer", "status", "granted_amount", "submitted_at", "pdf_link"]
    list_filter = ["status", UpdateCompetitionFilter]
    list_select_related = ["offer"]
    search_fields = ["offer__number", "offer__title", "offer__organisation__name"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in OfferUpdate._meta.concrete_fields] + ["pdf_link"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("Document"))
    def pdf_link(self, obj):
        if not obj.checksum:
            return "—"
        return format_html(
            '<a href="{}">PDF</a>',
            reverse("grants:offer-update-pdf", args=[obj.offer_id]),
        )


from . import (  # noqa: E402, F401 - registers its admins
    contract_admin,
    initiative_admin,
    report_admin,
    small_grant_admin,
)
