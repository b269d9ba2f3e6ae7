"""How workshops plug into the shared machinery (see ``cooperation.registry``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.calendar import CalendarEntry
from cooperation.notifications import Message
from cooperation.profile import PROFILE_ACTIVITY_LIMIT, ActivityItem, ProfileActivity
from cooperation.registry import (
    bench_pages,
    calendar_sources,
    home_sections,
    organisation_activity,
    personal_data_erasers,
    personal_data_exporters,
    reminder_providers,
    seed_bench_steps,
    seed_demo_steps,
)

from .models import Event, GroupMember, Registration, WorkingGroup


@reminder_providers.register("workshops.event-tomorrow")
def events_tomorrow(now: datetime) -> list[Message]:
    """One reminder per confirmed participant of every event that starts tomorrow.

    One query for all of them, whatever their number.
    """
    tz = timezone.get_current_timezone()
    tomorrow = timezone.localtime(now, tz).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, time.min, tzinfo=tz)
    end = start + timedelta(days=1)
    content_type_id = ContentType.objects.get_for_model(Registration).pk
    rows = (
        Registration.objects.confirmed()
        .filter(
            user__isnull=False,
            event__status=Event.Status.PUBLISHED,
            event__starts_at__gte=start,
            event__starts_at__lt=end,
        )
        .values_list("pk", "user_id")
    )
    return [
        Message(
            recipient_id=user_id,
            kind="workshops.event_reminder",
            occasion=f"event-reminder:{pk}",
            content_type_id=content_type_id,
            object_id=pk,
        )
        for pk, user_id in rows
    ]


@home_sections.register("workshops.upcoming", order=30)
def upcoming_section(request) -> dict[str, Any] | None:
    from .selectors import upcoming_events

    events = upcoming_events(limit=5)
    if not events:
        return None
    return {"template": "workshops/_home_section.html", "events": events}


@calendar_sources.register("workshops.events")
def calendar_entries(start: datetime, end: datetime) -> Iterable[CalendarEntry]:
    """Public events and their registration deadlines (one query)."""
    events = (
        Event.objects.public()
        .filter(starts_at__lt=end, ends_at__gte=start)
        .only(
            "pk",
            "title",
            "kind",
            "status",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "description",
            "registration_deadline",
        )
    )
    entries = []
    for event in events:
        title = event.title
        if event.status == Event.Status.CANCELLED:
            title = _("CANCELLED: %(title)s") % {"title": event.title}
        entries.append(
            CalendarEntry(
                uid=f"workshops-event-{event.pk}@portal",
                title=title,
                start=event.starts_at,
                end=event.ends_at,
                url=event.get_absolute_url(),
                description=event.description,
                location=event.place or event.online_url,
                category=str(event.get_kind_display()),
            )
        )
        if (
            event.registration_deadline
            and event.status == Event.Status.PUBLISHED
            and start <= event.registration_deadline < end
        ):
            entries.append(
                CalendarEntry(
                    uid=f"workshops-event-{event.pk}-deadline@portal",
                    title=_("Registration deadline: %(title)s")
                    % {"title": event.title},
                    start=event.registration_deadline,
                    end=event.registration_deadline + timedelta(minutes=15),
                    url=event.get_absolute_url(),
                    category=_("deadline"),
                )
            )
    return entries


@seed_demo_steps.register("workshops", order=60)
def seed_demo(stdout) -> None:
    from .demo import seed_demo as step

    step(stdout)


@seed_bench_steps.register("workshops", order=60)
def seed_bench(scale: int, stdout) -> None:
    from .demo import seed_bench as step

    step(scale, stdout)


@bench_pages.register("workshops")
def pages() -> list[tuple[str, str]]:
    event = (
        Event.objects.public()
        .filter(registrations__isnull=False)
        .order_by("-pk")
        .first()
        or Event.objects.public().order_by("-pk").first()
    )
    result = [
        ("workshops: event list", "/warsztaty/"),
        ("workshops: past events", "/warsztaty/?when=past"),
        ("workshops: calendar", "/warsztaty/kalendarz/"),
        ("workshops: working groups", "/warsztaty/grupy/"),
    ]
    if event is not None:
        result.append(("workshops: event detail", event.get_absolute_url()))
    group = WorkingGroup.objects.order_by("pk").only("slug").first()
    if group is not None:
        result.append(("workshops: working group", group.get_absolute_url()))
    return result


@personal_data_exporters.register("workshops")
def export(user) -> dict[str, Any]:
    registrations = Registration.objects.filter(user=user).select_related(
        "event", "organisation", "slot"
    )
    groups = GroupMember.objects.filter(user=user).select_related(
        "group", "organisation"
    )
    return {
        "event_registrations": [
            {
                "event": r.event.title,
                "starts_at": r.event.starts_at.isoformat(),
                "status": r.status,
                "organisation": r.organisation.name if r.organisation else None,
                "slot": str(r.slot) if r.slot else None,
                "question": r.question,
                "consent_at": r.consent_at.isoformat(),
                "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
                "attended": r.attended,
            }
            for r in registrations
        ],
        "working_groups": [
            {
                "group": m.group.name,
                "organisation": m.organisation.name if m.organisation else None,
                "joined_on": m.joined_on.isoformat(),
                "left_on": m.left_on.isoformat() if m.left_on else None,
            }
            for m in groups
        ],
    }


@personal_data_erasers.register("workshops")
def erase(user) -> None:
    """Free the person's upcoming places; keep past rows without the person."""
    from .services import registrations_release_for_user

    registrations_release_for_user(user=user)


@organisation_activity.register("workshops", order=30)
def working_groups(organisation) -> ProfileActivity | None:
    """Working groups in which people speak for the organisation now."""
    groups = list(
        WorkingGroup.objects.filter(
            members__organisation=organisation, members__left_on__isnull=True
        )
        .distinct()
        .order_by("name")[:PROFILE_ACTIVITY_LIMIT]
    )
    if not groups:
        return None
    return ProfileActivity(
        title=_("Working groups"),
        items=[ActivityItem(label=group.name, url=group.get_absolute_url()) for group in groups],
    )
