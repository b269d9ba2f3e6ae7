"""The council's public page in a real browser: axe-core."""

import os

import pytest

from tests.a11y import assert_accessible
from tests.cooperation.factories import UserFactory

from .test_views import _populate

# Playwright runs an event loop in the test thread; the data is made before it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_council_page_has_no_axe_violations(page, live_server):
    _populate(UserFactory(clerk=True), 2)
    response = page.goto(live_server.url + "/wspolpraca/rada/")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_empty_council_page_has_no_axe_violations(page, live_server):
    response = page.goto(live_server.url + "/wspolpraca/rada/")
    assert response.status == 200
    assert_accessible(page)
