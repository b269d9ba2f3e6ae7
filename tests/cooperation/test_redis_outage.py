"""With Redis unreachable, the portal answers every request without it.

The cache is configured as ``cooperation/settings.py`` configures it for a
``REDIS_URL`` whose server is gone: nothing listens on the port (refused at once)
or a server accepts and never answers (a timeout).
"""

import importlib
import socket
import time
from importlib import import_module

import pytest
from django.contrib.sessions.backends import db as db_sessions
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
    store = import_module(configured["SESSION_ENGINE"]).SessionStore
    # Sessions are rows; the cache holds copies only.
    assert issubclass(store, db_sessions.SessionStore)


@override_settings(SESSION_CACHE_SECONDS=45)
def test_a_session_copy_in_the_cache_is_bounded_and_the_row_is_the_truth(client):
    client.force_login(UserFactory(email="sesja@example.org"))
    copy = "django.contrib.sessions.cached_db" + client.session.session_key
    redis = caches["default"]._cache.get_client()
    assert 0 < redis.ttl(caches["default"].make_key(copy)) <= 45
    # The copy gone (an eviction, an emptied Redis): the row keeps them signed in.
    caches["default"].delete(copy)
    assert client.get(reverse("account-overview")).status_code == 200
    assert caches["default"].get(copy) is not None


def test_signed_in_people_stay_signed_in_with_redis_gone(redis_gone, client):
    client.force_login(UserFactory(email="bez-redisa@example.org"))
    assert client.get(reverse("account-overview")).status_code == 200
    assert client.get(reverse("account-overview")).status_code == 200


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


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_redis_stopped_mid_delivery_fails_no_request_and_sends_everything_once(
    own_redis, real_broker, workers, smtp_sink, settings, tmp_path
):
    from django.db import transaction
    from django.test import Client

    from cooperation.core.models import Notification
    from cooperation.core.notifications import message_id, notify
    from cooperation.core.tasks import deliver_pending_notifications_task
    from tests.cooperation.conftest import reset_broker_pools
    from tests.processes import wait_until

    own_redis.start()
    real_broker(own_redis.url)
    settings.CACHES = {
        "default": {
            "BACKEND": "cooperation.core.cache_backend.TolerantRedisCache",
            "LOCATION": own_redis.url,
            "RETRY_AFTER": 1,
        }
    }
    settings.PUBLIC_CACHE_SECONDS = 60
    reached, release = tmp_path / "reached", tmp_path / "release"
    worker = workers(
        own_redis.url,
        app="tests.fault_worker",
        EMAIL_URL=smtp_sink.url,
        PORTAL_FAULT_STEP="claimed",
        PORTAL_FAULT_ACTION="pause",
        PORTAL_FAULT_MARKER=str(reached),
        PORTAL_FAULT_RELEASE=str(release),
    )
    resident = UserFactory(email="mieszkanka@example.org")
    consultation = ConsultationFactory(published=True, with_text=True)
    event = EventFactory()
    with transaction.atomic():
        for i in range(3):
            notify(resident, "cooperation.message", occasion=f"before-{i}")
    assert wait_until(reached.exists, timeout=60), worker.output()

    # Redis goes away while the worker is in the middle of a delivery.
    own_redis.stop()
    anonymous, person = Client(), Client()
    for url in ("/", "/organizacje/", "/konsultacje/", "/warsztaty/"):
        assert anonymous.get(url).status_code == 200, url
    logged_in = person.post(
        "/konto/login/",
        {"login": "mieszkanka@example.org", "password": "haslo-testowe-123"},
    )
    assert logged_in.status_code == 302

    # The worker finishes what it holds without Redis.
    release.touch()
    assert wait_until(
        lambda: Notification.objects.filter(status="sent").count() == 3, timeout=60
    ), worker.output()[-3000:]

    # What happens now waits in the outbox: no broker to ask a worker.
    comment = person.post(
        f"/konsultacje/{consultation.pk}/uwagi/nowa/",
        {"speaker": "", "justification": "Uwaga w czasie awarii."},
    )
    assert comment.status_code == 302
    registration = person.post(
        reverse("workshops:event-register", args=[event.pk]), {"consent": "on"}
    )
    assert registration.status_code == 302
    with transaction.atomic():
        during = notify(resident, "cooperation.message", occasion="during")
    assert anonymous.get("/healthz/").json()["cache"] == "down"
    time.sleep(1)
    during.refresh_from_db()
    assert during.status == "pending"

    # Redis comes back, emptied of every task: the periodic sweep sends the rest.
    own_redis.start()
    reset_broker_pools()
    pks = list(Notification.objects.values_list("pk", flat=True))

    def delivered() -> bool:
        deliver_pending_notifications_task.delay()
        return not Notification.objects.exclude(status="sent").exists()

    assert wait_until(delivered, timeout=120, interval=1), worker.output()[-3000:]
    assert len(pks) >= 4
    arrived = smtp_sink.message_ids()
    assert set(arrived.values()) == {1}, arrived
    assert set(arrived) == {message_id(n) for n in Notification.objects.all()}
    assert Registration.objects.filter(event=event, user=resident).exists()
    assert Comment.objects.filter(justification="Uwaga w czasie awarii.").exists()
