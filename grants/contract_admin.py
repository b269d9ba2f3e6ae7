"""The admin of document templates, contracts, annexes and payments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cooperation.core.admin import PortalAdmin, RecentRelatedFilter, WorkflowAdmin
from cooperation.core.limits import AmountField, LimitedModelForm

from . import contract_documents, services
from .models import (
    Competition,
    Contract,
    ContractAnnex,
    ContractStatus,
    DocumentTemplate,
    Offer,
    OfferStatus,
    Payment,
    Refund,
    RefundStatus,
    Report,
    ReportStatus,
)
from .selectors import settlement_annotations
from .validators import pln


class DocumentTemplateForm(LimitedModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["kind", "name", "legal_basis", "version", "valid_from", "body"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _(
            "Paste the official wording. Placeholders: %(list)s."
        ) % {"list": contract_documents.help_text()}


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(PortalAdmin):
    """The office's wording of contracts, annexes and reports, with placeholders."""

    form = DocumentTemplateForm
    list_display = ["name", "kind", "version", "valid_from", "legal_basis"]
    list_filter = ["kind"]


def overdue_annotations() -> dict[str, Any]:
    """What is overdue under each contract, read in the list's own query: an
    instalment not paid by its date, a report not sent by its deadline (or by the
    deadline for its corrections), a refund not returned by its deadline."""
    today = timezone.localdate()
    return {
        "late_report": Exists(
            Report.objects.filter(contract=OuterRef("pk")).filter(
                Q(
                    status__in=[ReportStatus.CALLED, ReportStatus.DRAFT],
                    due_on__lt=today,
                )
                | Q(status=ReportStatus.CORRECTIONS, corrections_due_on__lt=today)
            )
        ),
        "late_refund": Exists(
            Refund.objects.filter(
                contract=OuterRef("pk"), status=RefundStatus.DUE, due_on__lt=today
            )
        ),
    }


OVERDUE = {
    "instalment": lambda today: Q(next_due_on__lt=today),
    "report": lambda today: Q(late_report=True),
    "refund": lambda today: Q(late_refund=True),
}


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("something overdue")),
            ("instalment", _("an instalment overdue")),
            ("report", _("a report overdue")),
            ("refund", _("a refund overdue")),
            ("no", _("nothing overdue")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        value = self.value()
        anything = Q()
        for condition in OVERDUE.values():
            anything |= condition(today)
        if value in OVERDUE:
            return queryset.filter(OVERDUE[value](today))
        if value == "yes":
            return queryset.filter(anything)
        if value == "no":
            return queryset.exclude(anything)
        return queryset


class ContractCompetitionFilter(RecentRelatedFilter):
    title = _("competition")
    field = "offer__competition"

    def related(self):
        return Competition.objects.order_by("-offers_deadline", "-pk")


class ContractAddForm(forms.ModelForm):
    offer = forms.ModelChoiceField(
        label=_("offer"),
        queryset=Offer.objects.filter(
            status=OfferStatus.SELECTED, contract__isnull=True
        ).select_related("organisation"),
    )

    class Meta:
        model = Contract
        fields = ["offer"]


@admin.register(Contract)
class ContractAdmin(WorkflowAdmin):
    """Contracts: prepared from a chosen offer, signed, carried out or terminated."""

    transitions = services.TRANSITIONS
    list_display = [
        "number",
        "organisation_name",
        "title",
        "status",
        "grant",
        "transferred",
        "next_due_on",
        "overdue",
        "pdf_link",
    ]
    list_filter = ["status", OverdueFilter, ContractCompetitionFilter]
    list_select_related = ["offer__organisation", "small_grant__organisation"]
    search_fields = [
        "number",
        "title",
        "offer__organisation__name",
        "small_grant__organisation__name",
    ]

    def records_vary(self, request):
        # What is overdue changes with the day too.
        return (*super().records_vary(request), timezone.localdate().isoformat())

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(**overdue_annotations(), **settlement_annotations(""))
        )

    @admin.display(description=_("organisation"))
    def organisation_name(self, obj):
        return obj.organisation.name

    @admin.display(description=_("transferred (PLN)"))
    def transferred(self, obj):
        return getattr(obj, "transferred", None)

    @admin.display(description=_("overdue"))
    def overdue(self, obj):
        late = []
        if obj.next_due_on and obj.next_due_on < timezone.localdate():
            late.append(str(_("instalment")))
        if getattr(obj, "late_report", False):
            late.append(str(_("report")))
        if getattr(obj, "late_refund", False):
            late.append(str(_("refund")))
        return ", ".join(late) or "—"

    def transition_done(self, request, obj, step):
        """Say what a step that keeps the contract's state made."""
        if step.key == "call_report":
            report = obj.reports.order_by("-pk").first()
            self.message_user(
                request,
                _("Partial report called for, due on %(date)s.")
                % {"date": report.due_on.isoformat()},
                messages.SUCCESS,
            )
        elif step.key.startswith("refund_"):
            refund = obj.refunds.order_by("-pk").first()
            if (
                refund is None
                or step.key == "refund_unused"
                and (refund.kind != "unused")
            ):
                self.message_user(
                    request,
                    _("Nothing is left unused: nothing to return."),
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    _("To be returned: %(amount)s by %(date)s.")
                    % {"amount": pln(refund.amount), "date": refund.due_on.isoformat()},
                    messages.SUCCESS,
                )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ContractAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["offer"]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fields = [f.name for f in Contract._meta.concrete_fields] + [
            "pdf_link",
            "settlement_link",
        ]
        if obj.status == ContractStatus.READY:
            fields.remove("signed_file")
        return fields

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["signed_file"])
            return
        created = services.contract_create(
            offer=form.cleaned_data["offer"], actor=request.user
        )
        obj.__dict__.update(created.__dict__)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("Document"))
    def pdf_link(self, obj):
        return format_html(
            '<a href="{}">PDF</a>', reverse("grants:contract-pdf", args=[obj.pk])
        )

    @admin.display(description=_("Settlement of the grant"))
    def settlement_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("grants:settlement-pdf", args=[obj.pk]),
            _("Settlement (PDF)"),
        )


class AnnexAddForm(LimitedModelForm):
    start_date = forms.DateField(label=_("new start date"), required=False)
    end_date = forms.DateField(label=_("new end date"), required=False)

    class Meta:
        model = ContractAnnex
        fields = ["contract", "reason"]


@admin.register(ContractAnnex)
class ContractAnnexAdmin(WorkflowAdmin):
    """Annexes: a change of the dates (here) or of the schedule and budget (by the
    service), numbered per contract, signed like the contract."""

    transitions = services.TRANSITIONS
    list_display = ["__str__", "status", "signed_on"]
    list_filter = ["status"]
    list_select_related = ["contract"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = AnnexAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["contract", "reason", "start_date", "end_date"]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fields = [f.name for f in ContractAnnex._meta.concrete_fields]
        if obj.status == "draft":
            fields.remove("signed_file")
        return fields

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["signed_file"])
            return
        changes = {
            k: form.cleaned_data[k]
            for k in ("start_date", "end_date")
            if form.cleaned_data.get(k)
        }
        created = services.annex_create(
            contract=form.cleaned_data["contract"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
            changes=changes,
        )
        obj.__dict__.update(created.__dict__)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PaymentForm(LimitedModelForm):
    amount = AmountField(label=_("amount (PLN)"))

    class Meta:
        model = Payment
        fields = ["contract", "instalment", "paid_on", "amount"]


@admin.register(Payment)
class PaymentAdmin(PortalAdmin):
    """Transfers of the grant's instalments, recorded by a clerk."""

    form = PaymentForm
    list_display = ["contract", "instalment", "paid_on", "amount", "recorded_by"]
    list_select_related = ["contract", "recorded_by"]
    search_fields = ["contract__number"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        created = services.payment_record(
            contract=form.cleaned_data["contract"],
            actor=request.user,
            instalment=form.cleaned_data["instalment"],
            paid_on=form.cleaned_data["paid_on"],
            amount=form.cleaned_data["amount"],
        )
        obj.__dict__.update(created.__dict__)
