from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cooperation.core.models import Notification, User
from cooperation.core.notifications import Message, deliver_pending
from cooperation.core.registry import reminder_providers
from cooperation.core.reminders import sweep_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers():
    """Only the providers a test registers (the apps' own are set aside)."""
    saved = dict(reminder_providers._entries)
    reminder_providers._entries.clear()
    yield reminder_providers
    reminder_providers._entries.clear()
    reminder_providers._entries.update(saved)


def _people(count: int) -> list[int]:
    User.objects.bulk_create(
        [User(username=f"r{i}", email=f"r{i}@example.org") for i in range(count)]
    )
    return list(
        User.objects.filter(username__startswith="r").values_list("pk", flat=True)
    )


def _due(recipients: list[int], items: int, *, kind: str = "cooperation.message"):
    def provider(now):
        return [
            Message(
                recipient_id=recipients[i % len(recipients)],
                kind=kind,
                occasion=f"deadline-3d:{i}",
                context={"text": f"Termin {i}", "due": now.date()},
            )
            for i in range(items)
        ]

    return provider


def test_sweep_writes_due_reminders_once(providers, mailoutbox):
    recipients = _people(3)
    providers.add("fake.deadlines", _due(recipients, 6))

    assert sweep_reminders() == 6
    assert sweep_reminders() == 6  # offered again, written once
    assert Notification.objects.count() == 6

    notification = Notification.objects.get(occasion="deadline-3d:4")
    assert notification.recipient_id == recipients[1]
    assert notification.context["text"] == "Termin 4"
    assert notification.sent_at is None
    assert notification.attempts == 0
    assert notification.next_attempt_at <= timezone.now()

    assert deliver_pending() == 6
    assert len(mailoutbox) == 6
    assert sweep_reminders() == 6
    assert deliver_pending() == 0


def test_provider_receives_the_time_of_the_sweep(providers):
    seen = []
    providers.add("fake.clock", lambda now: seen.append(now) or [])
    moment = timezone.now() + timedelta(days=3)

    sweep_reminders(now=moment)

    assert seen == [moment]


def test_a_failing_provider_does_not_stop_the_others(providers, caplog):
    recipients = _people(1)

    def broken(now):
        raise RuntimeError("provider bug")

    providers.add("fake.broken", broken)
    providers.add("fake.deadlines", _due(recipients, 2))

    assert sweep_reminders() == 2
    assert Notification.objects.count() == 2
    assert "fake.broken" in caplog.text


def test_sweep_keeps_a_constant_number_of_queries(providers):
    """One INSERT per provider, whatever the number of due items."""
    recipients = _people(50)
    counts = {}
    for items in (1_000, 10_000):
        providers.add(
            "fake.deadlines", _due(recipients, items, kind=f"cooperation.m{items}")
        )
        with CaptureQueriesContext(connection) as queries:
            assert sweep_reminders() == items
        counts[items] = len(queries)
    assert Notification.objects.count() == 11_000
    assert counts[1_000] == counts[10_000]
    inserts = [q["sql"] for q in queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
