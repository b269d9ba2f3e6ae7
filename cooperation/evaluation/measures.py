"""The catalogue of measures the annual report computes: one function per figure.

Each measure takes the report's year and optional filters (``priority``, ``sphere``) and
returns a number computed from the portal's records. A competition belongs to the year in
which it was announced in BIP; an offer to the year of its competition.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from consultations.models import Comment, Consultation, ConsultationStatus
from grants.models import Competition, Offer
from grants.models.assessment import CommitteeMember
from grants.models.competition import CompetitionStatus
from grants.models.offer import OfferStatus
from grants.models.signing import OfferAttachment, OfferConfirmation

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


def _consultations(year: int) -> QuerySet:
    return Consultation.objects.filter(start_at__year=year).exclude(
        status__in=[ConsultationStatus.DRAFT, ConsultationStatus.CANCELLED]
    )


def consultations_held(year: int) -> int:
    return _consultations(year).count()


def comments_received(year: int) -> int:
    return Comment.objects.filter(consultation__in=_consultations(year)).count()


def comments_accepted(year: int) -> int:
    return Comment.objects.filter(
        consultation__in=_consultations(year),
        decision__in=[Comment.Decision.ACCEPTED, Comment.Decision.PARTLY],
    ).count()


def not_yet_recorded(year: int, priority=None, sphere=None) -> None:
    """A figure whose records the portal does not hold yet: shown as "brak danych"."""
    return None


CONSULTATION_MEASURES = {
    "consultations_held": consultations_held,
    "comments_received": comments_received,
    "comments_accepted": comments_accepted,
}

# Amounts used and returned (settlement reports), small grants (art. 19a), local
# initiatives, council opinions and joint teams come with their own modes.
UNRECORDED_MEASURES = dict.fromkeys(
    [
        "funds_used",
        "funds_returned",
        "small_grants",
        "local_initiatives",
        "council_opinions",
        "joint_teams",
        "joint_team_meetings",
    ],
    not_yet_recorded,
)


# Shares for the quality index ----------------------------------------------------

PERCENT = Decimal("0.1")


def _share(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in per cent, to one decimal; no value when there is no whole."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(PERCENT)


def competitions_with_ngo_members_share(year: int) -> Decimal | None:
    """Of the competitions announced in the year, the share whose committee seats a
    person nominated by an organisation (art. 15 ust. 2a–2f of the Act), not excluded."""
    rows = _competitions(year)
    nominee = CommitteeMember.objects.filter(
        competition=OuterRef("pk"),
        kind=CommitteeMember.Kind.NOMINEE,
        excluded_at__isnull=True,
    )
    return _share(rows.filter(Exists(nominee)).count(), rows.count())


def consultations_reported_share(year: int) -> Decimal | None:
    """Of the consultations held in the year, the share whose report (the answer to
    every comment) has been published."""
    rows = _consultations(year)
    done = rows.filter(status=ConsultationStatus.REPORT_PUBLISHED).count()
    return _share(done, rows.count())


def offers_signed_electronically_share(year: int) -> Decimal | None:
    """Of the offers received in the year's competitions, the share signed
    electronically: confirmed in the portal by a representative or sent with a
    signed PDF copy."""
    rows = _offers(year)
    confirmed = OfferConfirmation.objects.filter(offer=OuterRef("pk"))
    signed_copy = OfferAttachment.objects.filter(
        offer=OuterRef("pk"), kind=OfferAttachment.Kind.SIGNED_COPY
    )
    electronic = rows.filter(Exists(confirmed) | Exists(signed_copy)).count()
    return _share(electronic, rows.count())


# The figures an indicator of the quality index may be bound to: function and label.
QUALITY_MEASURES = {
    "competitions_with_ngo_members_share": (
        competitions_with_ngo_members_share,
        _("Competitions whose committee included members nominated by NGOs (%)"),
    ),
    "consultations_reported_share": (
        consultations_reported_share,
        _("Consultations of the year with a published report (%)"),
    ),
    "offers_signed_electronically_share": (
        offers_signed_electronically_share,
        _("Offers signed electronically in the portal (%)"),
    ),
}
