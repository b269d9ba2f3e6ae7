"""The one way lists are downloaded: CSV for Excel, XLSX, never cached."""

import csv
import io

import pytest
from openpyxl import load_workbook

from cooperation.core.exports import export_response

HEADER = ["Nazwa", "Miasto"]
ROWS = [["Fundacja Żółw", "Radlin"], ['=HYPERLINK("http://x","y")', "-1"]]


def test_csv_is_semicolon_separated_utf8_with_the_byte_order_mark():
    response = export_response(
        "csv", header=HEADER, rows=ROWS, filename="organizacje-2026-01-02"
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="organizacje-2026-01-02.csv"'
    )
    assert response.content.startswith("\ufeff".encode())
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[:2] == [HEADER, ["Fundacja Żółw", "Radlin"]]


def test_xlsx_has_the_header_frozen_and_the_sheet_named():
    response = export_response(
        "xlsx", header=HEADER, rows=ROWS, filename="uwagi-1", sheet="Uwagi"
    )
    assert response["Content-Disposition"] == 'attachment; filename="uwagi-1.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Uwagi" and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet.cell(row=2, column=1).value == "Fundacja Żółw"


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_exports_are_never_cached(format):
    response = export_response(format, header=HEADER, rows=ROWS, filename="x")
    assert response["Cache-Control"] == "private, no-store"


def test_text_a_spreadsheet_would_run_stays_text():
    csv_text = export_response(
        "csv", header=HEADER, rows=ROWS, filename="x"
    ).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and ";'-1" in csv_text
    sheet = load_workbook(
        io.BytesIO(
            export_response("xlsx", header=HEADER, rows=ROWS, filename="x").content
        )
    ).active
    cell = sheet.cell(row=3, column=1)
    assert cell.data_type == "s" and cell.value.startswith("'=")
