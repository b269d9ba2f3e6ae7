"""Polish working days: not a Saturday, a Sunday or a day free from work by the Act of
18 January 1951 (24 December too, from 2025), as the ``holidays`` package lists them.

The package registers the calendars of every country when it is imported (about 18 MB
in each process), so a web worker imports it only when the shared cache does not hold
the year it needs yet; each year's holidays are kept there for a month and in the
process once read. Without the cache they are computed in the process.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache as memoize

from django.core.cache import cache

from .cache import _safely

HOLIDAYS_SECONDS = 30 * 24 * 3600


@memoize
def public_holidays(year: int) -> frozenset[date]:
    """The days free from work in ``year``."""
    key = f"public-holidays:PL:{year}"
    stored = _safely("read", lambda: cache.get(key), None)
    if stored is not None:
        return frozenset(stored)
    import holidays  # heavy: see the module's docstring

    days = frozenset(holidays.country_holidays("PL", years=year))
    _safely("store", lambda: cache.set(key, sorted(days), HOLIDAYS_SECONDS), None)
    return days


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: date) -> date:
    """The day itself, or the next working day."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_days_after(start: date, days: int) -> date:
    """The day ``days`` working days after ``start``."""
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day
