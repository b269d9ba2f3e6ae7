import re
import time

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.urls import reverse

from cooperation.core.models import User

PASSWORD = "haslo-testowe-123"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_staff_go_straight_to_two_factor_setup_after_logging_in(client, clerk):
    response = client.post(
        "/konto/login/", {"login": clerk.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response["Location"] == reverse("mfa_activate_totp")
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert "reauthenticate" not in response.get("Location", "")


@pytest.mark.django_db
def test_later_sensitive_changes_still_ask_for_the_password(client, clerk):
    client.post("/konto/login/", {"login": clerk.email, "password": PASSWORD})
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] = time.time() - 3600
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


@pytest.mark.django_db
def test_force_login_alone_does_not_count_as_recent_authentication(client, clerk):
    client.force_login(clerk)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def _signup(client, email, next_url="", **extra):
    data = {
        "email": email,
        "password1": "Mocne-haslo-2026",
        "password2": "Mocne-haslo-2026",
    }
    if next_url:
        data["next"] = next_url
    return client.post("/konto/signup/", data, **extra)


@pytest.mark.django_db
def test_confirmation_mail_names_the_portal_and_links_to_site_url(
    client, mailoutbox, settings
):
    settings.SITE_URL = "https://wspolpraca.radlin.example"
    settings.ALLOWED_HOSTS = ["*"]
    _signup(client, "nowa@example.org", HTTP_HOST="127.0.0.1:8765")
    message = mailoutbox[0]
    text = message.subject + message.body
    assert "127.0.0.1" not in text
    assert "https://wspolpraca.radlin.example/konto/confirm-email/" in message.body
    assert "Gmina Radlin" in message.body
    assert "Witamy z" not in message.body
    assert "Piszemy z serwisu Portal Współpracy — Gmina Radlin" in message.body
    assert message.body.rstrip().endswith("wspolpraca.radlin.example")
    assert message.subject == "Potwierdź adres e-mail"


@pytest.mark.django_db
def test_password_reset_mail_links_to_site_url(client, mailoutbox, settings, resident):
    settings.SITE_URL = "https://wspolpraca.radlin.example"
    settings.ALLOWED_HOSTS = ["*"]
    client.post(
        "/konto/password/reset/", {"email": resident.email}, HTTP_HOST="127.0.0.1:8765"
    )
    assert "https://wspolpraca.radlin.example/konto/password/reset/key/" in (
        mailoutbox[0].body
    )
    assert "127.0.0.1" not in mailoutbox[0].body


@pytest.mark.django_db
def test_signup_from_a_page_comes_back_to_it_after_confirmation(client, mailoutbox):
    next_url = "/konsultacje/projekt/#komentarz"
    _signup(client, "wraca@example.org", next_url)
    body = mailoutbox[0].body
    link = re.search(r"(/konto/confirm-email/[^\s]+)", body).group(1)
    assert "next=" in link
    # In the same browser.
    page = client.get(link)
    assert 'name="next"' in page.content.decode()
    response = client.post(link, {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    assert client.session["_auth_user_id"] == str(
        User.objects.get(email="wraca@example.org").pk
    )


@pytest.mark.django_db
def test_signup_from_a_page_comes_back_to_it_in_another_browser(client, mailoutbox):
    from django.test import Client

    next_url = "/warsztaty/"
    _signup(client, "inna@example.org", next_url)
    link = re.search(r"(/konto/confirm-email/[^\s]+)", mailoutbox[0].body).group(1)
    other = Client()
    response = other.post(link, {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url


@pytest.mark.django_db
def test_login_page_passes_next_to_sign_up(client):
    html = client.get("/konto/login/?next=/warsztaty/").content.decode()
    assert "/konto/signup/?next=%2Fwarsztaty%2F" in html or (
        "/konto/signup/?next=/warsztaty/" in html
    )


@pytest.mark.django_db
def test_unsafe_next_is_not_put_in_the_confirmation_link(client, mailoutbox):
    _signup(client, "zly@example.org", "https://evil.example/")
    assert "evil" not in mailoutbox[0].body


@pytest.mark.django_db
def test_account_page_changes_the_name(client, resident):
    client.force_login(resident)
    html = client.get("/konto/").content.decode()
    assert 'name="first_name"' in html and 'name="last_name"' in html
    assert '<label for="id_first_name"' in html
    response = client.post(
        "/konto/imie/", {"first_name": " Anna ", "last_name": "Nowak"}
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.first_name, resident.last_name) == ("Anna", "Nowak")


@pytest.mark.django_db
def test_too_long_name_is_refused_and_kept(client, resident):
    client.force_login(resident)
    response = client.post(
        "/konto/imie/", {"first_name": "A" * 200, "last_name": "Nowak"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'value="Nowak"' in html


@pytest.mark.django_db
def test_name_change_needs_login_and_post(client, resident):
    assert client.post("/konto/imie/", {"first_name": "X"}).status_code == 302
    client.force_login(resident)
    assert client.get("/konto/imie/").status_code == 405


@pytest.mark.django_db
def test_signup_asks_for_an_optional_name(client, mailoutbox):
    html = client.get("/konto/signup/").content.decode()
    assert 'name="first_name"' in html
    assert html.index('name="email"') < html.index('name="first_name"')
    assert html.index('name="last_name"') < html.index('name="password1"')
    _signup(client, "bez@example.org")
    client.logout()
    client.post(
        "/konto/signup/",
        {
            "email": "imie@example.org",
            "first_name": "Ewa",
            "last_name": "Lis",
            "password1": "Mocne-haslo-2026",
            "password2": "Mocne-haslo-2026",
        },
    )
    assert User.objects.get(email="imie@example.org").get_full_name() == "Ewa Lis"
    assert User.objects.get(email="bez@example.org").get_full_name() == ""


@pytest.mark.django_db
def test_header_links_bring_the_person_back_to_the_page(client):
    html = client.get("/deklaracja-dostepnosci/").content.decode()
    assert "/konto/login/?next=/deklaracja-dostepnosci/" in html
    assert "/konto/signup/?next=/deklaracja-dostepnosci/" in html
    login_page = client.get("/konto/login/").content.decode()
    assert "/konto/login/?next=" not in login_page
