"""Demo data of the public benefit council: the organisations' request, the council
with its term and members of the three sides, a meeting with its minutes, a
resolution and the council's opinion on next year's draft programme.

Everything goes through the services, so the demo obeys the same rules (the five
organisations of art. 41e, half of the members from organisations, the audit trail).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from cooperation.core.demo import demo_user
from ngos.models import Organisation

from . import services
from .models import Council, Member, Opinion, Side, rule

COUNCIL_SIDE = ["Anna Kowalczyk", "Marek Wieczorek"]
EXECUTIVE_SIDE = ["Ewa Nowak", "Piotr Zieliński"]
NGO_SIDE = ["Joanna Kamińska", "Tomasz Lewandowski", "Katarzyna Dąbrowska", "Jan Mazur"]


def seed_demo(stdout) -> None:
    from cooperation.programme.models import Programme

    if Council.objects.exists():
        return
    clerk = demo_user("urzednik@demo.radlin.example")
    needed = rule("COUNCIL_REQUEST_MIN_ORGANISATIONS")
    organisations = list(
        Organisation.objects.filter(verified_at__isnull=False).order_by("pk")[
            : max(needed, len(NGO_SIDE))
        ]
    )
    if len(organisations) < needed:
        return
    today = timezone.localdate()
    received = today - timedelta(days=120)
    request = services.creation_request_register(
        actor=clerk,
        organisations=organisations[:needed],
        received_on=received,
        justification="Organizacje z Radlina wnoszą o utworzenie Rady, która będzie "
        "opiniować program współpracy i strategię rozwoju miasta.",
    )
    council = services.council_create(
        creationrequest=request,
        actor=clerk,
        ordinance_number="0050.42.2026",
        created_on=received + timedelta(days=40),
    )
    term = council.terms.get()
    for name in COUNCIL_SIDE:
        services.member_add(
            actor=clerk, term=term, name=name, side=Side.COUNCIL, since=term.starts_on
        )
    for name in EXECUTIVE_SIDE:
        services.member_add(
            actor=clerk, term=term, name=name, side=Side.EXECUTIVE, since=term.starts_on
        )
    for index, name in enumerate(NGO_SIDE):
        services.member_add(
            actor=clerk,
            term=term,
            name=name,
            side=Side.NGO,
            organisation=organisations[index % len(organisations)],
            function=Member.Function.CHAIR if index == 0 else Member.Function.MEMBER,
            since=term.starts_on,
        )
    services.term_constitute(term=term, actor=clerk)

    day = today - timedelta(days=20)
    meeting = services.meeting_schedule(
        actor=clerk,
        term=term,
        starts_at=datetime.combine(
            day, time(16), tzinfo=timezone.get_current_timezone()
        ),
        place="Urząd Miasta Radlin, sala sesyjna",
        agenda="1. Otwarcie posiedzenia.\n2. Opinia o projekcie programu współpracy "
        "na następny rok.\n3. Sprawy różne.",
    )
    services.meeting_hold(
        meeting=meeting,
        actor=clerk,
        minutes="Posiedzenie otworzyła przewodnicząca. Rada omówiła projekt "
        "programu współpracy i przyjęła opinię. Na tym posiedzenie zakończono.",
    )
    services.attendance_record(
        actor=clerk, meeting=meeting, present=list(term.members.all())[:-1]
    )
    services.resolution_adopt(
        actor=clerk,
        meeting=meeting,
        number="1/2026",
        title="w sprawie opinii o projekcie programu współpracy",
        text="Rada pozytywnie opiniuje projekt programu współpracy.",
        adopted_on=day,
    )
    programme = Programme.objects.filter(year=today.year + 1).first()
    if programme is not None:
        opinion = services.opinion_draft(
            actor=clerk,
            term=term,
            subject=Opinion.Subject.PROGRAMME,
            programme=programme,
            meeting=meeting,
            delivered_on=day - timedelta(days=7),
            text="Rada pozytywnie opiniuje projekt programu. Proponuje zwiększyć "
            "środki na zadania z zakresu pomocy społecznej i wydłużyć termin "
            "składania ofert w konkursach do 30 dni.",
        )
        services.opinion_publish(opinion=opinion, actor=clerk, given_on=day)
    stdout.write(f"  the public benefit council, term {term.number}, one meeting")
