"""What local initiatives show on the site's own pages: the home page section and the
calendar feed's deadlines."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.core.calendar import CalendarEntry

from .initiative_selectors import current_resolution
from .models import InitiativeAgreement, InitiativeResolution, InitiativeStatus

# The states in which the agreement's end and the deadline for documenting the
# contributions are still ahead of the residents.
UNDER_WAY = (
    InitiativeStatus.AGREEMENT,
    InitiativeStatus.IN_PROGRESS,
    InitiativeStatus.DONE,
)


def _under_way() -> Any:
    return InitiativeAgreement.objects.filter(
        application__status__in=UNDER_WAY
    ).select_related("application__resolution")


def home_section(request) -> dict[str, Any] | None:
    """The current resolution's deadline for applications and the initiatives under
    way with their ends (three queries)."""
    resolution = current_resolution()
    today = timezone.localdate()
    agreements = list(_under_way().filter(ends_on__gte=today).order_by("ends_on")[:5])
    if resolution is None and not agreements:
        return None
    open_for_applications = resolution is not None and (
        resolution.application_deadline is None
        or resolution.application_deadline >= today
    )
    return {
        "template": "grants/_initiative_home_section.html",
        "resolution": resolution,
        "open_for_applications": open_for_applications,
        "agreements": agreements,
    }


def _day(value: date) -> tuple[date, date]:
    return value, value + timedelta(days=1)


def calendar_entries(start: datetime, end: datetime) -> Iterable[CalendarEntry]:
    """The resolutions' deadlines for applications, and for each initiative under
    way the end of its agreement and the deadline for documenting the
    contributions (two queries)."""
    first, last = start.date(), end.date()
    entries: list[CalendarEntry] = []
    index = reverse("grants:initiative-index")
    for resolution in InitiativeResolution.objects.filter(
        application_deadline__gte=first, application_deadline__lt=last
    ).only("pk", "number", "application_deadline"):
        day, after = _day(resolution.application_deadline)
        entries.append(
            CalendarEntry(
                uid=f"grants-initiative-resolution-{resolution.pk}-deadline",
                title=_("Deadline for local initiative applications")
                + f" ({resolution.number})",
                start=day,
                end=after,
                url=index,
                category=_("deadline"),
            )
        )
    for agreement in _under_way().filter(ends_on__lt=last):
        application = agreement.application
        if agreement.ends_on >= first:
            day, after = _day(agreement.ends_on)
            entries.append(
                CalendarEntry(
                    uid=f"grants-initiative-{application.pk}-end",
                    title=_("Local initiative ends: %(title)s")
                    % {"title": application.title},
                    start=day,
                    end=after,
                    url=application.get_absolute_url(),
                    location=application.place,
                    category=_("deadline"),
                )
            )
        if first <= agreement.contributions_due < last:
            day, after = _day(agreement.contributions_due)
            entries.append(
                CalendarEntry(
                    uid=f"grants-initiative-{application.pk}-contributions",
                    title=_(
                        "Local initiative: the contributions delivered are "
                        "documented by today: %(title)s"
                    )
                    % {"title": application.title},
                    start=day,
                    end=after,
                    url=application.get_absolute_url(),
                    category=_("deadline"),
                )
            )
    return entries
