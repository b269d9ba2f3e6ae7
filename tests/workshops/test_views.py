from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import assert_pdf_ua, pdf_text
from tests.cooperation.factories import UserFactory
from tests.ngos.factories import MembershipFactory
from tests.workshops.factories import (
    AdviceSlotFactory,
    EventFactory,
    RecommendationFactory,
    RegistrationFactory,
    WorkingGroupFactory,
    in_days,
)
from workshops.models import Event, Registration, Topic

pytestmark = pytest.mark.django_db


def test_list_shows_upcoming_by_default_and_past_on_request(client):
    upcoming = EventFactory(title="Nadchodzące warsztaty")
    past = EventFactory(title="Dawne warsztaty", held=True)
    EventFactory(title="Szkic", draft=True)
    content = client.get("/warsztaty/").content.decode()
    assert (
        upcoming.title in content
        and past.title not in content
        and "Szkic" not in content
    )
    content = client.get("/warsztaty/?when=past").content.decode()
    assert past.title in content and upcoming.title not in content


def test_list_filters_by_kind_topic_and_month(client):
    EventFactory(
        title="Szkolenie z księgowości", kind=Event.Kind.TRAINING, topic=Topic.SUPPORT
    )
    EventFactory(title="Warsztaty konsultacyjne")
    later = EventFactory(title="Forum za dwa miesiące", starts_at=in_days(62))
    content = client.get("/warsztaty/", {"kind": "training"}).content.decode()
    assert (
        "Szkolenie z księgowości" in content
        and "Warsztaty konsultacyjne" not in content
    )
    content = client.get("/warsztaty/", {"topic": "consultation"}).content.decode()
    assert "Warsztaty konsultacyjne" in content and "Szkolenie" not in content
    month = timezone.localtime(later.starts_at).strftime("%Y-%m")
    content = client.get("/warsztaty/", {"month": month}).content.decode()
    assert later.title in content and "Szkolenie" not in content


def test_list_reports_a_bad_month_and_keeps_it(client):
    response = client.get("/warsztaty/", {"month": "grudzień"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="grudzień"' in content
    assert "YYYY-MM" in content


def test_calendar_shows_the_month_with_links_around(client):
    event = EventFactory(title="Forum organizacji")
    local = timezone.localtime(event.starts_at)
    response = client.get(f"/warsztaty/kalendarz/{local.year}/{local.month}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<caption" in content and 'rel="prev"' in content and 'rel="next"' in content
    assert "Forum organizacji" in content
    assert client.get("/warsztaty/kalendarz/").status_code == 200
    assert client.get("/warsztaty/kalendarz/2026/13/").status_code == 404


def test_detail_shows_places_documents_and_minutes(client):
    event = EventFactory(held=True, minutes="Ustalono harmonogram prac.")
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Ustalono harmonogram prac." in response.content.decode()
    assert client.get(EventFactory(draft=True).get_absolute_url()).status_code == 404


def test_sign_up_flow_with_consent(client, resident):
    event = EventFactory(capacity=1)
    client.force_login(resident)
    url = reverse("workshops:event-register", args=[event.pk])
    response = client.post(url, {})
    assert response.status_code == 200
    assert (
        "information clause" in response.content.decode()
        or "klauzul" in response.content.decode()
    )
    assert not Registration.objects.exists()
    response = client.post(url, {"consent": "on"})
    assert response.status_code == 302
    assert Registration.objects.get().status == "confirmed"
    page = client.get(event.get_absolute_url()).content.decode()
    assert reverse("workshops:registration-cancel", args=[event.pk]) in page


def test_sign_up_on_behalf_of_organisation(client):
    membership = MembershipFactory()
    event = EventFactory()
    client.force_login(membership.user)
    response = client.post(
        reverse("workshops:event-register", args=[event.pk]),
        {"consent": "on", "organisation": membership.organisation.pk},
    )
    assert response.status_code == 302
    assert Registration.objects.get().organisation == membership.organisation


def test_full_event_puts_person_on_the_waiting_list(client, resident):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    client.force_login(resident)
    client.post(reverse("workshops:event-register", args=[event.pk]), {"consent": "on"})
    assert Registration.objects.get(user=resident).status == "waiting"
    assert (
        "(position 1)" in client.get(event.get_absolute_url()).content.decode()
        or "(pozycja 1)" in client.get(event.get_absolute_url()).content.decode()
    )


def test_taken_slot_is_reported_on_the_field(client, resident):
    slot = AdviceSlotFactory()
    other = AdviceSlotFactory(event=slot.event)
    client.force_login(resident)
    url = reverse("workshops:event-register", args=[slot.event.pk])
    RegistrationFactory(event=slot.event, slot=slot)
    response = client.post(
        url, {"consent": "on", "slot": slot.pk, "question": "Statut"}
    )
    assert response.status_code == 200
    assert 'name="question"' in response.content.decode()
    assert "Statut" in response.content.decode()
    response = client.post(url, {"consent": "on", "slot": other.pk})
    assert response.status_code == 302
    assert Registration.objects.get(user=resident).slot == other


def test_cancel_through_the_page(client, resident):
    registration = RegistrationFactory(user=resident)
    client.force_login(resident)
    response = client.post(
        reverse("workshops:registration-cancel", args=[registration.event.pk])
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_closed_registration_redirects_with_message(client, resident):
    event = EventFactory(
        registration_deadline=timezone.now() - timedelta(hours=1), starts_at=in_days(2)
    )
    client.force_login(resident)
    response = client.get(reverse("workshops:event-register", args=[event.pk]))
    assert response.status_code == 302


def test_group_page_shows_recommendations_and_answers(client):
    recommendation = RecommendationFactory(accepted=True)
    response = client.get(recommendation.group.get_absolute_url())
    content = response.content.decode()
    assert recommendation.title in content and recommendation.answer in content
    assert client.get("/warsztaty/grupy/").status_code == 200


def test_attendance_pdf_and_certificate(client, clerk, tmp_path):
    registration = RegistrationFactory(
        event=EventFactory(held=True),
        user__first_name="Żaneta",
        user__last_name="Łęcka",
        attended=True,
    )
    client.force_login(clerk)
    response = client.get(
        reverse("workshops:attendance-list-pdf", args=[registration.event.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "lista.pdf"
    pdf.write_bytes(response.content)
    assert "Żaneta Łęcka" in pdf_text(pdf)
    assert_pdf_ua(pdf)
    client.force_login(registration.user)
    response = client.get(reverse("workshops:certificate-pdf", args=[registration.pk]))
    assert response.status_code == 200
    pdf.write_bytes(response.content)
    text = " ".join(pdf_text(pdf).split())
    assert_pdf_ua(pdf)
    assert "Żaneta Łęcka" in text and registration.event.title in text


def test_certificate_only_for_attended(client):
    registration = RegistrationFactory(event=EventFactory(held=True), attended=False)
    client.force_login(registration.user)
    assert (
        client.get(
            reverse("workshops:certificate-pdf", args=[registration.pk])
        ).status_code
        == 404
    )


def test_home_shows_upcoming_events(client):
    EventFactory(title="Warsztaty na stronie głównej")
    assert "Warsztaty na stronie głównej" in client.get("/").content.decode()


def test_my_registrations_lists_own_only(client, resident):
    mine = RegistrationFactory(user=resident)
    other = RegistrationFactory(event=EventFactory(title="Cudze"), user=UserFactory())
    client.force_login(resident)
    content = client.get("/warsztaty/moje-zapisy/").content.decode()
    assert mine.event.title in content and other.event.title not in content


def test_admin_pages_load_for_a_superuser(client):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    admin = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    event = EventFactory()
    RegistrationFactory(event=event)
    group = WorkingGroupFactory()
    recommendation = RecommendationFactory(group=group)
    for url in [
        "/admin/workshops/event/",
        f"/admin/workshops/event/{event.pk}/change/",
        "/admin/workshops/registration/",
        "/admin/workshops/workinggroup/",
        f"/admin/workshops/workinggroup/{group.pk}/change/",
        f"/admin/workshops/recommendation/{recommendation.pk}/change/",
    ]:
        assert client.get(url).status_code == 200, url


def test_attendance_list_never_shows_an_e_mail_for_a_name(client, clerk, tmp_path):
    registration = RegistrationFactory(
        event=EventFactory(held=True),
        user__email="bez.imienia@example.org",
        user__first_name="",
        user__last_name="",
        attended=True,
    )
    client.force_login(clerk)
    response = client.get(
        reverse("workshops:attendance-list-pdf", args=[registration.event.pk])
    )
    pdf = tmp_path / "lista.pdf"
    pdf.write_bytes(response.content)
    text = pdf_text(pdf)
    assert "bez.imienia" not in text
    assert "nie podano" in text


def test_person_without_a_name_is_asked_for_it_before_a_certificate(client):
    registration = RegistrationFactory(
        event=EventFactory(held=True),
        user__first_name="",
        user__last_name="",
        attended=True,
    )
    client.force_login(registration.user)
    response = client.get(reverse("workshops:certificate-pdf", args=[registration.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("account-overview")


@pytest.mark.parametrize(
    ("language", "button", "account"),
    [("pl", "Zapisz się", "Zarejestruj się"), ("en", "Sign up", "Sign up")],
)
def test_the_event_button_signs_up_and_the_header_registers_an_account(
    client, resident, language, button, account
):
    event = EventFactory()
    client.force_login(resident)
    headers = {"accept-language": language}
    page = client.get(event.get_absolute_url(), headers=headers).content.decode()
    assert (
        f'{reverse("workshops:event-register", args=[event.pk])}">{button}</a>' in page
    )
    form = client.get(
        reverse("workshops:event-register", args=[event.pk]), headers=headers
    ).content.decode()
    assert f'class="btn btn-primary">{button}</button>' in form
    client.logout()
    anonymous = client.get(reverse("home"), headers=headers).content.decode()
    assert f'{reverse("account_signup")}">{account}</a>' in anonymous


@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        (
            "pl",
            "Twoje miejsce otrzyma pierwsza osoba z listy rezerwowej, którą "
            "powiadomimy e-mailem.",
            "Zapis został anulowany. Twoje miejsce otrzymała pierwsza osoba z listy "
            "rezerwowej.",
        ),
        (
            "en",
            "Your place will go to the first person on the waiting list, who will "
            "be told by e-mail.",
            "Your registration is cancelled. Your place went to the first person on "
            "the waiting list.",
        ),
    ],
)
def test_cancelling_asks_first_and_says_the_first_waiting_gets_the_place(
    client, resident, language, before, after
):
    event = EventFactory(capacity=1)
    mine = RegistrationFactory(event=event, user=resident)
    waiting = RegistrationFactory(event=event, waiting=True)
    client.force_login(resident)
    headers = {"accept-language": language}
    url = reverse("workshops:registration-cancel", args=[event.pk])
    detail = client.get(event.get_absolute_url(), headers=headers).content.decode()
    assert f'href="{url}"' in detail
    page = client.get(url, headers=headers)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert before in page.content.decode()
    mine.refresh_from_db()
    assert mine.status == "confirmed"
    response = client.post(url, headers=headers, follow=True)
    assert after in response.content.decode()
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert (mine.status, waiting.status) == ("cancelled", "confirmed")


@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        (
            "pl",
            "Twoje miejsce zostanie zwolnione i będzie mogła je zająć inna osoba.",
            "Zapis został anulowany. Twoje miejsce jest wolne dla innej osoby.",
        ),
        (
            "en",
            "Your place will become free for someone else to sign up.",
            "Your registration is cancelled. Your place is free for someone else.",
        ),
    ],
)
def test_cancelling_without_a_waiting_list_says_the_place_becomes_free(
    client, resident, language, before, after
):
    registration = RegistrationFactory(user=resident)
    url = reverse("workshops:registration-cancel", args=[registration.event.pk])
    client.force_login(resident)
    headers = {"accept-language": language}
    assert before in client.get(url, headers=headers).content.decode()
    response = client.post(url, headers=headers, follow=True)
    assert after in response.content.decode()
