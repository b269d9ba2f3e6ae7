from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cooperation.core.exports import export_response
from cooperation.core.http import keep_private

from . import selectors
from .documents import report_context, report_document
from .models import AnnualReport

FORMATS = ("csv", "xlsx")
# Characters a spreadsheet refuses in the name of a sheet.
SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _sheet(title: str) -> str:
    return " ".join(title.translate(SHEET_FORBIDDEN).split())


def _report_or_404(request, year: int) -> AnnualReport:
    try:
        return selectors.reports_visible_to(request.user).get(year=year)
    except AnnualReport.DoesNotExist as exc:
        raise Http404 from exc


def _private_if_draft(response, report: AnnualReport):
    if report.status == AnnualReport.Status.DRAFT:
        keep_private(response)
    return response


@require_GET
def report_page(request, year: int):
    """``/program-wspolpracy/<year>/sprawozdanie/``: the report as a page."""
    report = _report_or_404(request, year)
    context = report_context(report)
    context["formats"] = FORMATS
    response = render(request, "evaluation/report_detail.html", context)
    return _private_if_draft(response, report)


@require_GET
def report_pdf(request, year: int):
    """The report for the council, stored; a worker renders it when it changes."""
    from cooperation.core.pdf import serve_document

    report = _report_or_404(request, year)
    doc = report_document(report)
    response = serve_document(
        request, doc, filename=f"sprawozdanie-program-wspolpracy-{year}.pdf"
    )
    return _private_if_draft(response, report)


@require_GET
def report_table(request, year: int, table: str, fmt: str):
    """One table of the report as CSV or XLSX."""
    report = _report_or_404(request, year)
    if fmt not in FORMATS:
        raise Http404
    context = report_context(report)
    tables = {**context["tables"], "chart": context["chart"]}
    if table not in tables:
        raise Http404
    chosen = tables[table]
    return export_response(
        fmt,  # type: ignore[arg-type]
        header=chosen.header(),
        rows=chosen.plain_rows(),
        filename=f"sprawozdanie-{year}-{table}",
        sheet=_sheet(chosen.title),
    )


@require_GET
def trend_page(request):
    """``/program-wspolpracy/sprawozdania/``: the figures of every year, side by side."""
    trend = selectors.trend(request.user)
    return render(
        request,
        "evaluation/report_trend.html",
        {"trend": trend, "formats": FORMATS},
    )


@require_GET
def trend_export(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    table = selectors.trend(request.user).table
    return export_response(
        fmt,  # type: ignore[arg-type]
        header=table.header(),
        rows=table.plain_rows(),
        filename="sprawozdania-zestawienie",
        sheet=_sheet(table.title),
    )
