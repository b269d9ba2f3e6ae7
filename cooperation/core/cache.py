"""Rendered public pages for anonymous visitors, kept in the cache.

Most visitors of the portal are anonymous and see the same pages, so a page is
rendered once and then served from the cache (``@public_cache`` on the view):

* only GET and HEAD requests of anonymous visitors with no pending messages are
  served from the cache or stored in it; a response is stored only when it is a
  200 that sets no cookie and used no CSRF token (a page with a token is personal);
* the key holds a site-wide *content generation*, the active language and the host
  with the full path and query string. Saving or deleting any model of the portal's
  apps (and changing a many-to-many relation) bumps the generation, so the next
  request renders the page again; the stale entries simply expire;
* ``PUBLIC_CACHE_SECONDS`` (60 s by default, ``0`` turns the cache off) bounds the
  staleness of what depends on the clock alone ("open now", "closes in 3 days"),
  and of generations kept in a per-process cache (without ``REDIS_URL`` every
  worker has its own).

Middleware still runs for a cached page, so security headers, ``Vary`` and the
language cookie handling are those of a fresh response.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import translation

GENERATION_KEY = "public-cache:generation"
# The apps whose data the public pages show: a change of any of their models makes
# every cached page stale.
CONTENT_APPS = frozenset(
    {"cooperation", "ngos", "grants", "consultations", "workshops"}
)
# Tells whether a page came from the cache ("hit") or was just stored ("stored").
STATE_HEADER = "X-Public-Cache"
# Response headers kept with the page (the rest is added again by the middleware).
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")


def timeout() -> int:
    return int(getattr(settings, "PUBLIC_CACHE_SECONDS", 60))


def generation() -> int:
    """The current content generation (started from the clock if the cache has none)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, int(time.time() * 1000), None)
        value = cache.get(GENERATION_KEY)
    return int(value or 0)


def bump_generation() -> None:
    """Make every cached page stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # No generation yet (or it was evicted): any new number differs from the
        # ones the cached pages were stored under.
        cache.set(GENERATION_KEY, int(time.time() * 1000), None)


def _content_changed(sender: Any, **kwargs: Any) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in CONTENT_APPS or timeout() <= 0:
        return  # not shown on public pages, or nothing cached
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed: only after the change
    bump_generation()
    # A page rendered by another request between this change and its commit would
    # be stored under the new generation with the old data: bump again on commit.
    transaction.on_commit(bump_generation, using=kwargs.get("using"), robust=True)


def connect_signals() -> None:
    """Bump the generation on any change of a portal model (``CooperationConfig.ready``)."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_content_changed, dispatch_uid=f"public-cache-{signal!r}")


def _cacheable_request(request: HttpRequest) -> bool:
    if timeout() <= 0 or request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    from django.contrib.messages import get_messages

    # Pending messages are shown once, to this visitor only.
    return not len(get_messages(request))


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page with a CSRF token is this visitor's own.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(response, "_public_cache_skip", False)
    )


def cache_key(request: HttpRequest) -> str:
    location = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(location.encode()).hexdigest()[:32]
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"public-page:{generation()}:{language}:{digest}"


def _bench_render(request: HttpRequest) -> bool:
    """``make bench`` asks for a fresh render to count the queries of one."""
    return bool(
        getattr(settings, "PORTAL_BENCH", False)
        and request.headers.get("X-Bench-Render")
    )


def public_cache(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's page to anonymous visitors from the cache (see the module)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable_request(request) or _bench_render(request):
            return view(request, *args, **kwargs)
        key = cache_key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response[STATE_HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if _cacheable_response(request, response):
            headers = [(h, response[h]) for h in KEPT_HEADERS if h in response]
            cache.set(key, (response.content, headers), timeout())
            response[STATE_HEADER] = "stored"
        return response

    return wrapper
