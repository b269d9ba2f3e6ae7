"""The annual report on the programme (art. 5a ust. 3), its corrections and indicators."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField
from cooperation.core.models import TimeStampedModel, choices_check


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted to the council")
    PUBLISHED = "published", _("published")


class AnnualReport(TimeStampedModel):
    """The report on carrying out the programme of one year.

    Its figures are computed from the portal's records while it is a draft; on
    submission to the council they are kept in ``figures``, so the document the
    council received and the one published in BIP stay as they were.
    """

    Status = ReportStatus

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    programme = models.ForeignKey(
        "programme.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("programme"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible clerk"),
    )
    summary = LimitedTextField(_("summary"), blank=True)
    conclusions = LimitedTextField(_("conclusions"), blank=True)
    recommendations = LimitedTextField(
        _("recommendations"),
        blank=True,
        help_text=_("Recommendations of working groups and of the office."),
    )
    submitted_on = models.DateField(
        _("submitted to the council on"), null=True, blank=True
    )
    published_on = models.DateField(_("published in BIP on"), null=True, blank=True)
    bip_url = models.URLField(_("address in BIP"), max_length=500, blank=True)
    figures = models.JSONField(
        _("figures as submitted"), default=dict, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("report on the programme")
        verbose_name_plural = _("reports on the programme")
        ordering = ["-year"]
        constraints = [
            choices_check("annual_report_status_valid", ReportStatus),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_on__isnull=False),
                name="annual_report_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | (Q(published_on__isnull=False) & ~Q(bip_url="")),
                name="annual_report_published_has_date_and_link",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Report on the cooperation programme for %(year)s") % {"year": self.year}
        )

    def get_absolute_url(self) -> str:
        return reverse("evaluation:report", kwargs={"year": self.year})

    @property
    def publication_deadline(self) -> date:
        """Art. 5a ust. 3: submitted and published by 31 May of the next year."""
        return date(self.year + 1, 5, 31)

    @property
    def is_public(self) -> bool:
        return self.status != ReportStatus.DRAFT


class ReportFigure(TimeStampedModel):
    """A figure of the report corrected by a clerk, with the reason.

    ``key`` names the figure in the report's tables (``totals.funds_granted``,
    ``priorities.12.offers_received``, ``nonfinancial.patronages_granted``);
    ``computed`` is what the portal computed when it was corrected.
    """

    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("report"),
    )
    key = models.CharField(_("figure"), max_length=200)
    label = models.CharField(_("name of the figure"), max_length=400)
    computed = models.DecimalField(
        _("computed value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    value = models.DecimalField(_("corrected value"), max_digits=14, decimal_places=2)
    reason = LimitedTextField(_("reason for the correction"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("corrected by"),
    )

    class Meta:
        verbose_name = _("corrected figure")
        verbose_name_plural = _("corrected figures")
        ordering = ["report", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "key"], name="report_figure_corrected_once"
            ),
            models.CheckConstraint(
                condition=~Q(reason=""), name="report_figure_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


def measure_choices() -> list[tuple[str, Any]]:
    from cooperation.evaluation.measures import CATALOGUE

    return [("", _("entered by the clerk"))] + [
        (key, measure.label) for key, measure in CATALOGUE.items()
    ]


class IndicatorUnit(models.TextChoices):
    COUNT = "count", _("number")
    PLN = "PLN", _("PLN")
    HOURS = "hours", _("hours")
    PERCENT = "percent", _("per cent")


class ProgrammeIndicator(TimeStampedModel):
    """An indicator of the programme's evaluation (art. 5a ust. 4 pkt 9), with its target.

    Bound to a measure of the catalogue (``measure`` with its ``parameters``), its
    value is computed for the programme's year; otherwise the clerk enters
    ``achieved``.
    """

    Unit = IndicatorUnit

    programme = models.ForeignKey(
        "programme.Programme",
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("programme"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("indicator"), max_length=300)
    measure = models.CharField(
        _("computed as"), max_length=60, blank=True, choices=measure_choices
    )
    parameters = models.JSONField(
        _("parameters of the measure"),
        default=dict,
        blank=True,
        help_text=_(
            'For example {"priority": 12}, {"sphere": 3} or {"kind": "training"}.'
        ),
    )
    unit = models.CharField(
        _("unit"), max_length=10, choices=IndicatorUnit.choices, default="count"
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    achieved = models.DecimalField(
        _("achieved (entered by the clerk)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    source = LimitedTextField(
        _("how it is measured"),
        blank=True,
        help_text=_("The source of a value entered by the clerk."),
    )

    class Meta:
        verbose_name = _("indicator of the programme")
        verbose_name_plural = _("indicators of the programme")
        ordering = ["programme", "position", "pk"]
        constraints = [
            choices_check("programme_indicator_unit_valid", IndicatorUnit, "unit"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from cooperation.evaluation.measures import parameter_errors

        errors = parameter_errors(self.measure, self.parameters, self.programme_id)
        if errors:
            raise ValidationError({"parameters": errors})
        if self.measure and self.achieved is not None:
            raise ValidationError(
                {"achieved": _("A computed indicator takes no value entered by hand.")}
            )
