"""What grants shows on the site's own pages: the home page section and calendar entries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _

from cooperation.core.calendar import CalendarEntry
from grants.models import (
    Competition,
)


def home_section(request) -> dict[str, Any] | None:
    competitions = list(
        Competition.objects.open()
        .select_related("priority__sphere")
        .order_by("offers_deadline")[:5]
    )
    if not competitions:
        return None
    return {"template": "grants/_home_section.html", "competitions": competitions}


def calendar_entries(start: datetime, end: datetime) -> Iterable[CalendarEntry]:
    """Offer deadlines of announced competitions (one query)."""
    return [
        CalendarEntry(
            uid=f"grants-competition-{c.pk}-deadline",
            title=_("Deadline for offers: %(title)s") % {"title": c.title},
            start=c.offers_deadline,
            end=c.offers_deadline + timedelta(minutes=15),
            url=c.get_absolute_url(),
            category=_("deadline"),
        )
        for c in Competition.objects.public()
        .filter(offers_deadline__gte=start, offers_deadline__lt=end)
        .only("pk", "title", "offers_deadline")
    ]
