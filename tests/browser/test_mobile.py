"""Public pages of the foundation, the directory and workshops on a 375 px phone.

Nothing may scroll sideways: the document is never wider than the screen (wide
content such as the calendar scrolls inside its own labelled container).
"""

import pytest

from tests.a11y import assert_accessible
from tests.ngos.factories import OrganisationFactory, PartnerSearchFactory
from tests.workshops.factories import EventFactory, WorkingGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 375


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": WIDTH, "height": 740})
    return page


@pytest.fixture
def pages(db):
    organisation = OrganisationFactory(
        name="Stowarzyszenie Przyjaciół Ziemi Radlińskiej i Okolicznych Miejscowości",
        slug="przyjaciele",
        description="Działamy od lat. " * 40,
    )
    search = PartnerSearchFactory(organisation=organisation)
    event = EventFactory(title="Warsztaty z pisania ofert konkursowych " * 3)
    group = WorkingGroupFactory(slug="grupa-mobilna")
    month = event.starts_at
    return [
        "/",
        "/deklaracja-dostepnosci/",
        "/ochrona-danych/",
        "/konto/login/",
        "/konto/signup/",
        "/konto/password/reset/",
        "/nie-ma-takiej-strony/",
        "/organizacje/",
        organisation.get_absolute_url(),
        "/organizacje/partnerzy/",
        search.get_absolute_url(),
        "/warsztaty/",
        "/warsztaty/kalendarz/",
        f"/warsztaty/kalendarz/{month.year}/{month.month}/",
        event.get_absolute_url(),
        "/warsztaty/grupy/",
        group.get_absolute_url(),
    ]


def test_no_public_page_scrolls_sideways_on_a_phone(phone, live_server, pages):
    too_wide = {}
    for path in pages:
        response = phone.goto(live_server.url + path)
        assert response.status in (200, 404), path
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH + 1:
            too_wide[path] = width
    assert too_wide == {}


def test_calendar_scrolls_in_its_own_labelled_region(phone, live_server, db):
    EventFactory()
    phone.goto(live_server.url + "/warsztaty/kalendarz/")
    region = phone.locator(".workshops-calendar-scroll")
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("aria-labelledby") or region.get_attribute("aria-label")
    region.focus()
    assert region.evaluate("el => el === document.activeElement")
    assert_accessible(phone)


@pytest.mark.parametrize("path", ["/nie-ma-takiej-strony/", "/warsztaty/grupy/"])
def test_error_and_group_pages_have_no_axe_violations(phone, live_server, path):
    WorkingGroupFactory()
    phone.goto(live_server.url + path)
    assert phone.locator("h1").count() == 1
    assert_accessible(phone)
