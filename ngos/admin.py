"""Clerks' back office for the registry: verification, memberships, exports, audit."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cooperation.core.admin import (
    PortalAdmin,
    StatusChangeInline,
    WorkflowAdmin,
    run_for_each,
)
from cooperation.core.exceptions import DomainError
from cooperation.core.limits import LimitedModelForm
from cooperation.core.typography import quoted

from . import services
from .models import (
    Area,
    Membership,
    Organisation,
    PartnerAnswer,
    PartnerSearch,
    PublicBenefitSphere,
    Representation,
    Representative,
)


class VerifiedFilter(admin.SimpleListFilter):
    title = _("verified")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("yes", _("verified")), ("no", _("not verified"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(verified_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(verified_at__isnull=True)
        return queryset


class MembershipInline(admin.TabularInline):
    form = LimitedModelForm
    model = Membership
    fields = ["user", "role", "status", "decided_by", "decided_at", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "decided_by")


class RepresentationInline(admin.StackedInline):
    form = LimitedModelForm
    model = Representation
    fields = ["organ", "manner", "signatures_required", "note", "source", "read_at"]
    readonly_fields = ["read_at"]
    extra = 0
    max_num = 1
    show_change_link = True


class RepresentativeInline(admin.TabularInline):
    form = LimitedModelForm
    model = Representative
    fields = ["position", "name", "function", "user"]
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Representation)
class RepresentationAdmin(PortalAdmin, SimpleHistoryAdmin):
    form = LimitedModelForm
    list_display = ["organisation", "organ", "signatures_required", "source", "read_at"]
    list_filter = ["source", "signatures_required"]
    search_fields = ["organisation__name", "members__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["read_at"]
    inlines = [RepresentativeInline]
    list_select_related = ["organisation"]


@admin.register(Organisation)
class OrganisationAdmin(PortalAdmin, SimpleHistoryAdmin):
    form = LimitedModelForm
    list_display = [
        "name",
        "legal_form",
        "krs",
        "nip",
        "regon",
        "city",
        "is_opp",
        "is_verified_display",
    ]
    list_filter = [
        VerifiedFilter,
        "legal_form",
        "spheres",
        "is_opp",
        "areas",
        "is_public",
    ]
    search_fields = ["name", "short_name", "krs", "nip", "regon", "city", "email"]
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ["spheres", "areas"]
    readonly_fields = ["verified_at", "verified_by", "created_at", "updated_at"]
    inlines = [RepresentationInline, MembershipInline, StatusChangeInline]
    actions = ["verify", "read_representation"]
    export_filename = "organizacje"
    export_sheet = _("Organisations")
    history_list_display = ["verified_at"]

    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "legal_form", "is_public")}),
        (
            _("Registers"),
            {"fields": ("krs", "other_register", "nip", "regon", "is_opp")},
        ),
        (
            _("Contact"),
            {
                "fields": (
                    "street",
                    "postal_code",
                    "city",
                    "correspondence_address",
                    "email",
                    "phone",
                    "website",
                )
            },
        ),
        (
            _("Profile"),
            {"fields": ("description", "logo", "founded_on", "spheres", "areas")},
        ),
        (
            _("Verification"),
            {"fields": ("verified_at", "verified_by", "created_at", "updated_at")},
        ),
    )

    @admin.display(description=_("verified"), boolean=True, ordering="verified_at")
    def is_verified_display(self, obj: Organisation) -> bool:
        return obj.is_verified

    def get_queryset(self, request):
        queryset = super().get_queryset(request).defer("search_vector", "search_text")
        match = request.resolver_match
        if match and (match.url_name or "").endswith("_changelist"):
            # The list shows none of the description.
            queryset = queryset.defer("description")
        return queryset

    def get_form(self, request, obj=None, **kwargs):
        from .forms import OrganisationForm

        class AdminForm(OrganisationForm):
            class Meta(OrganisationForm.Meta):
                fields = None
                exclude = ["search_text", "search_vector", "verified_at", "verified_by"]

        kwargs["form"] = AdminForm
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        try:
            services.check_duplicates(
                krs=obj.krs, nip=obj.nip, name=obj.name, exclude_pk=obj.pk
            )
        except DomainError as error:
            raise forms.ValidationError(error.message) from None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.organisation_refresh_search(organisation=form.instance)

    @admin.action(description=_("Verify the selected organisations"))
    def verify(self, request, queryset):
        run_for_each(
            self,
            request,
            queryset.filter(verified_at__isnull=True),
            lambda organisation: services.organisation_verify(
                organisation=organisation, actor=request.user
            ),
            gettext("%(count)d organisation(s) verified."),
        )

    @admin.action(description=_("Read the representation from the KRS register"))
    def read_representation(self, request, queryset):
        from . import krs

        def read(organisation):
            if not organisation.krs:
                raise DomainError(gettext("No KRS number."))
            try:
                extract = krs.fetch_extract(organisation.krs)
            except krs.KrsError:
                raise DomainError(
                    gettext("The KRS register could not be read; try again later.")
                ) from None
            if extract.representation is None:
                raise DomainError(gettext("The extract names no representing organ."))
            services.representation_from_krs(
                organisation=organisation,
                representation=extract.representation,
                actor=request.user,
            )

        run_for_each(
            self,
            request,
            queryset,
            read,
            gettext("Representation read from KRS for %(count)d organisation(s)."),
        )


@admin.register(Membership)
class MembershipAdmin(WorkflowAdmin):
    transitions = services.TRANSITIONS
    list_display = [
        "user",
        "organisation",
        "role",
        "status",
        "founding",
        "created_at",
        "decided_by",
    ]
    list_filter = [
        "status",
        "role",
        "founding",
        ("organisation__verified_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["user", "organisation", "decided_by"]
    search_fields = ["user__email", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    readonly_fields = ["decided_by", "decided_at", "reason", "founding", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["user", "organisation", "role"]
        return fields

    def transition_consequence(self, obj, step) -> str:
        if obj.status != Membership.Status.PENDING:
            return ""
        text = gettext(
            "%(person)s (%(email)s) asks to act for %(organisation)s as %(role)s."
        ) % {
            "person": obj.user,
            "email": obj.user.email,
            "organisation": quoted(obj.organisation),
            "role": obj.get_role_display(),
        }
        if not obj.organisation.is_verified:
            text += " " + gettext("The organisation is not verified yet.")
        return text

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            from cooperation.core.workflow import record

            record(
                obj,
                actor=request.user,
                to=obj.status,
                note=gettext("Added in the administration."),
            )


@admin.register(PublicBenefitSphere)
class PublicBenefitSphereAdmin(PortalAdmin):
    form = LimitedModelForm
    list_display = ["code", "number", "name_pl", "name_en", "valid_from", "valid_until"]
    search_fields = ["code", "name_pl", "name_en"]
    list_filter = [("valid_until", admin.EmptyFieldListFilter)]


@admin.register(Area)
class AreaAdmin(PortalAdmin):
    form = LimitedModelForm
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ["name"]


class PartnerAnswerInline(admin.TabularInline):
    form = LimitedModelForm
    model = PartnerAnswer
    fields = ["organisation", "author", "message", "created_at"]
    readonly_fields = fields
    extra = 0


@admin.register(PartnerSearch)
class PartnerSearchAdmin(PortalAdmin):
    form = LimitedModelForm
    list_display = ["title", "organisation", "sphere", "ends_on", "created_at"]
    list_filter = ["sphere", "ends_on"]
    list_select_related = ["organisation", "sphere"]
    search_fields = ["title", "organisation__name"]
    autocomplete_fields = ["organisation"]
    inlines = [PartnerAnswerInline, StatusChangeInline]
