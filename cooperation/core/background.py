"""Queueing Celery tasks so that a broker outage never fails the caller.

Every task of the portal is queued through :func:`enqueue`: after the surrounding
transaction commits (the worker must see the rows), and with any broker failure
logged instead of raised. What the task was to do stays recorded in the database
(an outbox row, a pending document), so a periodic sweep or the next request does
it later. After a failure the process does not try the broker again for
``REDIS_RETRY_SECONDS``, so a broker that does not answer costs one request a
timeout, not every request.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

# The moment until which this process does not publish (after a broker failure).
_broker_down_until = 0.0


def broker_is_down() -> bool:
    """Whether this process waits before trying the broker again."""
    return time.monotonic() < _broker_down_until


def _broker_failed() -> None:
    global _broker_down_until
    _broker_down_until = time.monotonic() + float(
        getattr(settings, "REDIS_RETRY_SECONDS", 30)
    )


def enqueue(
    task: Any,
    *args: Any,
    on_failure: Callable[[], None] | None = None,
    **kwargs: Any,
) -> None:
    """Send ``task(*args, **kwargs)`` to a worker once the transaction commits.

    Never raises: a broker that cannot be reached (or a task run in-process that
    fails) is logged, and ``on_failure`` is called to leave a mark for whoever
    retries. Celery's own connection and publish retries are bounded in settings,
    so a request waits a few seconds at most, once per retry window.
    """

    def send() -> None:
        name = getattr(task, "name", task)
        eager = task.app.conf.task_always_eager
        if not eager and broker_is_down():
            logger.info("Broker unavailable; task %s waits for the next sweep", name)
            if on_failure is not None:
                on_failure()
            return
        try:
            task.apply_async(args, kwargs)
        except Exception as exc:  # noqa: BLE001 - the sweep or the next request retries.
            if eager:
                logger.exception("Task %s failed in-process", name)
            else:
                _broker_failed()
                logger.warning(
                    "Broker unavailable; task %s waits for the next sweep, and "
                    "nothing is sent to the broker for %s s: %s",
                    name,
                    getattr(settings, "REDIS_RETRY_SECONDS", 30),
                    exc,
                )
            if on_failure is not None:
                on_failure()

    transaction.on_commit(send, robust=True)
