"""The reads of the local initiative pages, each in a constant number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet, Sum

from ngos.permissions import Capability, organisations_for

from .models import (
    PUBLIC_INITIATIVE_STATES,
    ContributionKind,
    InitiativeApplication,
    InitiativeContribution,
    InitiativeCriterion,
    InitiativeInvitation,
    InitiativeResolution,
)


def current_resolution() -> InitiativeResolution | None:
    """The council's latest resolution, with its criteria (two queries)."""
    return (
        InitiativeResolution.objects.prefetch_related(
            Prefetch("criteria", queryset=InitiativeCriterion.objects.order_by("order"))
        )
        .order_by("-adopted_on", "-pk")
        .first()
    )


def initiative_list_for_public() -> QuerySet[InitiativeApplication]:
    """Accepted initiatives, newest decision first, with their agreements and the
    value of the residents' contributions delivered (one query)."""
    return (
        InitiativeApplication.objects.filter(status__in=PUBLIC_INITIATIVE_STATES)
        .select_related("resolution", "organisation", "agreement")
        .annotate(
            delivered_hours=Sum(
                "contributions__hours",
                filter=Q(contributions__kind=ContributionKind.WORK),
            ),
            delivered_value=Sum("contributions__amount"),
        )
        .order_by("-decided_on", "-pk")
    )


def initiative_list_for_applicant(user: Any) -> QuerySet[InitiativeApplication]:
    """What the person filed, what they joined as a co-applicant and what was filed
    through the organisations they act for (one query, with the organisations and
    the invitations accepted inside it)."""
    organisations = organisations_for(user, Capability.VIEW).values("pk")
    joined = InitiativeInvitation.objects.filter(accepted_by=user).values(
        "application_id"
    )
    return (
        InitiativeApplication.objects.filter(
            Q(applicant=user) | Q(organisation__in=organisations) | Q(pk__in=joined)
        )
        .select_related("resolution", "organisation", "agreement")
        .order_by("-received_on", "-pk")
    )


def initiative_detail() -> QuerySet[InitiativeApplication]:
    """One application with its scores, agreement and settlement."""
    return initiative_with_agreement().prefetch_related("scores__criterion")


def initiative_with_agreement() -> QuerySet[InitiativeApplication]:
    """One application with its resolution, organisation, agreement and settlement
    (one query)."""
    return InitiativeApplication.objects.select_related(
        "resolution", "organisation", "agreement", "settlement"
    )


def initiative_contributions(
    application: InitiativeApplication,
) -> QuerySet[InitiativeContribution]:
    """The log of what the residents delivered, in order, with who recorded each (one
    query)."""
    return (
        InitiativeContribution.objects.filter(application=application)
        .select_related("recorded_by")
        .order_by("delivered_on", "pk")
    )
