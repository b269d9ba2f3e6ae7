"""Demo and benchmark data for consultations."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone
from django.utils.text import capfirst

from .models import (
    Answer,
    Comment,
    Consultation,
    DraftVersion,
    Question,
    Survey,
    SurveyResponse,
    Unit,
)
from .parsing import split_units

DEMO_DRAFT = """UCHWAŁA NR …/…/{year}
RADY MIEJSKIEJ W RADLINIE
z dnia … {year} r.

w sprawie określenia szczegółowego sposobu konsultowania z radą działalności pożytku publicznego lub organizacjami pozarządowymi projektów aktów prawa miejscowego

Na podstawie art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym oraz art. 5 ust. 5 ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie Rada Miejska w Radlinie uchwala, co następuje:

§ 1. 1. Uchwała określa szczegółowy sposób konsultowania projektów aktów prawa miejscowego w dziedzinach dotyczących działalności statutowej organizacji.
2. Konsultacje przeprowadza się w celu poznania opinii organizacji o projekcie aktu.
§ 2. Konsultacje przeprowadza się w formie:
1) pisemnego zgłaszania uwag na formularzu;
2) zgłaszania uwag za pośrednictwem Portalu Współpracy;
3) otwartego spotkania konsultacyjnego.
§ 3. 1. Konsultacje trwają nie krócej niż 14 dni.
2. W uzasadnionych przypadkach termin może zostać skrócony do 7 dni.
§ 4. Wyniki konsultacji publikuje się w Biuletynie Informacji Publicznej, na stronie internetowej Miasta i na Portalu Współpracy w terminie 30 dni od dnia ich zakończenia.
§ 5. Wykonanie uchwały powierza się Burmistrzowi Miasta Radlin.
§ 6. Uchwała wchodzi w życie po upływie 14 dni od dnia ogłoszenia w Dzienniku Urzędowym Województwa Śląskiego.
"""

COMMENTS = [
    (
        "§ 3 ust. 1",
        "Konsultacje trwają nie krócej niż 14 dni.",
        "Konsultacje trwają nie krócej niż 21 dni.",
        "Organizacje działają społecznie; 14 dni to za mało, by zebrać zarząd i przygotować stanowisko.",
    ),
    (
        "§ 2 pkt 3",
        "otwartego spotkania konsultacyjnego.",
        "otwartego spotkania konsultacyjnego, organizowanego w godzinach popołudniowych.",
        "Przedstawiciele organizacji pracują zawodowo do godziny 16.",
    ),
    (
        "§ 4",
        "",
        "",
        "Prosimy o wysyłanie wyników konsultacji także e-mailem do organizacji, które zgłosiły uwagi.",
    ),
]


PROGRAMME_COMMENTS = [
    (
        "Rozdział 11 ust. 1",
        "",
        "W skład komisji konkursowej wchodzi co najmniej dwóch przedstawicieli organizacji pozarządowych.",
        "Udział organizacji w ocenie ofert zwiększa zaufanie do wyników konkursów.",
    ),
    (
        "Rozdział 8 ust. 1",
        "",
        "",
        "Prosimy o zwiększenie środków na zadania z zakresu pomocy seniorom o 10 000 zł.",
    ),
    (
        "Rozdział 2 ust. 1",
        "",
        "",
        "Proponujemy dodać zasadę otwartości danych o dotacjach.",
    ),
]


ENDED_DRAFT = """ZARZĄDZENIE NR …/{year}
BURMISTRZA MIASTA RADLIN
z dnia … {year} r.

w sprawie regulaminu korzystania z Centrum Organizacji Pozarządowych

§ 1. Centrum Organizacji Pozarządowych udostępnia organizacjom salę spotkań, sprzęt biurowy i dostęp do internetu.
§ 2. 1. Salę rezerwuje się co najmniej 7 dni przed planowanym terminem.
2. Jedna organizacja może zarezerwować salę na nie więcej niż 8 godzin w miesiącu.
§ 3. Centrum jest czynne od poniedziałku do piątku w godzinach 8–16.
§ 4. Zarządzenie wchodzi w życie z dniem podpisania.
"""

ENDED_COMMENTS = [
    (
        "§ 2 ust. 1",
        "Salę rezerwuje się co najmniej 7 dni przed planowanym terminem.",
        "Salę rezerwuje się co najmniej 3 dni przed planowanym terminem.",
        "Spotkania grup wolontariuszy zwołuje się często z kilkudniowym wyprzedzeniem.",
    ),
    (
        "§ 3",
        "Centrum jest czynne od poniedziałku do piątku w godzinach 8–16.",
        "Centrum jest czynne od poniedziałku do piątku w godzinach 8–20 oraz w soboty w godzinach 9–14.",
        "Członkowie organizacji pracują zawodowo; spotkania odbywają się po południu i w weekendy.",
    ),
    (
        "§ 2 ust. 2",
        "",
        "",
        "Limit 8 godzin w miesiącu jest za mały dla organizacji prowadzących regularne zajęcia.",
    ),
]

ENDED_TITLE = "Projekt zarządzenia w sprawie regulaminu korzystania z Centrum Organizacji Pozarządowych"
SURVEY_TITLE = "Ocena konsultacji programu współpracy"


# The office's justification of the demo decisions (partly, accepted, rejected).
JUSTIFICATIONS = {
    False: [
        "Termin 21 dni przyjęto dla aktów o szczególnym znaczeniu.",
        "",
        "Wyniki są publikowane w BIP; wysyłka e-mailem nie jest wymagana.",
    ],
    True: [
        "Zapisano co najmniej jednego przedstawiciela organizacji; skład określa zarządzenie.",
        "",
        "Jawność zapewnia publikacja wyników konkursów w BIP.",
    ],
}


def _version(consultation: Consultation, text: str) -> DraftVersion:
    version, created = DraftVersion.objects.get_or_create(
        consultation=consultation, number=1, defaults={"source_text": text}
    )
    if created:
        Unit.objects.bulk_create(
            Unit(
                version=version,
                position=(i + 1) * 10,
                kind=p.kind,
                number=p.number,
                label=p.label,
                depth=p.depth,
                text=p.text,
            )
            for i, p in enumerate(split_units(text))
        )
    return version


def programme_text(programme) -> str:
    """The draft programme as an act text: one chapter per part, numbered sections."""
    chapters = []
    for number, heading, body in programme.parts:
        lines = [line.strip() for line in body.splitlines() if line.strip()]
        sections = "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))
        chapters.append(f"Rozdział {number}\n{capfirst(str(heading))}\n{sections}")
    return f"{programme.title}\n\n" + "\n".join(chapters)


def seed_demo(stdout) -> None:
    """One open consultation with comments and one with a published report (idempotent)."""
    from cooperation.core.demo import demo_user
    from cooperation.programme.models import Programme
    from ngos.models import Organisation

    clerk = demo_user("urzednik@demo.radlin.example")
    resident = demo_user("mieszkaniec@demo.radlin.example")
    president = demo_user("prezes@demo.radlin.example")
    organisations = list(Organisation.objects.order_by("pk")[:3])
    now = timezone.now()
    year = timezone.localdate().year
    specs = [
        (
            "Projekt uchwały w sprawie sposobu konsultowania aktów prawa miejscowego",
            now - timedelta(days=5),
            now + timedelta(days=16),
            Consultation.Status.PUBLISHED,
        ),
        (
            f"Projekt Rocznego programu współpracy z organizacjami pozarządowymi na rok {year + 1}",
            now - timedelta(days=60),
            now - timedelta(days=39),
            Consultation.Status.REPORT_PUBLISHED,
        ),
    ]
    next_programme = Programme.objects.filter(year=year + 1).first()
    for title, start, end, status in specs:
        if Consultation.objects.filter(title=title).exists():
            continue
        is_programme = status == Consultation.Status.REPORT_PUBLISHED
        consultation = Consultation.objects.create(
            title=title,
            summary="Zapraszamy organizacje pozarządowe i mieszkańców do zgłaszania uwag do projektu.",
            act_kind=(
                Consultation.ActKind.PROGRAMME
                if is_programme
                else Consultation.ActKind.RESOLUTION
            ),
            programme=next_programme if is_programme else None,
            department="Wydział Spraw Społecznych",
            responsible=clerk,
            contact_name="Anna Urzędnik",
            contact_email="ngo@radlin.example",
            legal_basis="Uchwała nr XLV/400/2010 Rady Miejskiej w Radlinie",
            invite_all_ngos=True,
            invite_residents=True,
            channel_meeting=True,
            start_at=start,
            end_at=end,
            status=status,
            published_at=start,
        )
        text = DEMO_DRAFT.format(year=year)
        if is_programme and next_programme is not None:
            text = programme_text(next_programme)
        version = _version(consultation, text)
        units = {u.label: u for u in version.units.all()}
        comments = PROGRAMME_COMMENTS if is_programme else COMMENTS
        for i, (label, current, proposed, why) in enumerate(comments):
            org = organisations[i] if i < len(organisations) else None
            comment = Comment(
                consultation=consultation,
                unit=units.get(label),
                author=president if org else resident,
                organisation=org,
                channel=Comment.Channel.ONLINE,
                received_on=timezone.localdate(start) + timedelta(days=i + 1),
                current_wording=current,
                proposed_wording=proposed,
                justification=why,
            )
            if status == Consultation.Status.REPORT_PUBLISHED:
                comment.decision = [
                    Comment.Decision.PARTLY,
                    Comment.Decision.ACCEPTED,
                    Comment.Decision.REJECTED,
                ][i]
                comment.decision_justification = JUSTIFICATIONS[is_programme][i]
                comment.decided_by = clerk
                comment.decided_at = end + timedelta(days=5)
            comment.save()
        paper = Comment.objects.create(
            consultation=consultation,
            author_name="Koło Gospodyń Wiejskich w Radlinie",
            channel=Comment.Channel.PAPER,
            received_on=timezone.localdate(start) + timedelta(days=3),
            entered_by=clerk,
            justification="Prosimy o możliwość składania uwag także w punkcie obsługi mieszkańców.",
            decision=Comment.Decision.ACCEPTED
            if status == Consultation.Status.REPORT_PUBLISHED
            else "",
        )
        if status == Consultation.Status.REPORT_PUBLISHED:
            consultation.report_summary = "Wpłynęły 4 uwagi; jedną uwzględniono, jedną uwzględniono częściowo, jedną odrzucono."
            consultation.report_published_at = end + timedelta(days=7)
            consultation.save(update_fields=["report_summary", "report_published_at"])
            Comment.objects.filter(pk=paper.pk).update(
                decided_by=clerk, decided_at=end + timedelta(days=5)
            )
    ended = _ended_awaiting_decisions(
        clerk=clerk,
        resident=resident,
        president=president,
        organisations=organisations,
        year=year,
    )
    survey = _survey_with_answers(
        consultation=Consultation.objects.filter(
            status=Consultation.Status.REPORT_PUBLISHED,
            act_kind=Consultation.ActKind.PROGRAMME,
        )
        .order_by("-pk")
        .first()
    )
    stdout.write(
        "  consultations: an open one with comments, one ended with comments awaiting"
        f" decisions ({ended.comments.count()}), one with a published report;"
        f" a survey with {survey.responses.count()} responses"
    )


def _ended_awaiting_decisions(
    *, clerk, resident, president, organisations, year: int
) -> Consultation:
    """Ended a few days ago; no decisions yet, so a clerk can decide and publish the report."""
    existing = Consultation.objects.filter(title=ENDED_TITLE).first()
    if existing is not None:
        return existing
    now = timezone.now()
    start, end = now - timedelta(days=24), now - timedelta(days=3)
    consultation = Consultation.objects.create(
        title=ENDED_TITLE,
        summary="Zapraszamy organizacje pozarządowe do zgłaszania uwag do regulaminu Centrum.",
        act_kind=Consultation.ActKind.ORDINANCE,
        department="Wydział Spraw Społecznych",
        responsible=clerk,
        contact_name="Anna Urzędnik",
        contact_email="ngo@radlin.example",
        legal_basis="Uchwała nr XLV/400/2010 Rady Miejskiej w Radlinie",
        invite_all_ngos=True,
        invite_residents=True,
        start_at=start,
        end_at=end,
        status=Consultation.Status.PUBLISHED,
        published_at=start,
    )
    version = _version(consultation, ENDED_DRAFT.format(year=year))
    units = {u.label: u for u in version.units.all()}
    for i, (label, current, proposed, why) in enumerate(ENDED_COMMENTS):
        org = organisations[i] if i < len(organisations) else None
        Comment.objects.create(
            consultation=consultation,
            unit=units.get(label),
            author=president if org else resident,
            organisation=org,
            name_consent=org is None,
            channel=Comment.Channel.ONLINE,
            received_on=timezone.localdate(start) + timedelta(days=i + 2),
            current_wording=current,
            proposed_wording=proposed,
            justification=why,
        )
    Comment.objects.create(
        consultation=consultation,
        author_name="Klub Seniora „Pogodna Jesień”",
        channel=Comment.Channel.EMAIL,
        received_on=timezone.localdate(end),
        entered_by=clerk,
        justification="Prosimy o udostępnienie sali także na zajęcia ruchowe dla seniorów.",
    )
    return consultation


SURVEY_QUESTIONS = [
    (Question.Kind.SCALE, "Jak oceniasz przebieg konsultacji?", ""),
    (
        Question.Kind.CHOICE,
        "Czy czas na zgłaszanie uwag był wystarczający?",
        "Tak\nNie\nTrudno powiedzieć",
    ),
    (Question.Kind.TEXT, "Co powinniśmy poprawić przy następnych konsultacjach?", ""),
]

# (e-mail of a demo person, answers in the order of the questions)
SURVEY_ANSWERS = [
    (
        "prezes@demo.radlin.example",
        ["4", "Tak", "Spotkanie konsultacyjne po południu."],
    ),
    ("redaktor@demo.radlin.example", ["3", "Nie", "Dłuższy termin na uwagi."]),
    ("komisja@demo.radlin.example", ["5", "Tak", ""]),
]


def _survey_with_answers(*, consultation: Consultation | None) -> Survey:
    """An open survey with results in public and a few answers (the resident may still answer)."""
    from cooperation.core.models import User

    survey = Survey.objects.filter(title=SURVEY_TITLE).first()
    if survey is not None:
        return survey
    now = timezone.now()
    survey = Survey.objects.create(
        title=SURVEY_TITLE,
        intro="Prosimy o kilka minut: Państwa odpowiedzi pomogą lepiej prowadzić konsultacje.",
        consultation=consultation,
        programme=consultation.programme if consultation else None,
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=20),
        is_published=True,
        results_public=True,
    )
    questions = [
        Question.objects.create(
            survey=survey, position=i, kind=kind, text=text, choices=choices
        )
        for i, (kind, text, choices) in enumerate(SURVEY_QUESTIONS, 1)
    ]
    people = {
        u.email: u
        for u in User.objects.filter(email__in=[e for e, _a in SURVEY_ANSWERS])
    }
    for days, (email, values) in enumerate(SURVEY_ANSWERS, 1):
        if email not in people:
            continue
        response = SurveyResponse.objects.create(
            survey=survey,
            respondent=people[email],
            created_at=now - timedelta(days=days),
        )
        Answer.objects.bulk_create(
            Answer(response=response, question=q, value=v)
            for q, v in zip(questions, values, strict=True)
            if v
        )
    return survey


def seed_bench(scale: int, stdout) -> None:
    """50 consultations × 100 comments per scale unit, in bulk."""
    from cooperation.core.models import User
    from ngos.models import Organisation

    rng = random.Random(5)
    now = timezone.now()
    org_ids = list(Organisation.objects.values_list("pk", flat=True)[:500]) or [None]
    user_ids = list(User.objects.values_list("pk", flat=True)[:200]) or [None]
    text = DEMO_DRAFT.format(year=now.year)
    parsed = split_units(text)
    for batch in range(scale):
        consultations = Consultation.objects.bulk_create(
            Consultation(
                title=f"Konsultacja testowa {batch + 1}-{i + 1}",
                act_kind=Consultation.ActKind.RESOLUTION,
                status=Consultation.Status.PUBLISHED,
                start_at=now - timedelta(days=10 + i),
                end_at=now + timedelta(days=11 + i)
                if i % 2
                else now - timedelta(days=1),
                published_at=now - timedelta(days=10 + i),
                invite_residents=True,
            )
            for i in range(50)
        )
        versions = DraftVersion.objects.bulk_create(
            DraftVersion(consultation=c, number=1, source_text=text)
            for c in consultations
        )
        Unit.objects.bulk_create(
            [
                Unit(
                    version=v,
                    position=(i + 1) * 10,
                    kind=p.kind,
                    number=p.number,
                    label=p.label,
                    depth=p.depth,
                    text=p.text,
                )
                for v in versions
                for i, p in enumerate(parsed)
            ],
            batch_size=2000,
        )
        unit_ids: dict[int, list[int]] = {}
        for unit_id, version_id in Unit.objects.filter(
            version__in=versions
        ).values_list("pk", "version_id"):
            unit_ids.setdefault(version_id, []).append(unit_id)
        comments = []
        for c, v in zip(consultations, versions, strict=True):
            for j in range(100):
                org = rng.choice(org_ids) if j % 3 else None
                comments.append(
                    Comment(
                        consultation=c,
                        unit_id=rng.choice(unit_ids[v.pk]) if j % 4 else None,
                        organisation_id=org,
                        author_id=rng.choice(user_ids),
                        name_consent=bool(j % 2),
                        channel=Comment.Channel.ONLINE,
                        received_on=timezone.localdate(c.start_at),
                        proposed_wording=f"Proponowane brzmienie przepisu nr {j}.",
                        justification="Uzasadnienie uwagi testowej, wystarczająco długie, by przypominało prawdziwe. "
                        * 2,
                    )
                )
        Comment.objects.bulk_create(comments, batch_size=2000)
    stdout.write(
        f"  consultations: {50 * scale} consultations with {5000 * scale} comments"
    )
