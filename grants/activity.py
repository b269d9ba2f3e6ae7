"""What an organisation did in grants, shown on its public profile (one query)."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cooperation.core.activity import (
    PROFILE_ACTIVITY_LIMIT,
    ActivityItem,
    ProfileActivity,
)
from cooperation.core.typography import quoted
from grants.models import (
    CompetitionStatus,
    Offer,
    OfferStatus,
)


def chosen_offers(organisation) -> ProfileActivity | None:
    """Grants awarded to the organisation in competitions with published results."""
    offers = list(
        Offer.objects.filter(
            organisation=organisation,
            status=OfferStatus.SELECTED,
            competition__status=CompetitionStatus.RESULTS_PUBLISHED,
        )
        .select_related("competition")
        .only("title", "granted_amount", "competition__title")
        .order_by("-competition__offers_deadline", "-pk")[:PROFILE_ACTIVITY_LIMIT]
    )
    if not offers:
        return None
    return ProfileActivity(
        title=_("Grants received"),
        items=[
            ActivityItem(
                label=offer.title or offer.competition.title,
                url=offer.competition.get_absolute_url(),
                detail=_("%(amount)s PLN in %(competition)s")
                % {
                    "amount": number_format(
                        offer.granted_amount or 0, 2, force_grouping=True
                    ),
                    "competition": quoted(offer.competition.title),
                },
            )
            for offer in offers
        ],
    )
