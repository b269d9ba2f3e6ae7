"""The contract after an open competition, its annexes and the payments of its grant.

The portal writes no clause of a contract: the office keeps the official wording in
:class:`DocumentTemplate` rows (pasted by a clerk, with named placeholders), and every
contract and annex keeps the template's version and a copy of its rendered text, so
that a later change of the template never changes a signed document.

The terms of a contract (dates, the grant per budget year and its instalments, the
plan, the results and the cost calculation) are kept as one plain ``terms`` record;
an annex holds the changed terms in the same shape, and the terms in force are those
of the latest signed annex.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField, validate_amount
from cooperation.core.models import TimeStampedModel, choices_check
from cooperation.core.uploads import FileKinds
from ngos.fields import BankAccountField

from .offer import Offer, money


class DocumentTemplateKind(models.TextChoices):
    CONTRACT = "contract", _("contract")
    ANNEX = "annex", _("annex to a contract")
    REPORT = "report", _("report")
    SIMPLIFIED_REPORT = "simplified", _("simplified report (small grants)")


class DocumentTemplate(TimeStampedModel):
    """The office's wording of a contract, an annex or a report, with placeholders.

    The body is the official text pasted by a clerk; ``{{ name }}`` placeholders
    (listed in ``grants.contract_documents.PLACEHOLDERS``) are filled in when a
    document is made. Tags, filters and other names are refused.
    """

    Kind = DocumentTemplateKind
    public_cache_areas: tuple[str, ...] = ()

    kind = models.CharField(_("kind"), max_length=12, choices=DocumentTemplateKind)
    name = models.CharField(_("name"), max_length=300)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        help_text=_("For example “Dz.U. 2018 poz. 2057, zał. nr 3”."),
    )
    version = models.CharField(_("version"), max_length=40)
    valid_from = models.DateField(_("valid from"))
    body = LimitedTextField(_("text"), kind="draft")

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["kind", "-valid_from", "-pk"]
        constraints = [
            choices_check("document_template_kind_valid", DocumentTemplateKind, "kind"),
            models.UniqueConstraint(
                fields=["kind", "version"], name="document_template_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"

    def clean(self) -> None:
        from ..contract_documents import check_template

        check_template(self.body, self.kind)


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    READY = "ready", _("ready for signature")
    SIGNED = "signed", _("signed")
    IN_PROGRESS = "in_progress", _("in progress")
    TERMINATED = "terminated", _("terminated")


class ContractNumber(models.Model):
    """The last contract number given in a year: numbers follow without gaps."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("contract number counter")
        verbose_name_plural = _("contract number counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class SignedDocument(models.Model):
    """The signature part shared by a contract and an annex."""

    template = models.ForeignKey(
        DocumentTemplate,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("template"),
    )
    template_version = models.CharField(_("template version"), max_length=40)
    body = LimitedTextField(_("text as generated"), kind="draft", blank=True)
    segments = models.JSONField(_("parts of the text as generated"), default=list)
    terms = models.JSONField(_("terms"), default=dict)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_for_municipality = models.CharField(
        _("signed for the municipality by"), max_length=300, blank=True
    )
    signed_for_organisation = models.CharField(
        _("signed for the organisation by"),
        max_length=600,
        blank=True,
        help_text=_("The names, separated by commas."),
    )
    signed_file = models.FileField(
        _("signed document"),
        upload_to="contracts/signed/%Y/",
        blank=True,
        validators=[FileKinds("pdf", "jpeg", "png")],
        help_text=_(
            "A scan of the signed paper document or the PDF signed electronically."
        ),
    )
    signatures = models.JSONField(
        _("electronic signatures found"), default=list, blank=True
    )

    class Meta:
        abstract = True

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None


class Contract(SignedDocument, TimeStampedModel):
    """The contract for carrying out a public task chosen in an open competition."""

    Status = ContractStatus
    # Signed contracts are open data (``grants.api``).
    public_cache_areas: tuple[str, ...] = ("contracts",)

    offer = models.OneToOneField(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contract",
        verbose_name=_("offer"),
    )
    small_grant = models.OneToOneField(
        "grants.SmallGrantOffer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contract",
        verbose_name=_("small-grant offer"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ContractStatus.choices,
        default=ContractStatus.DRAFT,
    )
    number = models.CharField(_("contract number"), max_length=60, unique=True)
    year = models.PositiveSmallIntegerField(_("year of the number"))
    sequence = models.PositiveIntegerField(_("number in the year"))
    form = models.CharField(_("form of the task"), max_length=10)
    title = models.CharField(_("title of the task"), max_length=300)
    grant = models.DecimalField(
        _("grant (PLN)"), max_digits=12, decimal_places=2, validators=[validate_amount]
    )
    bank_account = BankAccountField(_("bank account of the organisation"))
    cost_shift_percent = models.DecimalField(
        _("permitted shift between cost items (%)"), max_digits=5, decimal_places=2
    )
    municipality_representative = models.CharField(
        _("representative of the municipality"), max_length=300
    )
    representatives = models.JSONField(
        _("representatives of the organisation"),
        default=list,
        help_text=_("The members of the representing organ who sign."),
    )
    signatures_required = models.PositiveSmallIntegerField(
        _("signatures required"), default=1
    )
    next_due_on = models.DateField(
        _("next instalment due"),
        null=True,
        blank=True,
        help_text=_("The due date of the first instalment not yet paid in full."),
    )
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = LimitedTextField(_("reason for termination"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-year", "-sequence"]
        constraints = [
            choices_check("contract_status_valid", ContractStatus),
            models.UniqueConstraint(
                fields=["year", "sequence"], name="contract_number_once_a_year"
            ),
            models.CheckConstraint(
                condition=Q(grant__gt=0), name="contract_grant_positive"
            ),
            models.CheckConstraint(
                condition=(Q(offer__isnull=False) & Q(small_grant__isnull=True))
                | (Q(offer__isnull=True) & Q(small_grant__isnull=False)),
                name="contract_one_source",
            ),
            models.CheckConstraint(
                condition=Q(cost_shift_percent__gte=0) & Q(cost_shift_percent__lte=100),
                name="contract_cost_shift_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Contract %(number)s") % {"number": self.number})

    def get_absolute_url(self) -> str:
        return reverse("grants:my-contracts")

    @property
    def source(self) -> Any:
        """The offer the contract was made of: a competition's or a small grant."""
        return self.offer if self.offer_id else self.small_grant

    @property
    def organisation(self) -> Any:
        return self.source.organisation

    def current_terms(self, annexes: list[ContractAnnex] | None = None) -> dict:
        """The terms in force: the latest signed annex's, else the contract's own."""
        rows = annexes if annexes is not None else list(self.annexes.all())
        signed = [a for a in rows if a.status == AnnexStatus.SIGNED]
        return max(signed, key=lambda a: a.number).terms if signed else self.terms


class AnnexStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SIGNED = "signed", _("signed")


class ContractAnnex(SignedDocument, TimeStampedModel):
    """A change of a contract's dates, schedule or budget beyond the permitted shift."""

    Status = AnnexStatus
    public_cache_areas: tuple[str, ...] = ("contracts",)

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AnnexStatus.choices,
        default=AnnexStatus.DRAFT,
    )

    contract = models.ForeignKey(
        Contract,
        on_delete=models.PROTECT,
        related_name="annexes",
        verbose_name=_("contract"),
    )
    number = models.PositiveSmallIntegerField(_("annex number"))
    reason = LimitedTextField(_("reason for the change"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )

    class Meta:
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")
        ordering = ["contract", "number"]
        constraints = [
            choices_check("contract_annex_status_valid", AnnexStatus),
            models.UniqueConstraint(
                fields=["contract", "number"], name="contract_annex_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Annex no. %(number)s to contract %(contract)s")
            % {"number": self.number, "contract": self.contract.number}
        )

    def get_absolute_url(self) -> str:
        return reverse("grants:my-contracts")


class Payment(TimeStampedModel):
    """A transfer of (part of) an instalment of the grant to the organisation."""

    public_cache_areas: tuple[str, ...] = ("contracts",)

    contract = models.ForeignKey(
        Contract,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("contract"),
    )
    instalment = models.PositiveSmallIntegerField(_("instalment no."))
    paid_on = models.DateField(_("transfer date"))
    amount = models.DecimalField(
        _("amount (PLN)"),
        max_digits=12,
        decimal_places=2,
        validators=[validate_amount],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["contract", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="payment_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.number} / {self.instalment}: {money(self.amount)}"


def plain_date(value: Any) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def plain_amount(value: Any) -> Decimal:
    return money(Decimal(str(value or 0)))
