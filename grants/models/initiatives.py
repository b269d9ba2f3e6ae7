"""Local initiatives (art. 19b-19h of the Act on public benefit activity and volunteerism).

The council's resolution (art. 19c) sets the procedure and the detailed criteria for
assessing applications; the criteria are to take into account above all ("przede wszystkim", art. 19c sec. 1) the residents'
contribution of social work, so its weight must be strictly the greatest.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField
from cooperation.core.models import TimeStampedModel


class InitiativeResolution(TimeStampedModel):
    """The council's resolution on the procedure and criteria (art. 19c)."""

    public_cache_areas: tuple[str, ...] = ()

    number = models.CharField(_("resolution number"), max_length=80, unique=True)
    adopted_on = models.DateField(_("date of adoption"))
    title = models.CharField(_("title"), max_length=300)
    procedure = LimitedTextField(_("procedure"), kind="draft", blank=True)
    required_documents = LimitedTextField(_("required documents"), blank=True)
    assessment_days = models.PositiveSmallIntegerField(
        _("days to assess an application"), default=30
    )
    hour_rate = models.DecimalField(
        _("rate of an hour of social work"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0.00"),
    )

    class Meta:
        verbose_name = _("local initiative resolution")
        verbose_name_plural = _("local initiative resolutions")
        ordering = ("-adopted_on",)

    def __str__(self) -> str:
        return self.number

    def check_social_work_heaviest(self) -> None:
        """Refuse criteria where the social work criterion is not strictly the heaviest."""
        check_social_work_weights(
            [(c.social_work, c.weight) for c in self.criteria.all()]
        )


def check_social_work_weights(criteria: list[tuple[bool, Decimal | int]]) -> None:
    """``criteria`` are (is social work, weight) pairs; a tie counts as not heaviest."""
    social = [w for is_social, w in criteria if is_social]
    others = [w for is_social, w in criteria if not is_social]
    if len(social) != 1:
        raise ValidationError(
            _(
                "The resolution must have exactly one criterion of residents' social work."
            ),
            code="social_work_count",
        )
    if others and social[0] <= max(others):
        raise ValidationError(
            _(
                "The residents' social work must weigh more than every other "
                "criterion (art. 19c sec. 1)."
            ),
            code="social_work_not_heaviest",
        )


class InitiativeCriterion(models.Model):
    resolution = models.ForeignKey(
        InitiativeResolution,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("resolution"),
    )
    name = models.CharField(_("name"), max_length=300)
    weight = models.PositiveSmallIntegerField(_("weight"))
    social_work = models.BooleanField(_("residents' social work"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("local initiative criterion")
        verbose_name_plural = _("local initiative criteria")
        ordering = ("order", "pk")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.resolution_id:
            return
        rows = [
            (c.social_work, c.weight)
            for c in self.resolution.criteria.exclude(pk=self.pk)
        ]
        rows.append((self.social_work, self.weight))
        if any(s for s, _w in rows):
            try:
                check_social_work_weights(rows)
            except ValidationError as error:
                if error.code == "social_work_not_heaviest":
                    raise ValidationError({"weight": error}) from None
