"""Reports on a contract (sprawozdania), refunds of the grant and the tax-arrears rate.

One :class:`Report` serves both official forms: the full report (Dz.U. 2018 poz. 2057,
załącznik nr 5) and the simplified report (Dz.U. 2018 poz. 2055). Its content is kept
in the same shape as ``Contract.terms`` so that any source of a contract can be
reported on; the template's version is stored on every report.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField, validate_amount
from cooperation.core.models import TimeStampedModel, choices_check

from .contracts import Contract, SignedDocument
from .signing import ATTACHMENT_KINDS


class ReportKind(models.TextChoices):
    PARTIAL = "partial", _("partial")
    YEARLY = "yearly", _("yearly")
    FINAL = "final", _("final")


class ReportForm(models.TextChoices):
    FULL = "full", _("full (Dz.U. 2018 poz. 2057, zał. nr 5)")
    SIMPLIFIED = "simplified", _("simplified (Dz.U. 2018 poz. 2055)")


class ReportStatus(models.TextChoices):
    CALLED = "called", _("called for")
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    CORRECTIONS = "corrections", _("corrections requested")
    ACCEPTED = "accepted", _("accepted")


class Report(SignedDocument, TimeStampedModel):
    """A partial, yearly or final report on carrying out a public task."""

    Kind = ReportKind
    Form = ReportForm
    Status = ReportStatus

    @staticmethod
    def public_cache_areas(
        report: Report, update_fields: frozenset[str]
    ) -> tuple[str, ...]:
        """A report is on no public page; its acceptance may settle the grant, which
        the competition's page shows."""
        return ("contracts",) if "status" in update_fields else ()

    contract = models.ForeignKey(
        Contract,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("contract"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    form = models.CharField(_("form"), max_length=12, choices=ReportForm.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    called_on = models.DateField(_("called for on"), null=True, blank=True)
    due_on = models.DateField(_("due on"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    corrections_due_on = models.DateField(
        _("corrections due on"), null=True, blank=True
    )
    corrections_request = LimitedTextField(
        _("corrections or explanations requested"), blank=True
    )
    content = models.JSONField(
        _("content of the report"),
        default=dict,
        help_text=_(
            "Results and how they were measured, lasting results, activities and "
            "deviations, parts done by others, costs, funding sources, other income, "
            "recipients' payments, part III, statements and attachments."
        ),
    )
    reminders_sent = models.JSONField(_("reminders sent"), default=list, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["contract", "period_end", "pk"]
        constraints = [
            choices_check("report_kind_valid", ReportKind, "kind"),
            choices_check("report_form_valid", ReportForm, "form"),
            choices_check("report_status_valid", ReportStatus),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_ordered",
            ),
            models.UniqueConstraint(
                fields=["contract"],
                condition=Q(kind="final"),
                name="report_one_final_per_contract",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return str(
            _("%(kind)s report on contract %(number)s")
            % {"kind": self.get_kind_display(), "number": self.contract.number}
        )

    def get_absolute_url(self) -> str:
        return reverse("grants:report-detail", args=[self.pk])


class ReportAttachment(models.Model):
    """A document listed with a report (an invoice, a bill, a list of participants),
    with its file."""

    # Parts of a report, on no public page (``cooperation.core.cache``).
    public_cache_areas: tuple[str, ...] = ()

    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("report"),
    )
    name = models.CharField(
        _("document"),
        max_length=300,
        help_text=_("For example “Invoice no. 12/2026 of 3 March 2026”."),
    )
    file = models.FileField(
        _("file"), upload_to="grants/reports/%Y/", validators=[ATTACHMENT_KINDS]
    )
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("report attachment")
        verbose_name_plural = _("report attachments")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.name


class TaxInterestRate(models.Model):
    """The rate of interest on tax arrears (per annum), in force from a day."""

    valid_from = models.DateField(_("valid from"), unique=True)
    rate = models.DecimalField(_("rate (% a year)"), max_digits=5, decimal_places=2)
    source = models.CharField(_("published in"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("tax arrears interest rate")
        verbose_name_plural = _("tax arrears interest rates")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gt=0), name="tax_interest_rate_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rate}% ({self.valid_from.isoformat()})"


class RefundKind(models.TextChoices):
    UNUSED = "unused", _("unused (art. 251)")
    MISUSED = "misused", _("used not as intended (art. 252)")
    EXCESSIVE = "excessive", _("collected excessively (art. 252)")


class RefundStatus(models.TextChoices):
    DUE = "due", _("due")
    SETTLED = "settled", _("settled")


class Refund(TimeStampedModel):
    """An amount of the grant to be returned, with its deadline and what was paid."""

    Kind = RefundKind
    Status = RefundStatus
    # What is due and returned decides whether the grant is settled, which the
    # competition's page shows.
    public_cache_areas: tuple[str, ...] = ("contracts",)

    contract = models.ForeignKey(
        Contract,
        on_delete=models.PROTECT,
        related_name="refunds",
        verbose_name=_("contract"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RefundKind.choices)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=RefundStatus.choices,
        default=RefundStatus.DUE,
    )
    amount = models.DecimalField(
        _("amount to return (PLN)"),
        max_digits=12,
        decimal_places=2,
        validators=[validate_amount],
    )
    interest_from = models.DateField(_("interest runs from"))
    due_on = models.DateField(_("to be returned by"))
    found_on = models.DateField(_("found on"), null=True, blank=True)
    received = models.JSONField(
        _("refunds received"),
        default=list,
        blank=True,
        help_text=_("Each transfer received: date, amount and interest part."),
    )
    note = LimitedTextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["due_on", "pk"]
        constraints = [
            choices_check("refund_kind_valid", RefundKind, "kind"),
            choices_check("refund_status_valid", RefundStatus),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="refund_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.number}: {self.get_kind_display()} {self.amount}"
