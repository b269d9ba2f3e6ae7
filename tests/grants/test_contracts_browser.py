"""The organisation's contracts page in Chromium: axe-core and the keyboard."""

import pytest

from tests.a11y import assert_accessible, login, tab_to
from tests.grants import test_award, test_contracts, test_reports

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
awarded = test_award.awarded
templates = test_contracts.templates
accepted = test_contracts.accepted
report_template = test_reports.report_template


def test_my_contracts_passes_axe_and_opens_the_pdf_with_the_keyboard(
    page, live_server, accepted, clerk
):
    contract = test_contracts._signed(accepted, clerk)
    login(page, live_server, accepted.member_a, "haslo-testowe-123")
    page.goto(live_server.url + "/")
    tab_to(page, "#account-menu")
    page.keyboard.press("Enter")
    tab_to(page, "a[href='/umowy/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/umowy/")
    assert page.locator("h1").count() == 1
    assert contract.number in page.content()
    assert_accessible(page)
    tab_to(page, f"a[href='/umowy/{contract.pk}.pdf']")
    with page.expect_response(f"**/umowy/{contract.pk}.pdf") as response:
        page.keyboard.press("Enter")
    assert response.value.status == 200
    assert response.value.headers["content-type"] == "application/pdf"


def test_the_settled_grants_on_the_competitions_page_pass_axe(
    page, live_server, accepted, clerk, report_template
):
    from decimal import Decimal

    from grants import services

    contract = test_contracts._signed(accepted, clerk)
    services.contract_start(contract=contract, actor=clerk)
    services.payment_record(
        contract=contract,
        actor=clerk,
        instalment=1,
        paid_on=accepted.offer.start_date,
        amount="7200,00",
    )
    final = services.report_open_final(contract=contract, actor=accepted.member_a)
    services.report_save(
        report=final,
        content=test_reports._filled(final, Decimal("7200.00"), Decimal("800.00")),
    )
    services.report_submit(report=final, actor=accepted.member_a)
    services.report_accept(report=final, actor=clerk)
    assert services.refund_unused(contract=contract, actor=clerk) is None

    page.goto(live_server.url + accepted.competition.get_absolute_url())
    assert page.locator("#settlement-heading").count() == 1
    table = page.locator("#settlement-table").locator("..").inner_text()
    # Transferred and used, in the browser's language.
    assert table.count("7,200.00 PLN") + table.count("7\xa0200,00 PLN") >= 4
    assert_accessible(page)
    tab_to(page, "[aria-labelledby='settlement-table']")
