"""Clerks' back office for the registry: verification, memberships, exports, audit."""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import (
    display_for_field,
    display_for_value,
    label_for_field,
    lookup_field,
)
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cooperation.core.admin import AuditedAdmin, StatusChangeInline
from cooperation.core.exceptions import DomainError
from cooperation.core.limits import LimitedInputMixin, LimitedModelForm

from . import services
from .models import (
    Area,
    Membership,
    Organisation,
    PartnerAnswer,
    PartnerSearch,
    PublicBenefitSphere,
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


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
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
    list_per_page = 50
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ["spheres", "areas"]
    readonly_fields = ["verified_at", "verified_by", "created_at", "updated_at"]
    inlines = [MembershipInline, StatusChangeInline]
    actions = ["verify"]
    change_list_template = "admin/ngos/organisation/change_list.html"
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
        return super().get_queryset(request).defer("search_vector", "search_text")

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
            services.check_duplicates(krs=obj.krs, nip=obj.nip, exclude_pk=obj.pk)
        except DomainError as error:
            raise forms.ValidationError(error.message) from None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.organisation_refresh_search(organisation=form.instance)

    @admin.action(description=_("Verify the selected organisations"))
    def verify(self, request, queryset):
        count = 0
        for organisation in queryset.filter(verified_at__isnull=True):
            services.organisation_verify(organisation=organisation, actor=request.user)
            count += 1
        self.message_user(
            request,
            gettext("%(count)d organisation(s) verified.") % {"count": count},
            messages.SUCCESS,
        )

    # --- exports of exactly what the filtered list shows ---------------------------

    def get_urls(self):
        return [
            path(
                "export/csv/",
                self.admin_site.admin_view(self.export_csv),
                name="ngos_organisation_export_csv",
            ),
            path(
                "export/xlsx/",
                self.admin_site.admin_view(self.export_xlsx),
                name="ngos_organisation_export_xlsx",
            ),
            *super().get_urls(),
        ]

    def _export_rows(self, request) -> tuple[list[str], list[list[str]]]:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        queryset = changelist.get_queryset(request)
        columns = [c for c in changelist.list_display if c != "action_checkbox"]
        header = [
            strip_tags(str(label_for_field(c, self.model, self))) for c in columns
        ]
        rows = []
        for obj in queryset:
            row = []
            for column in columns:
                field, attr, value = lookup_field(column, obj, self)
                boolean = getattr(attr, "boolean", False)
                if boolean or isinstance(value, bool):
                    text = gettext("yes") if value else gettext("no")
                elif field is not None:
                    text = display_for_field(value, field, "")
                else:
                    text = display_for_value(value, "")
                row.append(strip_tags(str(text)))
            rows.append(row)
        return header, rows

    def export_csv(self, request):
        header, rows = self._export_rows(request)
        buffer = io.StringIO()
        buffer.write("\ufeff")  # Excel opens UTF-8 with the byte order mark
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(
            buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="organizacje-{timezone.localdate():%Y-%m-%d}.csv"'
        )
        return response

    def export_xlsx(self, request):
        from openpyxl import Workbook

        header, rows = self._export_rows(request)
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = gettext("Organisations")[:31]
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="organizacje-{timezone.localdate():%Y-%m-%d}.xlsx"'
        )
        return response


class DecisionForm(LimitedInputMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Required when refusing; the person receives it by e-mail."),
    )


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
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
    actions = ["approve"]
    change_form_template = "admin/ngos/membership/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["user", "organisation", "role"]
        return fields

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

    @admin.action(description=_("Approve the selected memberships"))
    def approve(self, request, queryset):
        done = 0
        for membership in queryset.filter(
            status=Membership.Status.PENDING
        ).select_related("organisation", "user"):
            try:
                services.membership_approve(membership=membership, actor=request.user)
                done += 1
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
        self.message_user(
            request, gettext("%(count)d membership(s) approved.") % {"count": done}
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="ngos_membership_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk: int):
        """Approve or refuse one request, with a reason that is e-mailed."""
        membership = get_object_or_404(
            Membership.objects.select_related("user", "organisation"), pk=pk
        )
        if not self.has_change_permission(request, membership):
            raise PermissionDenied
        form = DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            reason = form.cleaned_data["reason"]
            try:
                if "refuse" in request.POST:
                    services.membership_refuse(
                        membership=membership, actor=request.user, reason=reason
                    )
                else:
                    services.membership_approve(
                        membership=membership, actor=request.user, reason=reason
                    )
            except DomainError as error:
                form.add_error(
                    "reason" if error.field == "reason" else None, error.message
                )
            else:
                self.message_user(
                    request,
                    gettext("The decision is saved and e-mailed."),
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:ngos_membership_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Decide on the request of %(person)s")
            % {"person": membership.user},
            "membership": membership,
            "form": form,
        }
        return TemplateResponse(request, "admin/ngos/membership/decide.html", context)


@admin.register(PublicBenefitSphere)
class PublicBenefitSphereAdmin(admin.ModelAdmin):
    form = LimitedModelForm
    list_display = ["code", "number", "name_pl", "name_en", "valid_from", "valid_until"]
    search_fields = ["code", "name_pl", "name_en"]
    list_filter = [("valid_until", admin.EmptyFieldListFilter)]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
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
class PartnerSearchAdmin(admin.ModelAdmin):
    form = LimitedModelForm
    list_display = ["title", "organisation", "sphere", "ends_on", "created_at"]
    list_filter = ["sphere", "ends_on"]
    list_select_related = ["organisation", "sphere"]
    search_fields = ["title", "organisation__name"]
    autocomplete_fields = ["organisation"]
    inlines = [PartnerAnswerInline, StatusChangeInline]
