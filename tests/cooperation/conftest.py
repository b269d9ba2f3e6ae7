"""Fixtures of the fault tests: the test's own Redis, real workers and a mail sink."""

import pytest
from django.db import connection

from cooperation.celery import app as celery_app
from tests.conftest import require_service
from tests.processes import (
    REDIS_SERVER,
    RedisServer,
    SmtpSink,
    Worker,
    celery_available,
    database_url,
    free_port,
)


def reset_broker_pools() -> None:
    """Forget broker connections, so the next publish connects to the current URL."""
    from kombu import pools

    pools.reset()
    celery_app._after_fork()


@pytest.fixture
def real_broker():
    """Publish to the broker for real in this test (not eagerly in-process)."""

    def use(url: str) -> None:
        celery_app.conf.broker_url = url
        celery_app.conf.task_always_eager = False
        reset_broker_pools()

    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    yield use
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
    reset_broker_pools()


@pytest.fixture
def own_redis(tmp_path, postgres):
    """A ``redis-server`` of this test's own (not started yet), stopped at the end."""
    require_service("redis-server", REDIS_SERVER is not None)
    require_service("celery", celery_available())
    server = RedisServer(free_port(), tmp_path)
    yield server
    server.stop()


@pytest.fixture
def smtp_sink():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def workers(tmp_path):
    """Start Celery workers on the test database; every one is stopped at the end.

    ``workers(broker_url, app=..., **env)`` starts one with ``env`` added to its
    environment and waits until it is ready.
    """
    started: list[Worker] = []

    def start(
        broker_url: str, *, app: str = "cooperation", wait: bool = True, **env: str
    ) -> Worker:
        worker = Worker(
            app=app,
            env={
                "DJANGO_SETTINGS_MODULE": "cooperation.settings",
                "SECRET_KEY": "worker-test-only",
                "DEBUG": "0",
                "DATABASE_URL": database_url(connection.settings_dict),
                "REDIS_URL": broker_url,
                "CONN_MAX_AGE": "0",
                **env,
            },
            log=tmp_path / f"worker{len(started)}.log",
        )
        started.append(worker)
        if wait:
            worker.wait_ready()
        return worker

    yield start
    for worker in started:
        worker.stop()
