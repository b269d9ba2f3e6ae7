"""Who may see and do what with the requests of organisations."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from cooperation.core.permissions import has_clerk_powers
from cooperation.core.workflow import Role
from ngos.permissions import Capability, can_act_for, organisations_for

from .models import Booking, JointTeam, RecommendationLetter, Resource, TeamMeeting


def can_see_request(user: Any, request_obj: Any) -> bool:
    """A request belongs to its organisation's members and the clerks."""
    if user is None or not user.is_authenticated:
        return False
    return has_clerk_powers(user) or can_act_for(
        user, request_obj.organisation_id, Capability.VIEW
    )


def requests_visible_to(user: Any, model: Any) -> QuerySet:
    """The requests of one kind this person may see: their organisations' or all."""
    if has_clerk_powers(user):
        return model.objects.all()
    return model.objects.filter(
        organisation__in=organisations_for(user, Capability.VIEW)
    )


def can_get_agreement(user: Any, booking: Booking) -> bool:
    return booking.status in (
        Booking.Status.GRANTED,
        Booking.Status.HANDED_OVER,
        Booking.Status.RETURNED,
    ) and can_see_request(user, booking)


def can_get_letter(user: Any, letter: RecommendationLetter) -> bool:
    return letter.status == RecommendationLetter.Status.ISSUED and can_see_request(
        user, letter
    )


def photos_visible_to(user: Any) -> QuerySet[Resource]:
    """Photos of rooms and items that may be borrowed are public; clerks see all."""
    if has_clerk_powers(user):
        return Resource.objects.all()
    return Resource.objects.filter(is_active=True)


def minutes_visible_to(user: Any) -> QuerySet[TeamMeeting]:
    """Minutes of the meetings of appointed and dissolved teams are public."""
    if has_clerk_powers(user):
        return TeamMeeting.objects.all()
    return TeamMeeting.objects.filter(
        team__status__in=(JointTeam.Status.APPOINTED, JointTeam.Status.DISSOLVED)
    )


# The organisation's side of the transition tables.
REPRESENTATIVE = Role(
    gettext_lazy("the organisation's representative"),
    lambda user, obj: can_act_for(user, obj.organisation, Capability.SIGN),
)
