"""The local initiative pages in Chromium: axe-core, public and logged in."""

import pytest

from tests.a11y import assert_accessible, login
from tests.cooperation.factories import UserFactory
from tests.grants import test_initiative_applications as flow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
resolution = flow.resolution
PASSWORD = "haslo-testowe-123"


def _initiatives(resolution):
    clerk = UserFactory(clerk=True)
    resident = UserFactory()
    agreed = flow.apply(resident, resolution, title="Skwer sąsiedzki")
    flow.agreed(clerk, agreed)
    flow.apply(resident, resolution, title="Wniosek czekający")
    return resident, agreed


def test_the_public_initiative_pages_have_no_axe_violations(
    page, live_server, resolution
):
    _resident, agreed = _initiatives(resolution)
    for path in (
        "/inicjatywy-lokalne/",
        "/inicjatywy-lokalne/przyjete/",
        agreed.get_absolute_url(),
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        assert_accessible(page)


def test_the_form_and_the_applicants_list_have_no_axe_violations(
    page, live_server, resolution
):
    resident, agreed = _initiatives(resolution)
    login(page, live_server, resident, PASSWORD)
    for path in (
        "/inicjatywy-lokalne/wniosek/",
        "/inicjatywy-lokalne/moje/",
        agreed.get_absolute_url(),
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    page.goto(live_server.url + "/inicjatywy-lokalne/wniosek/")
    page.fill("#id_title", "Ogród deszczowy")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator(".invalid-feedback, .is-invalid").count() > 0
    assert page.input_value("#id_title") == "Ogród deszczowy"
    assert_accessible(page)
