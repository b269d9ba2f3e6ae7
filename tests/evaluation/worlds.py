"""A year of cooperation (2025) with records that count and records that must not.

Each record says in a comment whether it counts; the tests hold the expected figures
as numbers written by hand from these comments, not computed by the portal's code.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from consultations.models import Comment, Consultation
from cooperation.nonfinancial.models import (
    Booking,
    BookingSlot,
    Patronage,
    Promotion,
    Resource,
)
from grants.models import Contract, DocumentTemplate, Payment, Refund, Report
from grants.models.competition import CompetitionStatus
from grants.models.offer import OfferStatus
from tests.consultations.factories import CommentFactory, ConsultationFactory
from tests.grants.factories import (
    CompetitionFactory,
    OfferFactory,
    PriorityFactory,
    ProgrammeFactory,
)
from tests.ngos.factories import OrganisationFactory, SphereFactory
from tests.nonfinancial.factories import ResourceFactory
from tests.workshops.factories import (
    AdviceSlotFactory,
    EventFactory,
    RegistrationFactory,
)
from workshops.models import Event, Registration

WARSAW = ZoneInfo("Europe/Warsaw")
YEAR = 2025


def local(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=WARSAW)


def _template() -> DocumentTemplate:
    return DocumentTemplate.objects.create(
        kind="contract",
        name="Umowa o realizację zadania publicznego",
        legal_basis="Dz.U. 2018 poz. 2057, zał. nr 3",
        version="test-1",
        valid_from=date(2019, 1, 1),
        body="WZÓR TESTOWY {{ umowa.numer }}",
    )


def _contract(offer, template, *, grant: str, signed: bool, n: int) -> Contract:
    return Contract.objects.create(
        offer=offer,
        template=template,
        template_version="test-1",
        number=f"{n}/{YEAR}/OPP",
        year=YEAR,
        sequence=n,
        form="wspierania",
        title=f"Zadanie {n}",
        grant=Decimal(grant),
        bank_account="61109010140000071219812874",
        cost_shift_percent=Decimal("10"),
        municipality_representative="Burmistrz Miasta Radlin",
        status=Contract.Status.IN_PROGRESS if signed else Contract.Status.DRAFT,
        signed_on=date(YEAR, 5, 1) if signed else None,
    )


def _final(contract, template, *, used: str, accepted: bool) -> Report:
    return Report.objects.create(
        contract=contract,
        template=template,
        template_version="test-1",
        kind=Report.Kind.FINAL,
        form=Report.Form.FULL,
        status=Report.Status.ACCEPTED if accepted else Report.Status.SUBMITTED,
        period_start=date(YEAR, 6, 1),
        period_end=date(YEAR, 9, 30),
        due_on=date(YEAR, 10, 30),
        content={
            "funding": [
                {"name": "Dotacja", "amount": used, "grant": True},
                {"name": "Środki własne", "amount": "999.00", "own": True},
            ]
        },
    )


def year_of_data() -> SimpleNamespace:
    """The records of 2025 (and a few of 2024 and 2026 that must not count)."""
    sport = SphereFactory(
        code="17", number=17, name_pl="Wspieranie i upowszechnianie kultury fizycznej"
    )
    culture = SphereFactory(
        code="16", number=16, name_pl="Kultura, sztuka, ochrona dóbr kultury"
    )
    programme = ProgrammeFactory(year=YEAR, status="in_force")
    p_sport = PriorityFactory(
        programme=programme,
        sphere=sport,
        position=1,
        planned_funds=Decimal("40000.00"),
        title="Sport dzieci i młodzieży",
    )
    p_culture = PriorityFactory(
        programme=programme,
        sphere=culture,
        position=2,
        planned_funds=Decimal("25000.00"),
        title="Wydarzenia kulturalne",
    )
    earlier = ProgrammeFactory(year=YEAR - 1, status="closed")
    p_earlier = PriorityFactory(programme=earlier, sphere=sport, title="Sport 2024")

    orgs = SimpleNamespace(
        **{
            name: OrganisationFactory(name=f"Organizacja {name}")
            for name in "ABCDEFGHIJ"
        }
    )

    # Competitions: two of 2025 count; a draft and one of 2024 do not.
    c_sport = CompetitionFactory(
        priority=p_sport,
        status=CompetitionStatus.ANNOUNCED,
        bip_published_on=date(YEAR, 2, 1),
        public_funds=Decimal("30000.00"),
    )
    c_culture = CompetitionFactory(
        priority=p_culture,
        status=CompetitionStatus.RESULTS_PUBLISHED,
        bip_published_on=date(YEAR, 3, 1),
        public_funds=Decimal("20000.00"),
    )
    CompetitionFactory(
        priority=p_sport,
        status=CompetitionStatus.DRAFT,
        bip_published_on=date(YEAR, 4, 1),
    )
    c_old = CompetitionFactory(
        priority=p_earlier,
        status=CompetitionStatus.RESULTS_PUBLISHED,
        bip_published_on=date(YEAR - 1, 3, 1),
    )

    sent = local(YEAR, 2, 20)
    # Offers: A (sport, chosen), B (sport, joint, not chosen), C (culture, chosen),
    # D (culture, chosen, contract never signed); E's draft was never sent.
    o_a = OfferFactory(
        competition=c_sport,
        organisation=orgs.A,
        submitted_at=sent,
        status=OfferStatus.SELECTED,
        checksum="a" * 64,
    )
    OfferFactory(
        competition=c_sport,
        organisation=orgs.B,
        submitted_at=sent,
        is_joint=True,
        status=OfferStatus.SUBMITTED,
        checksum="b" * 64,
    )
    o_c = OfferFactory(
        competition=c_culture,
        organisation=orgs.C,
        submitted_at=sent,
        status=OfferStatus.SELECTED,
        checksum="c" * 64,
    )
    o_d = OfferFactory(
        competition=c_culture,
        organisation=orgs.D,
        submitted_at=sent,
        status=OfferStatus.SELECTED,
        checksum="d" * 64,
    )
    OfferFactory(competition=c_sport, organisation=orgs.E, submitted_at=None)
    # 2024: organisation F took part then (so it is not new in 2025), and G.
    o_old = OfferFactory(
        competition=c_old,
        organisation=orgs.F,
        submitted_at=local(YEAR - 1, 3, 20),
        status=OfferStatus.SELECTED,
        checksum="f" * 64,
    )
    OfferFactory(
        competition=c_old,
        organisation=orgs.G,
        submitted_at=local(YEAR - 1, 3, 20),
        checksum="g" * 64,
    )

    template = _template()
    k_a = _contract(o_a, template, grant="9000.00", signed=True, n=1)
    k_c = _contract(o_c, template, grant="5000.00", signed=True, n=2)
    k_d = _contract(o_d, template, grant="7000.00", signed=False, n=3)
    k_old = _contract(o_old, template, grant="1111.00", signed=True, n=4)
    # Transfers: 5000 + 4000 to A, 2500 to C; none counts for D or 2024.
    Payment.objects.create(
        contract=k_a, instalment=1, paid_on=date(YEAR, 5, 5), amount=Decimal("5000.00")
    )
    Payment.objects.create(
        contract=k_a, instalment=1, paid_on=date(YEAR, 6, 5), amount=Decimal("4000.00")
    )
    Payment.objects.create(
        contract=k_c, instalment=1, paid_on=date(YEAR, 5, 5), amount=Decimal("2500.00")
    )
    Payment.objects.create(
        contract=k_d, instalment=1, paid_on=date(YEAR, 5, 5), amount=Decimal("7000.00")
    )
    Payment.objects.create(
        contract=k_old,
        instalment=1,
        paid_on=date(YEAR - 1, 5, 5),
        amount=Decimal("1111.00"),
    )
    # Used: A's final report accepted (8500); C's only submitted (not counted).
    _final(k_a, template, used="8500.00", accepted=True)
    _final(k_c, template, used="2500.00", accepted=False)
    _final(k_old, template, used="1111.00", accepted=True)
    # Returned: A sent back 300 + 200.50 (interest included); the 2024 one 50.
    Refund.objects.create(
        contract=k_a,
        kind=Refund.Kind.UNUSED,
        amount=Decimal("500.00"),
        interest_from=date(YEAR + 1, 2, 3),
        due_on=date(YEAR + 1, 2, 2),
        received=[
            {"on": "2026-01-20", "amount": "300.00"},
            {"on": "2026-02-10", "amount": "200.50"},
        ],
    )
    Refund.objects.create(
        contract=k_old,
        kind=Refund.Kind.UNUSED,
        amount=Decimal("50.00"),
        interest_from=date(YEAR, 2, 3),
        due_on=date(YEAR, 2, 2),
        received=[{"on": "2025-01-20", "amount": "50.00"}],
    )

    # Patronages: H's granted (counts), I's refused, F's of 2024.
    for org, status, day in (
        (orgs.H, Patronage.Status.GRANTED, date(YEAR, 5, 10)),
        (orgs.I, Patronage.Status.REFUSED, date(YEAR, 5, 10)),
        (orgs.F, Patronage.Status.GRANTED, date(YEAR - 1, 5, 10)),
    ):
        Patronage.objects.create(
            organisation=org,
            event_title="Festyn",
            description="Festyn rodzinny",
            audience="Mieszkańcy",
            publicity="Plakaty",
            starts_on=day,
            ends_on=day,
            place="Radlin",
            status=status,
        )

    room = ResourceFactory(kind=Resource.Kind.ROOM)
    projector = ResourceFactory(
        kind=Resource.Kind.EQUIPMENT, name="Rzutnik", slug="rzutnik"
    )
    # H borrows the room weekly, three times 2 h in 2025 and once 2 h in 2026.
    weekly = _booking(
        orgs.H,
        room,
        Booking.Status.GRANTED,
        [
            (local(YEAR, 12, 8, 17), 2),
            (local(YEAR, 12, 15, 17), 2),
            (local(YEAR, 12, 22, 17), 2),
            (local(YEAR + 1, 1, 5, 17), 2),
        ],
    )
    # I borrows the room once for 1.5 h, returned: counts.
    _booking(orgs.I, room, Booking.Status.RETURNED, [(local(YEAR, 3, 3, 9), 1.5)])
    # J's request was refused: it held nothing.
    _booking(orgs.J, room, Booking.Status.REFUSED, [(local(YEAR, 3, 4, 9), 3)])
    # H borrows the projector once.
    _booking(orgs.H, projector, Booking.Status.HANDED_OVER, [(local(YEAR, 4, 4, 9), 4)])

    # Promotions: one approved in 2025 (counts), one waiting.
    Promotion.objects.create(
        organisation=orgs.I,
        kind=Promotion.Kind.CALL,
        title="Szukamy wolontariuszy",
        text="Zapraszamy.",
        status=Promotion.Status.APPROVED,
        published_at=local(YEAR, 6, 1),
    )
    Promotion.objects.create(
        organisation=orgs.J,
        kind=Promotion.Kind.CALL,
        title="Nabór",
        text="Zapraszamy.",
        status=Promotion.Status.SUBMITTED,
    )

    # Consultations: one held in 2025 with three comments (accepted, of F, which
    # took part in 2024 too; partly; rejected, of J); a cancelled one does not count.
    held = ConsultationFactory(
        status=Consultation.Status.REPORT_PUBLISHED,
        start_at=local(YEAR, 4, 1),
        end_at=local(YEAR, 4, 20),
    )
    for decision, org in (
        (Comment.Decision.ACCEPTED, orgs.F),
        (Comment.Decision.PARTLY, None),
        (Comment.Decision.REJECTED, orgs.J),
    ):
        CommentFactory(
            consultation=held,
            decision=decision,
            decision_justification="Uzasadnienie rozstrzygnięcia.",
            organisation=org,
        )
    cancelled = ConsultationFactory(
        status=Consultation.Status.CANCELLED,
        start_at=local(YEAR, 5, 1),
        end_at=local(YEAR, 5, 20),
    )
    CommentFactory(consultation=cancelled, organisation=orgs.E)

    # Workshops: one held with three confirmed (one marked absent) and one waiting;
    # a training with one confirmed person of organisation I; an advice hour with
    # two slots and one person; a draft workshop and one of 2024 do not count.
    workshop = EventFactory(
        kind=Event.Kind.WORKSHOP, status=Event.Status.HELD, starts_at=local(YEAR, 9, 9)
    )
    for attended in (True, None, False):
        RegistrationFactory(event=workshop, attended=attended)
    RegistrationFactory(event=workshop, status=Registration.Status.WAITING)
    training = EventFactory(kind=Event.Kind.TRAINING, starts_at=local(YEAR, 10, 1))
    RegistrationFactory(event=training, organisation=orgs.I)
    advice = EventFactory(advice=True, starts_at=local(YEAR, 11, 5))
    slot = AdviceSlotFactory(
        event=advice,
        starts_at=local(YEAR, 11, 5, 10),
        ends_at=local(YEAR, 11, 5, 10) + timedelta(minutes=30),
    )
    AdviceSlotFactory(
        event=advice,
        starts_at=local(YEAR, 11, 5, 11),
        ends_at=local(YEAR, 11, 5, 11) + timedelta(minutes=30),
    )
    RegistrationFactory(event=advice, slot=slot)
    draft = EventFactory(draft=True, starts_at=local(YEAR, 9, 10))
    RegistrationFactory(event=draft)
    old = EventFactory(
        kind=Event.Kind.TRAINING,
        status=Event.Status.HELD,
        starts_at=local(YEAR - 1, 9, 9),
    )
    RegistrationFactory(event=old, organisation=orgs.G)

    return SimpleNamespace(
        programme=programme,
        earlier=earlier,
        p_sport=p_sport,
        p_culture=p_culture,
        sport=sport,
        culture=culture,
        orgs=orgs,
        contracts=SimpleNamespace(a=k_a, c=k_c, d=k_d, old=k_old),
        weekly=weekly,
        template=template,
    )


def _booking(org, resource, status, times) -> Booking:
    holds = status in (
        Booking.Status.GRANTED,
        Booking.Status.HANDED_OVER,
        Booking.Status.RETURNED,
    )
    first, hours = times[0]
    booking = Booking.objects.create(
        organisation=org,
        resource=resource,
        purpose="Spotkania",
        starts_at=first,
        ends_at=first + timedelta(hours=hours),
        recurrence=Booking.Recurrence.WEEKLY
        if len(times) > 1
        else Booking.Recurrence.ONCE,
        repeat_until=times[-1][0].date() if len(times) > 1 else None,
        status=status,
    )
    for start, length in times:
        BookingSlot.objects.create(
            booking=booking,
            resource=resource,
            starts_at=start,
            ends_at=start + timedelta(hours=length),
            holds=holds,
        )
    return booking
