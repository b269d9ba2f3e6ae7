"""Small grants in Chromium beyond the offer's own pages: the home page with the
offers open for comments, and a small grant's simplified report filled in with the
keyboard alone, with axe-core on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from grants.models import Report
from grants.services import reports
from tests.a11y import assert_accessible, login, tab_to
from tests.cooperation.factories import UserFactory
from tests.grants import small_grant_helpers as helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "haslo-testowe-123"


def test_the_home_page_with_an_open_small_grant_passes_axe(page, live_server):
    today = timezone.localdate()
    priority = helpers.year_of(today.year)
    clerk = UserFactory(email="urzednik-home@example.org", clerk=True)
    offer, _rep = helpers.published(
        priority, clerk, title="Warsztaty w bibliotece", start=today + timedelta(5)
    )
    page.goto(live_server.url + "/")
    assert "Warsztaty w bibliotece" in page.content()
    assert_accessible(page)
    tab_to(page, f"a[href='{offer.get_public_url()}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(offer.get_public_url())
    assert_accessible(page)


def test_a_simplified_report_filled_in_with_the_keyboard_passes_axe(page, live_server):
    today = timezone.localdate()
    priority = helpers.year_of(today.year)
    clerk = UserFactory(email="urzednik-sprawozdanie@example.org", clerk=True)
    _offer, contract, rep = helpers.contracted(
        priority, clerk, start=today + timedelta(days=3), days=20
    )
    report = reports.report_open_final(contract=contract, actor=rep)
    assert report.form == Report.Form.SIMPLIFIED
    login(page, live_server, rep, PASSWORD)
    page.goto(live_server.url + "/umowy/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/sprawozdania/{report.pk}/krok/1/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/sprawozdania/{report.pk}/krok/2/")
    assert_accessible(page)
    tab_to(page, "#id_carried_out")
    page.keyboard.type("Zajęcia odbyły się w świetlicy.")
    tab_to(page, "#id_results_achieved")
    page.keyboard.type("40 uczestników, 5 spotkań.")
    tab_to(page, "button[name='next']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/sprawozdania/{report.pk}/krok/3/")
    assert_accessible(page)
    report.refresh_from_db()
    assert report.content["carried_out"] == "Zajęcia odbyły się w świetlicy."
    assert report.content["results_achieved"] == "40 uczestników, 5 spotkań."
    page.goto(f"{live_server.url}/sprawozdania/{report.pk}/krok/4/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/sprawozdania/{report.pk}/")
    assert_accessible(page)


def test_a_guest_confirms_the_comment_with_the_keyboard_and_axe_passes(
    page, live_server, settings
):
    from grants.models import SmallGrantComment
    from grants.services import small_grants

    settings.SMALL_GRANT_ANONYMOUS_COMMENTS = True
    today = timezone.localdate()
    priority = helpers.year_of(today.year)
    clerk = UserFactory(email="urzednik-gosc@example.org", clerk=True)
    offer, _rep = helpers.published(priority, clerk, start=today + timedelta(5))
    comment = SmallGrantComment.objects.create(
        offer=offer, author_name="Jan Gość", email="gosc@example.org", text="Uwaga."
    )
    token = small_grants.confirmation_token(comment)
    page.goto(f"{live_server.url}/male-granty/uwagi/potwierdz/{token}/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(offer.get_public_url())
    assert "Uwaga." in page.content()
    assert_accessible(page)
    page.goto(f"{live_server.url}/male-granty/uwagi/potwierdz/{token}x/")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#form-errors").count() == 1
    assert_accessible(page)
