"""What non-financial cooperation shows on the site's own pages: the home page
section (promoted events and calls) and calendar entries (promoted events and the
times premises are lent)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from cooperation.core.calendar import CalendarEntry

from .models import Promotion


def home_section(request) -> dict[str, Any] | None:
    from .selectors import promotions_published

    items = list(promotions_published(limit=5))
    if not items:
        return None
    return {"template": "nonfinancial/_home_section.html", "promotions": items}


def calendar_entries(start: datetime, end: datetime) -> Iterable[CalendarEntry]:
    """Approved promoted events and the lent times of premises (two queries)."""
    from .selectors import held_slots_between

    entries = []
    for item in Promotion.objects.filter(
        status=Promotion.Status.APPROVED,
        kind=Promotion.Kind.EVENT,
        starts_at__lt=end,
        starts_at__gte=start,
    ).select_related("organisation"):
        entries.append(
            CalendarEntry(
                uid=f"nonfinancial-promotion-{item.pk}@portal",
                title=item.title,
                start=item.starts_at,  # type: ignore[arg-type]
                end=item.ends_at or item.starts_at,
                url="/wspolpraca/promocja/",
                description=item.text,
                location=item.place,
                category=_("events of organisations"),
            )
        )
    for slot in held_slots_between(start, end):
        entries.append(
            CalendarEntry(
                uid=f"nonfinancial-slot-{slot.pk}@portal",
                title=_("%(resource)s lent to %(organisation)s")
                % {
                    "resource": slot.resource.name,
                    "organisation": slot.booking.organisation.name,
                },
                start=slot.starts_at,
                end=slot.ends_at,
                url=slot.resource.get_absolute_url(),
                location=slot.resource.address,
                category=_("premises and equipment"),
            )
        )
    return entries
