"""The pages of non-financial cooperation in a real browser: axe-core, and a booking
requested with the keyboard alone."""

import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cooperation.nonfinancial import services
from cooperation.nonfinancial.models import Booking, BookingSlot
from tests.a11y import assert_accessible, login, tab_to
from tests.cooperation.factories import UserFactory

from .factories import ResourceFactory, at, proposed_team, representative

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
        "/wspolpraca/zespoly/",
    ],
)
def test_non_financial_pages_have_no_axe_violations(page, live_server, path):
    _published_information()
    _appointed_team()
    ResourceFactory()
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_accessible(page)


PASSWORD = "haslo-testowe-123"


def _appointed_team():
    """A team with members, a meeting with minutes written and uploaded, and a
    recommendation, as the public page shows it."""
    clerk = UserFactory(clerk=True)
    user, organisation = representative()
    team = proposed_team(user, organisation)
    today = timezone.localdate()
    services.team_appoint(
        jointteam=team,
        actor=clerk,
        ordinance_number="OR.0050.7.2026",
        ordinance_date=today - timedelta(days=5),
        term_from=today - timedelta(days=5),
    )
    meeting = services.team_meeting_schedule(
        team=team, actor=clerk, held_at=at(-1, 16), place="MOK", agenda="1. Otwarcie."
    )
    services.team_meeting_minutes(
        meeting=meeting,
        actor=clerk,
        text="Obecni wszyscy.",
        file=SimpleUploadedFile("protokol.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    services.team_recommendation_adopt(
        team=team,
        actor=clerk,
        title="Klub seniora",
        text="Zespół rekomenduje kluby seniora.",
        adopted_on=today,
        meeting=meeting,
    )
    services.team_meeting_schedule(
        team=team, actor=clerk, held_at=at(7, 16), place="MOK", agenda="1. Plan."
    )


@pytest.mark.parametrize(
    "path", ["/wspolpraca/zespoly/propozycja/", "/wspolpraca/informacja/zglos/"]
)
def test_the_organisations_forms_have_no_axe_violations(page, live_server, path):
    user, _organisation = representative()
    login(page, live_server, user, PASSWORD)
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    # The form sent empty shows its errors, which must be accessible too.
    tab_to(page, "#main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".invalid-feedback, .is-invalid").count() > 0
    assert_accessible(page)


def _type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def test_a_booking_is_requested_with_the_keyboard_alone(page, live_server):
    """From the room's page to the request sent: Tab, typing and Enter, no click."""
    resource = ResourceFactory(slug="sala-klawiatura", name="Sala klawiatury")
    user, organisation = representative()
    login(page, live_server, user, PASSWORD)
    page.goto(f"{live_server.url}{resource.get_absolute_url()}")
    assert_accessible(page)
    tab_to(page, "a[href$='/rezerwacja/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/wspolpraca/lokale/sala-klawiatura/rezerwacja/")
    assert_accessible(page)
    # Chromium's date field takes its parts in the order of the system's language
    # (dd.mm.rrrr in Polish, mm/dd/yyyy in English), whatever the page's locale: a
    # day whose number is its month's (12 December) is typed the same in both. An
    # English time field has an AM/PM part after the minutes, set by "A" or "P";
    # a 24-hour field has none and ignores the letter.
    day = timezone.localdate() + timedelta(days=1)
    while day.day != day.month:
        day += timedelta(days=1)
    _type_into(page, "#id_day", day.strftime("%d%m%Y"))
    _type_into(page, "#id_start_time", "1000A")
    _type_into(page, "#id_end_time", "1230P")
    _type_into(page, "#id_purpose", "Spotkanie wolontariuszy.")
    _type_into(page, "#id_participants", "12")
    tab_to(page, "#main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/wspolpraca/moje-wnioski/"), page.content()[-3000:]
    booking = Booking.objects.get(resource=resource)
    assert booking.organisation == organisation
    assert booking.status == Booking.Status.SUBMITTED
    local = timezone.localtime(booking.starts_at)
    assert (local.date(), local.hour, local.minute) == (day, 10, 0)
    assert timezone.localtime(booking.ends_at).strftime("%H:%M") == "12:30"
    assert booking.participants == 12
    assert BookingSlot.objects.filter(booking=booking).count() == 1
    assert "Sala klawiatury" in page.content()
    assert_accessible(page)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A browser set up as most of the portal's visitors have it: Polish."""
    return {**browser_context_args, "locale": "pl-PL"}
