"""Reads for the report's pages, the programme list and the multi-year table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from cooperation.core.permissions import has_clerk_powers
from cooperation.programme.models import Programme

from .charts import Series, bar_chart
from .figures import TREND_COLUMNS, Cell, Column, Row, Table, compute_figures, totals
from .models import AnnualReport, ReportFigure


def reports_visible_to(user: Any) -> QuerySet[AnnualReport]:
    """Every report for clerks; the others see a report once it went to the council."""
    rows = AnnualReport.objects.select_related("programme")
    if has_clerk_powers(user):
        return rows
    return rows.exclude(status=AnnualReport.Status.DRAFT)


def published_report_links(years: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    """The published reports of ``years`` for ``/program-wspolpracy/`` (one query)."""
    links: dict[int, list[tuple[str, str]]] = {}
    for year in AnnualReport.objects.filter(
        year__in=list(years), status=AnnualReport.Status.PUBLISHED
    ).values_list("year", flat=True):
        links[year] = [
            (
                _("Report %(year)s (PDF)") % {"year": year},
                reverse("evaluation:report-pdf", kwargs={"year": year}),
            ),
            (
                _("Report %(year)s (page)") % {"year": year},
                reverse("evaluation:report", kwargs={"year": year}),
            ),
        ]
    return links


@dataclass
class Trend:
    table: Table
    chart: str
    live_years: list[int]


def trend(user: Any) -> Trend:
    """The same figures for every year the portal holds, oldest first.

    A year whose report went to the council shows the figures it was submitted with,
    as corrected; any other year is computed now. Reports with their corrections (2)
    and programmes (1), then the queries of each year computed now.
    """
    reports = {
        r.year: r
        for r in reports_visible_to(user).prefetch_related(
            Prefetch("corrections", queryset=ReportFigure.objects.order_by("key"))
        )
    }
    programmes = Programme.objects.all()
    if not has_clerk_powers(user):
        programmes = programmes.exclude(status=Programme.Status.DRAFTING)
    years = sorted(set(programmes.values_list("year", flat=True)) | set(reports))
    columns = [Column(key, str(label), unit) for key, label, unit in TREND_COLUMNS]
    rows = []
    live = []
    for year in years:
        report = reports.get(year)
        if (
            report is not None
            and report.status != AnnualReport.Status.DRAFT
            and report.figures
        ):
            values = totals(report.figures, report.corrections.all())
        else:
            live.append(year)
            values = totals(
                compute_figures(year), report.corrections.all() if report else ()
            )
        rows.append(
            Row(
                [str(year)],
                [Cell(values.get(c.key), c.unit) for c in columns],
                key=str(year),
            )
        )
    table = Table(
        "years", _("The programme's figures year by year"), [_("Year")], columns, rows
    )
    money = [i for i, c in enumerate(columns) if c.unit == "PLN"][:3]
    chart = bar_chart(
        title=_("Funds granted, transferred and used year by year"),
        categories=[row.texts[0] for row in rows],
        series=[
            Series(columns[i].label, [row.cells[i].value or 0 for row in rows])
            for i in money
        ],
    )
    return Trend(table=table, chart=chart, live_years=live)
