"""Lists as CSV or XLSX files, made the same way everywhere.

CSV is what Excel opens in Poland: UTF-8 with a byte order mark, fields separated by
semicolons. XLSX is written with openpyxl, the header row frozen. In both, text that
a spreadsheet would run as a formula is kept as text, and the response is never
stored by a cache (the files hold what only clerks may see).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from django.http import HttpResponse

Format = Literal["csv", "xlsx"]

CONTENT_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is kept as text (CSV/formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 with Polish letters only with the BOM.
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _xlsx(header: Sequence[Any], rows: Iterable[Sequence[Any]], sheet: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet[:31]  # the longest name a sheet may have
    worksheet.append(list(header))
    for row in rows:
        worksheet.append(list(row))
    worksheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(
    format: Format,
    *,
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    filename: str,
    sheet: str = "",
) -> HttpResponse:
    """A download of ``rows`` under ``header`` as ``filename``.csv or .xlsx."""
    safe_header = [str(h) for h in header]
    safe_rows = ([safe_cell(v) for v in row] for row in rows)
    if format == "csv":
        content = _csv(safe_header, safe_rows)
    elif format == "xlsx":
        content = _xlsx(safe_header, safe_rows, str(sheet or filename))
    else:
        raise ValueError(f"unknown export format {format!r}")
    response = HttpResponse(content, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{format}"'
    response["Cache-Control"] = "private, no-store"
    return response
