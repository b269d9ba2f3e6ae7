"""Rendered public pages for anonymous visitors, kept in the cache.

Most visitors of the portal are anonymous and see the same pages, so a page is
rendered once and then served from the cache (``public_cache(view, areas=...)``):

* only GET and HEAD requests of anonymous visitors with no pending messages are
  served from the cache or stored in it; a response is stored only when it is a
  200 that sets no cookie and used no CSRF token (a page with a token is personal);
* the portal's content is divided into *areas*, one per app of the portal (``ngos``,
  ``grants``, ``consultations``, ``workshops``, ``programme`` …) and ``people`` (the
  names that pages show). Each area has a *generation*; a page's key holds the
  generations of the areas it shows, the active language and the host with the full
  path and query string. Saving or deleting a model (or changing a many-to-many
  relation) bumps the generation of the model's area, at once and again on commit,
  so the next request renders the page again; the stale entries simply expire;
* what no public page shows bumps nothing: the shared machinery's notifications,
  audit records, stored documents and log-ins (``last_login``), and whatever a model
  declares private through ``public_cache_areas`` (drafts of offers, say). A model
  sets ``public_cache_areas`` to a tuple of areas, or to a function
  ``(instance, update_fields) -> tuple`` deciding per save;
* ``PUBLIC_CACHE_SECONDS`` (60 s by default, ``0`` turns the cache off) bounds the
  staleness of what depends on the clock alone ("open now", "closes in 3 days"),
  and of generations kept in a per-process cache (without ``REDIS_URL`` every
  worker has its own).

The cache is a help, never a condition: when it fails (Redis down), pages are
rendered for every request, saves go through, and a warning is logged at most once a
minute. With ``REDIS_URL`` the cache itself (``cache_backend.TolerantRedisCache``)
answers as an empty cache during an outage and stops trying Redis for a while, so
neither this module nor django-allauth's counters see an error.

*Fragments* are the parts of a page that are expensive to render and the same for
everyone (a directory's results, a programme's table of priorities, the comments of
a consultation). ``cached_fragment`` (and the ``{% fragment %}`` template tag of
``cooperation/core/templatetags/fragments.py``) keeps such a part for logged-in
visitors and for pages the page cache does not hold: its key holds the fragment's
name, the active language, the generations of the areas it shows and whatever else
it varies on, so a change bumps it like a page. ``FRAGMENT_CACHE_SECONDS`` (60 s by
default, ``0`` turns fragments off) bounds what depends on the clock alone, like
``PUBLIC_CACHE_SECONDS`` for pages; a fragment keyed by its object's update time
alone may be kept longer.

Middleware still runs for a cached page, so security headers, ``Vary`` and the
language cookie handling are those of a fresh response.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache as memoize
from functools import wraps
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.functional import SimpleLazyObject, cached_property

logger = logging.getLogger(__name__)

GENERATION_PREFIX = "public-cache:generation:"
# The packages whose apps' models public pages show; the shared machinery (app label
# ``cooperation``) is not among the areas.
PORTAL_PACKAGES = frozenset(
    {"cooperation", "ngos", "grants", "consultations", "workshops"}
)
SHARED_MACHINERY = "cooperation"
# Generations of each model's records as the administration shows them.
RECORDS_PREFIX = "staff:"
PEOPLE = "people"
# Tells whether a page came from the cache ("hit") or was just stored ("stored").
STATE_HEADER = "X-Public-Cache"
# Response headers kept with the page (the rest is added again by the middleware).
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")

T = TypeVar("T")
_last_warning = 0.0


def timeout() -> int:
    return int(getattr(settings, "PUBLIC_CACHE_SECONDS", 60))


def fragment_timeout() -> int:
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", 60))


def _warn(action: str, exc: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning > 60:
        _last_warning = now
        logger.warning("Page cache unavailable (%s): %s", action, exc)


def _safely(action: str, call: Callable[[], T], default: T) -> T:
    try:
        return call()
    except Exception as exc:  # noqa: BLE001 - any cache failure degrades to no cache
        _warn(action, exc)
        return default


@memoize
def all_areas() -> tuple[str, ...]:
    """Every area: each app of the portal's packages except the shared machinery."""
    labels = [
        config.label
        for config in apps.get_app_configs()
        if config.name.split(".")[0] in PORTAL_PACKAGES
        and config.label != SHARED_MACHINERY
    ]
    return (*labels, PEOPLE)


def areas_of(
    sender: Any, instance: Any, update_fields: Iterable[str] | None
) -> tuple[str, ...]:
    """The areas whose pages a change of ``instance`` (of model ``sender``) makes stale."""
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return ()
    declared = getattr(sender, "public_cache_areas", None)
    if callable(declared):
        return tuple(declared(instance, frozenset(update_fields or ())))
    if declared is not None:
        return tuple(declared)
    config = apps.app_configs.get(meta.app_label)
    if (
        config is None  # Django's own bookkeeping, e.g. the migration recorder
        or config.name.split(".")[0] not in PORTAL_PACKAGES
        or config.label == SHARED_MACHINERY
    ):
        return ()
    return (config.label,)


def _key(area: str) -> str:
    return GENERATION_PREFIX + area


# Within one request, the generations already read (a page's fragments mostly show
# the same areas); a bump in this process forgets the areas it bumps. Outside requests
# (tasks, commands) nothing is remembered.
_request = threading.local()


def _request_started(**kwargs: Any) -> None:
    _request.generations = {}
    _request.people = {}
    _request.slots = {}


def _request_finished(**kwargs: Any) -> None:
    _request.generations = None
    _request.people = None
    _request.slots = None


def generations(areas: Iterable[str]) -> dict[str, int]:
    """The current generation of each area (started from the clock where missing)."""
    areas = list(areas)
    known: dict[str, int] | None = getattr(_request, "generations", None)
    result = {a: known[a] for a in areas if a in known} if known is not None else {}
    keys = [_key(a) for a in areas if a not in result]
    if not keys:
        return result
    found = cache.get_many(keys)
    missing = [k for k in keys if k not in found]
    if missing:
        start = int(time.time() * 1000)
        for key in missing:
            cache.add(key, start, None)
        found.update(cache.get_many(missing))
    read = {k[len(GENERATION_PREFIX) :]: int(v or 0) for k, v in found.items()}
    if known is not None:
        known.update(read)
    return {**result, **read}


def generation(area: str) -> int:
    return generations([area]).get(area, 0)


def bump(areas: Iterable[str]) -> None:
    """Make every cached page showing one of ``areas`` stale."""
    known: dict[str, int] | None = getattr(_request, "generations", None)
    if getattr(_request, "people", None):
        _request.people = {}
    if getattr(_request, "slots", None):
        _request.slots = {}
    for area in areas:
        if known is not None:
            known.pop(area, None)
        key = _key(area)

        def incr(key: str = key) -> None:
            try:
                cache.incr(key)
            except ValueError:
                # No generation yet (or it was evicted): any new number differs from
                # the ones the cached pages were stored under.
                cache.set(key, int(time.time() * 1000), None)

        _safely("bump", incr, None)


# The areas a person's own cached data (permissions, groups) is kept under: a change
# of any person's record or of any group's permissions makes it stale.
PERMISSIONS_AREA = "permissions"
USER_RECORDS = "staff:cooperation.user"


# The kinds of person records seen in this process, with the areas each is kept
# under, and the other keys kept per person (say, the count of unread messages): a
# request reads all of them for its person in one round trip, at the first record
# it asks for.
_person_kinds: dict[str, tuple[str, ...]] = {}
person_keys: list[Callable[[Any], str]] = []


def _stamped_read(
    areas: tuple[str, ...], keys: list[str]
) -> tuple[tuple[int, ...] | None, dict[str, Any]]:
    """The generations of ``areas`` (a stamp, in their order) and the values stored
    under ``keys``, in one round trip for the generations this request has not read
    yet. The stamp is ``None`` when the cache could not give every generation."""
    known: dict[str, int] | None = getattr(_request, "generations", None)
    remembered = known or {}
    unknown = [a for a in areas if a not in remembered]
    found = cache.get_many([*(_key(a) for a in unknown), *keys])
    current = {a: remembered[a] for a in areas if a in remembered}
    missing = []
    for area in unknown:
        value = found.pop(_key(area), None)
        if value is None:
            missing.append(area)
        else:
            current[area] = int(value)
    if missing:
        current.update(generations(missing))
    if known is not None:
        known.update(current)
    stamp = tuple(current.get(a) for a in areas)
    return (None if None in stamp else stamp), found  # type: ignore[return-value]


def _person_bundle(pk: Any) -> dict[str, Any] | None:
    """What the cache holds for person ``pk``, read once per request: every known
    kind of record and every per-person key, with the generations they depend on."""
    people: dict[Any, dict[str, Any]] | None = getattr(_request, "people", None)
    if people is None:
        if getattr(_request, "generations", None) is None:
            return None
        people = _request.people = {}
    if pk not in people:
        areas = tuple(sorted({a for kind in _person_kinds.values() for a in kind}))
        names = [f"{kind}:{pk}" for kind in _person_kinds]
        names += [key(pk) for key in person_keys]
        _stamp, found = _stamped_read(areas, names)
        people[pk] = {"asked": set(names), "found": found}
    return people[pk]


def prefetched(pk: Any, key: str) -> tuple[bool, Any]:
    """``(True, value)`` when this request already read ``key`` of person ``pk``
    (``value`` is ``None`` when the cache had nothing); ``(False, None)`` otherwise."""
    people = getattr(_request, "people", None) or {}
    bundle = people.get(pk)
    if bundle is None or key not in bundle["asked"]:
        return False, None
    return True, bundle["found"].get(key)


def keep_prefetched(pk: Any, key: str, value: Any) -> None:
    """What was just stored under ``key`` of person ``pk``, for the rest of the request."""
    bundle = (getattr(_request, "people", None) or {}).get(pk)
    if bundle is not None and key in bundle["asked"]:
        bundle["found"][key] = value


def forget_prefetched(pk: Any, key: str) -> None:
    """Make this request read ``key`` of person ``pk`` afresh (it was just changed)."""
    bundle = (getattr(_request, "people", None) or {}).get(pk)
    if bundle is not None:
        bundle["asked"].discard(key)


def person_record(
    pk: Any, kind: str, compute: Callable[[], T], areas: Iterable[str] = ()
) -> T:
    """A value derived from the person ``pk`` (``kind`` names it), kept in the cache
    under the generations of the user records, of the permissions and of ``areas``
    (say, the record area of memberships), for at most ``FRAGMENT_CACHE_SECONDS``;
    computed afresh when the cache is off or unreachable. ``compute`` returns
    something the cache can store (``None`` is not kept).

    The value is stored with the generations it was computed under. Within a request
    every record of the person is read in one round trip with those generations."""
    if not pk or fragment_timeout() <= 0:
        return compute()
    name = f"{kind}:{pk}"
    areas = (PERMISSIONS_AREA, USER_RECORDS, *areas)
    _person_kinds.setdefault(kind, areas)
    bundle = _safely("read", lambda: _person_bundle(pk), None)
    if bundle is not None and name in bundle["asked"]:
        known = getattr(_request, "generations", None) or {}
        stamp = tuple(known.get(a) for a in areas)
        stored = bundle["found"].get(name)
        if None in stamp:
            stamp = _safely("read", lambda: _stamped_read(areas, [])[0], None) or (
                None,
            )
    else:
        stamp, found = _safely("read", lambda: _stamped_read(areas, [name]), (None, {}))
        stamp = stamp or (None,)
        stored = found.get(name)
    if stored is not None and stored[0] == stamp and None not in stamp:
        return stored[1]
    value = compute()
    if value is not None and None not in stamp:
        _safely(
            "store", lambda: cache.set(name, (stamp, value), fragment_timeout()), None
        )
        if bundle is not None:
            bundle["found"][name] = (stamp, value)
    return value


def per_person(user: Any, kind: str, compute: Callable[[], Iterable[str]]) -> set[str]:
    """A set of names derived from ``user`` (:func:`person_record`)."""
    return set(person_record(user.pk, kind, lambda: sorted(compute())))


def record_area(model: Any) -> str | None:
    """The area of one model's records as the staff see them (``staff:app.model``).

    Public areas leave out what no public page shows (drafts, log-ins); the
    administration's lists show everything, so each model of the portal has its own
    record area, bumped by every change of its rows (:func:`record_areas`).
    """
    meta = getattr(model, "_meta", None)
    if meta is None:
        return None
    config = apps.app_configs.get(meta.app_label)
    if config is None or config.name.split(".")[0] not in PORTAL_PACKAGES:
        return None
    return f"{RECORDS_PREFIX}{meta.label_lower}"


@memoize
def record_areas(model: Any, depth: int = 2) -> tuple[str, ...]:
    """The record areas of ``model`` and of the models its rows show.

    That is the models reached through its relations (forward ones ``depth`` steps
    deep, reverse ones one step, as lists count them), so a list of offers is stale
    when an organisation's name changes, but not when an e-mail is sent.
    """
    seen: set[Any] = set()
    found: set[str] = set()

    def walk(current: Any, level: int) -> None:
        if current in seen:
            return
        seen.add(current)
        area = record_area(current)
        if area:
            found.add(area)
        if level >= depth:
            return
        for field in current._meta.get_fields():
            related = getattr(field, "related_model", None)
            if not related or related == current:
                continue
            if field.concrete or field.many_to_many:
                walk(related, level + 1)
            elif level == 0:
                walk(related, depth)

    walk(model, 0)
    return tuple(sorted(found))


def _content_changed(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    if timeout() <= 0 and fragment_timeout() <= 0:
        return
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed: only after the change
    areas = areas_of(sender, instance, kwargs.get("update_fields"))
    record = record_area(sender)
    if action is not None and kwargs.get("model") is not None:
        related = record_area(kwargs["model"])
        areas = (*areas, *([related] if related else []))
    if record:
        areas = (*areas, record)
    if not areas:
        return
    bump(areas)
    # A page rendered by another request between this change and its commit would
    # be stored under the new generation with the old data: bump again on commit.
    transaction.on_commit(lambda: bump(areas), using=kwargs.get("using"), robust=True)


def rows_changed(model: Any) -> None:
    """What a save of one of ``model``'s rows bumps, for writes that send no signal
    (``bulk_create``, ``update``): its public areas and its record area."""
    record = record_area(model)
    declared = getattr(model, "public_cache_areas", None)
    public = () if callable(declared) else areas_of(model, None, None)
    areas = (*public, *([record] if record else []))
    if not areas or (timeout() <= 0 and fragment_timeout() <= 0):
        return
    bump(areas)
    transaction.on_commit(lambda: bump(areas), robust=True)


def connect_signals() -> None:
    """Bump the areas' generations on changes of their models (``CoreConfig.ready``)."""
    request_started.connect(_request_started, dispatch_uid="public-cache-request")
    request_finished.connect(_request_finished, dispatch_uid="public-cache-request")
    for signal in (post_save, post_delete):
        signal.connect(_content_changed, dispatch_uid=f"public-cache-{signal!r}")
    m2m_changed.connect(_m2m_changed, dispatch_uid="public-cache-m2m")


def _m2m_changed(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    # The change belongs to the model holding the relation, not to its through table.
    _content_changed(type(instance), instance, **kwargs)


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


def cache_key(request: HttpRequest, areas: Iterable[str]) -> str:
    location = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(location.encode()).hexdigest()[:32]
    language = translation.get_language() or settings.LANGUAGE_CODE
    current = generations(areas)
    stamp = ".".join(str(current[a]) for a in sorted(current))
    return f"public-page:{language}:{digest}:{stamp}"


def public_cache(
    view: Callable[..., HttpResponse], areas: Iterable[str] | None = None
) -> Callable[..., HttpResponse]:
    """Serve the view's page to anonymous visitors from the cache (see the module).

    ``areas`` are those whose content the page shows (every area when not given);
    ``()`` for a page that shows no data, which only the time-to-live refreshes.
    """
    shown = None if areas is None else tuple(areas)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _safely(
            "read",
            lambda: cache_key(request, all_areas() if shown is None else shown),
            None,
        )
        stored = _safely("read", lambda: cache.get(key), None) if key else None
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
        if key and _cacheable_response(request, response):
            headers = [(h, response[h]) for h in KEPT_HEADERS if h in response]
            _safely(
                "store",
                lambda: cache.set(key, (response.content, headers), timeout()),
                None,
            )
            response[STATE_HEADER] = "stored"
        return response

    return wrapper


# --- Fragments ----------------------------------------------------------------------

FRAGMENT_PREFIX = "fragment:"


def _digest(values: Iterable[Any]) -> str:
    text = "\x1f".join(str(v) for v in values)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def fragment_key(name: str, areas: Iterable[str], vary: Iterable[Any] = ()) -> str:
    """The cache key of fragment ``name`` showing ``areas``, varied on ``vary``."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    shown = tuple(areas)
    current = generations(shown) if shown else {}
    stamp = ".".join(str(current[a]) for a in sorted(current))
    return f"{FRAGMENT_PREFIX}{name}:{language}:{_digest([stamp, *vary])}"


def _fragment_slot(name: str, vary: Iterable[Any]) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"{FRAGMENT_PREFIX}{name}:{language}:{_digest(vary)}"


def _stamped(
    name: str,
    areas: Iterable[str],
    vary: Iterable[Any],
    compute: Callable[[], T],
    seconds: int | None,
) -> T:
    """``compute()``'s result kept under ``name`` and ``vary`` with the generations of
    ``areas`` it was computed under, read with them in one round trip."""
    shown = tuple(sorted(set(areas)))
    slot = _safely("read", lambda: _fragment_slot(name, vary), None)
    if slot is None:
        return compute()
    slots: dict[str, Any] = getattr(_request, "slots", None) or {}
    known: dict[str, int] = getattr(_request, "generations", None) or {}
    if slot in slots and all(a in known for a in shown):
        stamp: tuple[int, ...] | None = tuple(known[a] for a in shown)
        stored = slots.pop(slot)
    else:
        stamp, found = _safely("read", lambda: _stamped_read(shown, [slot]), (None, {}))
        stored = found.get(slot)
    if stamp is not None and isinstance(stored, tuple) and stored[0] == stamp:
        return stored[1]
    value = compute()
    if stamp is not None:
        ttl = fragment_timeout() if seconds is None else seconds
        _safely("store", lambda: cache.set(slot, (stamp, value), ttl), None)
    return value


def prefetch_fragments(
    areas: Iterable[str], parts: Iterable[tuple[str, Iterable[Any]]]
) -> None:
    """Read in one round trip the fragments ``(name, vary)`` a page shows under
    ``areas`` (an administration list's rows, filters and count), or the values kept
    like them (:func:`cached_value`), so that rendering them reads the cache no more."""
    slots: dict[str, Any] | None = getattr(_request, "slots", None)
    if slots is None or fragment_timeout() <= 0:
        return
    shown = tuple(sorted(set(areas)))
    keys = [_fragment_slot(name, vary) for name, vary in parts]
    stamp, found = _safely("read", lambda: _stamped_read(shown, keys), (None, {}))
    if stamp is not None:
        slots.update({key: found.get(key) for key in keys})


def cached_fragment(
    name: str,
    areas: Iterable[str],
    vary: Iterable[Any],
    render: Callable[[], str],
    *,
    seconds: int | None = None,
) -> str:
    """The HTML of fragment ``name``: from the cache, or ``render()`` stored there.

    ``areas`` are those whose content the fragment shows (it is kept with their
    generations and renewed when one changes); ``vary`` the other values it depends
    on (a query string, an object's update time). ``seconds`` overrides
    ``FRAGMENT_CACHE_SECONDS`` for a fragment that does not depend on the clock.
    """
    if fragment_timeout() <= 0:
        return render()
    return str(_stamped(name, areas, vary, render, seconds))


def cached_value(
    name: str,
    areas: Iterable[str],
    vary: Iterable[Any],
    compute: Callable[[], T],
) -> T:
    """``compute()``'s result kept like a fragment (:func:`cached_fragment`): for
    values the same for everyone that cost queries (the desk's counts), for at most
    ``FRAGMENT_CACHE_SECONDS``. ``compute`` returns something the cache can store."""
    if fragment_timeout() <= 0:
        return compute()
    return _stamped(name, areas, vary, compute, None)


@dataclass(frozen=True)
class Kept:
    """Where a value or a fragment is kept: its name, the areas it shows and the
    values it varies on, so that a view can read several in one round trip
    (:func:`prefetch`) before it reads them one by one."""

    name: str
    areas: tuple[str, ...]
    vary: tuple[Any, ...]

    @classmethod
    def record(cls, name: str, models: Iterable[Any], *vary: Any) -> Kept:
        """A record kept until a row of one of ``models`` changes, drafts included."""
        return cls(name, tuple(str(record_area(model)) for model in models), vary)


def prefetch(*kept: Kept) -> None:
    """Read the values and fragments ``kept`` in one round trip (:func:`prefetch_fragments`)."""
    prefetch_fragments(
        {area for k in kept for area in k.areas}, [(k.name, k.vary) for k in kept]
    )


def cached_record(kept: Kept, compute: Callable[[], T]) -> T:
    """The record a page is about (``compute()``, a model instance and what it selects
    with it), kept as ``kept`` says (:meth:`Kept.record`): the page then checks who
    may see it and renders its fragments without a query. A record that does not
    exist is looked up again each time."""
    return cached_value(kept.name, kept.areas, kept.vary, compute)


def cached_fragments(
    name: str,
    items: Iterable[T],
    vary: Callable[[T], Iterable[Any]],
    render: Callable[[T], str],
    *,
    seconds: int | None = None,
) -> list[str]:
    """One fragment per item, read from the cache in one round trip.

    For fragments keyed by their own object (a comment by its pk and update time):
    no area generations are read; ``vary(item)`` must change whenever what
    ``render(item)`` shows does.
    """
    items = list(items)
    if fragment_timeout() <= 0:
        return [render(item) for item in items]
    keys = [fragment_key(name, (), vary(item)) for item in items]
    stored = _safely("read", lambda: cache.get_many(keys), {})
    html: list[str] = []
    missing: dict[str, str] = {}
    for key, item in zip(keys, items, strict=True):
        if key in stored:
            html.append(str(stored[key]))
            continue
        rendered = render(item)
        missing[key] = rendered
        html.append(rendered)
    if missing:
        ttl = fragment_timeout() if seconds is None else seconds
        _safely("store", lambda: cache.set_many(missing, ttl), None)
    return html


def lazy_page(
    queryset: Callable[[], Any], per_page: int, number: Any
) -> SimpleLazyObject:
    """A page of ``queryset()``, counted and read only when a template first uses it.

    A view hands it to a template whose ``{% fragment %}`` shows the list: when the
    fragment comes from the cache, neither the count nor the page is queried.
    """
    return SimpleLazyObject(lambda: Paginator(queryset(), per_page).get_page(number))


class Later(Sequence):
    """A list computed when it is first read: what a fragment shows, read only when the
    fragment is rendered again (a filter's choices, a person's list of offers)."""

    def __init__(self, compute: Callable[[], Any]) -> None:
        self._compute = compute

    @cached_property
    def _items(self) -> list[Any]:
        return list(self._compute())

    def __getitem__(self, index: Any) -> Any:
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)
