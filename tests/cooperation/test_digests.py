"""Daily and weekly digests: one e-mail per person and period, built from the outbox."""

import threading
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from cooperation.accounts.services import account_set_notifications
from cooperation.core.digests import (
    build_digests,
    digest_build,
    digest_step,
    last_ended,
    period_end,
)
from cooperation.core.models import Digest, Notification
from cooperation.core.notifications import (
    DIGEST_KIND,
    deliver_pending,
    inbox,
    message_id,
    notify,
)
from tests.cooperation.factories import UserFactory

# A kind whose message shows the subject it is given; optional for these tests.
KIND = "cooperation.message"


@pytest.fixture(autouse=True)
def optional_message(monkeypatch):
    from cooperation.core.registry import optional_notifications

    monkeypatch.setitem(optional_notifications._entries, KIND, "Messages")


def _at(text: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(text))


def _message(user, occasion: str, subject: str) -> Notification:
    return notify(user, KIND, occasion=occasion, context={"subject": subject})


@pytest.fixture
def daily_person(db):
    person = UserFactory(email="dzienna@example.org", language="pl")
    account_set_notifications(user=person, wanted={KIND: "daily"})
    return person


def test_the_period_of_a_digest_is_a_warsaw_day_or_a_week_from_monday(settings):
    settings.NOTIFICATION_DIGEST_HOUR = 7
    # Before seven in the morning the digest of the day before is not yet due.
    assert last_ended("day", _at("2026-12-02T06:59")) == date(2026, 11, 30)
    assert last_ended("day", _at("2026-12-02T07:00")) == date(2026, 12, 1)
    # 2026-12-07 is a Monday.
    assert last_ended("week", _at("2026-12-07T07:00")) == date(2026, 11, 30)
    assert last_ended("week", _at("2026-12-06T23:00")) == date(2026, 11, 23)
    # The end of a day across the change to winter time is local midnight.
    end = period_end("day", date(2026, 10, 24))
    assert timezone.localtime(end).hour == 0
    longer = period_end("day", date(2026, 10, 25))
    assert longer.timestamp() - end.timestamp() == timedelta(hours=25).total_seconds()


@pytest.mark.django_db
def test_a_daily_person_gets_one_e_mail_a_day_holding_every_new_message(
    daily_person, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.NOTIFICATION_DIGEST_HOUR = 7
    other = UserFactory(email="od-razu@example.org")
    with time_machine.travel(_at("2026-12-01T09:00"), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            first = _message(daily_person, "a", "Pierwsza wiadomość")
            _message(other, "a", "Od razu")
    with time_machine.travel(_at("2026-12-01T21:30"), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            second = _message(daily_person, "b", "Druga wiadomość")
    # The message of someone who wants it at once went at once; the digest waits.
    assert [m.to for m in mailoutbox] == [[other.email]]
    assert {first.status, second.status} == {"deferred"}
    # Both are in the person's inbox already.
    assert set(inbox(daily_person)) == {first, second}

    # On the day itself and before seven the next morning, nothing is built.
    for moment in ("2026-12-01T23:59", "2026-12-02T06:30"):
        with time_machine.travel(_at(moment), tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                assert build_digests() == 0
    with time_machine.travel(_at("2026-12-02T07:15"), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert build_digests() == 1
            third = _message(daily_person, "c", "Trzecia wiadomość")
        # The sweep and another run of the beat task send nothing more.
        with django_capture_on_commit_callbacks(execute=True):
            assert build_digests() == 0
            deliver_pending()

    digests = [m for m in mailoutbox if m.to == [daily_person.email]]
    assert len(digests) == 1
    mail = digests[0]
    assert mail.subject == "Dzienne zestawienie z portalu współpracy, 1 grudnia 2026"
    body = mail.body
    assert "Pierwsza wiadomość" in body and "Druga wiadomość" in body
    assert "Trzecia wiadomość" not in body
    assert "2 wiadomości czekały na Ciebie w portalu" in body
    assert "/konto/powiadomienia/" in body

    digest = Digest.objects.get(user=daily_person)
    assert (digest.period, digest.starts_on) == ("day", date(2026, 12, 1))
    carrier = Notification.objects.get(recipient=daily_person, kind=DIGEST_KIND)
    assert carrier.status == "sent"
    assert mail.extra_headers["Message-ID"] == message_id(carrier)
    for row in (first, second):
        row.refresh_from_db()
        assert (row.status, row.digest_id) == ("digested", digest.pk)
    # The digest's own e-mail is not a message of the inbox.
    assert carrier not in set(inbox(daily_person))
    third.refresh_from_db()
    assert third.status == "deferred" and third.digest_id is None

    # The next day's digest holds the third message only.
    with time_machine.travel(_at("2026-12-03T08:00"), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert build_digests() == 1
    digests = [m for m in mailoutbox if m.to == [daily_person.email]]
    assert len(digests) == 2
    assert "Trzecia wiadomość" in digests[1].body
    assert "Pierwsza wiadomość" not in digests[1].body


@pytest.mark.django_db
def test_a_weekly_digest_holds_the_whole_week(mailoutbox, settings):
    settings.NOTIFICATION_DIGEST_HOUR = 7
    person = UserFactory(email="tygodniowa@example.org", language="en")
    account_set_notifications(user=person, wanted={KIND: "weekly"})
    for day, occasion in (("2026-11-30T08:00", "mon"), ("2026-12-06T22:00", "sun")):
        with time_machine.travel(_at(day), tick=False):
            _message(person, occasion, f"News of {occasion}")
    with time_machine.travel(_at("2026-12-05T09:00"), tick=False):
        assert build_digests() == 0
    with time_machine.travel(_at("2026-12-07T07:30"), tick=False):
        assert build_digests() == 1
        deliver_pending()
        assert build_digests() == 0
    mails = [m for m in mailoutbox if m.to == [person.email]]
    assert len(mails) == 1
    assert "News of mon" in mails[0].body and "News of sun" in mails[0].body
    assert mails[0].subject.startswith("Weekly digest of the cooperation portal")
    digest = Digest.objects.get(user=person)
    assert (digest.period, digest.starts_on) == ("week", date(2026, 11, 30))


@pytest.mark.django_db
def test_the_same_digest_cannot_be_built_twice(daily_person):
    with time_machine.travel(_at("2026-12-01T10:00"), tick=False):
        _message(daily_person, "a", "Jedna")
    first = digest_build(
        user_id=daily_person.pk, period="day", starts_on=date(2026, 12, 1)
    )
    assert first is not None
    # A second run for the same period (even with new messages waiting) builds nothing.
    with time_machine.travel(_at("2026-12-01T11:00"), tick=False):
        _message(daily_person, "b", "Druga")
    again = digest_build(
        user_id=daily_person.pk, period="day", starts_on=date(2026, 12, 1)
    )
    assert again is None
    assert Digest.objects.filter(user=daily_person).count() == 1
    assert Notification.objects.filter(kind=DIGEST_KIND).count() == 1
    # The database itself refuses a second row for the person and period.
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        Digest.objects.create(
            user=daily_person, period="day", starts_on=date(2026, 12, 1)
        )


@pytest.mark.django_db
def test_a_changed_setting_takes_the_waiting_messages_with_it(
    daily_person, mailoutbox, django_capture_on_commit_callbacks
):
    waiting = _message(daily_person, "a", "Czeka")
    with django_capture_on_commit_callbacks(execute=True):
        account_set_notifications(user=daily_person, wanted={KIND: "immediate"})
    waiting.refresh_from_db()
    assert waiting.status == "sent"
    assert [m.subject for m in mailoutbox] == ["Czeka"]

    account_set_notifications(user=daily_person, wanted={KIND: "weekly"})
    later = _message(daily_person, "b", "Tygodniowa")
    assert (later.status, later.digest_period) == ("deferred", "week")
    account_set_notifications(user=daily_person, wanted={KIND: "none"})
    later.refresh_from_db()
    assert later.status == "inbox"
    assert set(inbox(daily_person)) == {waiting, later}


@pytest.mark.django_db
def test_statutory_notices_are_never_deferred(daily_person):
    from cooperation.core.models import NotificationPreference

    NotificationPreference.objects.create(
        user=daily_person, kind="grants.results", delivery="daily"
    )
    notification = notify(daily_person, "grants.results", occasion="results:1")
    assert notification.status == "pending" and notification.digest_period == ""


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_on_postgresql_send_one_digest(postgres, mailoutbox):
    """The first run holds its digest's transaction open until the second has
    started: the second waits on the unique row and then builds nothing."""
    person = UserFactory(email="rownolegle@example.org")
    account_set_notifications(user=person, wanted={KIND: "daily"})
    with time_machine.travel(timezone.now() - timedelta(days=3)):
        for i in range(3):
            _message(person, f"p{i}", f"Wiadomość {i}")

    first_inside = threading.Event()
    second_started = threading.Event()
    results: dict[str, int] = {}
    errors: list[BaseException] = []

    def hold(sender, step, notification, **kwargs):
        if threading.current_thread().name == "first":
            first_inside.set()
            second_started.wait(10)
            # Long enough for the second run to reach the insert and wait on it.
            threading.Event().wait(1.0)

    def run(name: str) -> None:
        try:
            results[name] = build_digests()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    digest_step.connect(hold, dispatch_uid="test-hold")
    try:
        first = threading.Thread(target=run, args=("first",), name="first")
        first.start()
        assert first_inside.wait(10)
        second = threading.Thread(target=run, args=("second",), name="second")
        second.start()
        second_started.set()
        first.join(30)
        second.join(30)
    finally:
        digest_step.disconnect(dispatch_uid="test-hold")
    assert not errors, errors
    assert sorted(results.values()) == [0, 1]
    assert Digest.objects.filter(user=person).count() == 1
    assert Notification.objects.filter(recipient=person, kind=DIGEST_KIND).count() == 1
    assert set(
        Notification.objects.filter(recipient=person, kind=KIND).values_list(
            "status", flat=True
        )
    ) == {"digested"}
    deliver_pending()
    mails = [m for m in mailoutbox if m.to == [person.email]]
    assert len(mails) == 1
    assert all(f"Wiadomość {i}" in mails[0].body for i in range(3))
