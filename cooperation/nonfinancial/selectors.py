"""The reads of the non-financial cooperation pages, each in a constant number of queries."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .models import (
    HOLDING,
    AnnualPlan,
    BookingSlot,
    JointTeam,
    Patronage,
    PlannedActivity,
    Promotion,
    Resource,
    TaskProposal,
    TeamMeeting,
    TeamMember,
    TeamRecommendation,
)


def patronage_list_for_public() -> QuerySet[Patronage]:
    """Granted patronages, the latest events first (one query)."""
    return (
        Patronage.objects.filter(status=Patronage.Status.GRANTED)
        .select_related("organisation")
        .order_by("-starts_on", "-pk")
    )


def resource_list_for_public() -> QuerySet[Resource]:
    return Resource.objects.filter(is_active=True).order_by("kind", "name")


def availability(
    resource: Resource, *, start: datetime | None = None, days: int = 28
) -> list[BookingSlot]:
    """The times the resource is lent in the coming ``days`` (one query)."""
    start = start or timezone.now()
    return list(
        BookingSlot.objects.filter(
            resource=resource,
            holds=True,
            ends_at__gt=start,
            starts_at__lt=start + timedelta(days=days),
        )
        .select_related("booking__organisation")
        .order_by("starts_at")
    )


def held_slots_between(start: datetime, end: datetime) -> QuerySet[BookingSlot]:
    return (
        BookingSlot.objects.filter(
            holds=True,
            booking__status__in=HOLDING,
            starts_at__lt=end,
            ends_at__gt=start,
        )
        .select_related("resource", "booking__organisation")
        .order_by("starts_at")
    )


def promotions_published(limit: int | None = None) -> QuerySet[Promotion]:
    """Approved promotions that have not ended, the soonest first."""
    now = timezone.now()
    items = (
        Promotion.objects.filter(status=Promotion.Status.APPROVED)
        .exclude(ends_at__lt=now)
        .exclude(ends_at__isnull=True, starts_at__lt=now - timedelta(days=1))
        .select_related("organisation")
        .order_by("starts_at", "-published_at")
    )
    return items[:limit] if limit else items


def proposal_list_for_public() -> QuerySet[TaskProposal]:
    """Own-initiative proposals with their published answer (art. 12 ust. 2)."""
    return (
        TaskProposal.objects.exclude(status=TaskProposal.Status.SUBMITTED)
        .select_related("organisation", "sphere")
        .order_by("-decided_at", "-pk")
    )


def requests_of(user: Any) -> dict[str, list[Any]]:
    """The requests of the person's organisations, by kind (one query each)."""
    from .models import Booking, RecommendationLetter
    from .permissions import requests_visible_to

    def of(model: Any, *related: str) -> list[Any]:
        return list(
            requests_visible_to(user, model)
            .select_related("organisation", *related)
            .order_by("-created_at")[:50]
        )

    return {
        "patronages": of(Patronage),
        "bookings": of(Booking, "resource"),
        "promotions": of(Promotion),
        "letters": of(RecommendationLetter),
        "proposals": of(TaskProposal),
        "activities": of(PlannedActivity),
        "teams": of(JointTeam),
    }


def annual_plans_published() -> QuerySet[AnnualPlan]:
    """The municipality's published plans, the newest year first."""
    return AnnualPlan.objects.filter(status=AnnualPlan.Status.PUBLISHED).order_by(
        "-year"
    )


def planned_activities_published() -> QuerySet[PlannedActivity]:
    """Organisations' planned activities that a clerk has published."""
    return (
        PlannedActivity.objects.filter(status=PlannedActivity.Status.PUBLISHED)
        .select_related("organisation")
        .order_by("-year", "-published_at", "-pk")
    )


def teams_for_public() -> QuerySet[JointTeam]:
    """Appointed and dissolved teams with their members, meetings and recommendations
    (four queries, whatever their number)."""
    return (
        JointTeam.objects.filter(
            status__in=(JointTeam.Status.APPOINTED, JointTeam.Status.DISSOLVED)
        )
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=TeamMember.objects.select_related("organisation").order_by(
                    "side", "name", "pk"
                ),
            ),
            Prefetch("meetings", queryset=TeamMeeting.objects.order_by("-held_at")),
            Prefetch(
                "recommendations",
                queryset=TeamRecommendation.objects.select_related(
                    "consultation", "priority__programme", "competition", "meeting"
                ).order_by("-adopted_on", "-pk"),
            ),
        )
        .order_by("status", "-term_from", "-pk")
    )
