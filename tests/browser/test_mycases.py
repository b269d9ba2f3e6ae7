"""Moje sprawy in a browser: reached from the account menu and used with the keyboard
alone, with no axe violations."""

import pytest
from django.urls import reverse

from tests.a11y import assert_accessible, login, tab_to
from tests.cooperation.test_mycases import organisation_matters, own_matters
from tests.ngos.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "haslo-testowe-123"


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_desk_is_reached_from_the_account_menu_with_the_keyboard(
    page, live_server, language
):
    membership = MembershipFactory(user__email="sprawy@example.org")
    membership.user.set_password(PASSWORD)
    membership.user.save()
    organisation_matters(membership)
    own_matters(membership.user)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    login(page, live_server, membership.user, PASSWORD)
    page.goto(live_server.url + "/konkursy/")
    tab_to(page, "#account-menu")
    page.keyboard.press("Enter")
    desk = page.locator(f'header .dropdown-menu a[href="{reverse("account-cases")}"]')
    for _ in range(6):
        page.keyboard.press("ArrowDown")
        if desk.evaluate("el => el === document.activeElement"):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/konto/sprawy/")
    heading = "Moje sprawy" if language == "pl" else "My matters"
    assert page.locator("h1").inner_text() == heading
    assert page.locator("main").get_by_text(membership.organisation.name).count()
    assert_accessible(page)
    # Each matter links to where its step is taken: the draft offer, by Tab and Enter.
    offer = page.locator("main a", has_text="Szkic 0")
    tab_to(page, 'main a:text("Szkic 0")')
    href = offer.get_attribute("href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(href)
