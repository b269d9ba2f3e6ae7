"""Workshops pages in a real browser: axe-core and the keyboard."""

import pytest
from django.utils import timezone

from tests.a11y import assert_accessible, login, tab_to
from tests.cooperation.factories import UserFactory
from tests.ngos.factories import MembershipFactory
from tests.workshops.factories import (
    AdviceSlotFactory,
    EventFactory,
    RecommendationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "haslo-testowe-123"


@pytest.fixture
def events(db):
    EventFactory(title="Szkolenie: rozliczanie dotacji", kind="training")
    EventFactory(title="Dawne warsztaty", held=True, minutes="Ustalenia spotkania.")
    return EventFactory(title="Warsztaty: jak napisać ofertę", capacity=2)


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize(
    "path",
    [
        "/warsztaty/",
        "/warsztaty/?when=past",
        "/warsztaty/?month=zle",
        "/warsztaty/kalendarz/",
    ],
)
def test_public_pages_have_no_axe_violations(page, live_server, events, path, language):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_event_and_group_pages_have_no_axe_violations(page, live_server, events):
    page.goto(live_server.url + events.get_absolute_url())
    assert_accessible(page)
    recommendation = RecommendationFactory(accepted=True)
    page.goto(live_server.url + recommendation.group.get_absolute_url())
    assert_accessible(page)
    page.goto(live_server.url + "/warsztaty/grupy/")
    assert_accessible(page)


def test_calendar_months_are_reached_with_the_keyboard(page, live_server, events):
    page.goto(live_server.url + "/warsztaty/kalendarz/")
    tab_to(page, "a[rel=next]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    following = timezone.localdate().replace(day=1)
    month = following.month % 12 + 1
    assert page.url.rstrip("/").endswith(f"/{month}")
    assert page.locator("table caption").count() == 1
    assert_accessible(page)


def test_registration_form_with_keyboard_errors_and_success(page, live_server, events):
    membership = MembershipFactory(user__email="zapis@example.org")
    user = membership.user
    user.set_password(PASSWORD)
    user.save()
    login(page, live_server, user, PASSWORD, next_url=f"/warsztaty/{events.pk}/zapisy/")
    assert page.url.endswith(f"/warsztaty/{events.pk}/zapisy/")
    assert_accessible(page)
    # Sending without the consent keeps the choice and shows the message by the field.
    page.select_option("#id_organisation", str(membership.organisation.pk))
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.locator("#id_consent[aria-invalid=true]").count() == 1
    assert page.locator("#id_organisation").input_value() == str(
        membership.organisation.pk
    )
    assert_accessible(page)
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(events.get_absolute_url())
    assert_accessible(page)


def test_advice_slot_booking_form_has_no_axe_violations(page, live_server):
    slot = AdviceSlotFactory()
    user = UserFactory(email="porada@example.org")
    login(
        page,
        live_server,
        user,
        PASSWORD,
        next_url=f"/warsztaty/{slot.event.pk}/zapisy/",
    )
    assert page.locator("#id_slot").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize(
    ("language", "confirm", "outcome"),
    [
        ("pl", "Tak, rezygnuję z zapisu", "Twoje miejsce otrzymała pierwsza osoba"),
        ("en", "Yes, cancel my registration", "Your place went to the first person"),
    ],
)
def test_cancelling_a_registration_is_confirmed_with_the_keyboard(
    page, live_server, events, language, confirm, outcome
):
    from tests.workshops.factories import RegistrationFactory
    from workshops.models import Registration

    user = UserFactory(email="rezygnacja@example.org")
    mine = RegistrationFactory(event=events, user=user)
    RegistrationFactory(event=events)
    waiting = RegistrationFactory(event=events, waiting=True)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    login(page, live_server, user, PASSWORD, next_url=events.get_absolute_url())
    tab_to(page, "main a.btn-outline-danger")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/rezygnacja/" in page.url
    assert_accessible(page)
    assert Registration.objects.get(pk=mine.pk).status == "confirmed"
    tab_to(page, "main button[type=submit]")
    assert page.locator("main button[type=submit]").inner_text() == confirm
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(events.get_absolute_url())
    assert outcome in page.locator("main, body").first.inner_text()
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    assert_accessible(page)
