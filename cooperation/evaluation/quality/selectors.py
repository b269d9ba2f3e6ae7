"""Reads of the quality index: the results of a year, the trend over the years.

The portal computes the index as follows (its own method; the LIJW materials found
describe a score from 0 to 5 agreed per area, without a formula):

* an indicator's score is the mean of the two sides that answered it: the
  municipality's score and the mean of the organisations' scores, so both sectors
  weigh the same however many organisations answer;
* an area's score is the mean of its indicators' scores, the overall index the mean
  of the areas' scores; what nobody answered is left out, not counted as zero.

Means are exact; each level is rounded to two decimals (half up) only when shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum

from cooperation.evaluation.measures import QUALITY_MEASURES
from cooperation.evaluation.models import (
    Answer,
    Area,
    Assessment,
    Indicator,
    Respondent,
)

CENT = Decimal("0.01")


def _shown(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(CENT, rounding=ROUND_HALF_UP)


def _mean(values: Iterable[Fraction | None]) -> Fraction | None:
    given = [v for v in values if v is not None]
    if not given:
        return None
    return sum(given, Fraction(0)) / len(given)


@dataclass
class IndicatorResult:
    indicator: Indicator
    municipality: int | None = None
    organisations_total: int = 0
    organisations_count: int = 0
    computed: Decimal | None = None
    computed_label: str = ""

    @property
    def organisations_exact(self) -> Fraction | None:
        if not self.organisations_count:
            return None
        return Fraction(self.organisations_total, self.organisations_count)

    @property
    def exact(self) -> Fraction | None:
        side = None if self.municipality is None else Fraction(self.municipality)
        return _mean([side, self.organisations_exact])

    @property
    def organisations(self) -> Decimal | None:
        return _shown(self.organisations_exact)

    @property
    def score(self) -> Decimal | None:
        return _shown(self.exact)

    @property
    def is_computable(self) -> bool:
        return bool(self.indicator.measure)


@dataclass
class AreaResult:
    area: Area
    indicators: list[IndicatorResult] = field(default_factory=list)

    @property
    def exact(self) -> Fraction | None:
        return _mean(r.exact for r in self.indicators)

    @property
    def score(self) -> Decimal | None:
        return _shown(self.exact)


@dataclass
class YearResult:
    assessment: Assessment
    areas: list[AreaResult]
    organisations: int

    @property
    def year(self) -> int:
        return self.assessment.year

    @property
    def exact(self) -> Fraction | None:
        return _mean(a.exact for a in self.areas)

    @property
    def overall(self) -> Decimal | None:
        return _shown(self.exact)

    @property
    def scale_max(self) -> int:
        return self.assessment.version.scale_max

    @property
    def scale_min(self) -> int:
        return self.assessment.version.scale_min


def _areas() -> Prefetch:
    return Prefetch(
        "version__areas",
        queryset=Area.objects.order_by("position").prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("position"))
        ),
    )


def _with_structure(rows: QuerySet[Assessment]) -> QuerySet[Assessment]:
    return rows.select_related("version").prefetch_related(_areas())


def measure_value(indicator: Indicator, year: int) -> Decimal | None:
    """The figure the portal computes for ``indicator`` in ``year`` (none if unbound)."""
    entry = QUALITY_MEASURES.get(indicator.measure)
    if entry is None:
        return None
    function, _label = entry
    value: Decimal | None = function(year)
    return value


def computed_figures(assessment: Assessment) -> dict[str, str | None]:
    """The computed figures of the assessment's indicators, to be frozen at closing."""
    rows = Indicator.objects.filter(area__version_id=assessment.version_id).exclude(
        measure=""
    )
    figures: dict[str, str | None] = {}
    for indicator in rows:
        value = measure_value(indicator, assessment.year)
        figures[str(indicator.pk)] = None if value is None else str(value)
    return figures


def _computed(assessment: Assessment, indicator: Indicator) -> Decimal | None:
    if not indicator.measure:
        return None
    if assessment.status in (Assessment.Status.CLOSED, Assessment.Status.PUBLISHED):
        frozen = assessment.computed.get(str(indicator.pk))
        return None if frozen is None else Decimal(frozen)
    return measure_value(indicator, assessment.year)


def _results(assessments: Sequence[Assessment]) -> list[YearResult]:
    """Results of ``assessments`` (structure prefetched): two queries for all of them."""
    ids = [a.pk for a in assessments]
    sums: dict[tuple[int, int], dict[str, Any]] = defaultdict(dict)
    for row in (
        Answer.objects.filter(assessment_id__in=ids)
        .values("assessment_id", "indicator_id", "respondent")
        .annotate(total=Sum("score"), count=Count("pk"))
        .order_by()
    ):
        key = (row["assessment_id"], row["indicator_id"])
        sums[key][row["respondent"]] = (row["total"], row["count"])
    organisations = dict(
        Answer.objects.filter(assessment_id__in=ids, respondent=Respondent.ORGANISATION)
        .values("assessment_id")
        .annotate(n=Count("organisation", distinct=True))
        .values_list("assessment_id", "n")
        .order_by()
    )
    results = []
    for assessment in assessments:
        areas = []
        for area in assessment.version.areas.all():
            area_result = AreaResult(area)
            for indicator in area.indicators.all():
                given = sums.get((assessment.pk, indicator.pk), {})
                municipality = given.get(Respondent.MUNICIPALITY)
                total, count = given.get(Respondent.ORGANISATION, (0, 0))
                entry = QUALITY_MEASURES.get(indicator.measure)
                area_result.indicators.append(
                    IndicatorResult(
                        indicator,
                        municipality=None if municipality is None else municipality[0],
                        organisations_total=total,
                        organisations_count=count,
                        computed=_computed(assessment, indicator),
                        computed_label=str(entry[1]) if entry else "",
                    )
                )
            areas.append(area_result)
        results.append(
            YearResult(assessment, areas, organisations.get(assessment.pk, 0))
        )
    return results


def published_results() -> list[YearResult]:
    """Every published year, oldest first: the trend of the index."""
    rows = _with_structure(
        Assessment.objects.filter(status=Assessment.Status.PUBLISHED).order_by("year")
    )
    return _results(list(rows))


def year_result(year: int, *, published_only: bool = True) -> YearResult | None:
    """The results of ``year``; only a published year unless ``published_only`` is off."""
    rows = Assessment.objects.filter(year=year)
    if published_only:
        rows = rows.filter(status=Assessment.Status.PUBLISHED)
    found = list(_with_structure(rows))
    if not found:
        return None
    return _results(found)[0]


def open_assessment() -> Assessment | None:
    """The assessment taking answers now, if any (the latest year)."""
    return (
        Assessment.objects.filter(status=Assessment.Status.OPEN)
        .select_related("version")
        .order_by("-year")
        .first()
    )


def questions_for(assessment: Assessment, respondent: str) -> list[Area]:
    """The areas with the questions ``respondent`` answers, for the form."""
    skipped = (
        Indicator.Respondents.ORGANISATIONS
        if respondent == Respondent.MUNICIPALITY
        else Indicator.Respondents.MUNICIPALITY
    )
    return list(
        Area.objects.filter(version_id=assessment.version_id)
        .order_by("position")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.exclude(respondents=skipped).order_by(
                    "position"
                ),
            )
        )
    )


def figures_for(
    assessment: Assessment, areas: list[Area]
) -> dict[int, tuple[str, Any]]:
    """What the portal computes for the questions bound to a measure: label and value."""
    figures: dict[int, tuple[str, Any]] = {}
    for area in areas:
        for indicator in area.indicators.all():
            entry = QUALITY_MEASURES.get(indicator.measure)
            if entry is not None:
                figures[indicator.pk] = (
                    str(entry[1]),
                    _computed(assessment, indicator),
                )
    return figures


def answers_of(
    assessment: Assessment, respondent: str, organisation_id: int | None
) -> dict[int, Answer]:
    """The answers given so far by one respondent, by indicator id."""
    rows = Answer.objects.filter(assessment=assessment, respondent=respondent)
    if organisation_id is None:
        rows = rows.filter(organisation__isnull=True)
    else:
        rows = rows.filter(organisation_id=organisation_id)
    return {a.indicator_id: a for a in rows}
