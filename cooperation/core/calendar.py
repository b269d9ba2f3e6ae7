"""Entries of the portal's iCalendar feed (``/kalendarz.ics``).

Each app gives them from its ``site.calendar_entries(start, end)``: events, offer
deadlines, consultation ends (``cooperation.site.ical`` writes the feed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class CalendarEntry:
    # Stable and unique within the portal, e.g. "grants-competition-12-deadline"; the
    # feed adds "@" and the portal's domain, so that it is unique in any calendar.
    uid: str
    title: str
    start: datetime | date
    end: datetime | date | None = None
    url: str = ""
    description: str = ""
    location: str = ""
    category: str = ""
