"""The catalogue of measures the annual report computes: one function per figure.

Each measure takes the report's year and optional filters (``priority``, ``sphere``) and
returns a number computed from the portal's records. A competition belongs to the year in
which it was announced in BIP; an offer to the year of its competition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from consultations.models import Comment, Consultation, ConsultationStatus
from cooperation.council.models import Opinion, OpinionStatus
from cooperation.nonfinancial.models import (
    BookingSlot,
    JointTeam,
    Patronage,
    Promotion,
    RecommendationLetter,
    Resource,
    TaskProposal,
    TeamMeeting,
    TeamStatus,
)
from grants.models import Competition, Contract, Offer, Payment, Refund, Report
from grants.models.assessment import CommitteeMember
from grants.models.competition import CompetitionStatus
from grants.models.initiatives import PUBLIC_INITIATIVE_STATES, InitiativeApplication
from grants.models.offer import OfferStatus
from grants.models.signing import OfferAttachment, OfferConfirmation
from grants.models.small_grants import SmallGrantOffer
from grants.services.reports import properly_used
from workshops.models import Event, EventStatus, Registration, RegistrationStatus

ANNOUNCED = ~Q(status__in=[CompetitionStatus.DRAFT, CompetitionStatus.ANNULLED])
ANNOUNCED_COMPETITION = ~Q(
    competition__status__in=[CompetitionStatus.DRAFT, CompetitionStatus.ANNULLED]
)


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

# Small grants (art. 19a), local initiatives, council opinions and joint teams come
# with their own modes.
# Small grants, local initiatives, joint teams and the council ------------------------


def small_grants_received(year: int, priority=None, sphere=None) -> int:
    """Small-grant offers (art. 19a) the office received in the year."""
    rows = SmallGrantOffer.objects.filter(received_on__year=year)
    if priority is not None:
        rows = rows.filter(priority=priority)
    if sphere is not None:
        rows = rows.filter(priority__sphere=sphere)
    return rows.count()


def small_grants_contracted(year: int, priority=None, sphere=None) -> int:
    """Small grants of the year's offers that led to a contract."""
    rows = SmallGrantOffer.objects.filter(
        received_on__year=year, contract__isnull=False
    )
    if priority is not None:
        rows = rows.filter(priority=priority)
    if sphere is not None:
        rows = rows.filter(priority__sphere=sphere)
    return rows.count()


def local_initiatives_received(year: int) -> int:
    """Applications for a local initiative (art. 19b) received in the year."""
    return InitiativeApplication.objects.filter(received_on__year=year).count()


def local_initiatives_accepted(year: int) -> int:
    """The year's applications the municipality accepted (agreement and done too)."""
    return InitiativeApplication.objects.filter(
        received_on__year=year, status__in=PUBLIC_INITIATIVE_STATES
    ).count()


def joint_teams(year: int) -> int:
    """Joint advisory and initiative teams at work in the year: appointed by its end,
    not dissolved before it began."""
    return (
        JointTeam.objects.filter(
            status__in=[TeamStatus.APPOINTED, TeamStatus.DISSOLVED],
            term_from__year__lte=year,
        )
        .exclude(dissolved_on__year__lt=year)
        .count()
    )


def joint_team_meetings(year: int) -> int:
    return TeamMeeting.objects.filter(held_at__year=year).count()


def council_opinions(year: int) -> int:
    """Opinions of the public benefit council published with a date in the year."""
    return Opinion.objects.filter(
        status=OpinionStatus.PUBLISHED, given_on__year=year
    ).count()


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


# --- Grants: the amounts granted, transferred, used and returned ------------------
#
# A contract belongs to the year of the offer it was made of (the year its
# competition was announced in BIP) or, for a small grant (art. 19a), to the year of
# the programme whose task it carries out. Only a signed contract grants money.

CONTRACT_PRIORITY = Coalesce("offer__competition__priority", "small_grant__priority")


def _contracts(year: int, priority=None, sphere=None) -> QuerySet:
    rows = Contract.objects.filter(signed_on__isnull=False).filter(
        Q(offer__competition__in=_competitions(year))
        | Q(small_grant__priority__programme__year=year)
    )
    if priority is not None:
        rows = rows.filter(
            Q(offer__competition__priority=priority) | Q(small_grant__priority=priority)
        )
    if sphere is not None:
        rows = rows.filter(
            Q(offer__competition__priority__sphere=sphere)
            | Q(small_grant__priority__sphere=sphere)
        )
    return rows


def _money(value: Any) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def funds_granted(year: int, priority=None, sphere=None) -> Decimal:
    """The grants of the signed contracts."""
    return _money(_contracts(year, priority, sphere).aggregate(s=Sum("grant"))["s"])


def funds_transferred(year: int, priority=None, sphere=None) -> Decimal:
    """The transfers recorded on those contracts."""
    rows = Payment.objects.filter(contract__in=_contracts(year, priority, sphere))
    return _money(rows.aggregate(s=Sum("amount"))["s"])


def _final_reports(contracts: QuerySet) -> QuerySet:
    return Report.objects.filter(
        contract__in=contracts,
        kind=Report.Kind.FINAL,
        status=Report.Status.ACCEPTED,
    )


def funds_used(year: int, priority=None, sphere=None) -> Decimal:
    """The grant shown as used in the accepted final reports on those contracts."""
    reports = _final_reports(_contracts(year, priority, sphere)).only("content")
    return _money(sum((properly_used(report) for report in reports), Decimal(0)))


def _received(rows: Iterable[Any]) -> Decimal:
    return sum(
        (Decimal(str(entry.get("amount") or 0)) for entry in rows or []), Decimal(0)
    )


def funds_returned(year: int, priority=None, sphere=None) -> Decimal:
    """The refunds received on those contracts (art. 251 and 252 ufp), interest included."""
    rows = Refund.objects.filter(contract__in=_contracts(year, priority, sphere))
    return _money(
        sum((_received(r) for r in rows.values_list("received", flat=True)), Decimal(0))
    )


GRANT_MEASURES = {
    "funds_granted": funds_granted,
    "funds_transferred": funds_transferred,
    "funds_used": funds_used,
    "funds_returned": funds_returned,
}


def _grouped(rows: QuerySet, path: str, value: Any) -> dict[Any, Any]:
    return dict(
        rows.order_by().values(path).annotate(value=value).values_list(path, "value")
    )


def _used_by_priority(year: int) -> dict[Any, Decimal]:
    totals: dict[Any, Decimal] = {}
    reports = _final_reports(_contracts(year)).annotate(
        ref=Coalesce(
            "contract__offer__competition__priority", "contract__small_grant__priority"
        )
    )
    for report in reports.only("content"):
        totals[report.ref] = totals.get(report.ref, Decimal(0)) + properly_used(report)
    return {key: _money(value) for key, value in totals.items()}


def _returned_by_priority(year: int) -> dict[Any, Decimal]:
    totals: dict[Any, Decimal] = {}
    rows = Refund.objects.filter(contract__in=_contracts(year)).annotate(
        ref=Coalesce(
            "contract__offer__competition__priority", "contract__small_grant__priority"
        )
    )
    for ref, received in rows.values_list("ref", "received"):
        totals[ref] = totals.get(ref, Decimal(0)) + _received(received)
    return {key: _money(value) for key, value in totals.items()}


# The figures of the report's table per priority task, each in one query (or one
# pass over the reports) for the whole year: ``{priority pk: value}``.
BY_PRIORITY: dict[str, Callable[[int], dict[Any, Any]]] = {
    "competitions_announced": lambda year: _grouped(
        _competitions(year), "priority", Count("pk")
    ),
    "offers_received": lambda year: _grouped(
        _offers(year), "competition__priority", Count("pk")
    ),
    "joint_offers_received": lambda year: _grouped(
        _offers(year).filter(is_joint=True), "competition__priority", Count("pk")
    ),
    "offers_chosen": lambda year: _grouped(
        _offers(year).filter(status=OfferStatus.SELECTED),
        "competition__priority",
        Count("pk"),
    ),
    "funds_planned": lambda year: _grouped(
        _competitions(year), "priority", Sum("public_funds")
    ),
    "funds_granted": lambda year: _grouped(
        _contracts(year).annotate(ref=CONTRACT_PRIORITY), "ref", Sum("grant")
    ),
    "funds_transferred": lambda year: _grouped(
        Payment.objects.filter(contract__in=_contracts(year)).annotate(
            ref=Coalesce(
                "contract__offer__competition__priority",
                "contract__small_grant__priority",
            )
        ),
        "ref",
        Sum("amount"),
    ),
    "funds_used": _used_by_priority,
    "funds_returned": _returned_by_priority,
}


# --- Non-financial cooperation ----------------------------------------------------


def patronages_granted(year: int) -> int:
    """Patronages granted for events that began in the year."""
    return Patronage.objects.filter(
        status=Patronage.Status.GRANTED, starts_on__year=year
    ).count()


def _lent_slots(year: int, kind: str) -> QuerySet:
    # A slot holds its resource while the lending is granted, handed over or returned.
    return BookingSlot.objects.filter(
        holds=True, resource__kind=kind, starts_at__year=year
    )


def premises_lent(year: int) -> int:
    """Lendings of rooms (użyczenie) with at least one time in the year."""
    return _lent_slots(year, Resource.Kind.ROOM).values("booking").distinct().count()


def premises_hours(year: int) -> Decimal:
    """Hours for which rooms were lent, every weekly time counted."""
    seconds = sum(
        (end - start).total_seconds()
        for start, end in _lent_slots(year, Resource.Kind.ROOM).values_list(
            "starts_at", "ends_at"
        )
    )
    return (Decimal(str(seconds)) / 3600).quantize(Decimal("0.01"))


def equipment_lent(year: int) -> int:
    """Lendings of equipment with at least one time in the year."""
    return (
        _lent_slots(year, Resource.Kind.EQUIPMENT).values("booking").distinct().count()
    )


def promotions_published(year: int) -> int:
    """Events and calls of organisations the municipality approved and published."""
    return Promotion.objects.filter(
        status=Promotion.Status.APPROVED, published_at__year=year
    ).count()


NONFINANCIAL_MEASURES = {
    "patronages_granted": patronages_granted,
    "premises_lent": premises_lent,
    "premises_hours": premises_hours,
    "equipment_lent": equipment_lent,
    "promotions_published": promotions_published,
}


# --- Workshops, trainings and advice hours ----------------------------------------

REPORTED_EVENTS = (
    Event.Kind.WORKSHOP,
    Event.Kind.TRAINING,
    Event.Kind.ADVICE_HOUR,
)


def _events(year: int, kind: str | None = None) -> QuerySet:
    kinds = [kind] if kind else list(REPORTED_EVENTS)
    return Event.objects.filter(
        kind__in=kinds,
        starts_at__year=year,
        status__in=[EventStatus.PUBLISHED, EventStatus.HELD],
    )


def events_held(year: int, kind: str | None = None) -> int:
    """Workshops, trainings and advice hours (or one ``kind``) that began in the year."""
    return _events(year, kind).count()


def event_participants(year: int, kind: str | None = None) -> int:
    """Confirmed registrations for them, less those marked absent."""
    return (
        Registration.objects.filter(
            event__in=_events(year, kind), status=RegistrationStatus.CONFIRMED
        )
        .exclude(attended=False)
        .count()
    )


WORKSHOP_MEASURES = {
    "events_held": events_held,
    "event_participants": event_participants,
}


# --- Organisations taking part ----------------------------------------------------


def _taking_part(year: int, *, before: bool = False) -> set[int]:
    """Organisations that took part in the year (or in any year ``before`` it).

    Taking part is: an offer in a competition or a small-grant offer, a patronage
    granted, a room or equipment lent, a promotion published, a letter of
    recommendation issued, a proposal of a public task (art. 12), a confirmed place
    in a workshop, training or advice hour, or a comment in a consultation.
    """

    def y(field: str) -> dict[str, int]:
        return {f"{field}__year__lt" if before else f"{field}__year": year}

    sources = [
        Offer.objects.filter(
            ANNOUNCED_COMPETITION,
            submitted_at__isnull=False,
            **y("competition__bip_published_on"),
        ).values_list("organisation", flat=True),
        SmallGrantOffer.objects.filter(**y("received_on")).values_list(
            "organisation", flat=True
        ),
        Patronage.objects.filter(
            status=Patronage.Status.GRANTED, **y("starts_on")
        ).values_list("organisation", flat=True),
        BookingSlot.objects.filter(holds=True, **y("starts_at")).values_list(
            "booking__organisation", flat=True
        ),
        Promotion.objects.filter(
            status=Promotion.Status.APPROVED, **y("published_at")
        ).values_list("organisation", flat=True),
        RecommendationLetter.objects.filter(
            status=RecommendationLetter.Status.ISSUED, **y("issued_on")
        ).values_list("organisation", flat=True),
        TaskProposal.objects.filter(**y("received_on")).values_list(
            "organisation", flat=True
        ),
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            organisation__isnull=False,
            event__status__in=[EventStatus.PUBLISHED, EventStatus.HELD],
            **y("event__starts_at"),
        ).values_list("organisation", flat=True),
        Comment.objects.filter(
            organisation__isnull=False, **y("consultation__start_at")
        )
        .exclude(
            consultation__status__in=[
                ConsultationStatus.DRAFT,
                ConsultationStatus.CANCELLED,
            ]
        )
        .values_list("organisation", flat=True),
    ]
    found: set[int] = set()
    for rows in sources:
        found.update(pk for pk in rows.distinct() if pk is not None)
    return found


def organisations_taking_part(year: int) -> int:
    return len(_taking_part(year))


def organisations_new(year: int) -> int:
    """Those taking part in the year that took part in no earlier year."""
    return len(_taking_part(year) - _taking_part(year, before=True))


ORGANISATION_MEASURES = {
    "organisations_taking_part": organisations_taking_part,
    "organisations_new": organisations_new,
}


# --- The catalogue: measures an indicator of the programme can be bound to --------

UNITS = {
    "count": gettext_lazy("number"),
    "PLN": gettext_lazy("PLN"),
    "hours": gettext_lazy("hours"),
}


@dataclass(frozen=True)
class Measure:
    """A figure the portal computes, with the parameters it takes."""

    key: str
    label: Any
    function: Callable[..., Any]
    unit: str = "count"
    parameters: tuple[str, ...] = ()

    def compute(self, year: int, parameters: Mapping[str, Any] | None = None) -> Any:
        """The figure for ``year``; raises ``ValueError`` for a parameter it does not take."""
        given = dict(parameters or {})
        unknown = set(given) - set(self.parameters)
        if unknown:
            raise ValueError(f"{self.key} takes no {sorted(unknown)}")
        return self.function(year, **given)


_PS = ("priority", "sphere")

CATALOGUE: dict[str, Measure] = {
    m.key: m
    for m in [
        Measure(
            "competitions_announced",
            gettext_lazy("Competitions announced"),
            competitions_announced,
            parameters=_PS,
        ),
        Measure(
            "offers_received",
            gettext_lazy("Offers received"),
            offers_received,
            parameters=_PS,
        ),
        Measure(
            "joint_offers_received",
            gettext_lazy("Joint offers received"),
            joint_offers_received,
            parameters=_PS,
        ),
        Measure(
            "offers_chosen",
            gettext_lazy("Offers chosen"),
            offers_chosen,
            parameters=_PS,
        ),
        Measure(
            "funds_planned",
            gettext_lazy("Funds announced in competitions"),
            funds_planned,
            "PLN",
            _PS,
        ),
        Measure(
            "funds_granted", gettext_lazy("Funds granted"), funds_granted, "PLN", _PS
        ),
        Measure(
            "funds_transferred",
            gettext_lazy("Funds transferred"),
            funds_transferred,
            "PLN",
            _PS,
        ),
        Measure("funds_used", gettext_lazy("Funds used"), funds_used, "PLN", _PS),
        Measure(
            "funds_returned", gettext_lazy("Funds returned"), funds_returned, "PLN", _PS
        ),
        Measure(
            "patronages_granted", gettext_lazy("Patronages granted"), patronages_granted
        ),
        Measure("premises_lent", gettext_lazy("Rooms lent"), premises_lent),
        Measure(
            "premises_hours",
            gettext_lazy("Hours of rooms lent"),
            premises_hours,
            "hours",
        ),
        Measure("equipment_lent", gettext_lazy("Equipment lent"), equipment_lent),
        Measure(
            "promotions_published",
            gettext_lazy("Promotions published"),
            promotions_published,
        ),
        Measure(
            "small_grants_received",
            gettext_lazy("Small-grant offers received"),
            small_grants_received,
            parameters=_PS,
        ),
        Measure(
            "small_grants_contracted",
            gettext_lazy("Small grants contracted"),
            small_grants_contracted,
            parameters=_PS,
        ),
        Measure(
            "local_initiatives_received",
            gettext_lazy("Local initiatives applied for"),
            local_initiatives_received,
        ),
        Measure(
            "local_initiatives_accepted",
            gettext_lazy("Local initiatives accepted"),
            local_initiatives_accepted,
        ),
        Measure("joint_teams", gettext_lazy("Joint teams at work"), joint_teams),
        Measure(
            "joint_team_meetings",
            gettext_lazy("Meetings of joint teams"),
            joint_team_meetings,
        ),
        Measure(
            "council_opinions",
            gettext_lazy("Opinions of the public benefit council"),
            council_opinions,
        ),
        Measure(
            "consultations_held", gettext_lazy("Consultations held"), consultations_held
        ),
        Measure(
            "comments_received", gettext_lazy("Comments received"), comments_received
        ),
        Measure(
            "comments_accepted", gettext_lazy("Comments accepted"), comments_accepted
        ),
        Measure(
            "events_held",
            gettext_lazy("Workshops, trainings and advice hours held"),
            events_held,
            parameters=("kind",),
        ),
        Measure(
            "event_participants",
            gettext_lazy("Participants of workshops, trainings and advice hours"),
            event_participants,
            parameters=("kind",),
        ),
        Measure(
            "organisations_taking_part",
            gettext_lazy("Organisations taking part"),
            organisations_taking_part,
        ),
        Measure(
            "organisations_new",
            gettext_lazy("Organisations taking part for the first time"),
            organisations_new,
        ),
    ]
}


def parameter_errors(
    measure: str, parameters: Any, programme_id: int | None = None
) -> list[str]:
    """Why ``parameters`` do not fit ``measure`` (empty when they do)."""
    from django.utils.translation import gettext as _

    from cooperation.programme.models import Priority
    from ngos.models import PublicBenefitSphere

    if not isinstance(parameters, dict):
        return [_("The parameters are a JSON object.")]
    if not measure:
        return (
            [_("An indicator entered by the clerk takes no parameters.")]
            if parameters
            else []
        )
    spec = CATALOGUE.get(measure)
    if spec is None:
        return [_("Unknown measure.")]
    errors = []
    unknown = sorted(set(parameters) - set(spec.parameters))
    if unknown:
        errors.append(
            _("This measure takes only: %(names)s.")
            % {"names": ", ".join(spec.parameters) or "—"}
        )
    if "priority" in parameters:
        rows = (
            Priority.objects.filter(pk=parameters["priority"])
            if str(parameters["priority"]).isdigit()
            else Priority.objects.none()
        )
        if programme_id is not None:
            rows = rows.filter(programme_id=programme_id)
        if not rows.exists():
            errors.append(_("No such priority task in this programme."))
    if "sphere" in parameters and not (
        str(parameters["sphere"]).isdigit()
        and PublicBenefitSphere.objects.filter(pk=parameters["sphere"]).exists()
    ):
        errors.append(_("No such sphere of public tasks."))
    if "kind" in parameters and parameters["kind"] not in REPORTED_EVENTS:
        errors.append(
            _("The kind is one of: %(kinds)s.") % {"kinds": ", ".join(REPORTED_EVENTS)}
        )
    return errors
