"""The council's public page in a real browser: axe-core."""

import os

import pytest

from tests.a11y import assert_accessible, login
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


def test_organisations_part_has_no_axe_violations(page, live_server):
    from cooperation.council import services

    from .factories import active_term, open_election, representative

    clerk = UserFactory(clerk=True)
    term = active_term(clerk)
    open_election(clerk, term)  # its nomination form is on the page too
    voting = open_election(clerk, term)
    user, organisation = representative()
    services.creation_request_start(actor=user, organisation=organisation)
    services.candidate_nominate(
        actor=user, election=voting, organisation=organisation, name="Ala Nowak"
    )
    services.election_close(election=voting, actor=clerk)
    user.set_password("hasło-testowe-123")
    user.save()
    login(
        page,
        live_server,
        user,
        "hasło-testowe-123",
        next_url="/wspolpraca/rada/udzial/",
    )
    assert "/wspolpraca/rada/udzial/" in page.url
    assert page.locator("h1").count() == 1
    assert page.get_by_text("Ala Nowak").count() == 1
    assert_accessible(page)
