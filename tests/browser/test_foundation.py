"""The foundation's public pages in a real browser: axe-core and the keyboard."""

import pytest

from tests.a11y import assert_accessible, login, tab_to
from tests.cooperation.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/konto/signup/",
    "/konto/login/",
    "/deklaracja-dostepnosci/",
    "/ochrona-danych/",
]
PASSWORD = "haslo-testowe-123"


def _use_language(page, live_server, code):
    page.context.add_cookies(
        [{"name": "django_language", "value": code, "url": live_server.url}]
    )


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_axe_violations(page, live_server, path, language):
    _use_language(page, live_server, language)
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_signup_errors_have_no_axe_violations(page, live_server, language):
    _use_language(page, live_server, language)
    page.goto(live_server.url + "/konto/signup/")
    page.fill("#id_email", "nowa@example.org")
    page.fill("#id_password1", "krotkie")
    page.fill("#id_password2", "inne")
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.locator("[aria-invalid=true]").count() >= 1
    assert_accessible(page)


def test_language_switch_works_with_the_keyboard(page, live_server):
    page.goto(live_server.url + "/deklaracja-dostepnosci/")
    assert page.locator("html").get_attribute("lang") == "pl"
    tab_to(page, ".language-switch button[value=en]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.endswith("/deklaracja-dostepnosci/")
    assert page.locator("h1").inner_text() == "Accessibility statement"
    assert_accessible(page)
    tab_to(page, ".language-switch button[value=pl]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "pl"


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_log_in_with_the_keyboard_alone(page, live_server):
    user = UserFactory(email="klawiatura@example.org")
    login(page, live_server, user, PASSWORD)
    assert page.url.endswith("/konto/")
    assert page.locator("h1").inner_text() == "Moje konto"
    assert user.email in page.locator("main").inner_text()
    assert_accessible(page)


def test_account_pages_have_no_axe_violations(page, live_server):
    user = UserFactory(email="konto@example.org")
    login(page, live_server, user, PASSWORD)
    for path in [
        "/konto/",
        "/konto/usun/",
        "/konto/email/",
        "/konto/password/change/",
        "/konto/2fa/",
        "/konto/2fa/totp/activate/",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)


def test_admin_runs_without_csp_violations(page, live_server):
    """The admin's styles and scripts all come from 'self': nothing is blocked."""
    import time

    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
    )

    secret = generate_totp_secret()
    user = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(user, secret)
    blocked = []
    page.on(
        "console",
        lambda msg: (
            blocked.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    page.goto(f"{live_server.url}/konto/login/?next=/admin/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.fill("#id_code", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/admin/")
    for path in [
        "/admin/",
        "/admin/cooperation/user/",
        f"/admin/cooperation/user/{user.pk}/change/",
        "/admin/django_celery_beat/periodictask/add/",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("#content").count() == 1, path
        # The admin's own stylesheet applied: the header is not unstyled.
        assert (
            page.locator("#header").evaluate("el => getComputedStyle(el).display")
            == "flex"
        ), path
    assert not blocked, blocked


@pytest.mark.parametrize("language", ["pl", "en"])
def test_failed_log_in_has_no_axe_violations(page, live_server, language):
    _use_language(page, live_server, language)
    page.goto(live_server.url + "/konto/login/")
    page.fill("#id_login", "nikt@example.org")
    page.fill("#id_password", "zle-haslo-123")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("main [role=alert]").count() == 1
    assert page.locator("#id_login").input_value() == "nikt@example.org"
    assert_accessible(page)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_account_page_lists_and_e_mail_switch_work_with_the_keyboard(
    page, live_server, language
):
    from cooperation.core.notifications import wants
    from tests.consultations.factories import CommentFactory, ConsultationFactory
    from tests.workshops.factories import RegistrationFactory

    user = UserFactory(email="moje@example.org")
    CommentFactory(author=user, consultation=ConsultationFactory(published=True))
    RegistrationFactory(user=user)
    _use_language(page, live_server, language)
    login(page, live_server, user, PASSWORD)
    page.goto(live_server.url + "/konto/")
    assert page.locator("#account-comments + ul li").count() == 1
    assert page.locator("#account-registrations + ul li").count() == 1
    assert_accessible(page)
    tab_to(page, "#account-notifications-section a.btn")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/konto/powiadomienia/")
    assert_accessible(page)
    # The radios of one kind: at once (chosen), daily, weekly, not by e-mail.
    name = "grants__competition_announced"
    at_once = f"input[name={name}][value=immediate]"
    assert page.locator(at_once).is_checked()
    tab_to(page, at_once)
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert page.locator(f"input[name={name}][value=none]").is_checked()
    tab_to(page, "main form.portal-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(f"input[name={name}][value=none]").is_checked()
    assert not wants(user, "grants.competition_announced")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_following_a_working_group_works_with_the_keyboard(page, live_server, language):
    from cooperation.core.models import Subscription
    from tests.workshops.factories import WorkingGroupFactory

    group = WorkingGroupFactory(name="Grupa ds. kultury")
    user = UserFactory(email="obserwuje@example.org")
    _use_language(page, live_server, language)
    login(page, live_server, user, PASSWORD)
    page.goto(live_server.url + group.get_absolute_url())
    assert_accessible(page)
    tab_to(page, "form.portal-follow button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Subscription.objects.filter(user=user).count() == 1
    assert page.locator("form.portal-follow button[aria-pressed=true]").count() == 1
    assert_accessible(page)
    page.goto(live_server.url + "/konto/powiadomienia/")
    assert "Grupa ds. kultury" in page.locator("#settings-following + ul").inner_text()
    assert_accessible(page)
    tab_to(page, "#settings-following + ul button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert not Subscription.objects.filter(user=user).exists()
    assert_accessible(page)
    # A competition's page offers the competition and its sphere.
    from tests.grants.factories import CompetitionFactory

    competition = CompetitionFactory(announced=True)
    page.goto(live_server.url + competition.get_absolute_url())
    assert page.locator("form.portal-follow").count() == 2
    assert_accessible(page)


def test_the_inbox_has_no_axe_violations_and_works_with_the_keyboard(page, live_server):
    from cooperation.core.notifications import notify

    person = UserFactory(email="skrzynka@example.org")
    notify(
        person,
        "cooperation.message",
        occasion="inbox:1",
        context={"subject": "Zebranie"},
    )
    login(page, live_server, person, PASSWORD)
    page.goto(live_server.url + "/konto/wiadomosci/")
    assert "Nieprzeczytana" in page.locator("main").inner_text()
    assert_accessible(page)
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Nieprzeczytana" not in page.locator("main").inner_text()
    assert "Zebranie" in page.locator("main").inner_text()
    assert_accessible(page)
