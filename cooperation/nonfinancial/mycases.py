"""Non-financial cooperation on a person's desk ("Moje sprawy"): the organisations'
requests for premises and equipment, patronage and promotion still to be decided or
coming up (one query for each kind)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.mycases import Case, CaseProvider, Person

from .models import (
    Booking,
    BookingStatus,
    Patronage,
    PatronageStatus,
    Promotion,
    PromotionStatus,
)


def _bookings(person: Person, ids: list[int], url: str) -> list[Case]:
    rows = (
        Booking.objects.filter(organisation_id__in=ids)
        .filter(
            Q(status=BookingStatus.HANDED_OVER)
            | Q(
                status__in=[BookingStatus.SUBMITTED, BookingStatus.GRANTED],
                ends_at__gte=person.now,
            )
            | Q(
                status__in=[BookingStatus.SUBMITTED, BookingStatus.GRANTED],
                repeat_until__gte=person.today,
            )
        )
        .select_related("resource")
        .only(
            "pk",
            "status",
            "starts_at",
            "ends_at",
            "organisation_id",
            "resource__id",
            "resource__name",
        )
        .order_by("pk")
    )
    found = []
    for booking in rows:
        if booking.status == BookingStatus.SUBMITTED:
            step = _("The office decides on the request")
            due = booking.starts_at
        elif booking.status == BookingStatus.GRANTED:
            step, due = _("Collect the room or equipment"), booking.starts_at
        else:
            step, due = _("Return the room or equipment"), booking.ends_at
        found.append(
            Case(
                title=booking.resource.name,
                url=url,
                state=booking.get_status_display(),
                next_step=step,
                due=due,
                due_label=_("Until:")
                if booking.status == BookingStatus.HANDED_OVER
                else _("From:"),
                organisation_id=booking.organisation_id,
                context=_("lending of premises or equipment"),
            )
        )
    return found


def _patronages(person: Person, ids: list[int], url: str) -> list[Case]:
    rows = (
        Patronage.objects.filter(organisation_id__in=ids)
        .filter(
            Q(status=PatronageStatus.SUBMITTED)
            | Q(status=PatronageStatus.GRANTED, ends_on__gte=person.today)
        )
        .only("pk", "status", "event_title", "starts_on", "organisation_id")
        .order_by("pk")
    )
    return [
        Case(
            title=patronage.event_title,
            url=url,
            state=patronage.get_status_display(),
            next_step=_("The mayor decides on the request")
            if patronage.status == PatronageStatus.SUBMITTED
            else _("Show the patronage as agreed"),
            due=patronage.starts_on,
            due_label=_("Begins:"),
            organisation_id=patronage.organisation_id,
            context=_("honorary patronage"),
        )
        for patronage in rows
    ]


def _promotions(person: Person, ids: list[int], url: str) -> list[Case]:
    rows = (
        Promotion.objects.filter(organisation_id__in=ids)
        .filter(
            Q(status=PromotionStatus.SUBMITTED)
            | Q(status=PromotionStatus.APPROVED, starts_at__gte=person.now)
        )
        .only("pk", "status", "title", "starts_at", "organisation_id")
        .order_by("pk")
    )
    return [
        Case(
            title=promotion.title,
            url=url,
            state=promotion.get_status_display(),
            next_step=_("The office decides on publication")
            if promotion.status == PromotionStatus.SUBMITTED
            else _("The office publishes it"),
            due=promotion.starts_at,
            due_label=_("Begins:"),
            organisation_id=promotion.organisation_id,
            context=_("promotion"),
        )
        for promotion in rows
    ]


def requests(person: Person) -> Iterable[Case]:
    """Three queries: bookings, patronages and promotions."""
    ids = person.organisation_ids()
    if not ids:
        return []
    url = reverse("nonfinancial:my-requests")
    return [
        *_bookings(person, ids, url),
        *_patronages(person, ids, url),
        *_promotions(person, ids, url),
    ]


REQUESTS = CaseProvider(
    title=gettext_lazy("Requests for premises, patronage and promotion"),
    cases=requests,
    models=(
        "nonfinancial.Booking",
        "nonfinancial.Patronage",
        "nonfinancial.Promotion",
    ),
    link=lambda: (
        _("All requests of my organisations"),
        reverse("nonfinancial:my-requests"),
    ),
    position=50,
)
