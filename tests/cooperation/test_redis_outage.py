"""With Redis unreachable, the portal answers every request without it.

The cache is configured as ``cooperation/settings.py`` configures it for a
``REDIS_URL`` whose server is gone: nothing listens on the port (refused at once)
or a server accepts and never answers (a timeout).
"""

import importlib
import socket
import time

import pytest
from django.core.cache import cache, caches
from django.test import override_settings
from django.urls import reverse

from consultations.models import Comment
from cooperation.core import cache_backend
from cooperation.core.cache_backend import TolerantRedisCache
from cooperation.core.models import User
from tests.consultations.factories import ConsultationFactory
from tests.cooperation.factories import UserFactory
from tests.ngos.factories import OrganisationFactory
from tests.workshops.factories import EventFactory
from workshops.models import Registration

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _settings_for(monkeypatch, redis_url: str):
    """The project's settings module as it reads ``REDIS_URL``."""
    import cooperation.settings

    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.setenv("SECRET_KEY", "tests-only-not-secret")
    try:
        return {
            name: getattr(importlib.reload(cooperation.settings), name)
            for name in ("CACHES", "SESSION_ENGINE")
        }
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(cooperation.settings)


@pytest.fixture(autouse=True)
def _forget_outages():
    cache_backend._down_until.clear()
    yield
    cache_backend._down_until.clear()


@pytest.fixture
def redis_gone(monkeypatch, settings):
    """Redis is configured, as in production, and nothing answers on its port."""
    configured = _settings_for(monkeypatch, f"redis://127.0.0.1:{_free_port()}/0")
    settings.PUBLIC_CACHE_SECONDS = 60
    settings.FRAGMENT_CACHE_SECONDS = 60
    with override_settings(**configured):
        yield


def test_the_configured_cache_and_sessions_survive_a_redis_outage(monkeypatch):
    configured = _settings_for(monkeypatch, "redis://127.0.0.1:6379/0")
    backend = configured["CACHES"]["default"]["BACKEND"]
    assert backend == "cooperation.core.cache_backend.TolerantRedisCache"
    assert "cache" not in configured["SESSION_ENGINE"].rsplit(".", 1)[-1]


def test_public_pages_render_with_redis_gone(redis_gone, client):
    OrganisationFactory(name="Fundacja Bez Redisa")
    ConsultationFactory(published=True, with_text=True)
    EventFactory()
    for url in ("/", "/organizacje/", "/konsultacje/", "/warsztaty/", "/konkursy/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Fundacja Bez Redisa" in client.get("/organizacje/").content.decode()


def test_log_in_and_sign_up_work_with_redis_gone(redis_gone, client, mailoutbox):
    user = UserFactory(email="zalogowana@example.org")

    response = client.post(
        "/konto/login/",
        {"login": "zalogowana@example.org", "password": "haslo-testowe-123"},
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.logout()
    response = client.post(
        "/konto/signup/",
        {
            "email": "nowa-bez-redisa@example.org",
            "password1": "Mocne-haslo-2026",
            "password2": "Mocne-haslo-2026",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email="nowa-bez-redisa@example.org").exists()


def test_a_comment_and_a_workshop_registration_go_through_with_redis_gone(
    redis_gone, client, resident
):
    consultation = ConsultationFactory(published=True, with_text=True)
    event = EventFactory()
    client.force_login(resident)

    comment = client.post(
        f"/konsultacje/{consultation.pk}/uwagi/nowa/",
        {"speaker": "", "justification": "Uwaga mimo awarii."},
    )
    registration = client.post(
        reverse("workshops:event-register", args=[event.pk]), {"consent": "on"}
    )

    assert comment.status_code == 302
    assert Comment.objects.filter(justification="Uwaga mimo awarii.").exists()
    assert registration.status_code == 302
    assert Registration.objects.filter(event=event, user=resident).exists()


def test_a_silent_redis_costs_one_timeout_per_window_and_one_warning(caplog):
    with socket.socket() as silent:
        # Accepts connections (the kernel's backlog) and never answers.
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        port = silent.getsockname()[1]
        backend = TolerantRedisCache(
            f"redis://127.0.0.1:{port}/0",
            {
                "RETRY_AFTER": 30,
                "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
            },
        )

        started = time.monotonic()
        assert backend.get("page", "default") == "default"
        first = time.monotonic() - started
        started = time.monotonic()
        for _ in range(50):
            assert backend.get("page") is None
            assert backend.add("lock", 1) is True
            backend.set("page", "html")
            with pytest.raises(ValueError):
                backend.incr("counter")
        rest = time.monotonic() - started

    assert 0.2 < first < 2
    assert rest < 0.1
    assert backend.is_down
    assert caplog.text.count("Cache unavailable") == 1


def test_the_cache_is_tried_again_after_the_window(monkeypatch):
    backend = TolerantRedisCache(
        f"redis://127.0.0.1:{_free_port()}/0", {"RETRY_AFTER": 30}
    )
    assert backend.get("x") is None
    assert backend.is_down
    clock = time.monotonic() + 31
    monkeypatch.setattr(cache_backend.time, "monotonic", lambda: clock)
    assert not backend.is_down


@pytest.mark.services
def test_with_redis_running_the_tolerant_cache_stores_and_reads(redis_url):
    assert isinstance(caches["default"], TolerantRedisCache)
    cache.set("outage-test", "value", 10)
    assert cache.get("outage-test") == "value"
    assert cache.add("outage-test", "other") is False
    assert caches["default"].ping() is True
