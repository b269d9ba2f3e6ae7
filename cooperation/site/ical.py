"""The portal's iCalendar feed (``/kalendarz.ics``): every public event and deadline.

Each app's ``site.calendar_entries(start, end)`` gives its entries (``SOURCES``, in
this order); this module writes them out, in Europe/Warsaw time with its VTIMEZONE,
so that calendar programs show the local time whatever zone they run in.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event, Timezone

from consultations import site as consultations_site
from cooperation.core.calendar import CalendarEntry
from cooperation.nonfinancial import site as nonfinancial_site
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
    cal.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
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
