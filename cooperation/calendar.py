"""Entries of the portal's iCalendar feed (``/kalendarz.ics``).

Apps register ``source(start, end) -> Iterable[CalendarEntry]`` in
``cooperation.registry.calendar_sources``: events, offer deadlines, consultation ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # stable and unique, e.g. "competition-12-deadline@portal"
    title: str
    start: datetime | date
    end: datetime | date | None = None
    url: str = ""
    description: str = ""
    location: str = ""
    category: str = ""
