"""The reads of the local initiative pages, each in a constant number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from ngos.permissions import Capability, organisations_for

from .models import (
    PUBLIC_INITIATIVE_STATES,
    InitiativeApplication,
    InitiativeCriterion,
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
    """Accepted initiatives, newest decision first, with their agreements (one query)."""
    return (
        InitiativeApplication.objects.filter(status__in=PUBLIC_INITIATIVE_STATES)
        .select_related("resolution", "organisation", "agreement")
        .order_by("-decided_on", "-pk")
    )


def initiative_list_for_applicant(user: Any) -> QuerySet[InitiativeApplication]:
    """What the person filed, and what was filed through the organisations they act
    for (one query, and one for the organisations inside it)."""
    organisations = organisations_for(user, Capability.VIEW).values("pk")
    return (
        InitiativeApplication.objects.filter(
            Q(applicant=user) | Q(organisation__in=organisations)
        )
        .select_related("resolution", "organisation", "agreement")
        .order_by("-received_on", "-pk")
    )


def initiative_detail() -> QuerySet[InitiativeApplication]:
    """One application with its scores and agreement."""
    return InitiativeApplication.objects.select_related(
        "resolution", "organisation", "agreement"
    ).prefetch_related("scores__criterion")
