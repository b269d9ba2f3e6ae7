from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.utils import timezone

from bench import pages as bench_pages
from cooperation.core.demo import seed_people
from cooperation.core.models import Notification, User
from cooperation.core.registry import (
    personal_data_erasers,
    personal_data_exporters,
    reminder_providers,
)
from cooperation.core.reminders import sweep_reminders
from tests.cooperation.factories import UserFactory
from tests.workshops.factories import EventFactory, RegistrationFactory, in_days
from workshops import demo, site
from workshops.models import Event, Recommendation, Registration, WorkingGroup
from workshops.selectors import accepted_recommendations_for_year

pytestmark = pytest.mark.django_db


def test_reminders_go_to_confirmed_participants_the_day_before(mailoutbox):
    tomorrow = EventFactory(starts_at=in_days(1, hour=17))
    confirmed = RegistrationFactory(event=tomorrow)
    RegistrationFactory(event=tomorrow, waiting=True)
    RegistrationFactory(event=EventFactory(starts_at=in_days(3)))
    messages = reminder_providers["workshops.event-tomorrow"](timezone.now())
    assert [(m.recipient_id, m.object_id) for m in messages] == [
        (confirmed.user_id, confirmed.pk)
    ]


def test_reminder_sweep_is_idempotent_and_delivers(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(starts_at=in_days(1, hour=17), title="Warsztaty jutro")
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        sweep_reminders()
        sweep_reminders()
    assert Notification.objects.filter(kind="workshops.event_reminder").count() == 1
    assert [m for m in mailoutbox if "Warsztaty jutro" in m.subject]


@pytest.mark.parametrize("people", [2, 20])
def test_reminder_provider_query_count_is_constant(people, django_assert_num_queries):
    event = EventFactory(starts_at=in_days(1, hour=17))
    for _ in range(people):
        RegistrationFactory(event=event)
    provider = reminder_providers["workshops.event-tomorrow"]
    provider(timezone.now())  # warms the content-type cache
    # 1 the confirmed registrations of tomorrow's events.
    with django_assert_num_queries(1):
        assert len(provider(timezone.now())) == people


def test_calendar_source_lists_public_events_and_deadlines():
    event = EventFactory(registration_deadline=in_days(5))
    EventFactory(draft=True)
    cancelled = EventFactory(status=Event.Status.CANCELLED)
    now = timezone.now()
    entries = list(site.calendar_entries(now, now + timedelta(days=30)))
    uids = {e.uid for e in entries}
    assert uids == {
        f"workshops-event-{event.pk}",
        f"workshops-event-{event.pk}-deadline",
        f"workshops-event-{cancelled.pk}",
    }


def test_personal_data_export_and_erase():
    user = UserFactory()
    upcoming = RegistrationFactory(user=user, question="Jak rozliczyć dotację?")
    past = RegistrationFactory(user=user, event=EventFactory(held=True), attended=True)
    data = personal_data_exporters["workshops"](user)
    assert {r["event"] for r in data["event_registrations"]} == {
        upcoming.event.title,
        past.event.title,
    }
    personal_data_erasers["workshops"](user)
    upcoming.refresh_from_db()
    past.refresh_from_db()
    assert upcoming.status == Registration.Status.CANCELLED and upcoming.user is None
    assert past.user is None and past.attended is True


def test_seed_demo_creates_the_six_radlin_groups_once():
    out = StringIO()
    seed_people(out)
    step = demo.seed_demo
    with time_machine.travel(timezone.now()):
        step(out)
        step(out)
    assert WorkingGroup.objects.count() == 6
    assert {g.topic for g in WorkingGroup.objects.all()} == {
        "consultation",
        "evaluation",
        "financial",
        "non_financial",
        "support",
        "integration",
    }
    assert Event.objects.filter(kind=Event.Kind.GROUP_MEETING).count() == 18
    assert Event.objects.filter(kind=Event.Kind.ADVICE_HOUR).get().slots.count() == 6
    assert Recommendation.objects.count() == 9
    assert accepted_recommendations_for_year(timezone.localdate().year).exists()


def test_seed_bench_adds_a_year_of_workshops_per_unit(client):
    out = StringIO()
    seed_people(out)
    demo.seed_bench(1, out)
    assert Event.objects.count() >= 120
    pages = bench_pages.workshops()
    labels = [label for label, _ in pages]
    assert "workshops: event list" in labels and "workshops: event detail" in labels
    for _label, path in pages:
        assert client.get(path).status_code == 200


def test_seed_demo_has_a_past_event_with_participants_to_mark():
    from workshops.services import attendance_mark

    out = StringIO()
    seed_people(out)
    step = demo.seed_demo
    step(out)
    step(out)
    past = Event.objects.filter(
        kind=Event.Kind.WORKSHOP,
        status=Event.Status.PUBLISHED,
        starts_at__lt=timezone.now(),
        registrations__status="confirmed",
    ).distinct()
    assert past.count() == 1
    event = past.get()
    assert event.registrations.filter(status="confirmed").count() == 3
    clerk = User.objects.get(email="urzednik@demo.radlin.example")
    registration = event.registrations.first()
    attendance_mark(registration=registration, attended=True, actor=clerk)
    registration.refresh_from_db()
    assert registration.attended is True
