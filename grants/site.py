"""What grants shows on the site's own pages: the home page section and calendar entries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.core.calendar import CalendarEntry
from grants.models import (
    Competition,
    SmallGrantOffer,
    SmallGrantStatus,
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


def _open_small_grants():
    today = timezone.localdate()
    return SmallGrantOffer.objects.filter(
        status=SmallGrantStatus.PUBLISHED,
        published_on__lte=today,
        comments_until__gt=today,
    )


def small_grant_home_section(request) -> dict[str, Any] | None:
    """Small-grant offers open for comments now (art. 19a ust. 3), one query."""
    offers = list(
        _open_small_grants()
        .select_related("organisation")
        .only(
            "pk",
            "title",
            "requested_grant",
            "published_on",
            "comments_until",
            "organisation__name",
        )
        .order_by("comments_until", "pk")[:5]
    )
    if not offers:
        return None
    return {"template": "grants/_home_small_grants.html", "offers": offers}


def small_grant_calendar_entries(
    start: datetime, end: datetime
) -> Iterable[CalendarEntry]:
    """The comment period of each published small-grant offer (one query): all-day
    from its publication to its last day of comments."""
    first, last = timezone.localdate(start), timezone.localdate(end)
    return [
        CalendarEntry(
            uid=f"grants-small-grant-{o.pk}-comments",
            title=_("Comments on a small-grant offer: %(title)s") % {"title": o.title},
            start=o.published_on,
            end=o.comments_until,
            url=o.get_public_url(),
            category=_("small grants"),
        )
        for o in SmallGrantOffer.objects.filter(
            status__in=(
                SmallGrantStatus.PUBLISHED,
                SmallGrantStatus.COMMENTS_CLOSED,
                SmallGrantStatus.CONTRACTED,
            ),
            published_on__isnull=False,
            comments_until__gt=first,
            published_on__lt=last,
        ).only("pk", "title", "published_on", "comments_until")
    ]
