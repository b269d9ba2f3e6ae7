import json
import re
import time

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse

from cooperation.accounts import services
from cooperation.core.exceptions import DomainError
from cooperation.core.models import Notification, StatusChange, User
from cooperation.core.registry import personal_data_erasers, personal_data_exporters
from cooperation.core.signals import clerk_app_labels
from tests.cooperation.factories import UserFactory, with_totp

PASSWORD = "haslo-testowe-123"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def registered_hooks():
    """Registers a test exporter and eraser, removed again afterwards."""
    erased = []
    personal_data_exporters.add("test-app", lambda user: {"comments": [user.pk]})
    personal_data_erasers.add("test-app", lambda user: erased.append(user.pk))
    yield erased
    personal_data_exporters._entries.pop("test-app")
    personal_data_erasers._entries.pop("test-app")


# --- allauth pages in the portal's layout ---------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "polish"),
    [
        ("/konto/login/", "Zaloguj"),
        ("/konto/signup/", "Zarejestruj"),
        ("/konto/password/reset/", "hasła"),
    ],
)
def test_entrance_pages_use_portal_layout_in_polish(client, url, polish):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="pl">' in html
    assert html.count("<h1") == 1
    assert 'class="skip-link' in html or "skip-link" in html
    assert polish in html
    # Every visible input has a label pointing at it.
    for input_id in re.findall(
        r'<input[^>]*type="(?:email|password|text)"[^>]*id="([^"]+)"', html
    ):
        assert f'<label for="{input_id}"' in html


@pytest.mark.django_db
def test_signup_errors_are_tied_to_their_fields(client):
    response = client.post(
        "/konto/signup/",
        {"email": "nowy@example.org", "password1": "krotkie", "password2": "inne"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_password1_error"' in html or 'id="id_password2_error"' in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'aria-describedby="[^"]*_error"', html)
    # What the person typed is kept.
    assert 'value="nowy@example.org"' in html


@pytest.mark.django_db
def test_signup_requires_email_confirmation_before_login(client, mailoutbox):
    with TestCase.captureOnCommitCallbacks() as callbacks:
        response = client.post(
            "/konto/signup/",
            {
                "email": "nowa@example.org",
                "password1": "Mocne-haslo-2026",
                "password2": "Mocne-haslo-2026",
            },
        )
    assert response.status_code == 302
    # The confirmation leaves from the outbox once the sign-up is committed.
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    user = User.objects.get(email="nowa@example.org")
    assert user.language == "pl"
    assert not EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post(
        "/konto/login/", {"login": "nowa@example.org", "password": "Mocne-haslo-2026"}
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session

    key = re.search(r"/konto/confirm-email/([^/\s]+)/", mailoutbox[0].body).group(1)
    response = client.post(f"/konto/confirm-email/{key}/")
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_signup_in_english_remembers_the_language(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(
        "/konto/signup/",
        {
            "email": "english@example.org",
            "password1": "Mocne-haslo-2026",
            "password2": "Mocne-haslo-2026",
        },
    )
    assert User.objects.get(email="english@example.org").language == "en"


@pytest.mark.django_db
def test_wrong_password_is_reported_and_rate_limited(client):
    UserFactory(email="osoba@example.org")
    statuses = []
    for _ in range(7):
        response = client.post(
            "/konto/login/", {"login": "osoba@example.org", "password": "zle-haslo"}
        )
        statuses.append(response.status_code)
    assert statuses[0] == 200
    assert 'role="alert"' in response.content.decode()
    assert 429 in statuses or "Zbyt wiele" in response.content.decode()


def _wrong_passwords(client, email, times, **headers):
    """Whether each attempt was refused as one too many (429 or allauth's message)."""
    refused = []
    for _ in range(times):
        response = client.post(
            "/konto/login/", {"login": email, "password": "zle-haslo"}, **headers
        )
        refused.append(
            response.status_code == 429 or "Zbyt wiele" in response.content.decode()
        )
    return refused


@pytest.mark.django_db
def test_wrong_passwords_behind_a_proxy_do_not_lock_out_the_next_person(settings):
    """Two people behind the same reverse proxy: the portal sees one connecting
    address, the proxy's X-Forwarded-For tells them apart."""
    from django.test import Client

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    UserFactory(email="pomylka@example.org")
    other = UserFactory(email="druga@example.org")
    first, second = Client(), Client()
    refused = _wrong_passwords(
        first, "pomylka@example.org", 8, HTTP_X_FORWARDED_FOR="203.0.113.5"
    )
    assert refused[-1]
    response = second.post(
        "/konto/login/",
        {"login": other.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.6",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account-overview")


@pytest.mark.django_db
def test_wrong_passwords_on_a_shared_address_do_not_lock_out_the_next_person():
    """An office or a school: many people behind one address, no proxy of the portal's."""
    from django.test import Client

    UserFactory(email="pomylka@example.org")
    other = UserFactory(email="druga@example.org")
    assert _wrong_passwords(Client(), "pomylka@example.org", 6)[-1]
    response = Client().post(
        "/konto/login/", {"login": other.email, "password": PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_wrong_passwords_are_limited_per_account_from_any_address(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    UserFactory(email="celem@example.org")
    refused = [
        _wrong_passwords(
            client, "celem@example.org", 1, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )[0]
        for n in range(6)
    ]
    assert not any(refused[:5]) and refused[5]


@pytest.mark.django_db
def test_wrong_passwords_are_limited_per_address(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    refused = [
        _wrong_passwords(
            client, UserFactory().email, 1, HTTP_X_FORWARDED_FOR="192.0.2.7"
        )[0]
        for _ in range(31)
    ]
    assert not refused[0] and refused[-1]


@pytest.mark.django_db
def test_forwarded_address_is_ignored_without_a_trusted_proxy(client, settings):
    """Without TRUSTED_PROXY_COUNT a client cannot pick a fresh address per attempt."""
    assert settings.TRUSTED_PROXY_COUNT == 0
    refused = [
        _wrong_passwords(
            client, UserFactory().email, 1, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        )[0]
        for n in range(31)
    ]
    assert refused[-1]


@pytest.mark.django_db
def test_confirmed_user_logs_in_to_account_page(client, resident):
    response = client.post(
        "/konto/login/", {"login": resident.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account-overview")


@pytest.mark.django_db
def test_password_reset_sends_mail_from_the_outbox_and_erases_its_link(
    client, resident, mailoutbox
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/konto/password/reset/", {"email": resident.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert resident.email in mailoutbox[0].to
    assert "/konto/password/reset/key/" in mailoutbox[0].body
    sent = Notification.objects.get(
        recipient=resident, kind="cooperation.account_email"
    )
    assert sent.sent_at is not None
    assert sent.context == {"subject": mailoutbox[0].subject}


@pytest.mark.django_db
def test_password_reset_answers_alike_for_an_unknown_address(
    client, resident, mailoutbox
):
    with TestCase.captureOnCommitCallbacks() as known_callbacks:
        known = client.post("/konto/password/reset/", {"email": resident.email})
    with TestCase.captureOnCommitCallbacks() as unknown_callbacks:
        unknown = client.post("/konto/password/reset/", {"email": "nikt@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # Neither request talks to the mail server: the known address is mailed from the
    # outbox after the commit, the unknown one not at all.
    assert mailoutbox == []
    assert known_callbacks and not unknown_callbacks


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/konto/email/",
        "/konto/password/change/",
        "/konto/2fa/",
        "/konto/reauthenticate/",
    ],
)
def test_manage_pages_render_in_portal_layout(client, resident, url):
    client.force_login(resident)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'aria-label="Okruszki"' in html or "breadcrumb" in html
    assert reverse("account-overview") in html


# --- staff, two-factor and the admin ------------------------------------------------


@pytest.mark.django_db
def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_staff_without_totp_is_sent_to_set_it_up(client, clerk_without_totp):
    client.force_login(clerk_without_totp)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_staff_with_totp_opens_admin(client, clerk):
    client.force_login(with_totp(clerk))
    response = client.get("/admin/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_non_staff_is_not_redirected_to_totp(client, resident):
    client.force_login(resident)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "mfa" not in response["Location"]


def _portal_changelists():
    return [
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
        for m in admin.site._registry
        if m._meta.app_label in clerk_app_labels()
    ]


@pytest.mark.django_db
def test_roles_exist():
    assert Group.objects.filter(name__in=["clerks", "committee"]).count() == 2
    assert (
        Group.objects.get(name="clerks")
        .permissions.filter(content_type__app_label="ngos")
        .exists()
    )
    assert not Group.objects.get(name="committee").permissions.exists()


@pytest.mark.django_db
def test_clerks_administer_every_portal_app_and_no_technical_section(client, clerk):
    """The apps added beside the first ones (non-financial cooperation) are the
    clerks' too; schedules of periodic tasks and API tokens are the administrators'."""
    clerks = Group.objects.get(name="clerks")
    labels = set(clerks.permissions.values_list("content_type__app_label", flat=True))
    assert {"nonfinancial", "programme", "grants", "ngos"} <= labels
    assert not labels & {"django_celery_beat", "authtoken", "api"}
    client.force_login(clerk)
    page = client.get("/admin/").content.decode()
    assert "/admin/nonfinancial/" in page
    assert "/admin/django_celery_beat/" not in page
    assert client.get("/admin/django_celery_beat/periodictask/").status_code == 403
    superuser = UserFactory(email="admin@example.org", clerk=True, is_superuser=True)
    client.force_login(superuser)
    assert "/admin/django_celery_beat/" in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_clerk_opens_portal_changelists(client, clerk):
    urls = _portal_changelists()
    assert urls
    client.force_login(with_totp(clerk))
    failures = [(u, s) for u in urls if (s := client.get(u).status_code) != 200]
    assert not failures


@pytest.mark.django_db
def test_committee_member_cannot_open_changelists(client):
    member = with_totp(UserFactory(committee=True, is_staff=True))
    client.force_login(member)
    for url in _portal_changelists():
        assert client.get(url).status_code == 403, url
    non_staff = UserFactory(committee=True)
    client.force_login(non_staff)
    assert client.get(_portal_changelists()[0]).status_code == 302


# --- the account page ------------------------------------------------------------


@pytest.mark.django_db
def test_account_page_needs_login(client):
    response = client.get("/konto/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_account_page_shows_emails_and_actions(client, resident):
    client.force_login(resident)
    response = client.get("/konto/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert resident.email in html
    for name in [
        "account_email",
        "account_change_password",
        "mfa_index",
        "account-delete",
    ]:
        assert reverse(name) in html


@pytest.mark.django_db
def test_language_preference_is_saved_and_applied(client, resident, settings):
    client.force_login(resident)
    response = client.post("/konto/jezyk/", {"language": "en"})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.language == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get("/konto/").content.decode()


@pytest.mark.django_db
def test_unknown_language_is_refused_with_field_error(client, resident):
    client.force_login(resident)
    response = client.post("/konto/jezyk/", {"language": "xx"})
    assert response.status_code == 400
    assert 'id="id_language_error"' in response.content.decode()
    resident.refresh_from_db()
    assert resident.language == "pl"


def test_language_service_refuses_unknown_language():
    user = User(language="pl")
    with pytest.raises(DomainError) as error:
        services.account_update_language(user=user, language="de")
    assert error.value.field == "language"


@pytest.mark.django_db
def test_export_downloads_json_with_app_data(client, resident, registered_hooks):
    Notification.objects.create(recipient=resident, kind="ngos.test", occasion="x")
    client.force_login(resident)
    response = client.post("/konto/moje-dane/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == resident.email
    assert data["account"]["email_addresses"][0]["verified"] is True
    assert data["account"]["notifications"][0]["kind"] == "ngos.test"
    assert data["apps"]["test-app"] == {"comments": [resident.pk]}
    assert StatusChange.objects.filter(
        object_id=resident.pk, to_status="data-exported"
    ).exists()


@pytest.mark.django_db
def test_export_needs_post(client, resident):
    client.force_login(resident)
    assert client.get("/konto/moje-dane/").status_code == 405


@pytest.mark.django_db
def test_delete_with_wrong_password_keeps_account(client, resident, registered_hooks):
    client.force_login(resident)
    response = client.post("/konto/usun/", {"password": "nie-to"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_password_error"' in html
    assert 'aria-invalid="true"' in html
    assert User.objects.filter(pk=resident.pk).exists()
    assert registered_hooks == []


@pytest.mark.django_db
def test_delete_runs_erasers_deletes_and_logs_out(client, resident, registered_hooks):
    client.force_login(resident)
    assert client.get("/konto/usun/").status_code == 200
    response = client.post("/konto/usun/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert registered_hooks == [resident.pk]
    assert not User.objects.filter(pk=resident.pk).exists()
    assert not EmailAddress.objects.filter(email=resident.email).exists()
    assert "_auth_user_id" not in client.session
    audit = StatusChange.objects.get(object_id=resident.pk, to_status="account-deleted")
    assert resident.email not in audit.note


@pytest.mark.django_db
def test_delete_keeps_a_protected_account_anonymised(resident, monkeypatch):
    from django.db.models import ProtectedError

    def refuse(self, *args, **kwargs):
        raise ProtectedError("kept by law", set())

    monkeypatch.setattr(User, "delete", refuse)
    with_totp(resident)
    Notification.objects.create(recipient=resident, kind="ngos.test", occasion="x")
    outcome = services.account_delete(user=resident, password=PASSWORD)
    assert outcome == "deactivated"
    kept = User.objects.get(pk=resident.pk)
    assert not kept.is_active
    assert kept.email == f"deleted-{kept.pk}@invalid"
    assert kept.first_name == kept.last_name == ""
    assert not kept.has_usable_password()
    assert not EmailAddress.objects.filter(user=kept).exists()
    assert not Authenticator.objects.filter(user=kept).exists()
    assert not Notification.objects.filter(recipient=kept).exists()


@pytest.mark.django_db
def test_last_superuser_cannot_delete_account():
    admin_user = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(DomainError):
        services.account_delete(user=admin_user, password=PASSWORD)
    assert User.objects.filter(pk=admin_user.pk).exists()


@pytest.mark.django_db
def test_login_message_names_the_person_not_the_username(client):
    user = UserFactory(email="imie@example.org", first_name="Anna", last_name="Kowal")
    client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    html = client.get("/konto/").content.decode()
    assert "Anna Kowal" in html
    assert user.username not in html


@pytest.mark.django_db
def test_account_page_query_count(client, resident, django_assert_num_queries):
    EmailAddress.objects.create(user=resident, email="druga@example.org")
    client.force_login(resident)
    from tests.consultations.factories import CommentFactory
    from tests.workshops.factories import RegistrationFactory

    for _ in range(3):
        CommentFactory(author=resident)
        RegistrationFactory(user=resident)
    # session, user, "has TOTP?", e-mail addresses (however many there are), the
    # latest comments with their consultations, provisions and organisations, the
    # latest registrations with their events, slots and organisations
    with django_assert_num_queries(6):
        client.get("/konto/")


@pytest.mark.django_db
def test_login_with_totp_asks_for_the_code(client, clerk_without_totp):
    import time

    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
    )

    secret = generate_totp_secret()
    TOTP.activate(clerk_without_totp, secret)
    response = client.post(
        "/konto/login/", {"login": clerk_without_totp.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.content.decode().count("<h1") == 1
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_login_applies_preferred_language_to_a_fresh_browser(client, settings):
    user = UserFactory(email="en@example.org", language="en")
    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get("/konto/").content.decode()


@pytest.mark.django_db
def test_login_keeps_a_language_chosen_in_the_browser(client, settings):
    user = UserFactory(email="pl@example.org", language="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


ACCOUNT_MATRIX = [
    (
        "/",
        dict.fromkeys(("anonymous", "resident", "member_a", "committee", "clerk"), 200),
    ),
    ("/konto/", {"anonymous": 302, "resident": 200, "member_b": 200, "clerk": 200}),
    ("/konto/usun/", {"anonymous": 302, "resident": 200, "committee": 200}),
    ("/konto/moje-dane/", {"anonymous": 302, "resident": 200, "clerk": 200}, "post"),
    ("/konto/moje-dane/", {"resident": 405}),
    ("/konto/jezyk/", {"anonymous": 302, "resident": 405}),
    ("/admin/", {"anonymous": 302, "resident": 302, "committee": 302, "clerk": 200}),
    ("/admin/", {"clerk_no_2fa": 302}),
]


@pytest.mark.django_db
def test_account_permission_matrix(client, roles):
    from tests.permissions import assert_matrix

    assert_matrix(client, roles, ACCOUNT_MATRIX)


@pytest.mark.django_db
def test_roles_come_back_after_a_flush():
    from django.core.management.sql import emit_post_migrate_signal

    Group.objects.filter(name__in=["clerks", "committee"]).delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    clerks = Group.objects.get(name="clerks")
    assert clerks.permissions.filter(codename="view_organisation").exists()
    assert not clerks.permissions.filter(codename="change_user").exists()
    assert Group.objects.filter(name="committee").exists()


# Two-factor set-up and re-authentication of staff.


@pytest.mark.django_db
def test_staff_go_straight_to_two_factor_setup_after_logging_in(
    client, clerk_without_totp
):
    response = client.post(
        "/konto/login/", {"login": clerk_without_totp.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response["Location"] == reverse("mfa_activate_totp")
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert "reauthenticate" not in response.get("Location", "")


@pytest.mark.django_db
def test_later_sensitive_changes_still_ask_for_the_password(client, clerk_without_totp):
    client.post(
        "/konto/login/", {"login": clerk_without_totp.email, "password": PASSWORD}
    )
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
def test_force_login_alone_does_not_count_as_recent_authentication(
    client, clerk_without_totp
):
    client.force_login(clerk_without_totp)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


# Sign-up: the confirmation e-mail and the way back to the page.


def _signup(client, email, next_url="", *, deliver=True, **extra):
    """Sign up; with ``deliver`` the outbox sends the e-mails after the request's
    commit, as the portal does."""
    data = {
        "email": email,
        "password1": "Mocne-haslo-2026",
        "password2": "Mocne-haslo-2026",
    }
    if next_url:
        data["next"] = next_url
    if not deliver:
        return client.post("/konto/signup/", data, **extra)
    with TestCase.captureOnCommitCallbacks(execute=True):
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
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            "/konto/password/reset/",
            {"email": resident.email},
            HTTP_HOST="127.0.0.1:8765",
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


# The person's name on the account page and at sign-up.


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


@pytest.mark.django_db
def test_sign_up_with_a_registered_address_answers_like_a_new_one_and_mails_later(
    client, mailoutbox, resident, django_capture_on_commit_callbacks
):
    from cooperation.core.models import Notification

    new = _signup(client, "zupelnie.nowa@example.org")
    mailoutbox.clear()
    client.logout()
    with django_capture_on_commit_callbacks() as callbacks:
        taken = _signup(client, resident.email, deliver=False)
    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]
    assert mailoutbox == []
    notification = Notification.objects.get(
        recipient=resident, kind="cooperation.account_exists"
    )
    assert notification.sent_at is None
    assert callbacks, "delivery is asked for after the commit"
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [[resident.email]]
    assert "/konto/password/reset/" in mailoutbox[0].body


@pytest.mark.django_db
def test_repeated_sign_ups_with_a_registered_address_queue_one_message(
    client, resident
):
    from cooperation.core.models import Notification

    for _ in range(3):
        _signup(client, resident.email)
    assert (
        Notification.objects.filter(
            recipient=resident, kind="cooperation.account_exists"
        ).count()
        == 1
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "link"),
    [
        ("pl", "Informacja o przetwarzaniu danych osobowych"),
        ("en", "Information on the processing of personal data"),
    ],
)
def test_signup_links_the_privacy_notice(client, language, link):
    html = client.get(
        reverse("account_signup"), headers={"accept-language": language}
    ).content.decode()
    assert f'<a href="{reverse("privacy")}">{link}</a>' in html
    form = html.index(f'action="{reverse("account_signup")}"')
    assert form < html.index('id="signup-privacy"') < html.index('type="submit"', form)
    assert client.get(reverse("privacy")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "comments", "registrations", "organisation"),
    [
        ("pl", "Moje uwagi", "Moje zapisy", "w imieniu organizacji: "),
        ("en", "My comments", "My registrations", "for "),
    ],
)
def test_account_page_lists_my_comments_and_registrations(
    client, language, comments, registrations, organisation
):
    from tests.consultations.factories import CommentFactory, ConsultationFactory
    from tests.ngos.factories import OrganisationFactory
    from tests.workshops.factories import EventFactory, RegistrationFactory

    me = UserFactory()
    consultation = ConsultationFactory(
        published=True, title="Projekt uchwały o placach"
    )
    mine = CommentFactory(
        consultation=consultation,
        author=me,
        organisation=OrganisationFactory(name="Fundacja Dobry Start"),
    )
    CommentFactory(author=UserFactory(), justification="Cudza uwaga")
    registration = RegistrationFactory(user=me, event=EventFactory(title="Dni Radlina"))
    RegistrationFactory(event=EventFactory(title="Cudze warsztaty"))
    client.force_login(me)
    html = client.get(
        reverse("account-overview"), headers={"accept-language": language}
    ).content.decode()
    assert f'id="account-comments">{comments}</h2>' in html
    assert f'href="{mine.get_absolute_url()}">Projekt uchwały o placach</a>' in html
    assert f"{organisation}Fundacja Dobry Start" in html
    assert f'id="account-registrations">{registrations}</h2>' in html
    assert f'href="{registration.event.get_absolute_url()}">Dni Radlina</a>' in html
    assert "Cudze warsztaty" not in html and "Cudza uwaga" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"),
    [
        (
            "pl",
            "Nowe otwarte konkursy ofert w sferach, w których działają moje organizacje",
        ),
        ("en", "New open competitions in the spheres my organisations work in"),
    ],
)
def test_a_person_switches_competition_announcements_off_and_on(
    client, language, label
):
    from cooperation.core.notifications import delivery, wants

    me = UserFactory()
    client.force_login(me)
    headers = {"accept-language": language}
    field = 'name="grants__competition_announced"'
    url = reverse("account-notification-settings")
    html = client.get(url, headers=headers).content.decode()
    assert label in html
    assert re.search(field + r' value="immediate"[^>]*checked', html)
    everything = {
        name.replace(".", "__"): "immediate" for name in optional_notifications_kinds()
    }
    response = client.post(
        url, {**everything, "grants__competition_announced": "none"}, headers=headers
    )
    assert response.status_code == 302
    assert not wants(me, "grants.competition_announced")
    assert wants(me, "grants.results")
    html = client.get(url, headers=headers).content.decode()
    assert re.search(field + r' value="none"[^>]*checked', html)
    assert not re.search(field + r' value="immediate"[^>]*checked', html)
    client.post(url, {**everything, "grants__competition_announced": "daily"})
    assert delivery(me, "grants.competition_announced") == "daily"
    assert wants(me, "grants.competition_announced")


def optional_notifications_kinds() -> list[str]:
    from cooperation.core.registry import optional_notifications

    return [kind for kind, _label in optional_notifications.items()]
