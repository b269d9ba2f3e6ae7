"""An offer on the statutory form of 24.10.2018 (Dz.U. 2018 poz. 2057, annex 1)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField, validate_amount
from cooperation.core.models import TimeStampedModel, choices_check
from ngos.fields import BankAccountField
from ngos.validators import format_bank_account

from ..querysets import OfferQuerySet

CENT = Decimal("0.01")
FORM_VERSION = "Dz.U. 2018 poz. 2057"


def money(value: Decimal | int | None) -> Decimal:
    return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)


def share(part: Decimal, total: Decimal) -> Decimal:
    """Percentage of ``total`` that ``part`` makes, to two places (0 for a zero total)."""
    if not total:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(total)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CostLine:
    """A line of V.A: a group heading, an activity, a cost or a sum."""

    kind: str
    number: str
    label: str
    total: Decimal
    per_year: list[Decimal]
    row: CostRow | None = None


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    CORRECTION_REQUESTED = "correction_requested", _("correction requested")
    FORMALLY_ACCEPTED = "formally_accepted", _("formally accepted")
    FORMALLY_REJECTED = "formally_rejected", _("formally rejected")
    SELECTED = "selected", _("chosen")
    NOT_SELECTED = "not_selected", _("not chosen")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Offer(TimeStampedModel):
    """One offer (or joint offer, art. 14 ust. 2) of an organisation in a competition."""

    Status = OfferStatus

    @staticmethod
    def public_cache_areas(
        offer: Offer, update_fields: frozenset[str]
    ) -> tuple[str, ...]:
        """Drafts and offers under correction are on no public page; a change of state is."""
        if offer.status in (OfferStatus.DRAFT, OfferStatus.CORRECTION_REQUESTED) and (
            "status" not in update_fields
        ):
            return ()
        return ("grants",)

    class Payment(models.TextChoices):
        FREE = "free", _("free of charge")
        PAID = "paid", _("for payment")

    competition = models.ForeignKey(
        "grants.Competition",
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("competition"),
    )
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("offeror"),
    )
    status = models.CharField(
        _("status"), max_length=24, choices=OfferStatus.choices, default="draft"
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Raised on every save; a stale save is refused."),
    )
    form_version = models.CharField(
        _("form template"), max_length=40, default=FORM_VERSION
    )
    is_joint = models.BooleanField(_("joint offer (art. 14 ust. 2)"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    # Section I.
    addressed_to = models.CharField(
        _("I.1 public body the offer is addressed to"), max_length=300, blank=True
    )
    task_type = LimitedTextField(_("I.2 type of public task"), blank=True)
    # Section II.
    offeror_name = models.CharField(_("name"), max_length=300, blank=True)
    offeror_legal_form = models.CharField(_("legal form"), max_length=120, blank=True)
    offeror_register = models.CharField(
        _("KRS or other register number"), max_length=200, blank=True
    )
    offeror_address = models.CharField(
        _("registered address"), max_length=300, blank=True
    )
    offeror_website = models.CharField(_("website"), max_length=200, blank=True)
    offeror_correspondence = models.CharField(
        _("correspondence address"), max_length=300, blank=True
    )
    offeror_email = models.EmailField(_("e-mail"), blank=True)
    offeror_phone = models.CharField(_("phone"), max_length=40, blank=True)
    offeror_bank_account = BankAccountField(_("bank account number"), blank=True)
    contact_name = models.CharField(
        _("person authorised to give explanations"), max_length=200, blank=True
    )
    contact_phone = models.CharField(_("their phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("their e-mail"), blank=True)
    # Section III.
    title = models.CharField(_("III.1 title of the task"), max_length=300, blank=True)
    start_date = models.DateField(_("III.2 start date"), null=True, blank=True)
    end_date = models.DateField(_("III.2 end date"), null=True, blank=True)
    # III.3 names exactly four points: place, target group, the way its problems are
    # solved or its needs met, and complementarity with other actions.
    place = LimitedTextField(_("place of the task"), blank=True)
    target_group = LimitedTextField(_("target group"), blank=True)
    method = LimitedTextField(
        _("the way its problems are solved or its needs met"), blank=True
    )
    complementarity = LimitedTextField(
        _("complementarity with other actions of the organisation or other bodies"),
        blank=True,
    )
    expected_change = LimitedTextField(
        _("III.5 expected results: what will change and how lasting it is"), blank=True
    )
    # Section IV.
    previous_activity = LimitedTextField(
        _("IV.1 previous activity, especially in the task's field"), blank=True
    )
    resources = LimitedTextField(
        _("IV.2 staff, material and financial resources for the task"), blank=True
    )
    # Section V.B: the amounts the offeror states; totals and shares are computed.
    requested_grant = models.DecimalField(
        _("requested grant (PLN)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[validate_amount],
    )
    own_financial = models.DecimalField(
        _("own financial contribution (PLN)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[validate_amount],
    )
    own_non_financial = models.DecimalField(
        _("own non-financial contribution: staff and in kind (PLN)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[validate_amount],
    )
    recipient_payments = models.DecimalField(
        _("payments from recipients (PLN)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[validate_amount],
    )
    # Section VI.
    payment = models.CharField(
        _("VI.1 the task is carried out"),
        max_length=10,
        choices=Payment.choices,
        default="free",
    )
    joint_roles = LimitedTextField(
        _("VI.2 joint offer: who does what and how the offerors represent each other"),
        blank=True,
    )
    other_information = LimitedTextField(_("VI.3 other information"), blank=True)
    # Section VII: the statements, their labels as in the template (the wording is not
    # verified against Dz.U. 2018 poz. 2057: see grants.layout).
    st_public_benefit = models.BooleanField(
        _(
            "1) the proposed public task will be carried out only within the "
            "public-benefit activity of the offeror(s);"
        ),
        default=False,
    )
    st_payments = models.BooleanField(
        _(
            "2) cash payments will be collected only within the paid public-benefit "
            "activity carried out;"
        ),
        default=False,
    )
    st_no_tax_arrears = models.BooleanField(
        _(
            "3) the offeror* / offerors* submitting this offer is (are)* not / is "
            "(are)* in arrears with paying liabilities from tax obligations;"
        ),
        default=False,
        help_text=_("Tick if the offeror is not in arrears; leave empty if it is."),
    )
    st_no_zus_arrears = models.BooleanField(
        _(
            "4) the offeror* / offerors* submitting this offer is (are)* not / is "
            "(are)* in arrears with paying liabilities from social-security "
            "contributions;"
        ),
        default=False,
        help_text=_("Tick if the offeror is not in arrears; leave empty if it is."),
    )
    st_register = models.BooleanField(
        _(
            "5) the data in part II of this offer agree with the National Court "
            "Register* / the relevant register*;"
        ),
        default=False,
    )
    st_true = models.BooleanField(
        _(
            "6) all information given in the offer and its annexes agrees with the "
            "current legal and factual state;"
        ),
        default=False,
    )
    st_personal_data = models.BooleanField(
        _(
            "7) as regards the open competition for offers, including the collection, "
            "processing and transfer of personal data and their entry into IT "
            "systems, the persons concerned by these data have made the appropriate "
            "statements in accordance with the personal data protection provisions."
        ),
        default=False,
    )
    # Frozen at submission.
    number = models.CharField(_("offer number"), max_length=40, blank=True)
    sequence = models.PositiveIntegerField(
        _("number within the competition"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    checksum = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True)
    content = models.JSONField(_("content as submitted"), default=dict, blank=True)
    # Formal check.
    formal_note = LimitedTextField(_("formal check: reason or remarks"), blank=True)
    correction_fields = models.JSONField(
        _("fields to correct"), default=list, blank=True
    )
    correction_deadline = models.DateTimeField(_("correct by"), null=True, blank=True)
    formally_checked_at = models.DateTimeField(
        _("formally checked"), null=True, blank=True
    )
    # Decision.
    granted_amount = models.DecimalField(
        _("granted amount (PLN)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_amount],
    )
    decision_reason = LimitedTextField(_("reason of the decision"), blank=True)
    proposed_amount = models.DecimalField(
        _("amount proposed by the committee (PLN)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_amount],
    )
    over_request_reason = LimitedTextField(
        _("reason for granting more than requested"), blank=True
    )

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["competition", "sequence", "pk"]
        constraints = [
            choices_check("offer_status_valid", OfferStatus),
            models.UniqueConstraint(
                fields=["competition", "sequence"], name="offer_unique_sequence"
            ),
            models.CheckConstraint(
                condition=Q(requested_grant__gte=0)
                & Q(own_financial__gte=0)
                & Q(own_non_financial__gte=0)
                & Q(recipient_payments__gte=0),
                name="offer_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | ~Q(checksum=""),
                name="offer_submitted_has_checksum",
            ),
        ]
        indexes = [models.Index(fields=["competition", "status"])]

    def __str__(self) -> str:
        label = self.title or _("(untitled offer)")
        return f"{self.number} {label}".strip() if self.number else str(label)

    def get_absolute_url(self) -> str:
        return reverse("grants:offer-detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in (OfferStatus.DRAFT, OfferStatus.CORRECTION_REQUESTED)

    @property
    def bank_account_display(self) -> str:
        """The account number grouped in fours, as it is written on paper."""
        return format_bank_account(self.offeror_bank_account)

    # Computed amounts (section V). Rows must be loaded; selectors prefetch them.
    def cost_rows_of(self, category: str) -> list[CostRow]:
        return [r for r in self.cost_rows.all() if r.category == category]

    @property
    def activity_costs(self) -> Decimal:
        return money(
            sum(
                (r.total for r in self.cost_rows_of(CostRow.Category.ACTIVITY)),
                Decimal(0),
            )
        )

    @property
    def administrative_costs(self) -> Decimal:
        return money(
            sum(
                (r.total for r in self.cost_rows_of(CostRow.Category.ADMINISTRATIVE)),
                Decimal(0),
            )
        )

    @property
    def total_costs(self) -> Decimal:
        return self.activity_costs + self.administrative_costs

    @property
    def own_contribution(self) -> Decimal:
        return money(self.own_financial) + money(self.own_non_financial)

    @property
    def total_funding(self) -> Decimal:
        return (
            money(self.requested_grant)
            + self.own_contribution
            + money(self.recipient_payments)
        )

    @property
    def lead_cost_share(self) -> Decimal:
        """V.C: the part of the costs left to the lead offeror of a joint offer."""
        return self.total_costs - sum(
            (money(p.cost_share) for p in self.co_offerors.all()), Decimal(0)
        )

    @property
    def budget_years(self) -> list[int]:
        """The calendar (budget) years the task spans, from III.2."""
        if not self.start_date or not self.end_date or self.start_date > self.end_date:
            return []
        return list(range(self.start_date.year, self.end_date.year + 1))

    @property
    def is_multi_year(self) -> bool:
        return len(self.budget_years) > 1

    def actions_by_year(
        self,
    ) -> list[tuple[int | None, list[tuple[int, ScheduleAction]]]]:
        """III.4 per budget year: (year, [(number, activity), …]), numbered overall."""
        numbered = list(enumerate(self.actions.all(), start=1))
        years = self.budget_years or [None]
        by_year: dict[int | None, list[tuple[int, ScheduleAction]]] = {
            y: [] for y in years
        }
        for n, action in numbered:
            key = action.year if action.year in by_year else years[0]
            by_year[key].append((n, action))
        return [(y, rows) for y, rows in by_year.items() if rows or y == years[0]]

    def cost_table(self) -> list[CostLine]:
        """V.A as the template lays it out, numbered per group.

        I. costs of the activities: I.1 for activity 1 of III.4, I.1.1 for its first
        cost, …; II. administrative costs: II.1, II.2, …; each line with its value in
        total and per budget year.
        """
        years = self.budget_years
        costs = list(self.cost_rows.all())

        def per_year(rows: list[CostRow]) -> list[Decimal]:
            return [
                money(
                    sum((r.total for r in rows if r.budget_year(self) == y), Decimal(0))
                )
                for y in years
            ]

        def line(kind: str, number: str, label: str, rows: list[CostRow], row=None):
            total = money(sum((r.total for r in rows), Decimal(0)))
            return CostLine(kind, number, label, total, per_year(rows), row)

        activity = [r for r in costs if r.category == CostRow.Category.ACTIVITY]
        administrative = [
            r for r in costs if r.category == CostRow.Category.ADMINISTRATIVE
        ]
        lines = [
            line("group", "I.", str(_("Costs of carrying out the activities")), [])
        ]
        for n, action in enumerate(self.actions.all(), start=1):
            own = [r for r in activity if r.action_id == action.pk]
            lines.append(line("activity", f"I.{n}.", action.name, own))
            for m, row in enumerate(own, start=1):
                lines.append(line("cost", f"I.{n}.{m}.", row.name, [row], row))
        known = {a.pk for a in self.actions.all()}
        loose = [r for r in activity if r.action_id not in known]
        if loose:
            lines.append(line("activity", "I.?", str(_("(no activity chosen)")), loose))
            for m, row in enumerate(loose, start=1):
                lines.append(line("cost", f"I.?.{m}.", row.name, [row], row))
        lines.append(line("sum", "", str(_("Total costs of the activities")), activity))
        lines.append(line("group", "II.", str(_("Administrative costs")), []))
        for m, row in enumerate(administrative, start=1):
            lines.append(line("cost", f"II.{m}.", row.name, [row], row))
        lines.append(
            line("sum", "", str(_("Total administrative costs")), administrative)
        )
        lines.append(line("total", "", str(_("Total costs of the task")), costs))
        return lines

    def funding_shares(self) -> list[tuple[str, str, Decimal, Decimal]]:
        """Rows of V.B: (number, label, amount, % of total costs)."""
        total = self.total_costs
        rows = [
            ("1", _("Total costs of the task"), total),
            ("2", _("Requested grant"), money(self.requested_grant)),
            ("3", _("Own contribution"), self.own_contribution),
            ("3.1", _("own financial contribution"), money(self.own_financial)),
            (
                "3.2",
                _("own non-financial contribution (staff and in kind)"),
                money(self.own_non_financial),
            ),
            ("4", _("Payments from recipients"), money(self.recipient_payments)),
        ]
        return [
            (n, str(label), amount, share(amount, total)) for n, label, amount in rows
        ]


class ScheduleAction(models.Model):
    """III.4: an activity in the plan and schedule."""

    # Parts of the offer's form, on no public page (``cooperation.core.cache``).
    public_cache_areas: tuple[str, ...] = ()

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="actions", verbose_name=_("offer")
    )
    position = models.PositiveSmallIntegerField(_("no."), default=0)
    name = models.CharField(_("activity"), max_length=300)
    description = LimitedTextField(_("description"), blank=True)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("to"), null=True, blank=True)
    subcontractor = models.CharField(
        _("part done by a non-party entity"), max_length=300, blank=True
    )
    # A joint offer names, for each activity, the offeror that carries it out.
    performer = models.CharField(
        _("offeror carrying out the activity"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("scheduled activity")
        verbose_name_plural = _("plan and schedule of activities")
        ordering = ["offer", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def year(self) -> int | None:
        """The budget year the activity falls in (it may not span two, art. 221)."""
        day = self.start or self.end
        return day.year if day else None


class ExpectedResult(models.Model):
    """III.6: a result with its target value and how it is monitored."""

    # Parts of the offer's form, on no public page (``cooperation.core.cache``).
    public_cache_areas: tuple[str, ...] = ()

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="results", verbose_name=_("offer")
    )
    position = models.PositiveSmallIntegerField(_("no."), default=0)
    name = models.CharField(_("result"), max_length=300)
    target_value = models.CharField(_("target value"), max_length=120, blank=True)
    monitoring = models.CharField(_("how it is monitored"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("expected result")
        verbose_name_plural = _("expected results")
        ordering = ["offer", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class CostRow(models.Model):
    """V.A: a cost with unit, unit cost and number of units; the total is computed."""

    # Parts of the offer's form, on no public page (``cooperation.core.cache``).
    public_cache_areas: tuple[str, ...] = ()

    class Category(models.TextChoices):
        ACTIVITY = "activity", _("I. costs of carrying out the activities")
        ADMINISTRATIVE = "administrative", _("II. administrative costs")

    offer = models.ForeignKey(
        Offer,
        on_delete=models.CASCADE,
        related_name="cost_rows",
        verbose_name=_("offer"),
    )
    category = models.CharField(
        _("group"), max_length=20, choices=Category.choices, default="activity"
    )
    position = models.PositiveSmallIntegerField(_("no."), default=0)
    name = models.CharField(_("type of cost"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    unit_cost = models.DecimalField(
        _("unit cost (PLN)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[validate_amount],
    )
    units = models.DecimalField(
        _("number of units"), max_digits=10, decimal_places=2, default=Decimal("1")
    )
    # Group I: the activity of III.4 the cost belongs to (I.1 activity, I.1.1 cost).
    action = models.ForeignKey(
        ScheduleAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="costs",
        verbose_name=_("activity"),
    )
    # Group II in a task of several budget years: the year the cost falls in (a
    # cost of group I falls in its activity's year).
    year = models.PositiveSmallIntegerField(_("budget year"), null=True, blank=True)
    co_offeror = models.ForeignKey(
        "grants.CoOfferor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cost_rows",
        verbose_name=_("borne by co-offeror"),
    )

    class Meta:
        verbose_name = _("cost")
        verbose_name_plural = _("cost calculation")
        ordering = ["offer", "category", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit_cost__gte=0) & Q(units__gte=0),
                name="cost_row_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(category__in=["activity", "administrative"]),
                name="cost_row_category_valid",
            ),
            models.CheckConstraint(
                condition=Q(category="activity") | Q(action__isnull=True),
                name="cost_row_administrative_has_no_action",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def total(self) -> Decimal:
        return money(Decimal(self.unit_cost) * Decimal(self.units))

    def budget_year(self, offer: Offer) -> int | None:
        """The budget year the cost falls in: its activity's, or the one it names."""
        if self.category == CostRow.Category.ACTIVITY:
            action = self.action_of(offer)
            return action.year if action else None
        years = offer.budget_years
        return self.year or (years[0] if years else None)

    def action_of(self, offer: Offer) -> ScheduleAction | None:
        """The row's activity among the offer's loaded activities (no query)."""
        return next((a for a in offer.actions.all() if a.pk == self.action_id), None)


class CoOfferor(models.Model):
    """A partner in a joint offer, with its part of the task (VI.2) and of the costs (V.C)."""

    # Parts of the offer's form, on no public page (``cooperation.core.cache``).
    public_cache_areas: tuple[str, ...] = ()

    offer = models.ForeignKey(
        Offer,
        on_delete=models.CASCADE,
        related_name="co_offerors",
        verbose_name=_("offer"),
    )
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation in the portal"),
    )
    # Section II, given for each offeror.
    name = models.CharField(_("name"), max_length=300)
    legal_form = models.CharField(_("legal form"), max_length=120, blank=True)
    register = models.CharField(
        _("KRS or other register number"), max_length=200, blank=True
    )
    address = models.CharField(_("registered address"), max_length=300, blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    correspondence = models.CharField(
        _("correspondence address"), max_length=300, blank=True
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Section VII, points 3 and 4: each offeror answers for itself.
    st_no_tax_arrears = models.BooleanField(
        _("not in arrears with tax liabilities (VII.3)"), default=False
    )
    st_no_zus_arrears = models.BooleanField(
        _("not in arrears with social-security contributions (VII.4)"),
        default=False,
    )
    part = LimitedTextField(_("its part of the task"), blank=True)
    cost_share = models.DecimalField(
        _("its part of the costs (PLN)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[validate_amount],
    )
    position = models.PositiveSmallIntegerField(_("no."), default=0)

    class Meta:
        verbose_name = _("co-offeror")
        verbose_name_plural = _("co-offerors")
        ordering = ["offer", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_share__gte=0), name="co_offeror_share_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.name
