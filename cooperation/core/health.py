"""Cheap checks of the services the portal uses, for ``/healthz/`` and ``/readyz/``.

Each check answers ``"ok"`` or ``"down"`` and never raises; each is bounded by the
short timeouts of settings (a cache that just failed is reported down at once,
without trying Redis again until its retry window ends).
"""

from __future__ import annotations

import logging

from celery import current_app
from django.core.cache import cache as default_cache
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

OK = "ok"
DOWN = "down"
IN_PROCESS = "in-process"


def database() -> str:
    """Whether the database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("Health check: database down: %s", exc)
        return DOWN
    return OK


def cache() -> str:
    """Whether the cache answers (a local-memory cache always does)."""
    ping = getattr(default_cache, "ping", None)
    try:
        if ping is not None:
            return OK if ping() else DOWN
        default_cache.set("health:check", 1, 10)
        return OK if default_cache.get("health:check") == 1 else DOWN
    except Exception as exc:  # noqa: BLE001 - any failure of the cache is "down".
        logger.warning("Health check: cache down: %s", exc)
        return DOWN


def broker() -> str:
    """Whether the Celery broker accepts a connection; ``in-process`` without one."""
    app = current_app._get_current_object()
    if app.conf.task_always_eager:
        return IN_PROCESS
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0)
    except Exception as exc:  # noqa: BLE001 - any failure to connect is "down".
        logger.warning("Health check: broker down: %s", exc)
        return DOWN
    return OK
