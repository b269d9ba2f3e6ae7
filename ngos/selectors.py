"""Reads of the registry's screens, each with a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from cooperation.core.cache import Kept, cached_record

from .models import (
    Membership,
    Organisation,
    PartnerAnswer,
    PartnerSearch,
    PublicBenefitSphere,
)


def organisation_list_for_public() -> QuerySet[Organisation]:
    """The directory: verified, listed organisations with their spheres (one prefetch)."""
    return (
        Organisation.objects.public()
        .defer("search_vector", "search_text", "description", "correspondence_address")
        .prefetch_related(
            Prefetch(
                "spheres",
                queryset=PublicBenefitSphere.objects.order_by("number", "code"),
            )
        )
    )


def organisation_detail(slug: str) -> Organisation:
    """One profile's organisation (one query); its spheres and areas are read by the
    page's cached fragment when it is rendered."""
    return Organisation.objects.defer("search_vector", "search_text").get(slug=slug)


def organisation_kept(slug: str) -> Organisation:
    """:func:`organisation_detail`, kept in the cache until an organisation changes
    (no query)."""
    return cached_record(
        Kept.record("ngos:organisation", (Organisation,), slug),
        lambda: organisation_detail(slug),
    )


def partner_searches_of(organisation: Organisation) -> list[PartnerSearch]:
    return list(
        PartnerSearch.objects.filter(
            organisation=organisation, ends_on__gte=timezone.localdate()
        )
        .select_related("sphere")
        .order_by("ends_on")
    )


def membership_list_for_panel(organisation: Organisation) -> list[Membership]:
    """Current and pending members of one organisation, with their people."""
    return list(
        organisation.memberships.filter(
            status__in=[Membership.Status.APPROVED, Membership.Status.PENDING]
        )
        .select_related("user")
        .order_by("status", "role", "user__last_name", "user__email")
    )


def partner_search_list_for_public() -> QuerySet[PartnerSearch]:
    """Open posts of listed organisations, newest first, with organisation and sphere."""
    return (
        PartnerSearch.objects.active()
        .select_related("organisation", "sphere")
        .order_by("-created_at", "-pk")
    )


def partner_search_detail(pk: int, user: Any) -> PartnerSearch:
    """One post; the public sees open posts only, members of the posting organisation all."""
    search = PartnerSearch.objects.select_related(
        "organisation", "sphere", "author"
    ).get(pk=pk)
    return search


def partner_answers_for(search: PartnerSearch) -> list[PartnerAnswer]:
    return list(search.answers.select_related("organisation", "author"))


def organisation_activity(organisation: Organisation) -> list[Any]:
    """What other apps show of the organisation: one query per registered app."""
    from cooperation.core.registry import organisation_activity as providers

    return [
        block for block in (provider(organisation) for provider in providers) if block
    ]
