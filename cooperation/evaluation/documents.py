"""The report on the programme as a PDF for the council: rendered by a worker, stored by
input hash, like the programme's own PDF (``cooperation.programme.documents``)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cooperation.core.models import GeneratedDocument

from .charts import Series, bar_chart
from .figures import Table, figures_for, report_tables
from .models import AnnualReport
from .quality import results_for

logger = logging.getLogger(__name__)

TEMPLATE = "evaluation/report_pdf.html"
CHART_COLUMNS = ("funds_granted", "funds_transferred", "funds_used")


def chart_table(spheres: Table) -> Table:
    """The funds per sphere that the chart draws, as the table printed beside it."""
    indexes = [i for i, c in enumerate(spheres.columns) if c.key in CHART_COLUMNS]
    return Table(
        "chart",
        _("Funds by sphere (PLN)"),
        spheres.heads,
        [spheres.columns[i] for i in indexes],
        [type(r)(r.texts, [r.cells[i] for i in indexes]) for r in spheres.rows],
        type(spheres.total)(
            spheres.total.texts, [spheres.total.cells[i] for i in indexes]
        )
        if spheres.total
        else None,
    )


def sphere_chart(table: Table) -> str:
    return bar_chart(
        title=_("Funds granted, transferred and used by sphere of public tasks"),
        categories=[row.texts[0] for row in table.rows],
        series=[
            Series(column.label, [row.cells[i].value for row in table.rows])
            for i, column in enumerate(table.columns)
        ],
    )


def report_context(report: AnnualReport) -> dict[str, Any]:
    """Everything the page and the PDF show: the tables, the chart, the narrative."""
    report = (
        AnnualReport.objects.select_related("programme", "responsible")
        .prefetch_related("corrections")
        .get(pk=report.pk)
    )
    figures = figures_for(report)
    tables, corrections = report_tables(figures, report.corrections.all())
    by_key = {t.key: t for t in tables}
    chart = chart_table(by_key["spheres"])
    chart.chart = sphere_chart(chart)
    return {
        "report": report,
        "programme": report.programme,
        "tables": by_key,
        "chart": chart,
        "corrections": corrections,
        "published": report.status == AnnualReport.Status.PUBLISHED,
        "late": bool(
            report.published_on and report.published_on > report.publication_deadline
        ),
        "generated_on": timezone.localdate(),
        "council_name": getattr(
            settings, "MUNICIPALITY_COUNCIL", "Rada Miejska w Radlinie"
        ),
        "executive": settings.MUNICIPALITY_EXECUTIVE,
        # The year's self-assessment of cooperation quality, when published.
        "quality": results_for(report.year),
    }


def report_inputs(report: AnnualReport) -> dict[str, Any]:
    """Everything the PDF is made from: the report row, its figures and corrections."""
    return {
        "report": report.pk,
        "updated_at": report.updated_at,
        "status": report.status,
        "texts": [report.summary, report.conclusions, report.recommendations],
        "dates": [report.submitted_on, report.published_on, report.bip_url],
        "programme": report.programme_id,
        "figures": figures_for(report),
        "corrections": list(
            report.corrections.order_by("key").values_list(
                "key", "value", "reason", "updated_at"
            )
        ),
        "quality": _quality_inputs(report.year),
    }


def _quality_inputs(year: int) -> list[Any]:
    result = results_for(year)
    if result is None:
        return []
    return [
        result.organisations,
        str(result.overall),
        [(a.area.pk, a.area.name, str(a.score)) for a in result.areas],
    ]


def report_title(report: AnnualReport) -> str:
    return _(
        "Report on carrying out the cooperation programme with NGOs for %(year)s"
    ) % {"year": report.year}


def report_document(report: AnnualReport, *, sync: bool = False) -> GeneratedDocument:
    from cooperation.core.pdf import document_for

    return document_for(
        f"programme-report-{report.year}",
        template_name=TEMPLATE,
        title=report_title(report),
        inputs=report_inputs(report),
        obj=report,
        lang="pl",
        sync=sync,
        context=pdf_context(report) if sync else None,
    )


def queue(pk: int) -> None:
    """Render the report's PDF after a change of state, before anyone asks for it.

    A draft is left alone (rendered on request for the office). A broker or render
    failure is logged only: the first request renders it instead.
    """
    try:
        report = AnnualReport.objects.get(pk=pk)
        if report.status != AnnualReport.Status.DRAFT:
            report_document(report, sync=False)
    except Exception:  # noqa: BLE001 - a missing PDF is rendered again on request.
        logger.exception("Could not queue the PDF of report %s", pk)


def pdf_context(report: AnnualReport) -> dict[str, Any]:
    """The PDF's context in the document's language (Polish), for a worker's render."""
    with translation.override("pl"):
        return report_context(report)
