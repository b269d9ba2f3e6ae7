"""The API's documentation and the datasets page in a real browser: axe-core, keyboard."""

import pytest

from tests.a11y import assert_accessible, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _use_language(page, live_server, code):
    page.context.add_cookies(
        [{"name": "django_language", "value": code, "url": live_server.url}]
    )


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("path", ["/api/", "/dane/"])
def test_open_data_pages_have_no_axe_violations(page, live_server, path, language):
    _use_language(page, live_server, language)
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_an_endpoint_is_reached_from_the_contents_with_the_keyboard(page, live_server):
    page.goto(live_server.url + "/api/")
    tab_to(page, 'a[href="#results_list"]')
    page.keyboard.press("Enter")
    assert page.url.endswith("#results_list")
    assert page.locator("#results_list").is_visible()
