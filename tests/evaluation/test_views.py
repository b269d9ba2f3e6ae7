"""The report's pages, PDF and downloads, and the link from the programme list."""

import csv
import io
from datetime import date, datetime

import pytest
import time_machine
from openpyxl import load_workbook

from cooperation.core.models import GeneratedDocument
from cooperation.evaluation import services
from cooperation.evaluation.models import AnnualReport
from tests.conftest import without_cache_bumps
from tests.evaluation.worlds import WARSAW, year_of_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return year_of_data()


def _published(clerk, year=2025):
    report = services.report_create(year=year, actor=clerk)
    services.report_write(report=report, actor=clerk, summary="Program zrealizowano.")
    with time_machine.travel(datetime(year + 1, 4, 20, 9, tzinfo=WARSAW)):
        services.report_submit(annualreport=report, actor=clerk)
        services.report_publish(
            annualreport=report,
            actor=clerk,
            published_on=date(year + 1, 4, 20),
            bip_url="https://bip.radlin.example/sprawozdanie",
        )
    report.refresh_from_db()
    return report


def test_a_published_report_is_linked_from_the_programme_list(world, clerk, client):
    draft = client.get("/program-wspolpracy/").content.decode()
    assert "/program-wspolpracy/2025/sprawozdanie.pdf" not in draft
    _published(clerk)
    page = client.get("/program-wspolpracy/").content.decode()
    assert 'href="/program-wspolpracy/2025/sprawozdanie.pdf"' in page
    assert 'href="/program-wspolpracy/2025/sprawozdanie/"' in page
    assert "/program-wspolpracy/2024/sprawozdanie" not in page


def test_a_draft_is_the_offices_own(world, clerk, client):
    services.report_create(year=2025, actor=clerk)
    assert client.get("/program-wspolpracy/2025/sprawozdanie/").status_code == 404
    assert client.get("/program-wspolpracy/2025/sprawozdanie.pdf").status_code == 404
    assert client.get("/program-wspolpracy/2024/sprawozdanie.pdf").status_code == 404
    client.force_login(clerk)
    response = client.get("/program-wspolpracy/2025/sprawozdanie/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_page_holds_every_section_and_the_figures(world, clerk, client):
    _published(clerk)
    page = client.get("/program-wspolpracy/2025/sprawozdanie/").content.decode()
    for heading in (
        "1. Podsumowanie",
        "2. Zlecanie realizacji zadań publicznych",
        "3. Współpraca pozafinansowa",
        "4. Konsultacje projektów aktów",
        "5. Warsztaty, szkolenia i dyżury doradcze",
        "6. Organizacje uczestniczące",
        "7. Wskaźniki realizacji programu",
        "8. Wnioski",
        "9. Rekomendacje",
    ):
        assert heading in page, heading
    assert "<svg" in page and 'role="img"' in page
    assert "14\xa0000,00" in page and "11\xa0500,00" in page
    assert "https://bip.radlin.example/sprawozdanie" in page


def test_every_table_downloads_as_csv_and_xlsx(world, clerk, client):
    _published(clerk)
    response = client.get("/program-wspolpracy/2025/sprawozdanie/priorities.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == [
        "Zadanie priorytetowe",
        "Sfera (art. 4 ust. 1)",
        "Zaplanowane w programie",
    ]
    assert rows[-1][0] == "Razem" and rows[-1][8] == "14000.00"
    for table in (
        "spheres",
        "chart",
        "modes",
        "nonfinancial",
        "consultations",
        "workshops",
        "organisations",
        "indicators",
    ):
        response = client.get(f"/program-wspolpracy/2025/sprawozdanie/{table}.xlsx")
        assert response.status_code == 200, table
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.max_row >= 1
    workshops = load_workbook(
        io.BytesIO(
            client.get("/program-wspolpracy/2025/sprawozdanie/workshops.xlsx").content
        )
    ).active
    assert [c.value for c in workshops[workshops.max_row]] == ["Razem", 3, 4]
    assert (
        client.get("/program-wspolpracy/2025/sprawozdanie/nothing.csv").status_code
        == 404
    )
    assert (
        client.get("/program-wspolpracy/2025/sprawozdanie/spheres.pdf").status_code
        == 404
    )


def test_the_multi_year_table_shows_each_year(world, clerk, client):
    _published(clerk)
    page = client.get("/program-wspolpracy/sprawozdania/").content.decode()
    assert "<svg" in page and ">2024<" in page and ">2025<" in page
    response = client.get("/program-wspolpracy/sprawozdania/zestawienie.csv")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    by_year = {row[0]: row for row in rows[1:]}
    # 2025 from its report: 2 competitions, 4 offers, 3 chosen, 14000 granted.
    assert by_year["2025"][1:5] == ["2", "4", "3", "14000.00"]
    # 2024 computed now: one competition with two offers and 1111 granted.
    assert by_year["2024"][1:5] == ["1", "2", "1", "1111.00"]


def test_the_pdf_is_served_from_storage_while_unchanged(
    world, clerk, client, django_capture_on_commit_callbacks
):
    report = _published(clerk)
    first = client.get("/program-wspolpracy/2025/sprawozdanie.pdf")
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert b"".join(first.streaming_content).startswith(b"%PDF")
    stored = GeneratedDocument.objects.get(key="programme-report-2025")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = client.get("/program-wspolpracy/2025/sprawozdanie.pdf")
    assert again.status_code == 200
    assert without_cache_bumps(callbacks) == []
    assert GeneratedDocument.objects.filter(key="programme-report-2025").count() == 1
    stored.refresh_from_db()
    assert stored.updated_at == GeneratedDocument.objects.get(pk=stored.pk).updated_at
    assert report.status == AnnualReport.Status.PUBLISHED


def test_report_page_query_count_is_pinned(
    world, clerk, client, django_assert_num_queries
):
    _published(clerk)
    # Queries: the report, visible to this person (1); the report with its
    # programme and responsible clerk (1) and its corrections (1), the year's
    # published quality index (1, none here). The figures are those it was submitted
    # with: nothing more is read.
    with django_assert_num_queries(4):
        assert client.get("/program-wspolpracy/2025/sprawozdanie/").status_code == 200
    # The same with more records of the year: the count does not grow.
    year_of_data_again = world.programme.priorities.count()
    assert year_of_data_again == 2
    with django_assert_num_queries(4):
        assert (
            client.get("/program-wspolpracy/2025/sprawozdanie/?again").status_code
            == 200
        )


def test_programme_list_query_count_with_reports(
    world, clerk, client, django_assert_num_queries
):
    _published(clerk)
    # Queries: programmes with priority counts and sums (1), the published reports
    # of those years (1).
    with django_assert_num_queries(2):
        assert client.get("/program-wspolpracy/").status_code == 200
