"""The organisations on a person's desk ("Moje sprawy"): whom the person acts for,
the membership requests waiting for them and the organisations' partner searches."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cooperation.core.mycases import Case, CaseProvider, Person

from .models import Membership, PartnerSearch
from .permissions import ROLE_CAPABILITIES, Capability


@dataclass(frozen=True)
class Seat:
    """The person's place in one organisation, as the desk's heading shows it."""

    organisation_id: int
    name: str
    role: str
    approved: bool
    verified: bool
    profile_url: str
    panel_url: str
    # The profile's form, for those who may edit it.
    edit_url: str


def person_and_seats(user: Any, now: datetime.datetime) -> tuple[Person, list[Seat]]:
    """The person with the organisations they act for, and their seats there: approved
    memberships, and pending ones awaiting a decision (one query)."""
    memberships = (
        Membership.objects.filter(
            user=user,
            status__in=[Membership.Status.APPROVED, Membership.Status.PENDING],
        )
        .select_related("organisation")
        .only(
            "pk",
            "role",
            "status",
            "organisation__id",
            "organisation__name",
            "organisation__slug",
            "organisation__verified_at",
        )
        .order_by("organisation__name", "pk")
    )
    capabilities: dict[int, set[str]] = {}
    seats = []
    for m in memberships:
        approved = m.status == Membership.Status.APPROVED
        if approved:
            capabilities.setdefault(m.organisation_id, set()).update(
                str(c) for c in ROLE_CAPABILITIES[m.role]
            )
        organisation = m.organisation
        seats.append(
            Seat(
                organisation_id=organisation.pk,
                name=organisation.name,
                role=str(m.get_role_display()),
                approved=approved,
                verified=organisation.verified_at is not None,
                profile_url=reverse(
                    "ngos:organisation-detail", args=[organisation.slug]
                ),
                panel_url=reverse("ngos:organisation-panel", args=[organisation.slug]),
                edit_url=reverse("ngos:organisation-edit", args=[organisation.slug])
                if approved and Capability.EDIT in ROLE_CAPABILITIES[m.role]
                else "",
            )
        )
    person = Person(
        user=user,
        organisations={pk: frozenset(caps) for pk, caps in capabilities.items()},
        now=now,
    )
    return person, seats


def membership_requests(person: Person) -> Iterable[Case]:
    """Requests to join that the person, a representative, decides on: one line per
    organisation with any (one query)."""
    ids = person.organisation_ids(Capability.MANAGE_MEMBERS)
    if not ids:
        return []
    waiting = (
        Membership.objects.filter(
            organisation_id__in=ids,
            status=Membership.Status.PENDING,
            role=Membership.Role.EDITOR,
        )
        .values("organisation_id", "organisation__slug")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        Case(
            title=ngettext(
                "%(count)d request to join",
                "%(count)d requests to join",
                row["n"],
            )
            % {"count": row["n"]},
            url=reverse("ngos:organisation-panel", args=[row["organisation__slug"]]),
            state=_("awaiting your decision"),
            next_step=_("Approve or refuse the requests"),
            organisation_id=row["organisation_id"],
        )
        for row in waiting
    ]


def partner_searches(person: Person) -> Iterable[Case]:
    """The organisations' partner searches still open, with their answers (one
    query)."""
    ids = person.organisation_ids()
    if not ids:
        return []
    searches = (
        PartnerSearch.objects.filter(organisation_id__in=ids, ends_on__gte=person.today)
        .annotate(answers_n=Count("answers"))
        .only("pk", "title", "ends_on", "organisation_id")
        .order_by("ends_on", "pk")
    )
    return [
        Case(
            title=s.title,
            url=s.get_absolute_url(),
            state=ngettext(
                "open, %(count)d answer", "open, %(count)d answers", s.answers_n
            )
            % {"count": s.answers_n},
            next_step=_("Read the answers and reply to the organisations"),
            due=s.ends_on,
            due_label=_("Open until:"),
            organisation_id=s.organisation_id,
        )
        for s in searches
    ]


MEMBERSHIP_REQUESTS = CaseProvider(
    title=gettext_lazy("Members"),
    cases=membership_requests,
    models=("ngos.Membership",),
    position=0,
)
PARTNER_SEARCHES = CaseProvider(
    title=gettext_lazy("Partner searches"),
    cases=partner_searches,
    models=("ngos.PartnerSearch", "ngos.PartnerAnswer"),
    link=lambda: (_("All partner searches"), reverse("ngos:partner-search-list")),
    position=60,
)
