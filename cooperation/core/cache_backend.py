"""A Redis cache that behaves as an empty cache while Redis cannot be reached.

Everything the portal keeps in the cache (rendered pages, fragments, area
generations, rate-limit counters, django-allauth's log-in counters) can be lost
without harm, so an outage must cost neither an error page nor a long wait:

* connecting and every command are bounded by short socket timeouts (``OPTIONS``
  ``socket_connect_timeout`` and ``socket_timeout``), with no retries;
* a connection error, a timeout or an error answer makes the call answer as an
  empty cache would (``get`` the default, ``add`` success, ``incr`` a missing key)
  and opens a window of ``RETRY_AFTER`` seconds in which this process does not try Redis at all, so a
  dead server costs one timeout per window, not one per request;
* one warning is logged per window.

Reads of a value written during an outage find nothing, as after an eviction.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

T = TypeVar("T")

# A refused or dropped connection, a timeout, a server that answers with errors
# (loading, out of memory, read-only) or not as Redis.
FAILURES = (redis.RedisError, OSError)
DEFAULT_SOCKET_TIMEOUT = 0.5
DEFAULT_RETRY_AFTER = 30.0

# Per process and server, shared by the cache objects of every thread: the moment
# until which Redis is not tried again.
_down_until: dict[str, float] = {}
_lock = threading.Lock()


class ReusedClient(RedisCacheClient):
    """Django's Redis client holder that builds one ``redis.Redis`` per connection pool,
    not one per command (building one costs about as much as a round trip)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    """Django's ``RedisCache`` that degrades to no cache on an outage (see the module)."""

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        options.setdefault("socket_connect_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClient
        self.retry_after = float(params.get("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        self._location = str(server)

    @property
    def is_down(self) -> bool:
        """True while this process waits before trying Redis again."""
        return time.monotonic() < _down_until.get(self._location, 0.0)

    def _guard(self, call: Callable[[], T], default: T) -> T:
        if self.is_down:
            return default
        try:
            return call()
        except FAILURES as exc:
            with _lock:
                already_down = self.is_down
                _down_until[self._location] = time.monotonic() + self.retry_after
            if not already_down:
                logger.warning(
                    "Cache unavailable, working without it for %.0f s: %s",
                    self.retry_after,
                    exc,
                )
            return default

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return self._guard(
            lambda: super(TolerantRedisCache, self).add(key, value, timeout, version),
            True,
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._guard(
            lambda: super(TolerantRedisCache, self).get(key, default, version), default
        )

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._guard(
            lambda: super(TolerantRedisCache, self).set(key, value, timeout, version),
            None,
        )

    def touch(
        self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return self._guard(
            lambda: super(TolerantRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key: Any, version: Any = None) -> bool:
        return self._guard(
            lambda: super(TolerantRedisCache, self).delete(key, version), False
        )

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return self._guard(
            lambda: super(TolerantRedisCache, self).get_many(keys, version), {}
        )

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._guard(
            lambda: super(TolerantRedisCache, self).has_key(key, version), False
        )

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        missing = object()
        value = self._guard(
            lambda: super(TolerantRedisCache, self).incr(key, delta, version), missing
        )
        if value is missing:
            # As in an empty cache: the caller starts the counter again.
            raise ValueError(f"Key '{key}' not found.")
        return value  # type: ignore[return-value]

    def set_many(
        self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> list[Any]:
        return self._guard(
            lambda: super(TolerantRedisCache, self).set_many(data, timeout, version),
            list(data),
        )

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._guard(
            lambda: super(TolerantRedisCache, self).delete_many(keys, version), None
        )

    def clear(self) -> bool:
        return self._guard(lambda: super(TolerantRedisCache, self).clear(), False)

    def ping(self) -> bool:
        """Whether Redis answers now (the health check); opens the window if not."""
        return self._guard(lambda: bool(self._cache.get_client().ping()), False)
