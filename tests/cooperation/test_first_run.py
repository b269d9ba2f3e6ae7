"""What `make run` tells a newcomer: the demo log-ins with the staff's second factor,
where e-mails go, and links that follow the address the server was started on."""

import io
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from cooperation.core.demo import seed_people
from cooperation.core.models import User
from cooperation.site.firstrun import mail_destination
from cooperation.site.management.commands import runserver


@pytest.mark.django_db
def test_demo_staff_get_a_second_factor_printed_once():
    logins = seed_people(io.StringIO())
    clerk = next(login for login in logins if login.role == "clerk")
    user = User.objects.get(email=clerk.email)
    totp = TOTP(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP))
    counter = next(yield_hotp_counters_from_time())
    assert totp.validate_code(format_hotp_value(hotp_value(clerk.totp_secret, counter)))
    codes = RecoveryCodes(
        Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    )
    assert codes.validate_code(clerk.recovery_codes[0])
    resident = next(login for login in logins if login.role == "resident")
    assert resident.totp_secret == "" and resident.recovery_codes == []
    assert not Authenticator.objects.filter(user__email=resident.email).exists()
    assert seed_people(io.StringIO()) == []


@pytest.mark.django_db
def test_seed_demo_prints_the_second_factor_and_where_e_mails_go(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    clerk = User.objects.get(email="urzednik@demo.radlin.example")
    secret = Authenticator.objects.get(user=clerk, type=Authenticator.Type.TOTP)
    assert secret.wrap().instance.data["secret"] in text
    assert "otpauth://totp/" in text
    assert "recovery codes" in text
    assert "E-mails: printed in this console" in text


def test_mail_destination_names_the_configured_backend(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "smtp.radlin.example", 587
    assert mail_destination() == "sent through smtp.radlin.example:587"
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = "/tmp/portal-mail"
    assert mail_destination() == "written to files in /tmp/portal-mail"


def _start(monkeypatch, addr: str, port: str) -> str:
    monkeypatch.setattr(
        runserver.WhiteNoiseRunserver, "inner_run", lambda self, *a, **k: None
    )
    command = runserver.Command(stdout=io.StringIO())
    command.addr, command.port, command._raw_ipv6, command.protocol = (
        addr,
        port,
        False,
        "http",
    )
    command.inner_run()
    return command.stdout.getvalue()


@pytest.mark.django_db
def test_links_in_e_mails_follow_the_port_runserver_serves(
    monkeypatch, settings, client
):
    monkeypatch.delenv("SITE_URL", raising=False)
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    output = _start(monkeypatch, "127.0.0.1", "8765")
    assert settings.SITE_URL == "http://127.0.0.1:8765"
    assert "http://127.0.0.1:8765" in settings.CSRF_TRUSTED_ORIGINS
    assert "Links in e-mails point to http://127.0.0.1:8765" in output
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            "/konto/signup/",
            {
                "email": "port@example.org",
                "first_name": "Jan",
                "last_name": "Port",
                "password1": "Bardzo-dlugie-haslo-123",
                "password2": "Bardzo-dlugie-haslo-123",
            },
        )
    assert response.status_code == 302
    assert "http://127.0.0.1:8765/konto/" in mail.outbox[-1].body


def test_an_explicit_site_url_is_kept(monkeypatch, settings):
    monkeypatch.setenv("SITE_URL", "https://portal.radlin.pl")
    settings.DEBUG = True
    settings.SITE_URL = "https://portal.radlin.pl"
    _start(monkeypatch, "127.0.0.1", "8765")
    assert settings.SITE_URL == "https://portal.radlin.pl"


def test_production_keeps_its_site_url(monkeypatch, settings):
    monkeypatch.delenv("SITE_URL", raising=False)
    settings.DEBUG = False
    settings.SITE_URL = "https://portal.radlin.pl"
    _start(monkeypatch, "0.0.0.0", "8000")
    assert settings.SITE_URL == "https://portal.radlin.pl"


# Place names of the demo municipality; written in lower case they are a mistake
# (e-mail addresses and links aside).
PLACE = re.compile(
    r"(?<![\w@./-])(?:radlin|biertułt|głożyn|obszar|marklowic)\w*(?![\w.@/-])"
)
WEEKDAY_INSIDE = re.compile(
    r"(?<=[a-ząćęłńóśźż,] )(?:Poniedziałek|Wtorek|Środa|Środę|Czwartek|Piątek|Sobota|Sobotę|Niedziela|Niedzielę)\b"
)


@pytest.mark.django_db
def test_demo_texts_write_names_and_weekdays_as_people_write_them(settings):
    from django.apps import apps
    from django.db import models

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("seed_demo", stdout=io.StringIO())
    wrong = []
    labels = {
        "cooperation",
        "ngos",
        "grants",
        "consultations",
        "workshops",
        "programme",
    }
    for model in apps.get_models():
        if model._meta.app_label not in labels:
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
            and not isinstance(
                f, models.SlugField | models.URLField | models.EmailField
            )
            # Keys for comparison and search, folded to lower case on purpose.
            and not f.name.endswith(("_key", "search_text"))
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                if not isinstance(value, str):
                    continue
                for pattern in (PLACE, WEEKDAY_INSIDE):
                    found = pattern.search(value)
                    if found:
                        wrong.append(
                            f"{model.__name__}: …{value[max(0, found.start() - 40) : found.end() + 20]}…"
                        )
    assert not wrong, "\n".join(wrong[:30])
