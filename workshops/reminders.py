"""Reminder rules of workshops: what is due now, as messages for the outbox."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cooperation.core.notifications import Message
from workshops.models import Event, Registration


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
