"""The organisation's contracts page in Chromium: axe-core and the keyboard."""

import pytest

from tests.a11y import assert_accessible, login, tab_to
from tests.grants import test_award, test_contracts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
awarded = test_award.awarded
templates = test_contracts.templates
accepted = test_contracts.accepted


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
