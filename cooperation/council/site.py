"""What the council shows on the site's own pages: its meetings in the calendar."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from cooperation.core.calendar import CalendarEntry

from .models import Meeting


def calendar_entries(start: datetime, end: datetime) -> Iterable[CalendarEntry]:
    """Planned and held meetings of the council (one query)."""
    url = reverse("council:index")
    return [
        CalendarEntry(
            uid=f"council-meeting-{meeting.pk}",
            title=_("Public benefit council: %(meeting)s") % {"meeting": meeting},
            start=meeting.starts_at,
            end=meeting.starts_at + timedelta(hours=2),
            url=url,
            description=meeting.agenda,
            location=meeting.place,
            category=_("public benefit council"),
        )
        for meeting in Meeting.objects.filter(
            starts_at__gte=start, starts_at__lt=end
        ).exclude(status=Meeting.Status.CANCELLED)
    ]
