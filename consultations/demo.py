"""Demo and benchmark data for consultations."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from .models import Comment, Consultation, DraftVersion, Unit
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
        chapters.append(f"Rozdział {number}\n{str(heading).capitalize()}\n{sections}")
    return f"{programme.title}\n\n" + "\n".join(chapters)


def seed_demo(stdout) -> None:
    """One open consultation with comments and one with a published report (idempotent)."""
    from cooperation.demo import demo_user
    from cooperation.models import Programme
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
    stdout.write(
        "  consultations: an open one with comments, one with a published report"
    )


def seed_bench(scale: int, stdout) -> None:
    """50 consultations × 100 comments per scale unit, in bulk."""
    from cooperation.models import User
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
