"""The catalogue of measures the annual report computes: one function per figure.

Each measure takes the report's year and optional filters (``priority``, ``sphere``) and
returns a number computed from the portal's records. A competition belongs to the year in
which it was announced in BIP; an offer to the year of its competition.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from grants.models import Competition, Offer
from grants.models.competition import CompetitionStatus
from grants.models.offer import OfferStatus

ANNOUNCED = ~Q(status__in=[CompetitionStatus.DRAFT, CompetitionStatus.ANNULLED])


def _competitions(year: int, priority=None, sphere=None) -> QuerySet:
    rows = Competition.objects.filter(ANNOUNCED, bip_published_on__year=year)
    if priority is not None:
        rows = rows.filter(priority=priority)
    if sphere is not None:
        rows = rows.filter(priority__sphere=sphere)
    return rows


def _offers(year: int, priority=None, sphere=None) -> QuerySet:
    return Offer.objects.filter(
        competition__in=_competitions(year, priority, sphere),
        submitted_at__isnull=False,
    )


def competitions_announced(year: int, priority=None, sphere=None) -> int:
    return _competitions(year, priority, sphere).count()


def funds_planned(year: int, priority=None, sphere=None) -> Decimal:
    total = _competitions(year, priority, sphere).aggregate(total=Sum("public_funds"))
    return total["total"] or Decimal("0")


def offers_received(year: int, priority=None, sphere=None) -> int:
    return _offers(year, priority, sphere).count()


def joint_offers_received(year: int, priority=None, sphere=None) -> int:
    return _offers(year, priority, sphere).filter(is_joint=True).count()


def offers_chosen(year: int, priority=None, sphere=None) -> int:
    return _offers(year, priority, sphere).filter(status=OfferStatus.SELECTED).count()


COMPETITION_MEASURES = {
    "competitions_announced": competitions_announced,
    "funds_planned": funds_planned,
    "offers_received": offers_received,
    "joint_offers_received": joint_offers_received,
    "offers_chosen": offers_chosen,
}
