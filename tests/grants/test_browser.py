"""Competition pages and every step of the offer form in Chromium: axe-core and keyboard."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from grants.models import Offer
from tests.a11y import assert_accessible, login, tab_to
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory, complete_offer
from tests.grants.worlds import freeze
from tests.ngos.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "haslo-testowe-123"


def test_competition_pages_and_offer_steps_pass_axe(page, live_server):
    open_c = CompetitionFactory(announced=True)
    published = CompetitionFactory(
        status="results_published", results_published_at=timezone.now()
    )
    freeze(
        complete_offer(competition=published),
        status="selected",
        sequence=1,
        granted_amount=Decimal("5000"),
    )
    org = OrganisationFactory()
    rep = MembershipFactory(
        organisation=org, user=UserFactory(email="rep@example.org")
    ).user
    offer = complete_offer(competition=open_c, organisation=org, is_joint=True)
    for path in (
        "/konkursy/",
        "/konkursy/?stan=decided",
        open_c.get_absolute_url(),
        published.get_absolute_url(),
    ):
        page.goto(live_server.url + path)
        assert_accessible(page)
    login(page, live_server, rep, PASSWORD)
    page.goto(live_server.url + open_c.get_absolute_url())
    assert_accessible(page)
    for step in range(1, 7):
        page.goto(f"{live_server.url}/oferty/{offer.pk}/krok/{step}/")
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    page.goto(live_server.url + offer.get_absolute_url())
    assert_accessible(page)
    page.goto(live_server.url + "/oferty/")
    assert_accessible(page)


def _type(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def _us_date(value) -> str:
    """What one types into Chromium's date field in the en-US layout: mm, dd, yyyy."""
    return value.strftime("%m%d%Y")


def _next(page) -> None:
    tab_to(page, "button[name=next]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_offer_filled_in_and_submitted_with_the_keyboard_alone(page, live_server):
    competition = CompetitionFactory(
        announced=True, offers_deadline=timezone.now() + timedelta(days=25)
    )
    org = OrganisationFactory(name="Stowarzyszenie Klawiatura", street="ul. Rybnicka 5")
    rep = MembershipFactory(
        organisation=org, user=UserFactory(email="klawiatura@example.org")
    ).user
    login(page, live_server, rep, PASSWORD, next_url=competition.get_absolute_url())

    tab_to(page, "form[action$='nowa-oferta/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/krok/1/" in page.url
    # I–II are filled in from the organisation's profile, which has no register number.
    _type(page, "#id_offeror_register", "KRS 0000123456")
    _next(page)

    start = competition.task_start
    _type(page, "#id_title", "Bieg po zdrowie")
    _type(page, "#id_start_date", _us_date(start))
    _type(page, "#id_end_date", _us_date(start + timedelta(days=10)))
    _type(page, "#id_place", "Radlin, stadion")
    _type(page, "#id_target_group", "Młodzież szkolna")
    _type(page, "#id_method", "Treningi")
    _type(page, "#id_expected_change", "Sprawniejsza młodzież")
    _next(page)

    _type(page, "#id_actions-0-name", "Treningi biegowe")
    _type(page, "#id_actions-0-start", _us_date(start))
    _type(page, "#id_actions-0-end", _us_date(start + timedelta(days=10)))
    _next(page)

    _type(page, "#id_previous_activity", "Biegi od 2015 r.")
    _type(page, "#id_resources", "Trenerzy i stadion")
    _next(page)

    # The cost goes under activity I.1, the first choice after the empty one.
    tab_to(page, "#id_cost_rows-0-activity")
    page.keyboard.press("ArrowDown")
    for selector, text in (
        ("#id_requested_grant", "900"),
        ("#id_own_financial", "100"),
        ("#id_cost_rows-0-name", "Trener"),
        ("#id_cost_rows-0-unit", "godz."),
        ("#id_cost_rows-0-unit_cost", "50"),
        ("#id_cost_rows-0-units", "20"),
    ):
        tab_to(page, selector)
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
    _next(page)

    for name in (
        "st_public_benefit",
        "st_payments",
        "st_no_tax_arrears",
        "st_no_zus_arrears",
        "st_register",
        "st_true",
        "st_personal_data",
    ):
        tab_to(page, f"#id_{name}")
        page.keyboard.press("Space")
    _next(page)

    assert page.locator("#submit-heading ~ ul").count() == 0, page.locator(
        "main"
    ).inner_text()[:1500]
    tab_to(page, "form[action$='zloz/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    offer = Offer.objects.get(organisation=org)
    assert offer.status == "submitted" and offer.total_costs == Decimal("1000.00")
    assert offer.cost_rows.get().action == offer.actions.get()
    assert offer.checksum in page.content()
    assert_accessible(page)

    # The steps of the submitted offer say why they are closed.
    page.goto(f"{live_server.url}/oferty/{offer.pk}/krok/5/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    page.goto(live_server.url + offer.get_absolute_url())
    tab_to(page, "form[action$='wycofaj/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    offer.refresh_from_db()
    assert offer.status == "withdrawn"
    assert_accessible(page)


def test_committee_pages_pass_axe(page, live_server):
    from grants.models import CommitteeMember

    competition = CompetitionFactory(status="committee_review")
    offer = freeze(
        complete_offer(competition=competition), status="formally_accepted", sequence=1
    )
    member_user = UserFactory(email="komisja-axe@example.org", committee=True)
    member = CommitteeMember.objects.create(competition=competition, user=member_user)
    login(page, live_server, member_user, PASSWORD)
    page.goto(f"{live_server.url}/konkursy/{competition.pk}/komisja/")
    assert_accessible(page)  # the declaration of impartiality
    CommitteeMember.objects.filter(pk=member.pk).update(declared_at=timezone.now())
    page.goto(f"{live_server.url}/konkursy/{competition.pk}/komisja/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/oferty/{offer.pk}/ocena/")
    assert_accessible(page)


def test_competition_page_fits_a_phone_and_step_five_errors_pass_axe(page, live_server):
    published = CompetitionFactory(
        status="results_published", results_published_at=timezone.now()
    )
    freeze(
        complete_offer(competition=published),
        status="selected",
        sequence=1,
        granted_amount=Decimal("5000"),
    )
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + published.get_absolute_url())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width
    assert_accessible(page)
    # A negative unit cost in step V: the error is shown, named and accessible.
    page.set_viewport_size({"width": 1280, "height": 900})
    org = OrganisationFactory()
    rep = MembershipFactory(
        organisation=org, user=UserFactory(email="rep5@example.org")
    ).user
    open_c = CompetitionFactory(announced=True)
    offer = complete_offer(competition=open_c, organisation=org)
    login(page, live_server, rep, PASSWORD)
    page.goto(f"{live_server.url}/oferty/{offer.pk}/krok/5/")
    page.fill("#id_cost_rows-0-unit_cost", "-10")
    with page.expect_navigation():
        page.click("button[name=save]")
    assert page.locator("#form-errors").is_visible()
    assert page.locator("#id_cost_rows-0-unit_cost_error").is_visible()
    assert page.input_value("#id_cost_rows-0-unit_cost") == "-10"
    assert_accessible(page)
