"""Demo and benchmark data of workshops and working groups."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cooperation.core.demo import demo_user
from cooperation.core.models import User
from ngos.models import Organisation

from .models import (
    AdviceSlot,
    Event,
    GroupMember,
    Recommendation,
    Registration,
    Topic,
    WorkingGroup,
)

ORGANISER = "Urząd Miasta Radlin, Referat Organizacyjny"
PLACE = "Miejski Ośrodek Kultury, ul. Mariacka 2, 44-310 Radlin"
BENCH_ORGANISER = "Bench: Urząd Miasta"

# The six topics of the Radlin workshops ("Co z tą współpracą?", 2015).
GROUPS = [
    (
        "konsultowanie-aktow",
        "Konsultowanie projektów aktów normatywnych",
        Topic.CONSULTATION,
        [
            (
                "Minimalny czas konsultacji projektów uchwał",
                "Projekty uchwał dotyczących organizacji konsultować co najmniej 14 dni, "
                "a w okresie wakacyjnym 21 dni.",
                "accepted",
            ),
            (
                "Raport z konsultacji z odpowiedzią na każdą uwagę",
                "Publikować raport z konsultacji z uzasadnieniem przyjęcia lub odrzucenia "
                "każdej uwagi.",
                "submitted",
            ),
        ],
    ),
    (
        "ocena-polityk",
        "Ocena realizacji polityk i programów",
        Topic.EVALUATION,
        [
            (
                "Wskaźniki programu współpracy mierzone co roku",
                "Do programu współpracy dodać mierzalne wskaźniki i wspólnie omawiać "
                "sprawozdanie na forum organizacji.",
                "partly_accepted",
            ),
            (
                "Ankieta ewaluacyjna dla organizacji",
                "Raz w roku przeprowadzać ankietę o jakości współpracy.",
                "proposed",
            ),
        ],
    ),
    (
        "formy-finansowe",
        "Realizacja zadań publicznych – formy finansowe",
        Topic.FINANCIAL,
        [
            (
                "Harmonogram konkursów ogłaszany w styczniu",
                "Ogłaszać w styczniu plan otwartych konkursów ofert na cały rok.",
                "accepted",
            ),
            (
                "Wieloletnie umowy na zadania ciągłe",
                "Zadania realizowane corocznie zlecać na okres do trzech lat.",
                "rejected",
            ),
        ],
    ),
    (
        "formy-pozafinansowe",
        "Realizacja zadań publicznych – formy niefinansowe",
        Topic.NON_FINANCIAL,
        [
            (
                "Bezpłatne udostępnianie sal",
                "Udostępniać organizacjom sale miejskie bezpłatnie na działania statutowe.",
                "accepted",
            ),
        ],
    ),
    (
        "wspieranie-inicjatyw",
        "System wspierania inicjatyw obywatelskich i NGO",
        Topic.SUPPORT,
        [
            (
                "Stały dyżur doradczy dla organizacji",
                "Uruchomić cotygodniowe dyżury doradcze z księgowości i prawa.",
                "accepted",
            ),
        ],
    ),
    (
        "integracja-sektora",
        "Wspieranie procesów integracji sektora NGO",
        Topic.INTEGRATION,
        [
            (
                "Forum Organizacji Pozarządowych Radlina",
                "Zwoływać forum organizacji co najmniej dwa razy w roku.",
                "submitted",
            ),
        ],
    ),
]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(
        day, time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


def _event(title: str, **fields) -> Event:
    event, _created = Event.objects.get_or_create(
        title=title,
        defaults={"organiser": ORGANISER, "place": PLACE, **fields},
    )
    return event


def seed_demo(stdout) -> None:
    """The six Radlin working groups with meetings and recommendations, and upcoming events."""
    today = timezone.localdate()
    now = timezone.now()
    clerk = demo_user("urzednik@demo.radlin.example")
    president = demo_user("prezes@demo.radlin.example")
    editor = demo_user("redaktor@demo.radlin.example")
    resident = demo_user("mieszkaniec@demo.radlin.example")
    organisation = Organisation.objects.filter(memberships__user=president).first()
    term_start = date(today.year, 1, 1)
    for index, (slug, name, topic, recommendations) in enumerate(GROUPS):
        group, _created = WorkingGroup.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "topic": topic,
                "coordinator": president if index % 2 == 0 else editor,
                "term_start": term_start,
                "term_end": date(today.year + 1, 12, 31),
                "description": (
                    "Grupa robocza warsztatów otwartych dla wszystkich przedstawicieli "
                    "organizacji pozarządowych, kontynuująca projekt „Co z tą współpracą? "
                    "Model współpracy administracji publicznej z organizacjami "
                    "pozarządowymi”."
                ),
            },
        )
        for person in (president, editor):
            GroupMember.objects.get_or_create(
                group=group,
                user=person,
                left_on=None,
                defaults={
                    "organisation": organisation if person == president else None
                },
            )
        for number, days in enumerate((-60, -20), start=1):
            day = today + timedelta(days=days + index)
            _event(
                f"{name}: spotkanie nr {number}",
                kind=Event.Kind.GROUP_MEETING,
                topic=topic,
                working_group=group,
                audience=Event.Audience.GROUP,
                starts_at=_at(day, 16),
                ends_at=_at(day, 18),
                capacity=15,
                status=Event.Status.HELD,
                published_at=now - timedelta(days=90),
                minutes="Omówiono propozycje rekomendacji i ustalono terminy kolejnych prac.",
            )
        day = today + timedelta(days=14 + index)
        _event(
            f"{name}: spotkanie nr 3",
            kind=Event.Kind.GROUP_MEETING,
            topic=topic,
            working_group=group,
            audience=Event.Audience.GROUP,
            starts_at=_at(day, 16),
            ends_at=_at(day, 18),
            capacity=15,
            status=Event.Status.PUBLISHED,
            published_at=now,
        )
        for title, text, status in recommendations:
            answered = status in ("accepted", "partly_accepted", "rejected")
            Recommendation.objects.get_or_create(
                group=group,
                title=title,
                defaults={
                    "text": text,
                    "topic": topic,
                    "status": status,
                    "submitted_at": now - timedelta(days=30)
                    if status != "proposed"
                    else None,
                    "answered_at": now - timedelta(days=10) if answered else None,
                    "answer": (
                        "Burmistrz przyjął rekomendację do projektu programu współpracy."
                        if status == "accepted"
                        else "Przyjęto w części; pozostałe propozycje wymagają zmian w budżecie."
                        if status == "partly_accepted"
                        else "Nie przyjęto ze względu na przepisy o finansach publicznych."
                        if status == "rejected"
                        else ""
                    ),
                },
            )
    upcoming = [
        (
            "Warsztaty: jak napisać ofertę w otwartym konkursie",
            Event.Kind.WORKSHOP,
            Topic.FINANCIAL,
            7,
            Event.Audience.EVERYONE,
            25,
        ),
        (
            "Szkolenie: rozliczanie dotacji i sprawozdanie z zadania",
            Event.Kind.TRAINING,
            Topic.SUPPORT,
            12,
            Event.Audience.NGO,
            20,
        ),
        (
            "Forum Organizacji Pozarządowych Radlina",
            Event.Kind.FORUM_MEETING,
            Topic.INTEGRATION,
            21,
            Event.Audience.EVERYONE,
            60,
        ),
        (
            "Warsztaty: konsultacje projektu programu współpracy",
            Event.Kind.WORKSHOP,
            Topic.CONSULTATION,
            28,
            Event.Audience.EVERYONE,
            3,
        ),
    ]
    for title, kind, topic, days, audience, capacity in upcoming:
        day = today + timedelta(days=days)
        event = _event(
            title,
            kind=kind,
            topic=topic,
            audience=audience,
            starts_at=_at(day, 17),
            ends_at=_at(day, 20),
            capacity=capacity,
            registration_deadline=_at(day - timedelta(days=2), 23, 59),
            status=Event.Status.PUBLISHED,
            published_at=now,
            created_by=clerk,
            description=(
                "Spotkanie otwarte dla przedstawicieli organizacji pozarządowych, grup "
                "nieformalnych i mieszkańców. Prosimy o wcześniejsze zapisy."
            ),
        )
        if capacity == 3:
            for person in (president, editor, resident):
                Registration.objects.get_or_create(
                    event=event,
                    user=person,
                    defaults={
                        "status": Registration.Status.CONFIRMED,
                        "consent_at": now,
                    },
                )
    # A workshop that took place last week, with participants whose attendance is
    # still to be marked: the clerk can try the attendance list and certificates.
    day = today - timedelta(days=7)
    past = _event(
        "Warsztaty: budżet obywatelski i inicjatywa lokalna",
        kind=Event.Kind.WORKSHOP,
        topic=Topic.NON_FINANCIAL,
        audience=Event.Audience.EVERYONE,
        starts_at=_at(day, 17),
        ends_at=_at(day, 20),
        capacity=20,
        registration_deadline=_at(day - timedelta(days=2), 23, 59),
        status=Event.Status.PUBLISHED,
        published_at=now - timedelta(days=30),
        created_by=clerk,
        description=(
            "Jak mieszkańcy i organizacje mogą zgłaszać zadania do budżetu "
            "obywatelskiego i korzystać z inicjatywy lokalnej."
        ),
    )
    for person in (president, editor, resident):
        Registration.objects.get_or_create(
            event=past,
            user=person,
            defaults={
                "status": Registration.Status.CONFIRMED,
                "consent_at": now - timedelta(days=20),
                "organisation": organisation if person == president else None,
            },
        )
    day = today + timedelta(days=5)
    advice = _event(
        "Dyżur doradczy: księgowość i prawo organizacji",
        kind=Event.Kind.ADVICE_HOUR,
        topic=Topic.SUPPORT,
        starts_at=_at(day, 14),
        ends_at=_at(day, 17),
        capacity=6,
        status=Event.Status.PUBLISHED,
        published_at=now,
        created_by=clerk,
        description="Indywidualne porady (30 minut) dla organizacji i grup nieformalnych.",
    )
    for slot in range(6):
        start = _at(day, 14) + timedelta(minutes=30 * slot)
        AdviceSlot.objects.get_or_create(
            event=advice,
            starts_at=start,
            defaults={"ends_at": start + timedelta(minutes=30)},
        )


def seed_bench(scale: int, stdout) -> None:
    """A year of workshops per scale unit: 120 events with 15 registrations each."""
    per_unit = 120
    existing = Event.objects.filter(organiser=BENCH_ORGANISER).count()
    wanted = per_unit * scale
    if existing >= wanted:
        return
    users = list(
        User.objects.filter(email__startswith="bench-workshops-").values_list(
            "pk", flat=True
        )
    )
    if len(users) < 200:
        User.objects.bulk_create(
            [
                User(
                    username=f"bench-workshops-{n}",
                    email=f"bench-workshops-{n}@bench.example",
                    password="!",
                )
                for n in range(len(users), 200)
            ],
            ignore_conflicts=True,
        )
        users = list(
            User.objects.filter(email__startswith="bench-workshops-").values_list(
                "pk", flat=True
            )
        )
    now = timezone.now()
    start_day = timezone.localdate() - timedelta(days=182)
    kinds = [Event.Kind.WORKSHOP, Event.Kind.TRAINING, Event.Kind.FORUM_MEETING]
    topics = list(Topic)
    events = []
    for n in range(existing, wanted):
        day = start_day + timedelta(days=(n * 3) % 365)
        events.append(
            Event(
                kind=kinds[n % len(kinds)],
                topic=topics[n % len(topics)],
                title=f"Warsztaty nr {n + 1}",
                description="Warsztaty dla organizacji pozarządowych.",
                place=PLACE,
                organiser=BENCH_ORGANISER,
                starts_at=_at(day, 16),
                ends_at=_at(day, 19),
                capacity=20,
                status=Event.Status.PUBLISHED,
                published_at=now,
            )
        )
    created = Event.objects.bulk_create(events, batch_size=500)
    registrations = []
    for index, event in enumerate(created):
        for k in range(15):
            registrations.append(
                Registration(
                    event=event,
                    user_id=users[(index * 15 + k) % len(users)],
                    status=Registration.Status.CONFIRMED,
                    consent_at=now,
                )
            )
    Registration.objects.bulk_create(
        registrations, batch_size=2000, ignore_conflicts=True
    )
