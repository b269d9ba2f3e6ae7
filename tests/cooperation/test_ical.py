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
    vevent = events[f"workshops-event-{event.pk}@{ical.uid_domain()}"]
    assert str(vevent["SUMMARY"]) == "Forum Organizacji Pozarządowych"
    start = vevent["DTSTART"]
    assert start.params["TZID"] == "Europe/Warsaw"
    assert (start.dt.hour, start.dt.minute) == (17, 0)
    assert start.dt == datetime(2027, 1, 14, 17, 0, tzinfo=WARSAW)
    assert start.dt.utcoffset() == timedelta(hours=1)
    assert vevent["DTEND"].dt == datetime(2027, 1, 14, 19, 30, tzinfo=WARSAW)
    assert str(vevent["URL"]).endswith(event.get_absolute_url())
    deadline = events[f"workshops-event-{event.pk}-deadline@{ical.uid_domain()}"]
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
                    uid="x",
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
                uid="deadline",
                title="Program do 30 listopada",
                start=date(2027, 11, 30),
            )
        ]

    monkeypatch.setitem(ical.SOURCES, "test.broken", broken)
    monkeypatch.setitem(ical.SOURCES, "test.all-day", all_day)
    cal = parse(client.get("/kalendarz.ics"))
    vevent = next(
        e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("deadline@")
    )
    assert vevent["DTSTART"].dt == date(2027, 11, 30)
    assert vevent["DTEND"].dt == date(2027, 12, 1)


# --- the feed read by an independent parser, and its time zone checked -------


@pytest.mark.django_db
def test_uids_carry_the_portals_domain_from_site_url(client, settings):
    settings.SITE_URL = "https://wspolpraca.radlin.pl"
    event = EventFactory(starts_at=timezone.now() + timedelta(days=10))
    cal = parse(client.get("/kalendarz.ics"))
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert f"workshops-event-{event.pk}@wspolpraca.radlin.pl" in uids
    assert all(uid.endswith("@wspolpraca.radlin.pl") for uid in uids)
    assert len(uids) == len(set(uids))


def _vobject(content: bytes):
    import vobject

    return vobject.readOne(content.decode("utf-8"), validate=True)


def test_the_vtimezone_follows_the_tz_database_at_every_change_over_years():
    """Every hour of 2024-2031, the offset an independent reader derives from the
    feed's VTIMEZONE is the one the tz database gives."""
    first, last = 2024, 2031
    component = ical.vtimezone("Europe/Warsaw", first, last)
    calendar = Calendar()
    calendar.add("prodid", "-//test//EN")
    calendar.add("version", "2.0")
    calendar.add_component(component)
    parsed = _vobject(calendar.to_ical())
    tzinfo = parsed.vtimezone.gettzinfo()
    moment = datetime(first, 1, 1, 12, tzinfo=ZoneInfo("UTC"))
    changes = 0
    previous = None
    while moment.year <= last:
        expected = moment.astimezone(WARSAW).utcoffset()
        assert moment.astimezone(tzinfo).utcoffset() == expected, moment
        if previous is not None and expected != previous:
            changes += 1
        previous = expected
        moment += timedelta(hours=1)
    assert changes == 2 * (last - first + 1)
    # The onsets are written in the local time before the change (RFC 5545).
    text = component.to_ical().decode()
    assert "20260329T020000" in text and "20261025T030000" in text
    assert "20260329T030000" not in text


@pytest.mark.django_db
def test_the_feed_is_read_alike_by_a_second_parser(client):
    summer = EventFactory(
        title="Piknik organizacji",
        starts_at=datetime(2027, 7, 3, 15, 0, tzinfo=WARSAW),
        ends_at=datetime(2027, 7, 3, 19, 0, tzinfo=WARSAW),
    )
    winter = EventFactory(
        title="Forum zimowe",
        starts_at=datetime(2027, 1, 14, 17, 0, tzinfo=WARSAW),
        ends_at=datetime(2027, 1, 14, 19, 30, tzinfo=WARSAW),
    )
    with time_machine.travel(datetime(2027, 1, 1, 12, tzinfo=WARSAW)):
        response = client.get("/kalendarz.ics")
    parsed = _vobject(response.content)
    assert parsed.version.value == "2.0"
    events = {e.uid.value: e for e in parsed.vevent_list}
    for event in (summer, winter):
        vevent = events[f"workshops-event-{event.pk}@{ical.uid_domain()}"]
        assert vevent.summary.value == event.title
        assert vevent.dtstart.value == event.starts_at
        assert (
            vevent.dtstart.value.utcoffset()
            == event.starts_at.astimezone(WARSAW).utcoffset()
        )
        assert vevent.dtend.value == event.ends_at
        assert vevent.dtstamp.value.tzinfo is not None
    # Every line is folded at 75 octets and ends with CRLF, as RFC 5545 asks.
    lines = response.content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in response.content.replace(b"\r\n", b"")
