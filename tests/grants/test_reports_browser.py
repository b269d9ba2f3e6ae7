"""The organisation's report pages in Chromium: axe-core on every page, and a final
report filled in, confirmed and submitted with the keyboard alone."""

from decimal import Decimal

import pytest

from grants.models import Report
from ngos.models import Representation
from tests.a11y import assert_accessible, login, tab_to
from tests.grants import test_contracts, test_report_pages, test_reports

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
awarded = test_contracts.awarded
accepted = test_contracts.accepted
templates = test_contracts.templates
report_template = test_reports.report_template
world = test_report_pages.world
PASSWORD = "haslo-testowe-123"


def _type(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _press_next(page) -> None:
    tab_to(page, "button[name='next']")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _amount(value: Decimal) -> str:
    return str(value).replace(".", ",")


def test_a_final_report_filled_and_submitted_with_the_keyboard_passes_axe(
    page, live_server, world
):
    # One signature suffices here; two together are tested without a browser.
    Representation.objects.filter(organisation=world.org_a).update(
        signatures_required=1
    )
    report = world.report
    terms = world.contract.current_terms()
    login(page, live_server, world.member_a, PASSWORD)

    page.goto(live_server.url + "/umowy/")
    assert_accessible(page)
    tab_to(page, f"a[href='/sprawozdania/{report.pk}/krok/1/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert world.contract.number in page.content()
    assert_accessible(page)
    _press_next(page)

    # Part I: each result and activity of the contract.
    assert page.url.endswith(f"/sprawozdania/{report.pk}/krok/2/")
    assert_accessible(page)
    for n, row in enumerate(report.content["results"]):
        _type(page, f"#id_results-{n}-achieved", str(row["target_value"]))
        _type(page, f"#id_results-{n}-measured_by", "lista obecności")
    for n in range(len(report.content["actions"])):
        _type(page, f"#id_actions-{n}-done", "Zgodnie z harmonogramem.")
    _type(page, "#id_lasting_results", "Grupa działa dalej.")
    _press_next(page)

    # Part II: a wrong amount first; the page keeps what was typed.
    assert page.url.endswith("/krok/3/")
    assert_accessible(page)
    year = report.period_end.year
    total = Decimal(0)
    for n, row in enumerate(report.content["costs"]):
        total += Decimal(row["planned"])
        _type(page, f"#id_costs-{n}-incurred_{year}", _amount(Decimal(row["planned"])))
    _type(page, "#id_other_income", "Brak innych przychodów.")
    _type(page, "#id_funding-grant", "12,345")
    _press_next(page)
    assert page.locator("#form-errors").count() == 1
    assert page.locator("#id_other_income").input_value() == "Brak innych przychodów."
    assert_accessible(page)
    own = Decimal(terms["own_financial"])
    non_financial = Decimal(terms["own_non_financial"])
    recipients = Decimal(terms["recipient_payments"])
    _type(page, "#id_funding-grant", _amount(total - own - non_financial - recipients))
    _type(page, "#id_funding-own_financial", _amount(own))
    _type(page, "#id_funding-own_non_financial", _amount(non_financial))
    _type(page, "#id_funding-recipient_payments", _amount(recipients))
    _press_next(page)

    # Part III, then the list of documents and the summary.
    assert page.url.endswith("/krok/4/")
    assert_accessible(page)
    _type(page, "#id_part_three", "Bez uwag.")
    _press_next(page)
    assert page.url.endswith(f"/sprawozdania/{report.pk}/dokumenty/")
    assert_accessible(page)
    tab_to(page, f".btn[href='/sprawozdania/{report.pk}/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#report-problems.alert-success").count() == 1
    assert_accessible(page)

    tab_to(page, f"form[action='/sprawozdania/{report.pk}/potwierdz/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, f"form[action='/sprawozdania/{report.pk}/zloz/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    report = Report.objects.get(pk=report.pk)
    assert report.status == "submitted"
    assert report.signed_for_organisation == "Anna Nowak (Prezes Zarządu)"
    assert report.content["part_three"] == "Bez uwag."
    assert_accessible(page)
