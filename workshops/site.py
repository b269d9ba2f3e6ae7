"""What workshops shows on the site's own pages: the home page section and calendar entries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _

from cooperation.core.calendar import CalendarEntry
from workshops.models import Event


def home_section(request) -> dict[str, Any] | None:
    from .selectors import upcoming_events

    events = upcoming_events(limit=5)
    if not events:
        return None
    return {"template": "workshops/_home_section.html", "events": events}


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
                uid=f"workshops-event-{event.pk}",
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
                    uid=f"workshops-event-{event.pk}-deadline",
                    title=_("Registration deadline: %(title)s")
                    % {"title": event.title},
                    start=event.registration_deadline,
                    end=event.registration_deadline + timedelta(minutes=15),
                    url=event.get_absolute_url(),
                    category=_("deadline"),
                )
            )
    return entries
