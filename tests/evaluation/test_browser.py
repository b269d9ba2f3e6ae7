"""The report's public pages in a real browser: axe-core."""

import os
from datetime import date, datetime

import pytest
import time_machine

from cooperation.evaluation import services
from tests.a11y import assert_accessible
from tests.cooperation.factories import UserFactory
from tests.evaluation.worlds import WARSAW, year_of_data

# Playwright runs an event loop in the test thread; the data is made before it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _published_report():
    year_of_data()
    clerk = UserFactory(clerk=True)
    report = services.report_create(year=2025, actor=clerk)
    services.report_write(
        report=report,
        actor=clerk,
        summary="Program zrealizowano.",
        conclusions="Wnioski.",
        recommendations="Rekomendacje.",
    )
    services.figure_correct(
        report=report,
        actor=clerk,
        key="nonfinancial.patronages_granted",
        value="2",
        reason="Patronat udzielony pisemnie.",
    )
    with time_machine.travel(datetime(2026, 4, 20, 9, tzinfo=WARSAW)):
        services.report_submit(annualreport=report, actor=clerk)
        services.report_publish(
            annualreport=report,
            actor=clerk,
            published_on=date(2026, 4, 20),
            bip_url="https://bip.radlin.example/sprawozdanie",
        )


@pytest.mark.parametrize(
    "path",
    [
        "/program-wspolpracy/2025/sprawozdanie/",
        "/program-wspolpracy/sprawozdania/",
        "/program-wspolpracy/",
    ],
)
def test_report_pages_have_no_axe_violations(page, live_server, path):
    _published_report()
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_accessible(page)
