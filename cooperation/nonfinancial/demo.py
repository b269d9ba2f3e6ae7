"""Demo data of non-financial cooperation: rooms and equipment, bookings, a patronage,
a promoted event, a letter of recommendation, an own-initiative proposal and a joint
team with a meeting and a recommendation.

Everything goes through the services, so the demo obeys the same rules (no time
lent twice, the audit trail, the e-mails in the outbox).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from cooperation.core.demo import demo_user
from ngos.models import Organisation

from . import services
from .models import Patronage, Resource

RESOURCES: list[dict[str, Any]] = [
    {
        "slug": "sala-konferencyjna-mok",
        "name": "Sala konferencyjna Miejskiego Ośrodka Kultury",
        "kind": Resource.Kind.ROOM,
        "address": "ul. Mariacka 2, 44-310 Radlin",
        "capacity": 60,
        "accessibility": "Wejście bez progów od strony parkingu, winda, toaleta "
        "dostosowana, pętla indukcyjna.",
        "rules": "Sala jest wydawana i zdawana w portierni. Po spotkaniu sala "
        "zostaje uporządkowana, a sprzęt wyłączony.",
    },
    {
        "slug": "sala-spotkan-urzad",
        "name": "Sala spotkań w Urzędzie Miasta",
        "kind": Resource.Kind.ROOM,
        "address": "ul. Józefa Rymera 15, 44-310 Radlin",
        "capacity": 20,
        "accessibility": "Parter, wejście z podjazdem.",
        "rules": "Dostępna w dni robocze do 20:00.",
    },
    {
        "slug": "naglosnienie-przenosne",
        "name": "Nagłośnienie przenośne z dwoma mikrofonami",
        "kind": Resource.Kind.EQUIPMENT,
        "rules": "Odbiór i zwrot w Referacie Organizacyjnym, pokój 12.",
    },
    {
        "slug": "namiot-plenerowy",
        "name": "Namiot plenerowy 3 × 6 m",
        "kind": Resource.Kind.EQUIPMENT,
        "rules": "Transport we własnym zakresie; zwrot suchego namiotu.",
    },
]


def _at(day, hour: int):
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def seed_demo(stdout) -> None:
    clerk = demo_user("urzednik@demo.radlin.example")
    president = demo_user("prezes@demo.radlin.example")
    organisation = Organisation.objects.filter(
        memberships__user=president, verified_at__isnull=False
    ).first()
    if organisation is None or Resource.objects.exists():
        return
    resources = [Resource.objects.create(**data) for data in RESOURCES]
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    hall, meeting_room, sound, _tent = resources

    weekly = services.booking_request(
        actor=president,
        organisation=organisation,
        resource=meeting_room,
        starts_at=_at(monday, 17),
        ends_at=_at(monday, 19),
        purpose="Cotygodniowe spotkania wolontariuszy.",
        participants=12,
        weekly_until=monday + timedelta(weeks=7),
    )
    services.booking_grant(
        booking=weekly,
        actor=clerk,
        conditions="Klucze do odbioru w portierni.",
    )
    services.booking_hand_over(booking=weekly, actor=clerk, note="Sala sprawna.")
    once = services.booking_request(
        actor=president,
        organisation=organisation,
        resource=hall,
        starts_at=_at(monday + timedelta(days=10), 10),
        ends_at=_at(monday + timedelta(days=10), 14),
        purpose="Konferencja o wolontariacie seniorów.",
        participants=50,
    )
    services.booking_grant(booking=once, actor=clerk)
    services.booking_request(
        actor=president,
        organisation=organisation,
        resource=sound,
        starts_at=_at(monday + timedelta(days=12), 9),
        ends_at=_at(monday + timedelta(days=12), 18),
        purpose="Festyn rodzinny na placu przy MOK.",
    )

    patronage = services.patronage_request(
        actor=president,
        organisation=organisation,
        event_title="Radlińskie Dni Wolontariatu",
        description="Trzy dni warsztatów, gier miejskich i wymiany doświadczeń "
        "organizacji z Radlina.",
        starts_on=monday + timedelta(days=14),
        ends_on=monday + timedelta(days=16),
        place="Miejski Ośrodek Kultury, ul. Mariacka 2, Radlin",
        audience="Mieszkańcy, młodzież szkół ponadpodstawowych, około 300 osób.",
        publicity="Logo miasta i informacja o patronacie na plakatach, stronie "
        "internetowej i w mediach społecznościowych.",
    )
    services.patronage_grant(
        patronage=patronage,
        actor=clerk,
        conditions="Informacja „Patronat honorowy Burmistrza Miasta Radlin” na "
        "wszystkich materiałach.",
    )
    promotion = services.promotion_request(
        actor=president,
        organisation=organisation,
        kind="event",
        title="Radlińskie Dni Wolontariatu",
        text="Zapraszamy na trzy dni warsztatów i gier miejskich. Wstęp wolny.",
        starts_at=_at(monday + timedelta(days=14), 10),
        ends_at=_at(monday + timedelta(days=16), 18),
        place="Miejski Ośrodek Kultury, Radlin",
    )
    services.promotion_approve(promotion=promotion, actor=clerk)
    letter = services.letter_request(
        actor=president,
        organisation=organisation,
        addressee="Fundusz Inicjatyw Obywatelskich NOWEFIO",
        purpose="Wniosek o dofinansowanie projektu „Wolontariat 60+”.",
        cooperation="Realizacja zadań publicznych w latach 2023–2025.",
    )
    services.letter_issue(
        recommendationletter=letter,
        actor=clerk,
        letter_text="Rekomenduję organizację jako rzetelnego partnera gminy, "
        "który w latach 2023–2025 z powodzeniem realizował zadania publiczne.",
        number="OR.0710.1.2026",
    )
    services.proposal_submit(
        actor=president,
        organisation=organisation,
        title="Klub seniora w dzielnicy Biertułtowy",
        description="Cotygodniowe zajęcia aktywizujące dla seniorów.",
        cost_estimate=Decimal("18000.00"),
        cost_breakdown="Prowadzący 12 000 zł, materiały 4 000 zł, wyjazdy 2 000 zł.",
    )
    plan = services.annual_plan_create(
        actor=clerk,
        year=today.year,
        competitions="Luty: wspieranie sportu dzieci i młodzieży (150 000 zł). "
        "Kwiecień: działalność na rzecz osób w wieku emerytalnym (60 000 zł).",
        directions="Rozwój wolontariatu, aktywizacja seniorów, kultura w dzielnicach.",
    )
    services.annual_plan_publish(annualplan=plan, actor=clerk)
    activity = services.planned_activity_submit(
        actor=president,
        organisation=organisation,
        year=today.year,
        title="Festiwal sąsiedzki w parku miejskim",
        description="Trzy dni warsztatów, koncertów i gier dla mieszkańców.",
    )
    services.planned_activity_publish(plannedactivity=activity, actor=clerk)
    _team(clerk, president, organisation, today)
    stdout.write(
        f"  {len(resources)} rooms and items, "
        f"{Patronage.objects.count()} patronage, bookings and requests"
    )


def _team(clerk: Any, president: Any, organisation: Organisation, today: Any) -> None:
    """A team proposed by the organisation, appointed, with a meeting held."""
    from cooperation.programme.models import Priority

    team = services.team_propose(
        actor=president,
        organisation=organisation,
        name="Zespół do spraw seniorów",
        purpose="Przygotowanie propozycji zadań na rzecz osób starszych do programu "
        "współpracy na kolejny rok.",
        justification="Liczba mieszkańców po 60. roku życia rośnie, a zadania na ich "
        "rzecz są rozproszone między kilka konkursów.",
    )
    services.team_member_add(
        team=team,
        actor=clerk,
        name="Anna Nowak",
        side="organisations",
        organisation=organisation,
        role="przewodnicząca",
    )
    services.team_member_add(
        team=team,
        actor=clerk,
        name="Piotr Wiśniewski",
        side="municipality",
        affiliation="Wydział Spraw Społecznych",
        role="sekretarz",
    )
    services.team_appoint(
        jointteam=team,
        actor=clerk,
        ordinance_number="OR.0050.12.2026",
        ordinance_date=today - timedelta(days=40),
        term_from=today - timedelta(days=35),
        term_until=today + timedelta(days=330),
    )
    meeting = services.team_meeting_schedule(
        team=team,
        actor=clerk,
        held_at=_at(today - timedelta(days=14), 16),
        place="Sala spotkań w Urzędzie Miasta, ul. Józefa Rymera 15, Radlin",
        agenda="1. Otwarcie.\n2. Potrzeby seniorów w dzielnicach.\n"
        "3. Propozycje do programu współpracy.\n4. Wolne wnioski.",
    )
    services.team_meeting_minutes(
        meeting=meeting,
        actor=clerk,
        text="Obecni wszyscy członkowie. Zespół omówił potrzeby seniorów w "
        "dzielnicach i przyjął rekomendację dotyczącą programu współpracy.",
    )
    services.team_recommendation_adopt(
        team=team,
        actor=clerk,
        title="Klub seniora w każdej dzielnicy",
        text="Zespół rekomenduje ujęcie w programie współpracy zadania "
        "priorytetowego: prowadzenie klubów seniora w dzielnicach miasta.",
        adopted_on=today - timedelta(days=14),
        meeting=meeting,
        priority=Priority.objects.order_by("pk").first(),
    )
