"""The clerk's desk in Chromium: from the desk to an offer and its formal check,
with the keyboard alone, every page passing axe-core."""

import os

import pytest

from grants.models import Offer
from tests.a11y import assert_accessible, tab_to
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory, OfferFactory

# Playwright's sync API runs an event loop in the test thread (one thread per test).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK_LINK = 'a[href="/admin/grants/offer/?status__exact=submitted"]'


def _logged_in_clerk(page, live_server):
    from django.conf import settings
    from django.test import Client

    clerk = UserFactory(email="urzednik-biurko@example.org", clerk=True)
    client = Client()
    client.force_login(clerk)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return clerk


def _waiting_count(page) -> int:
    row = page.locator("#desk tr", has=page.locator(DESK_LINK))
    return int(row.locator("td").first.inner_text())


def _press_enter_and_wait(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_clerk_accepts_an_offer_from_its_page_and_the_desk_count_drops(
    page, live_server
):
    competition = CompetitionFactory(announced=True)
    offers = [
        OfferFactory(
            competition=competition,
            status="submitted",
            number=f"{i + 1}/2026",
            sequence=i + 1,
            checksum="a" * 64,
        )
        for i in range(2)
    ]
    type(competition).objects.filter(pk=competition.pk).update(status="formal_review")
    _logged_in_clerk(page, live_server)

    page.goto(f"{live_server.url}/admin/")
    assert_accessible(page)
    assert _waiting_count(page) == 2

    # The desk's item leads to the offers awaiting the formal check.
    tab_to(page, DESK_LINK, limit=200)
    _press_enter_and_wait(page)
    assert "status__exact=submitted" in page.url
    assert_accessible(page)
    first = offers[0]
    tab_to(page, f'#result_list a[href*="/grants/offer/{first.pk}/change/"]', limit=200)
    _press_enter_and_wait(page)
    assert f"/grants/offer/{first.pk}/change/" in page.url
    assert_accessible(page)
    # The change page shows the state and the steps its table allows.
    from django.utils import translation

    with translation.override("en"):
        submitted = str(Offer.Status.SUBMITTED.label)
    state = page.locator("fieldset.workflow .field-workflow-state strong")
    assert state.inner_text() == submitted
    step = 'fieldset.workflow a[href$="/step/formally_accept/"]'
    tab_to(page, step, limit=200)
    _press_enter_and_wait(page)
    assert_accessible(page)
    tab_to(page, "#id_note", limit=200)
    page.keyboard.type("Oferta kompletna.")
    tab_to(page, "input[type=submit].default", limit=200)
    _press_enter_and_wait(page)
    assert page.url.endswith(f"/grants/offer/{first.pk}/change/")
    assert_accessible(page)
    first.refresh_from_db()
    assert first.status == Offer.Status.FORMALLY_ACCEPTED
    assert first.formal_note == "Oferta kompletna."
    with translation.override("en"):
        accepted = str(Offer.Status.FORMALLY_ACCEPTED.label)
    assert accepted in page.locator(".messagelist").inner_text()

    # Back to the desk by its link in the breadcrumbs: one offer still waits.
    tab_to(page, '.breadcrumbs a[href="/admin/"]', limit=200)
    _press_enter_and_wait(page)
    assert_accessible(page)
    assert _waiting_count(page) == 1
