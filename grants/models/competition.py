"""An open competition for offers (art. 11–15 and 18a of the Act)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
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
    )
    corrections_allowed = models.BooleanField(
        _("corrections of formal defects allowed"), default=True
    )
    correction_days = models.PositiveSmallIntegerField(
        _("days for a correction"), default=7
    )
    joint_offers_allowed = models.BooleanField(_("joint offers allowed"), default=True)
    scoring_date = models.DateField(
        _("committee scores offers by"), null=True, blank=True
    )
    ordinance_number = models.CharField(
        _("number of the mayor's ordinance announcing it"), max_length=60, blank=True
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
    max_points = models.PositiveSmallIntegerField(_("maximum points"), default=10)
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
