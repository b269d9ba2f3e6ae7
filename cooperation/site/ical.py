"""The portal's iCalendar feed (``/kalendarz.ics``): every public event and deadline.

Each app's ``site.calendar_entries(start, end)`` gives its entries (``SOURCES``, in
this order); this module writes them out, in Europe/Warsaw time with its VTIMEZONE,
so that calendar programs show the local time whatever zone they run in.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from consultations import site as consultations_site
from cooperation.core.calendar import CalendarEntry
from cooperation.council import site as council_site
from cooperation.nonfinancial import site as nonfinancial_site
from grants import initiative_site
from grants import site as grants_site
from ngos import site as ngos_site
from workshops import site as workshops_site

logger = logging.getLogger(__name__)

# How far back and ahead the feed reaches.
PAST = timedelta(days=90)
AHEAD = timedelta(days=400)
PRODID = "-//Portal Wspolpracy//kalendarz//PL"

SOURCES = {
    "grants": grants_site.calendar_entries,
    "consultations": consultations_site.calendar_entries,
    "workshops": workshops_site.calendar_entries,
    "ngos": ngos_site.calendar_entries,
    "nonfinancial": nonfinancial_site.calendar_entries,
    "council": council_site.calendar_entries,
    "small-grants": grants_site.small_grant_calendar_entries,
    "initiatives": initiative_site.calendar_entries,
}


def collect(start: datetime, end: datetime) -> list[CalendarEntry]:
    """Entries of every source between ``start`` and ``end``."""
    entries: list[CalendarEntry] = []
    for name, source in SOURCES.items():
        try:
            entries.extend(source(start, end))
        except Exception:  # noqa: BLE001 - one broken source must not empty the feed.
            logger.exception("Calendar source %s failed", name)
    return sorted(entries, key=lambda e: (_sort_key(e.start), e.uid))


def _sort_key(value: datetime | date) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime(
        value.year, value.month, value.day, tzinfo=ZoneInfo(settings.TIME_ZONE)
    )


def _absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + url


def uid_domain() -> str:
    """The portal's host name from ``SITE_URL``: what makes each UID global."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _global_uid(uid: str) -> str:
    return uid if "@" in uid else f"{uid}@{uid_domain()}"


def transitions(
    tzid: str, first_year: int, last_year: int
) -> list[tuple[datetime, timedelta, timedelta, str]]:
    """Every change of offset of ``tzid`` in the years given, from the tz database.

    Each is (the instant in UTC, the offset before, the offset after, the zone's
    abbreviation after). The instants are found hour by hour and then to the
    minute, so that whatever the database says is what the feed says.
    """
    zone = ZoneInfo(tzid)
    start = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    found = []
    moment = start
    before = moment.astimezone(zone).utcoffset()
    while moment < end:
        following = moment + timedelta(hours=1)
        after = following.astimezone(zone).utcoffset()
        if after != before:
            low, high = moment, following
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                middle = middle.replace(second=0, microsecond=0)
                if middle.astimezone(zone).utcoffset() == before:
                    low = middle
                else:
                    high = middle
            found.append((high, before, after, high.astimezone(zone).tzname() or ""))
            before = after
        moment = following
    return found


@lru_cache(maxsize=8)
def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for ``tzid`` true to the tz database for the years given.

    Each onset is written, as RFC 5545 asks, in the local time in force before
    it (TZOFFSETFROM): in Warsaw summer time begins at 02:00 and ends at 03:00.
    The first STANDARD component also states the offset in force on 1 January of
    the first year, so times before the first change resolve too.
    """
    zone = ZoneInfo(tzid)
    timezone_ = Timezone()
    timezone_.add("tzid", tzid)
    opening = datetime(first_year, 1, 1, tzinfo=UTC).astimezone(zone)
    start_offset = opening.utcoffset() or timedelta(0)
    base = TimezoneDaylight() if opening.dst() else TimezoneStandard()
    # Local time, floating, as RFC 5545 has DTSTART in a time-zone component.
    base.add("dtstart", opening.replace(tzinfo=None, hour=0, minute=0))
    base.add("tzoffsetfrom", start_offset)
    base.add("tzoffsetto", start_offset)
    base.add("tzname", opening.tzname() or tzid)
    timezone_.add_component(base)
    # One component per change, each with its own DTSTART: calendar programs that
    # mishandle RDATE lists (Outlook, dateutil) read these alike.
    for instant, before, after, name in transitions(tzid, first_year, last_year):
        part = (
            TimezoneDaylight() if instant.astimezone(zone).dst() else TimezoneStandard()
        )
        part.add("dtstart", (instant + before).replace(tzinfo=None))
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        part.add("tzname", name)
        timezone_.add_component(part)
    return timezone_


def build_calendar(
    entries: Iterable[CalendarEntry], *, now: datetime | None = None
) -> Calendar:
    """An iCalendar with one VEVENT per entry; times in the portal's zone."""
    tz = ZoneInfo(settings.TIME_ZONE)
    now = now or timezone.now()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Portal Współpracy — {settings.MUNICIPALITY_NAME}")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    entries = list(entries)
    years = [now.year] + [e.start.year for e in entries]
    cal.add_component(vtimezone(settings.TIME_ZONE, min(years) - 1, max(years) + 1))
    for entry in entries:
        event = Event()
        event.add("uid", _global_uid(entry.uid))
        event.add("dtstamp", now)
        event.add("summary", entry.title)
        if isinstance(entry.start, datetime):
            event.add("dtstart", entry.start.astimezone(tz))
            if isinstance(entry.end, datetime):
                event.add("dtend", entry.end.astimezone(tz))
        else:
            event.add("dtstart", entry.start)
            end = entry.end if isinstance(entry.end, date) else None
            event.add(
                "dtend",
                end if end and end > entry.start else entry.start + timedelta(days=1),
            )
        if entry.description:
            event.add("description", entry.description)
        if entry.location:
            event.add("location", entry.location)
        if entry.url:
            event.add("url", _absolute(entry.url))
        if entry.category:
            event.add("categories", [entry.category])
        cal.add_component(event)
    return cal


@require_GET
def calendar_feed(request) -> HttpResponse:
    """``/kalendarz.ics``: public events and deadlines from 90 days ago to a year ahead."""
    now = timezone.now()
    cal = build_calendar(collect(now - PAST, now + AHEAD), now=now)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kalendarz.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response
