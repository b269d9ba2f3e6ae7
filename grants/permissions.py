"""Who may do what with competitions and offers (used by views and admin alike)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from cooperation.core.permissions import has_clerk_powers
from cooperation.core.workflow import Role
from ngos.permissions import Capability, can_act_for

from .models import CommitteeMember, Competition, CompetitionStatus, Offer, OfferStatus


def can_see_competition(user: Any, competition: Competition) -> bool:
    return competition.is_public or has_clerk_powers(user)


def can_view_offer(user: Any, offer: Offer) -> bool:
    """Clerks and the organisation's members; committee members use the scoring page."""
    if user is None or not user.is_authenticated:
        return False
    return has_clerk_powers(user) or can_act_for(
        user, offer.organisation_id, Capability.VIEW
    )


def can_edit_offer(user: Any, offer: Offer) -> bool:
    return offer.is_editable and can_act_for(
        user, offer.organisation_id, Capability.EDIT
    )


def can_submit_offer(user: Any, offer: Offer) -> bool:
    return offer.is_editable and can_act_for(user, offer.organisation, Capability.SIGN)


SUBMITS_OFFER = Role(_("the offeror's representative"), can_submit_offer)


def committee_seat(user: Any, competition: Competition) -> CommitteeMember | None:
    if user is None or not user.is_authenticated:
        return None
    return (
        CommitteeMember.objects.filter(competition=competition, user=user)
        .select_related("user")
        .prefetch_related("conflicts")
        .first()
    )


def can_score(member: CommitteeMember | None, offer: Offer) -> bool:
    """A declared, voting member without a conflict, on an accepted offer under review."""
    return bool(
        member
        and member.declared_at
        and member.votes
        and member.competition_id == offer.competition_id
        and offer.status == OfferStatus.FORMALLY_ACCEPTED
        and offer.competition.status == CompetitionStatus.COMMITTEE_REVIEW
        and not any(c.offer_id == offer.pk for c in member.conflicts.all())
        and not can_act_for(member.user, offer.organisation_id, Capability.VIEW)
    )


def can_read_protocol(user: Any, competition: Competition) -> bool:
    """Clerks, and committee members once they signed the declaration of impartiality
    (the protocol holds every score)."""
    if user is None or not user.is_authenticated:
        return False
    if has_clerk_powers(user):
        return True
    return CommitteeMember.objects.filter(
        competition=competition, user=user, declared_at__isnull=False
    ).exists()
