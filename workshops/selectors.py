"""The reads each workshops screen, feed and report needs, in a constant number of queries."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from cooperation.core.cache import Kept, cached_record
from cooperation.core.db import subquery_count

from .models import (
    AdviceSlot,
    Event,
    EventDocument,
    GroupMember,
    Recommendation,
    Registration,
    WorkingGroup,
)

# The areas an event's page shows: the event, its registrations and the coordinator's
# name.
AREAS = ("workshops", "people")


def _with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    registrations = Registration.objects.all()
    return qs.annotate(
        confirmed_count=subquery_count(
            registrations.filter(status=Registration.Status.CONFIRMED), to="event"
        ),
        waiting_count=subquery_count(
            registrations.filter(status=Registration.Status.WAITING), to="event"
        ),
    )


def event_list_for_public(user: Any) -> QuerySet[Event]:
    """Events for the public list (one query), with the working group and counts."""
    return _with_counts(Event.objects.visible_to(user).select_related("working_group"))


def event_kept_as(pk: int, user: Any) -> list[Kept]:
    """Where the event is kept for a visitor who is not signed in (nowhere for others)."""
    if user is not None and user.is_authenticated:
        return []
    return [Kept("workshops:event", AREAS, (pk,))]


def event_detail_for_user(pk: int, user: Any) -> tuple[Event, dict[str, Any]]:
    """One event with what its page shows.

    Queries: the event with its group and counts; slots with their confirmed
    bookings (advice hours only); the viewer's own registration; the public documents,
    read when the page's cached fragment is rendered.
    """

    def read() -> Event:
        return _with_counts(
            Event.objects.visible_to(user).select_related(
                "working_group", "working_group__coordinator"
            )
        ).get(pk=pk)

    # What a visitor who is not signed in sees is the same for all of them: kept
    # until an event, a registration or a name it shows changes.
    kept = event_kept_as(pk, user)
    event = cached_record(kept[0], read) if kept else read()
    documents = SimpleLazyObject(
        lambda: list(EventDocument.objects.filter(event=event, is_public=True))
    )
    slots: list[AdviceSlot] = []
    if event.uses_slots:
        slots = list(
            AdviceSlot.objects.filter(event=event).annotate(
                booked=Count(
                    "registrations",
                    filter=Q(registrations__status=Registration.Status.CONFIRMED),
                )
            )
        )
    mine = None
    if user is not None and user.is_authenticated:
        mine = (
            Registration.objects.active()
            .filter(event=event, user=user)
            .select_related("slot", "organisation")
            .first()
        )
    position = None
    if mine is not None and mine.status == Registration.Status.WAITING:
        position = (
            Registration.objects.waiting()
            .filter(event=event)
            .filter(
                Q(created_at__lt=mine.created_at)
                | Q(created_at=mine.created_at, pk__lt=mine.pk)
            )
            .count()
            + 1
        )
    return event, {
        "documents": documents,
        "slots": slots,
        "free_slots": [s for s in slots if not getattr(s, "booked", 0)],
        "my_registration": mine,
        "waiting_position": position,
    }


def free_slots(event: Event) -> QuerySet[AdviceSlot]:
    return AdviceSlot.objects.filter(event=event).exclude(
        registrations__status=Registration.Status.CONFIRMED
    )


def registrations_for_user(user: Any) -> QuerySet[Registration]:
    """A person's registrations with their event, slot and organisation (one query)."""
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "slot", "organisation")
        .order_by("-event__starts_at", "-pk")
    )


def attendance_list(event: Event) -> QuerySet[Registration]:
    """Confirmed participants of an event for the attendance list (one query)."""
    return (
        Registration.objects.confirmed()
        .filter(event=event)
        .select_related("user", "organisation", "slot")
        .order_by("slot__starts_at", "user__last_name", "user__first_name", "pk")
    )


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    is_today: bool
    events: list[Event]


def month_calendar(year: int, month: int, user: Any) -> list[list[CalendarDay]]:
    """Weeks (Monday first) of a month with the events of each day (one query)."""
    cal = calendar.Calendar(firstweekday=0)
    weeks = cal.monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    tz = timezone.get_current_timezone()
    start = datetime.combine(first, time.min, tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
    by_day: dict[date, list[Event]] = {}
    events = (
        Event.objects.visible_to(user)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at", "pk")
    )
    for event in events:
        by_day.setdefault(timezone.localdate(event.starts_at), []).append(event)
    today = timezone.localdate()
    return [
        [CalendarDay(d, d.month == month, d == today, by_day.get(d, [])) for d in week]
        for week in weeks
    ]


def upcoming_events(limit: int = 5) -> list[Event]:
    """The next published events for the home page (one query)."""
    return list(
        _with_counts(
            Event.objects.filter(status=Event.Status.PUBLISHED)
            .upcoming()
            .order_by("starts_at")
        )[:limit]
    )


def group_list() -> QuerySet[WorkingGroup]:
    """Working groups with their coordinator and numbers (one query)."""
    return WorkingGroup.objects.select_related("coordinator").annotate(
        member_count=Count(
            "members", filter=Q(members__left_on__isnull=True), distinct=True
        ),
        recommendation_count=Count("recommendations", distinct=True),
    )


def group_detail(slug: str) -> tuple[WorkingGroup, dict[str, Any]]:
    """A working group with its members, meetings and recommendations (four queries)."""
    group = WorkingGroup.objects.select_related("coordinator").get(slug=slug)
    members = list(
        GroupMember.objects.filter(group=group, left_on__isnull=True).select_related(
            "user", "organisation"
        )
    )
    meetings = list(
        Event.objects.public().filter(working_group=group).order_by("-starts_at")
    )
    recommendations = list(
        Recommendation.objects.filter(group=group).select_related(
            "priority", "consultation"
        )
    )
    return group, {
        "members": members,
        "meetings": meetings,
        "recommendations": recommendations,
    }


def accepted_recommendations_for_year(year: int) -> QuerySet[Recommendation]:
    """Recommendations the municipality accepted (fully or partly) in ``year``.

    For the "how the programme was made" part of the cooperation programme (one query).
    """
    return (
        Recommendation.objects.answered_positively()
        .filter(answered_at__year=year)
        .select_related("group", "priority")
        .order_by("group__topic", "answered_at", "pk")
    )


def registrations_prefetch() -> Prefetch:
    return Prefetch(
        "registrations", queryset=Registration.objects.select_related("user")
    )


class CancellationOutcome:
    """What becomes of a place when its registration is cancelled."""

    PROMOTED = "promoted"  # the first person on the waiting list gets it
    FREED = "freed"  # it is free for anyone to sign up
    SLOT_FREED = "slot-freed"  # an advice-hour slot is free to book again
    LEFT_WAITING = "left-waiting"  # the person leaves the waiting list


def cancellation_outcome(registration: Registration) -> str:
    """Who gets the place if ``registration`` is cancelled now, by the same rule as
    ``services.promote_waiting``: the person waiting longest, while the event is
    published and has not started."""
    event = registration.event
    if registration.status == Registration.Status.WAITING:
        return CancellationOutcome.LEFT_WAITING
    if event.uses_slots:
        return CancellationOutcome.SLOT_FREED
    if (
        event.status == Event.Status.PUBLISHED
        and event.starts_at > timezone.now()
        and Registration.objects.waiting().filter(event=event).exists()
    ):
        return CancellationOutcome.PROMOTED
    return CancellationOutcome.FREED
