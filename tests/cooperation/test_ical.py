"""The portal's iCalendar feed: valid, with events in Europe/Warsaw time."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from icalendar import Calendar

from cooperation.core.calendar import CalendarEntry
from cooperation.site import ical
from cooperation.site.ical import build_calendar
from tests.workshops.factories import EventFactory

WARSAW = ZoneInfo("Europe/Warsaw")


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


@pytest.mark.django_db
def test_feed_parses_and_holds_events_in_warsaw_time(client):
    event = EventFactory(
        title="Forum Organizacji Pozarządowych",
        starts_at=datetime(2027, 1, 14, 17, 0, tzinfo=WARSAW),
        ends_at=datetime(2027, 1, 14, 19, 30, tzinfo=WARSAW),
        registration_deadline=datetime(2027, 1, 12, 23, 59, tzinfo=WARSAW),
    )
    EventFactory(
        title="Szkic", draft=True, starts_at=datetime(2027, 1, 15, 10, tzinfo=WARSAW)
    )
    # The server's active zone does not matter: the feed is always in Warsaw time.
    with (
        timezone.override("UTC"),
        time_machine.travel(datetime(2027, 1, 1, 12, tzinfo=WARSAW)),
    ):
        cal = parse(client.get("/kalendarz.ics"))
    timezones = [tz["TZID"] for tz in cal.walk("VTIMEZONE")]
    assert timezones == ["Europe/Warsaw"]
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    vevent = events[f"workshops-event-{event.pk}@portal"]
    assert str(vevent["SUMMARY"]) == "Forum Organizacji Pozarządowych"
    start = vevent["DTSTART"]
    assert start.params["TZID"] == "Europe/Warsaw"
    assert (start.dt.hour, start.dt.minute) == (17, 0)
    assert start.dt == datetime(2027, 1, 14, 17, 0, tzinfo=WARSAW)
    assert start.dt.utcoffset() == timedelta(hours=1)
    assert vevent["DTEND"].dt == datetime(2027, 1, 14, 19, 30, tzinfo=WARSAW)
    assert str(vevent["URL"]).endswith(event.get_absolute_url())
    deadline = events[f"workshops-event-{event.pk}-deadline@portal"]
    assert deadline["DTSTART"].dt == datetime(2027, 1, 12, 23, 59, tzinfo=WARSAW)
    assert deadline["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert not any("Szkic" in str(e["SUMMARY"]) for e in cal.walk("VEVENT"))


@pytest.mark.django_db
def test_summer_time_is_kept(client):
    event = EventFactory(
        starts_at=timezone.now().replace(
            year=timezone.now().year + 1, month=7, day=1, hour=8
        )
    )
    cal = Calendar.from_ical(
        build_calendar(
            [
                CalendarEntry(
                    uid="x@portal",
                    title=event.title,
                    start=event.starts_at,
                    end=event.ends_at,
                )
            ]
        ).to_ical()
    )
    vevent = next(iter(cal.walk("VEVENT")))
    assert vevent["DTSTART"].dt.utcoffset() == timedelta(hours=2)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Warsaw"


def test_all_day_entries_and_a_broken_source_do_not_break_the_feed(
    client, db, monkeypatch
):
    def broken(start, end):
        raise RuntimeError("source down")

    def all_day(start, end):
        return [
            CalendarEntry(
                uid="deadline@portal",
                title="Program do 30 listopada",
                start=date(2027, 11, 30),
            )
        ]

    monkeypatch.setitem(ical.SOURCES, "test.broken", broken)
    monkeypatch.setitem(ical.SOURCES, "test.all-day", all_day)
    cal = parse(client.get("/kalendarz.ics"))
    vevent = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == "deadline@portal")
    assert vevent["DTSTART"].dt == date(2027, 11, 30)
    assert vevent["DTEND"].dt == date(2027, 12, 1)
