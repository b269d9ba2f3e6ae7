"""The arrival stamp: the moment a request reached the portal, for deadlines."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

logger = logging.getLogger(__name__)


class RequestArrivalMiddleware:
    """Stamp every request with the moment it reached the portal: ``request.arrived_at``.

    It is first in ``MIDDLEWARE``, so the stamp is taken before anything else runs.
    Deadlines (an offer submitted at 23:59:59) are checked against it, not against
    the moment a worker gets round to the request. Behind a reverse proxy that
    stamps requests itself (``REQUEST_START_HEADER``, e.g. ``X-Request-Start``) the
    proxy's time is taken instead, which also covers the wait for a free worker.
    """

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        stamped = time.time()
        header = getattr(settings, "REQUEST_START_HEADER", "")
        if header:
            proxy = proxy_request_start(
                request.headers.get(header, ""),
                now=stamped,
                max_age=getattr(settings, "REQUEST_START_MAX_AGE", 300),
            )
            if proxy is not None:
                stamped = proxy
        request.arrived_at = datetime.fromtimestamp(stamped, tz=UTC)  # type: ignore[attr-defined]
        return self.get_response(request)


def proxy_request_start(value: str, *, now: float, max_age: float) -> float | None:
    """The epoch seconds of a proxy's request-start header, or None if unusable.

    Accepts ``t=`` followed by seconds (nginx ``${msec}``), milliseconds or
    microseconds (Apache ``%t``), or the bare number. A time later than ``now`` (a
    proxy's clock slightly ahead) counts as ``now``; one older than ``max_age``
    seconds is a clock or configuration fault and is ignored.
    """
    raw = value.strip()
    if raw.startswith("t="):
        raw = raw[2:]
    try:
        number = float(raw)
    except ValueError:
        return None
    if number != number or number <= 0:  # NaN or nonsense
        return None
    if number > 1e14:
        number /= 1e6
    elif number > 1e11:
        number /= 1e3
    if now - number > max_age:
        logger.warning(
            "Ignored a request-start header %.3f s in the past: %r", now - number, value
        )
        return None
    return min(number, now)


def arrival(request: HttpRequest) -> datetime:
    """When ``request`` reached the portal (now, for a request without the stamp)."""
    stamp = getattr(request, "arrived_at", None)
    return stamp if isinstance(stamp, datetime) else timezone.now()
