"""Workshops on a person's desk ("Moje sprawy"): the person's coming registrations
and their places on waiting lists, and the certificates of the events they attended
(one query)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.mycases import Case, CaseProvider, Person

from .models import EventStatus, Registration, RegistrationStatus

# Coming events first, then the latest certificates.
REGISTRATIONS_SHOWN = 20


def my_registrations(person: Person) -> Iterable[Case]:
    rows = (
        Registration.objects.filter(user=person.user)
        .filter(
            Q(
                status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
                event__ends_at__gte=person.now,
            )
            | Q(attended=True)
        )
        .select_related("event", "slot")
        .only(
            "pk",
            "status",
            "attended",
            "event__id",
            "event__title",
            "event__status",
            "event__starts_at",
            "event__ends_at",
            "slot__starts_at",
            "slot__ends_at",
            "slot__event_id",
        )
        .order_by("-event__starts_at", "-pk")[:REGISTRATIONS_SHOWN]
    )
    found = []
    for registration in rows:
        event = registration.event
        starts = registration.slot.starts_at if registration.slot else event.starts_at
        url = event.get_absolute_url()
        due = None
        if registration.attended:
            state = _("attendance confirmed")
            step = _("Download the certificate of attendance")
            url = reverse("workshops:certificate-pdf", args=[registration.pk])
        elif event.status == EventStatus.CANCELLED:
            state, step = _("the event is cancelled"), ""
        elif registration.status == RegistrationStatus.WAITING:
            state = registration.get_status_display()
            step = _("You are told by e-mail when a place is free")
            due = starts
        else:
            state = registration.get_status_display()
            step, due = _("Take part in the event"), starts
        found.append(
            Case(
                title=event.title,
                url=url,
                state=state,
                next_step=step,
                due=due,
                due_label=_("Begins:"),
            )
        )
    return found


MY_REGISTRATIONS = CaseProvider(
    title=gettext_lazy("My registrations and certificates"),
    cases=my_registrations,
    models=("workshops.Registration", "workshops.Event", "workshops.AdviceSlot"),
    personal=True,
    link=lambda: (_("All my registrations"), reverse("workshops:my-registrations")),
    position=40,
)
