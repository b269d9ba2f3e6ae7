"""The public pages of non-financial cooperation in a real browser: axe-core."""

import os

import pytest

from cooperation.nonfinancial import services
from tests.a11y import assert_accessible
from tests.cooperation.factories import UserFactory

from .factories import ResourceFactory, representative

# Playwright runs an event loop in the test thread; the data is made before it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _published_information():
    clerk = UserFactory(clerk=True)
    plan = services.annual_plan_create(
        actor=clerk, year=2027, competitions="Sport dzieci.", directions="Seniorzy."
    )
    services.annual_plan_publish(annualplan=plan, actor=clerk)
    user, organisation = representative()
    activity = services.planned_activity_submit(
        actor=user,
        organisation=organisation,
        year=2027,
        title="Festiwal sąsiedzki",
        description="Warsztaty w parku.",
    )
    services.planned_activity_publish(plannedactivity=activity, actor=clerk)


@pytest.mark.parametrize(
    "path",
    [
        "/wspolpraca/",
        "/wspolpraca/informacja/",
        "/wspolpraca/patronaty/",
        "/wspolpraca/lokale/",
        "/wspolpraca/promocja/",
        "/wspolpraca/wnioski-wlasne/",
    ],
)
def test_non_financial_pages_have_no_axe_violations(page, live_server, path):
    _published_information()
    ResourceFactory()
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_accessible(page)
