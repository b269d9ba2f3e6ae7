"""The shared parts of the open-data API (``/api/v1/``): what every endpoint does alike.

Each app describes its public records in its own ``api.py`` (serializers and
:class:`PublicViewSet` subclasses); ``cooperation.api`` puts them under one router,
with the OpenAPI schema and the documentation page. Every endpoint:

* is read-only and shows only what the portal's public pages show (each viewset's
  ``get_queryset`` starts from the app's public queryset);
* answers anonymous clients and clients with a token alike, with different rate
  limits (``API_RATE_ANONYMOUS``, ``API_RATE_TOKEN``); a token gives no more data;
* pages its lists (``?page=``, ``?page_size=`` up to ``API_MAX_PAGE_SIZE``), filters
  them with django-filter and orders them with ``?ordering=``;
* sends an ``ETag`` built from the generations of the areas it shows (the page
  cache's, ``cooperation.core.cache``), and ``Last-Modified`` for a single record, so
  a client asking again with ``If-None-Match`` gets ``304 Not Modified`` without a
  query being run.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any, ClassVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from .cache import _safely, fragment_timeout, generations


class Pages(PageNumberPagination):
    page_size_query_param = "page_size"

    @property
    def page_size(self) -> int:  # type: ignore[override]
        return settings.API_PAGE_SIZE

    @property
    def max_page_size(self) -> int:  # type: ignore[override]
        return settings.API_MAX_PAGE_SIZE


class WindowCount:
    """DRF's rate limit counted in fixed windows: one counter per client and window in
    the cache (an ``add`` and an ``incr``), instead of DRF's list of the time of every
    request in the window, which is read and written whole by each request. A client
    gets at most twice its rate across the edge of two windows. Without the cache every
    request is let through, as with the portal's other limits."""

    rate: str | None
    num_requests: int
    duration: int

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)  # type: ignore[attr-defined]
        if key is None:
            return True
        now = self.timer()  # type: ignore[attr-defined]
        window = int(now // self.duration)
        counter = f"{key}:{window}"
        self._wait = self.duration - (now % self.duration)
        try:
            cache.add(counter, 0, self.duration + 1)
            count = cache.incr(counter)
        except ValueError:
            return True
        return count <= self.num_requests

    def wait(self) -> float:
        return self._wait


class AnonymousRate(WindowCount, AnonRateThrottle):
    scope = "anonymous"

    def get_rate(self) -> str:
        return settings.API_RATE_ANONYMOUS


class TokenRate(WindowCount, UserRateThrottle):
    """The limit of clients with a token; an anonymous client has only its own."""

    scope = "token"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)

    def get_rate(self) -> str:
        return settings.API_RATE_TOKEN


def etag_for(areas: tuple[str, ...], url: str) -> str | None:
    """A validator of what an endpoint shows at ``url``, or None without the cache."""
    current = _safely("read", lambda: generations(areas), None)
    if not current:
        return None
    stamp = ".".join(f"{a}={current[a]}" for a in sorted(current))
    language = translation.get_language() or settings.LANGUAGE_CODE
    digest = hashlib.sha256(f"{stamp}|{language}|{url}".encode()).hexdigest()[:32]
    return f'"{digest}"'


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only endpoint of public records, with conditional GET.

    ``areas`` names the page cache's areas whose records the endpoint shows; a
    change in any of them changes the ETag.
    """

    areas: ClassVar[tuple[str, ...]] = ()
    # The endpoint's group and description in the schema and the documentation.
    tag: ClassVar[Any] = ""
    description: ClassVar[Any] = ""
    pagination_class = Pages
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    throttle_classes = [AnonymousRate, TokenRate]
    # Records change rarely; clients and proxies may keep a response this long.
    max_age = 60

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self._etag = None
        if request.method in ("GET", "HEAD") and self.areas:
            self._etag = etag_for(self.areas, request.build_absolute_uri())
            if self._etag is not None:
                unchanged = get_conditional_response(request, etag=self._etag)
                if unchanged is not None:
                    unchanged["ETag"] = self._etag
                    patch_cache_control(unchanged, public=True, max_age=self.max_age)
                    return unchanged
        return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            if self._etag is not None:
                response["ETag"] = self._etag
            modified = getattr(self, "_modified", None)
            if modified is not None:
                response["Last-Modified"] = http_date(modified.timestamp())
            patch_cache_control(response, public=True, max_age=self.max_age)
            response["Vary"] = "Accept, Accept-Language, Authorization"
        return response

    def _body(self, request: Any, build: Any) -> Any:
        """The answer's JSON from the cache under its ETag, or built and kept there.

        A record's time of change is kept with it, for ``Last-Modified``.
        """
        key = f"api:{self._etag}" if self._etag and fragment_timeout() > 0 else None
        if key:
            stored = _safely("read", lambda: cache.get(key), None)
            if stored is not None:
                body, modified = stored
                if modified is not None:
                    self._modified = datetime.datetime.fromtimestamp(
                        modified, datetime.UTC
                    )
                    unchanged = get_conditional_response(
                        request, etag=self._etag, last_modified=int(modified)
                    )
                    if unchanged is not None:
                        return unchanged
                return HttpResponse(body, content_type="application/json")
        response = build()
        if key and response.status_code == 200 and hasattr(response, "data"):
            body = JSONRenderer().render(response.data)
            modified = getattr(self, "_modified", None)
            kept = (body, modified.timestamp() if modified is not None else None)
            _safely("store", lambda: cache.set(key, kept, fragment_timeout()), None)
            return HttpResponse(body, content_type="application/json")
        return response

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self._body(
            request, lambda: super(PublicViewSet, self).list(request, *args, **kwargs)
        )

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self._body(request, lambda: self._retrieve(request))

    def _retrieve(self, request: Any) -> Any:
        instance = self.get_object()
        modified = getattr(instance, "updated_at", None)
        if modified is not None:
            self._modified = modified
            unchanged = get_conditional_response(
                request, etag=self._etag, last_modified=int(modified.timestamp())
            )
            if unchanged is not None:
                return unchanged
        return Response(self.get_serializer(instance).data)


class _MomentField(IsoDateTimeField):
    """An ISO 8601 moment, in UTC: the database takes any moment a client may send."""

    def to_python(self, value: Any) -> datetime.datetime | None:
        moment = super().to_python(value)
        if moment is None:
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        try:
            return moment.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as error:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from error


class MomentFilter(filters.IsoDateTimeFilter):
    field_class = _MomentField


def year_filter(field_name: str, label: Any = "") -> filters.NumberFilter:
    """A filter by year, refusing years no record can have with a 400, not an error."""
    return filters.NumberFilter(
        field_name=field_name, label=label, min_value=1900, max_value=2200
    )
