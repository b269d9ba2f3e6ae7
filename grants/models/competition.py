"""An open competition for offers (art. 11–15 and 18a of the Act)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField, validate_amount
from cooperation.core.models import TimeStampedModel, choices_check

from ..querysets import CompetitionQuerySet


class CompetitionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ANNOUNCED = "announced", _("announced")
    CLOSED = "closed", _("closed for offers")
    FORMAL_REVIEW = "formal_review", _("formal review")
    COMMITTEE_REVIEW = "committee_review", _("committee review")
    DECISION = "decision", _("decision taken")
    RESULTS_PUBLISHED = "results_published", _("results published")
    ANNULLED = "annulled", _("annulled")


# Art. 15 ust. 1 pkt 1–6: what the body weighs when it considers an offer, as the
# admin offers them pre-filled. Point 4 (own and other funds) applies to supporting.
STATUTORY_CRITERIA: list[tuple[int, Any, int]] = [
    (1, _("Ability of the offeror to carry out the task"), 10),
    (2, _("Cost calculation, including in relation to the scope of the task"), 10),
    (
        3,
        _("Proposed quality of the task and qualifications of the people doing it"),
        10,
    ),
    (4, _("Planned share of own funds or funds from other sources"), 5),
    (
        5,
        _(
            "Planned contribution in kind and of people, including volunteers' work "
            "and members' social work"
        ),
        5,
    ),
    (
        6,
        _(
            "Record of tasks commissioned in previous years: reliability, timeliness "
            "and settlement of the funds"
        ),
        5,
    ),
]
OWN_FUNDS_POINT = 4


def statutory_points_for(form: str) -> list[int]:
    """The points of art. 15 ust. 1 that apply to a competition of ``form``."""
    return [
        point
        for point, _label, _max in STATUTORY_CRITERIA
        if point != OWN_FUNDS_POINT or form == Competition.Form.SUPPORT
    ]


@dataclass
class SameTypeYearSummary:
    """Point 7 of the announcement for one year: rows, the clerk's figures or statement."""

    year: int
    groups: list[tuple[str, list[SameTypeTask]]] = field(default_factory=list)
    figures: SameTypeYear | None = None

    @property
    def total(self) -> Decimal:
        return sum((t.cost for _type, rows in self.groups for t in rows), Decimal(0))

    @property
    def grants_total(self) -> Decimal:
        return sum(
            (t.cost for _type, rows in self.groups for t in rows if t.grant_to_ngo),
            Decimal(0),
        )

    @property
    def has_rows(self) -> bool:
        return bool(self.groups)

    @property
    def is_stated(self) -> bool:
        """The year is covered: rows from the data, or the clerk's figures or statement."""
        return self.has_rows or self.figures is not None


class OfficialsOnlyReason(models.TextChoices):
    """The cases of art. 15 ust. 2da in which the committee works without NGO nominees."""

    NOBODY_NOMINATED = "nobody", _("no organisation nominated anyone")
    NOMINEES_EXCLUDED = "excluded", _("every nominee is excluded (ust. 2d and 2f)")
    NOMINEES_ABSENT = "absent", _("the nominees withdrew or did not take part")


class Competition(TimeStampedModel):
    """The announcement with every point of art. 13 ust. 2, and the competition's state."""

    Status = CompetitionStatus
    OfficialsOnly = OfficialsOnlyReason

    class Form(models.TextChoices):
        SUPPORT = "support", _("supporting the task (co-financing)")
        ENTRUST = "entrust", _("entrusting the task (full financing)")

    title = models.CharField(_("title"), max_length=300)
    priority = models.ForeignKey(
        "programme.Priority",
        on_delete=models.PROTECT,
        related_name="competitions",
        verbose_name=_("priority task of the programme"),
    )
    form = models.CharField(
        _("form of commissioning"),
        max_length=20,
        choices=Form.choices,
        default=Form.SUPPORT,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CompetitionStatus.choices, default="draft"
    )
    # Art. 13 ust. 2 pkt 1–7.
    task_type = LimitedTextField(_("1. type of task"))
    public_funds = models.DecimalField(
        _("2. amount of public funds (PLN)"),
        max_digits=12,
        decimal_places=2,
        validators=[validate_amount],
    )
    award_rules = LimitedTextField(_("3. rules for awarding the grant"), blank=True)
    task_start = models.DateField(_("4. task may start on"), null=True, blank=True)
    task_end = models.DateField(_("4. task must end by"), null=True, blank=True)
    task_conditions = LimitedTextField(
        _("4. conditions for carrying out the task"), blank=True
    )
    offers_deadline = models.DateTimeField(_("5. deadline for offers"))
    selection_procedure = LimitedTextField(
        _("6. procedure and criteria for choosing offers"), blank=True
    )
    selection_date = models.DateField(
        _("6. offers will be chosen by"), null=True, blank=True
    )
    same_type_tasks_note = LimitedTextField(
        _("7. tasks of the same type: remarks"), blank=True
    )
    # Other terms of the announcement.
    max_grant = models.DecimalField(
        _("maximum grant per offer (PLN)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_amount],
    )
    min_own_contribution = models.DecimalField(
        _("minimum own contribution (per cent of total costs)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[
            MinValueValidator(0, _("Give a share of 0 per cent or more.")),
            MaxValueValidator(100, _("Give a share of at most 100 per cent.")),
        ],
    )
    corrections_allowed = models.BooleanField(
        _("corrections of formal defects allowed"), default=True
    )
    correction_days = models.PositiveSmallIntegerField(
        _("days for a correction"),
        default=7,
        validators=[MinValueValidator(1, _("Allow at least one day."))],
    )
    cost_shift_percent = models.DecimalField(
        _("permitted shift between cost items of a contract (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: the portal's default (CONTRACT_COST_SHIFT_PERCENT)."),
    )
    joint_offers_allowed = models.BooleanField(_("joint offers allowed"), default=True)
    scoring_date = models.DateField(
        _("committee scores offers by"), null=True, blank=True
    )
    ordinance_number = models.CharField(
        _("number of the mayor's ordinance announcing it"), max_length=60, blank=True
    )
    ordinance_date = models.DateField(
        _("date of the ordinance announcing it"), null=True, blank=True
    )
    # Art. 13 ust. 3: the three places of publication; the 21 days of art. 13 ust. 1
    # count from the last of them.
    bip_published_on = models.DateField(
        _("published in the BIP on"), null=True, blank=True
    )
    bip_url = models.URLField(_("address in the BIP"), max_length=500, blank=True)
    board_published_on = models.DateField(
        _("posted on the office's notice board on"), null=True, blank=True
    )
    board_note = models.CharField(_("notice board: where"), max_length=300, blank=True)
    website_published_on = models.DateField(
        _("published on the website on"), null=True, blank=True
    )
    website_url = models.URLField(
        _("address on the website"), max_length=500, blank=True
    )
    # Art. 13 ust. 5: announced on the draft budget resolution for the next year.
    on_draft_budget = models.BooleanField(
        _("announced on the draft budget resolution (art. 13 ust. 5)"),
        default=False,
    )
    budget_resolution_number = models.CharField(
        _("number of the adopted budget resolution"), max_length=60, blank=True
    )
    budget_resolution_date = models.DateField(
        _("date the budget resolution was adopted"), null=True, blank=True
    )
    decision_ordinance_number = models.CharField(
        _("number of the ordinance choosing the offers"), max_length=60, blank=True
    )
    decision_ordinance_date = models.DateField(
        _("date of the ordinance choosing the offers"), null=True, blank=True
    )
    decision_date_reason = LimitedTextField(
        _("reason for choosing the offers after the announced date"), blank=True
    )
    # The committee (art. 15 ust. 2a–2f) and its protocol.
    committee_ordinance_number = models.CharField(
        _("number of the ordinance appointing the committee"),
        max_length=60,
        blank=True,
    )
    committee_ordinance_date = models.DateField(
        _("date of the ordinance appointing the committee"), null=True, blank=True
    )
    officials_only_reason = models.CharField(
        _("committee without NGO nominees because (art. 15 ust. 2da)"),
        max_length=20,
        choices=OfficialsOnlyReason.choices,
        blank=True,
    )
    protocol_date = models.DateField(
        _("date of the committee's meeting"), null=True, blank=True
    )
    protocol_place = models.CharField(
        _("place of the committee's meeting"), max_length=200, blank=True
    )
    protocol_signed_at = models.DateTimeField(
        _("protocol signed"), null=True, blank=True
    )
    announced_at = models.DateTimeField(_("published"), null=True, blank=True)
    results_published_at = models.DateTimeField(
        _("results published"), null=True, blank=True
    )
    annulment_reason = LimitedTextField(_("reason for annulment"), blank=True)
    annulled_at = models.DateTimeField(_("annulled"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )

    objects = CompetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("open competition")
        verbose_name_plural = _("open competitions")
        ordering = ["-offers_deadline", "-pk"]
        constraints = [
            choices_check("competition_status_valid", CompetitionStatus),
            models.CheckConstraint(
                condition=Q(public_funds__gte=0), name="competition_funds_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(
                    officials_only_reason__in=["", *OfficialsOnlyReason.values]
                ),
                name="competition_officials_only_reason_valid",
            ),
            models.CheckConstraint(
                condition=Q(min_own_contribution__gte=0)
                & Q(min_own_contribution__lte=100),
                name="competition_own_contribution_percent",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "offers_deadline"]),
            # The public list's order: its first page is read from the index.
            models.Index(
                fields=["-offers_deadline", "-id"], name="competition_list_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:competition-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        """The announcement's dates and amounts against each other."""
        errors: dict[str, list[Any]] = {}

        def add(name: str, message: Any) -> None:
            errors.setdefault(name, []).append(message)

        deadline = (
            timezone.localdate(self.offers_deadline) if self.offers_deadline else None
        )
        if self.task_start and self.task_end and self.task_end < self.task_start:
            add("task_end", _("The task cannot end before it starts."))
        if (
            deadline
            and self.status == CompetitionStatus.DRAFT
            and self.offers_deadline < timezone.now()
        ):
            add("offers_deadline", _("The deadline for offers is in the past."))
        if deadline and self.selection_date and self.selection_date < deadline:
            add(
                "selection_date",
                _("Offers can be chosen only after the deadline for offers."),
            )
        if deadline and self.scoring_date and self.scoring_date < deadline:
            add(
                "scoring_date",
                _("The committee can score offers only after the deadline for offers."),
            )
        if (
            self.scoring_date
            and self.selection_date
            and self.selection_date < self.scoring_date
        ):
            add(
                "selection_date",
                _("Offers can be chosen only after the committee has scored them."),
            )
        if deadline and self.task_end and self.task_end < deadline:
            add(
                "task_end",
                _("The task cannot end before the deadline for offers."),
            )
        if (
            self.max_grant is not None
            and self.public_funds is not None
            and self.max_grant > self.public_funds
        ):
            add(
                "max_grant",
                _(
                    "The maximum grant cannot exceed the public funds of the competition."
                ),
            )
        if (
            self.form == self.Form.ENTRUST
            and self.min_own_contribution
            and self.min_own_contribution > 0
        ):
            add(
                "min_own_contribution",
                _(
                    "Entrusting finances the whole task: it asks for no own contribution."
                ),
            )
        for name in ("bip_published_on", "board_published_on", "website_published_on"):
            value = getattr(self, name)
            if value and deadline and value > deadline:
                add(name, _("The announcement must be published before the deadline."))
        if self.ordinance_date and self.bip_published_on:
            if self.bip_published_on < self.ordinance_date:
                add(
                    "bip_published_on",
                    _("The announcement cannot be published before its ordinance."),
                )
        if bool(self.budget_resolution_number) != bool(self.budget_resolution_date):
            add(
                "budget_resolution_date",
                _("Give both the number and the date of the budget resolution."),
            )
        if errors:
            raise ValidationError(errors)

    @property
    def publication_dates(self) -> list[Any]:
        return [
            self.bip_published_on,
            self.board_published_on,
            self.website_published_on,
        ]

    @property
    def last_publication(self) -> Any:
        """The day of the last of the three publications (art. 13 ust. 3), if all made."""
        dates = self.publication_dates
        return max(dates) if all(dates) else None

    @property
    def budget_resolution_pending(self) -> bool:
        """Art. 13 ust. 5: announced on the draft budget, its adoption not recorded yet."""
        return self.on_draft_budget and not (
            self.budget_resolution_number and self.budget_resolution_date
        )

    @property
    def same_type_summary(self) -> list[SameTypeYearSummary]:
        """Point 7 for the announcement's year and the year before, newest first.

        Each year holds the tasks grouped by type, or else the clerk's figures or
        statement; a year with neither is not covered and is shown as such.
        """
        rows = list(self.same_type_tasks.all())
        figures = {f.year: f for f in self.same_type_years.all()}
        summary = []
        for year in (self.year, self.year - 1):
            entry = SameTypeYearSummary(year=year)
            groups: dict[str, list[SameTypeTask]] = {}
            for row in rows:
                if row.year == year:
                    groups.setdefault(row.task_type or self.task_type, []).append(row)
            entry.groups = sorted(groups.items())
            if not entry.groups:
                entry.figures = figures.get(year)
            summary.append(entry)
        return summary

    @property
    def is_public(self) -> bool:
        return self.status != CompetitionStatus.DRAFT

    @property
    def is_open(self) -> bool:
        """Offers may be sent: announced and the deadline has not passed."""
        return (
            self.status == CompetitionStatus.ANNOUNCED
            and timezone.now() <= self.offers_deadline
        )

    @property
    def year(self) -> int:
        return timezone.localtime(self.offers_deadline).year

    @property
    def results_are_public(self) -> bool:
        return self.status == CompetitionStatus.RESULTS_PUBLISHED

    def formal_checklist(self) -> list[str]:
        """The formal requirements each offer is checked against: the clerk's list
        (or the defaults when there is none), then one line per required attachment."""
        from .signing import DEFAULT_FORMAL_REQUIREMENTS

        names = [r.name for r in self.formal_requirements.all()] or [
            str(n) for n in DEFAULT_FORMAL_REQUIREMENTS
        ]
        names += [
            str(_("Attachment enclosed: %(name)s") % {"name": a.name})
            for a in self.required_attachments.all()
        ]
        return names


class Criterion(models.Model):
    """An assessment criterion with its maximum points (art. 15 ust. 1 or the municipality's)."""

    competition = models.ForeignKey(
        Competition,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("competition"),
    )
    name = models.CharField(_("criterion"), max_length=300)
    description = LimitedTextField(_("description"), blank=True)
    max_points = models.PositiveSmallIntegerField(
        _("maximum points"),
        default=10,
        validators=[MinValueValidator(1, _("A criterion is worth at least 1 point."))],
    )
    statutory_point = models.PositiveSmallIntegerField(
        _("point of art. 15 ust. 1"),
        null=True,
        blank=True,
        choices=[(p, str(p)) for p, _label, _max in STATUTORY_CRITERIA],
    )
    statutory = models.BooleanField(
        _("from art. 15 ust. 1"),
        default=True,
        help_text=_("Unticked: the municipality's own."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        ordering = ["competition", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_points__gt=0), name="criterion_max_positive"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.statutory_point and not self.statutory:
            raise ValidationError(
                {
                    "statutory": _(
                        "A criterion of art. 15 ust. 1 is not the municipality's own."
                    )
                }
            )


class RequiredAttachment(models.Model):
    competition = models.ForeignKey(
        Competition,
        on_delete=models.CASCADE,
        related_name="required_attachments",
        verbose_name=_("competition"),
    )
    name = models.CharField(_("attachment"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("required attachment")
        verbose_name_plural = _("required attachments")
        ordering = ["competition", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class SameTypeTask(models.Model):
    """Art. 13 ust. 2 pkt 7: a task of the same type in this or the previous year, with its cost."""

    competition = models.ForeignKey(
        Competition,
        on_delete=models.CASCADE,
        related_name="same_type_tasks",
        verbose_name=_("competition"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    task_type = models.CharField(
        _("type of task"),
        max_length=400,
        blank=True,
        help_text=_("Empty: the competition's own type of task."),
    )
    title = models.CharField(_("task"), max_length=400)
    organisation_name = models.CharField(
        _("carried out by"), max_length=300, blank=True
    )
    cost = models.DecimalField(
        _("cost (PLN)"), max_digits=12, decimal_places=2, validators=[validate_amount]
    )
    grant_to_ngo = models.BooleanField(_("grant to an NGO"), default=True)
    source_offer = models.ForeignKey(
        "grants.Offer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from the offer"),
    )

    class Meta:
        verbose_name = _("task of the same type")
        verbose_name_plural = _("tasks of the same type")
        ordering = ["competition", "-year", "title"]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"

    def clean(self) -> None:
        _check_point_seven_year(
            self.competition if self.competition_id else None, self.year
        )


def _check_point_seven_year(competition: Competition | None, year: int | None) -> None:
    if competition is None or year is None or competition.offers_deadline is None:
        return
    if year not in (competition.year, competition.year - 1):
        raise ValidationError(
            {
                "year": _(
                    "Point 7 covers %(year)s and %(previous)s, the year of the "
                    "announcement and the year before."
                )
                % {"year": competition.year, "previous": competition.year - 1}
            }
        )


class SameTypeYear(models.Model):
    """Point 7 for a year the portal holds no data on: the clerk's figures or statement."""

    competition = models.ForeignKey(
        Competition,
        on_delete=models.CASCADE,
        related_name="same_type_years",
        verbose_name=_("competition"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    none_carried_out = models.BooleanField(
        _("no task of this type was carried out in this year"), default=False
    )
    total_cost = models.DecimalField(
        _("cost of the tasks of this type (PLN)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_amount],
    )
    grants_to_ngos = models.DecimalField(
        _("of which grants to NGOs and art. 3 ust. 3 entities (PLN)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_amount],
    )
    note = LimitedTextField(_("the tasks, in words"), blank=True)

    class Meta:
        verbose_name = _("tasks of the same type in a year, as stated by the clerk")
        verbose_name_plural = _(
            "tasks of the same type in a year, as stated by the clerk"
        )
        ordering = ["competition", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "year"], name="same_type_year_once"
            ),
            models.CheckConstraint(
                condition=Q(none_carried_out=True, total_cost__isnull=True)
                | Q(none_carried_out=False, total_cost__isnull=False),
                name="same_type_year_figures_or_none",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)

    def clean(self) -> None:
        _check_point_seven_year(
            self.competition if self.competition_id else None, self.year
        )
        if self.none_carried_out and (
            self.total_cost is not None or self.grants_to_ngos is not None
        ):
            raise ValidationError(
                {
                    "none_carried_out": _(
                        "Either give the amounts or state that none were carried out."
                    )
                }
            )
        if not self.none_carried_out and self.total_cost is None:
            raise ValidationError(
                {
                    "total_cost": _(
                        "Give the cost of the tasks of this type, or state that none "
                        "were carried out."
                    )
                }
            )
        if (
            self.total_cost is not None
            and self.grants_to_ngos is not None
            and self.grants_to_ngos > self.total_cost
        ):
            raise ValidationError(
                {"grants_to_ngos": _("The grants cannot exceed the total cost.")}
            )
