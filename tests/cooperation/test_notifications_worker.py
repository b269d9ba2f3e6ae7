"""The outbox with a real Celery worker and a real Redis broker.

The worker is a separate process: it sees the test database (hence
``transaction=True``: the data is committed) through ``DATABASE_URL`` and writes
e-mails to files through ``EMAIL_URL=filemail://…``, which the test reads.
Skipped without PostgreSQL and Redis, failing in CI (``PORTAL_REQUIRE_SERVICES``).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection, transaction

from cooperation.celery import app as celery_app
from cooperation.core.models import Notification
from cooperation.core.notifications import notify
from tests.cooperation.factories import UserFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

REDIS_SERVER = shutil.which("redis-server")


def _database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"])
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or "5432"
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until(predicate, timeout: float = 60, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


def _mails(directory: Path) -> list[str]:
    """Every message the worker wrote (the file backend appends them to files)."""
    messages = []
    for path in sorted(directory.glob("*")):
        text = path.read_text()
        messages += [part for part in text.split("-" * 79) if "Subject:" in part]
    return messages


class Worker:
    def __init__(self, broker_url: str, mail_dir: Path, log: Path) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cooperation.settings",
            "SECRET_KEY": "worker-test-only",
            "DEBUG": "0",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": broker_url,
            "EMAIL_URL": "filemail:///" + str(mail_dir),
            "CONN_MAX_AGE": "0",
        }
        self.log = log
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cooperation",
                "worker",
                "--pool=solo",
                "--without-mingle",
                "--without-gossip",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self) -> None:
        ready = _wait_until(lambda: "ready." in self.log.read_text(), timeout=60)
        assert ready, self.log.read_text()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def real_broker():
    """Publish to the broker for real in this test (not eagerly in-process)."""

    def use(url: str) -> None:
        celery_app.conf.broker_url = url
        celery_app.conf.task_always_eager = False
        _reset_pools()

    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    yield use
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
    _reset_pools()


def _reset_pools() -> None:
    """Forget broker connections, so the next publish connects to the current URL."""
    from kombu import pools

    pools.reset()
    celery_app._after_fork()


@pytest.fixture
def workers(tmp_path):
    started: list[Worker] = []

    def start(broker_url: str) -> Worker:
        worker = Worker(
            broker_url, tmp_path / "mail", tmp_path / f"worker{len(started)}.log"
        )
        started.append(worker)
        worker.wait_ready()
        return worker

    (tmp_path / "mail").mkdir()
    yield start
    for worker in started:
        worker.stop()


class RedisServer:
    def __init__(self, port: int, tmp: Path) -> None:
        self.port = port
        self.tmp = tmp
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        import redis

        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.tmp),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def up() -> bool:
            try:
                return bool(
                    redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping()
                )
            except redis.RedisError:
                return False

        assert _wait_until(up, timeout=10, interval=0.1), "redis-server did not start"

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_redis(tmp_path, postgres):
    from tests.conftest import require_service

    require_service("redis-server", REDIS_SERVER is not None)
    server = RedisServer(_free_port(), tmp_path)
    yield server
    server.stop()


def test_worker_delivers_notification_after_commit(
    postgres, redis_url, real_broker, workers, tmp_path
):
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    real_broker(redis_url)
    workers(redis_url)
    user = UserFactory(email="ewa@example.org", first_name="Ewa", language="en")

    with transaction.atomic():
        notification = notify(
            user,
            "cooperation.message",
            occasion="worker",
            context={"text": "Hello from Celery"},
        )
        # Not before the commit: the worker could not even see the row yet.
        time.sleep(0.5)
        assert _mails(tmp_path / "mail") == []

    sent = _wait_until(
        lambda: Notification.objects.filter(
            pk=notification.pk, sent_at__isnull=False
        ).exists()
    )
    assert sent, (tmp_path / "worker0.log").read_text()
    mails = _mails(tmp_path / "mail")
    assert len(mails) == 1
    assert "Subject: A message from Gmina Radlin" in mails[0]
    assert "Hello from Celery" in mails[0]
    assert "To: ewa@example.org" in mails[0]


def test_broker_outage_delays_delivery_and_the_sweep_sends_once(
    own_redis, real_broker, workers, tmp_path, caplog
):
    from cooperation.core.tasks import deliver_pending_notifications_task

    own_redis.start()
    real_broker(own_redis.url)
    own_redis.stop()
    user = UserFactory(email="jan@example.org", first_name="Jan", language="pl")

    # The event commits although the broker is down; its message waits in the outbox.
    started = time.monotonic()
    with transaction.atomic():
        notification = notify(
            user,
            "cooperation.message",
            occasion="outage",
            context={"text": "Po awarii"},
        )
    assert time.monotonic() - started < 15
    assert "Broker unavailable" in caplog.text
    notification.refresh_from_db()
    assert notification.sent_at is None
    assert Notification.objects.filter(pk=notification.pk).exists()

    # The broker is back: the periodic sweep (as beat sends it) delivers it once.
    own_redis.start()
    _reset_pools()
    worker = workers(own_redis.url)
    deliver_pending_notifications_task.delay()
    sent = _wait_until(
        lambda: Notification.objects.filter(
            pk=notification.pk, sent_at__isnull=False
        ).exists()
    )
    assert sent, worker.log.read_text()

    # Later sweeps find nothing left to send.
    deliver_pending_notifications_task.delay()
    deliver_pending_notifications_task.delay()
    assert _wait_until(lambda: worker.log.read_text().count("succeeded") >= 3), (
        worker.log.read_text()
    )
    mails = _mails(tmp_path / "mail")
    assert len(mails) == 1
    assert "Po awarii" in mails[0]
    notification.refresh_from_db()
    assert notification.attempts == 1
