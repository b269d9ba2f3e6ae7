"""Polish working days, from the days free from work of the Act of 18 January 1951."""

from datetime import date

import pytest
from django.core.cache import cache

from cooperation.core import workdays


@pytest.fixture(autouse=True)
def _afresh():
    workdays.public_holidays.cache_clear()
    cache.delete_many([f"public-holidays:PL:{y}" for y in (2024, 2025, 2026, 2027)])
    yield
    workdays.public_holidays.cache_clear()


def test_the_days_free_from_work_of_2026():
    assert workdays.public_holidays(2026) == {
        date(2026, 1, 1),
        date(2026, 1, 6),
        date(2026, 4, 5),  # Easter Sunday
        date(2026, 4, 6),
        date(2026, 5, 1),
        date(2026, 5, 3),
        date(2026, 5, 24),  # Pentecost
        date(2026, 6, 4),  # Corpus Christi
        date(2026, 8, 15),
        date(2026, 11, 1),
        date(2026, 11, 11),
        date(2026, 12, 24),
        date(2026, 12, 25),
        date(2026, 12, 26),
    }


def test_christmas_eve_is_free_from_2025_only():
    assert date(2024, 12, 24) not in workdays.public_holidays(2024)
    assert date(2025, 12, 24) in workdays.public_holidays(2025)


def test_a_year_is_kept_in_the_shared_cache_for_other_processes():
    workdays.public_holidays(2027)
    assert date(2027, 3, 29) in cache.get("public-holidays:PL:2027")  # Easter Monday


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 6), date(2026, 11, 6)),  # a Friday
        (date(2026, 11, 7), date(2026, 11, 9)),  # Saturday → Monday
        (date(2026, 11, 11), date(2026, 11, 12)),  # Independence Day
        (date(2026, 12, 24), date(2026, 12, 28)),  # 24-27 December
        (date(2027, 1, 31), date(2027, 2, 1)),  # a Sunday
    ],
)
def test_the_next_working_day(day, expected):
    assert workdays.next_working_day(day) == expected


def test_working_days_skip_the_weekend_and_a_holiday():
    # Friday 6 November 2026: 9, 10, 12 (the 11th is a holiday).
    assert workdays.working_days_after(date(2026, 11, 6), 3) == date(2026, 11, 12)
