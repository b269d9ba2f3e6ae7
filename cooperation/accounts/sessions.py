"""Sessions: database rows, read through the cache.

Every request of a signed-in person reads their session. Django's ``cached_db``
engine keeps a copy in the cache and falls back to the row when the cache misses or
cannot be reached, so a Redis outage logs nobody out. Here the copy is kept for at
most ``SESSION_CACHE_SECONDS``: a log-out or a change made while Redis was
unreachable removed the row but could not remove the copy, and the copy must not
outlive the outage by more than that.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sessions.backends import cached_db


class _BoundedCopies:
    """The session cache with every copy's lifetime bounded."""

    def __init__(self, cache: Any) -> None:
        self._cache = cache

    def _timeout(self, timeout: Any) -> int:
        bound = settings.SESSION_CACHE_SECONDS
        return bound if timeout is None else min(int(timeout), bound)

    def get(self, key: str, default: Any = None) -> Any:
        return self._cache.get(key, default)

    def set(self, key: str, value: Any, timeout: Any = None) -> None:
        if settings.SESSION_CACHE_SECONDS > 0:
            self._cache.set(key, value, self._timeout(timeout))

    def delete(self, key: str) -> Any:
        return self._cache.delete(key)

    def __contains__(self, key: str) -> bool:
        return settings.SESSION_CACHE_SECONDS > 0 and self._cache.has_key(key)


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        self._cache = _BoundedCopies(self._cache)  # type: ignore[assignment]

    def load(self) -> dict[str, Any]:
        if settings.SESSION_CACHE_SECONDS <= 0:
            return super(cached_db.SessionStore, self).load()
        return super().load()
