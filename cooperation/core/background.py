"""Queueing Celery tasks so that a broker outage never fails the caller.

Every task of the portal is queued through :func:`enqueue`: after the surrounding
transaction commits (the worker must see the rows), and with any broker failure
logged instead of raised. What the task was to do stays recorded in the database
(an outbox row, a pending document), so a periodic sweep or the next request does
it later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


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
    so a request waits about a second at most.
    """

    def send() -> None:
        try:
            task.apply_async(args, kwargs)
        except Exception as exc:  # noqa: BLE001 - the sweep or the next request retries.
            name = getattr(task, "name", task)
            if task.app.conf.task_always_eager:
                logger.exception("Task %s failed in-process", name)
            else:
                logger.warning(
                    "Broker unavailable; task %s waits for the next sweep: %s",
                    name,
                    exc,
                )
            if on_failure is not None:
                on_failure()

    transaction.on_commit(send, robust=True)
