"""A competition walked through every state on PostgreSQL, ending with its documents.

A mixed committee (an official chairing, an NGO's nominee, an expert with an advisory
vote), a member excluded for a conflict, a joint offer of two organisations each
confirmed by the representatives its manner of representation requires, a required
attachment, the formal checklist, scoring, the signed protocol, the decision and the
results; then the announcement, protocol and results PDFs read back with pypdf.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.utils import timezone, translation

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from grants import documents, services
from grants.models import (
    CommitteeMember,
    Competition,
    FormalRequirement,
    Offer,
    RequiredAttachment,
)
from grants.selectors import offers_with_rows
from grants.services import signing
from tests.conftest import pdf_text
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory, complete_offer
from tests.grants.signing_helpers import board, partner, plain_pdf, upload
from tests.ngos.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def flat(doc) -> str:
    return " ".join(pdf_text(doc.file.path).split())


def test_a_competition_from_announcement_to_results_on_postgresql(clerk):
    assert connection.vendor == "postgresql"
    competition = CompetitionFactory(
        title="Wypoczynek letni 2027", public_funds=Decimal("40000.00")
    )
    RequiredAttachment.objects.create(
        competition=competition, name="Statut organizacji", position=1
    )
    FormalRequirement.objects.bulk_create(
        [
            FormalRequirement(competition=competition, name=name, position=n)
            for n, name in enumerate(
                [
                    "Oferta złożona w terminie",
                    "Oferta podpisana przez osoby upoważnione",
                ],
                start=1,
            )
        ]
    )
    services.competition_publish(competition=competition, actor=clerk)
    competition.refresh_from_db()
    assert competition.status == "announced"

    # A joint offer: the lead is represented by two members of its board together,
    # the co-offeror by one.
    offer = complete_offer(
        competition=competition,
        organisation=OrganisationFactory(name="Letnicy"),
        is_joint=True,
        joint_roles="Stowarzyszenie prowadzi zajęcia, Iskra warsztaty.",
    )
    anna, jan = board(
        offer.organisation,
        [("Anna Nowak", "Prezes Zarządu"), ("Jan Kowalski", "Skarbnik")],
        required=2,
    )
    co = partner("Iskra")
    (ewa,) = board(co, [("Ewa Zielińska", "Prezes Zarządu")], required=1)
    services.offer_save(
        offer=offer,
        actor=anna,
        version=offer.version,
        co_offerors=[
            {
                "name": "",
                "legal_form": "",
                "register": f"KRS {co.krs}",
                "address": "",
                "st_no_tax_arrears": True,
                "st_no_zus_arrears": True,
                "part": "Warsztaty plastyczne",
                "cost_share": Decimal("1000.00"),
            }
        ],
    )
    offer = offers_with_rows().get(pk=offer.pk)
    action = offer.actions.get()
    services.offer_save(
        offer=offer,
        actor=anna,
        version=offer.version,
        actions=[
            {
                "id": action.pk,
                "name": action.name,
                "start": action.start,
                "end": action.end,
                "performer": co.name,
            }
        ],
    )
    signing.offer_add_attachment(
        offer=offer,
        actor=anna,
        requirement=competition.required_attachments.get(),
        file=upload("statut.pdf", plain_pdf("Statut")),
    )
    offer = offers_with_rows().get(pk=offer.pk)
    for person in (jan, ewa):
        signing.offer_confirm(
            offer=offer, actor=person, checksum=signing.current_checksum(offer)
        )
    services.offer_submit(offer=offer, actor=anna)
    offer.refresh_from_db()
    assert offer.status == "submitted"

    # A second offer, of one organisation.
    single = complete_offer(
        competition=competition,
        organisation=OrganisationFactory(name="Sportowcy"),
    )
    rep = MembershipFactory(organisation=single.organisation).user
    signing.offer_add_attachment(
        offer=single,
        actor=rep,
        requirement=competition.required_attachments.get(),
        file=upload("statut.pdf", plain_pdf("Statut klubu")),
    )
    services.offer_submit(offer=Offer.objects.get(pk=single.pk), actor=rep)

    # The committee: an official chairing, a nominee of an NGO that made no offer, an
    # expert; a member of the lead offeror cannot be appointed (art. 15 ust. 2f); one
    # more official is excluded once the conflict comes to light.
    chair = services.committee_appoint(
        competition=competition,
        user=UserFactory(first_name="Maria", last_name="Urzędnicza", committee=True),
        actor=clerk,
        is_chair=True,
    )
    nominee = services.committee_appoint(
        competition=competition,
        user=UserFactory(first_name="Tomasz", last_name="Społecznik", committee=True),
        actor=clerk,
        kind=CommitteeMember.Kind.NOMINEE,
        nominated_by=OrganisationFactory(name="Fundacja Rada Seniorów"),
    )
    expert = services.committee_appoint(
        competition=competition,
        user=UserFactory(first_name="Olga", last_name="Ekspertka", committee=True),
        actor=clerk,
        kind=CommitteeMember.Kind.EXPERT,
    )
    with pytest.raises(DomainError):
        services.committee_appoint(competition=competition, user=jan, actor=clerk)
    conflicted = services.committee_appoint(
        competition=competition,
        user=UserFactory(first_name="Karol", last_name="Krewny", committee=True),
        actor=clerk,
    )
    Competition.objects.filter(pk=competition.pk).update(
        committee_ordinance_number="0050.77.2027",
        committee_ordinance_date=timezone.localdate(),
    )

    with time_machine.travel(competition.offers_deadline + timedelta(minutes=5)):
        services.competition_close(competition=competition, actor=clerk)
        services.competition_start_formal_review(competition=competition, actor=clerk)
        competition.refresh_from_db()
        checklist = competition.formal_checklist()
        assert checklist[-1] == "Dołączono załącznik: Statut organizacji"
        for o in (offer, single):
            services.offer_formal_accept(
                offer=Offer.objects.get(pk=o.pk),
                actor=clerk,
                checklist=[(name, True, "") for name in checklist],
            )
        services.competition_start_committee_review(
            competition=competition, actor=clerk
        )
        services.committee_exclude(
            member=conflicted,
            actor=clerk,
            reason="Brat prezesa oferenta (art. 24 § 1 KPA)",
        )
        criteria = list(competition.criteria.all())
        for member in (chair, nominee, expert):
            services.committee_declare(member=member, actor=member.user)
        for member, points in ((chair, 0), (nominee, 1)):
            for o in (offer, single):
                services.offer_score(
                    member=member,
                    offer=o,
                    actor=member.user,
                    scores={
                        c.pk: (c.max_points - points - (o is single), "uzasadnienie")
                        for c in criteria
                    },
                )
        with pytest.raises(PermissionDeniedError):
            services.offer_score(
                member=expert,
                offer=offer,
                actor=expert.user,
                scores={c.pk: (1, "x") for c in criteria},
            )
        services.committee_propose_amounts(
            competition=competition,
            actor=chair.user,
            amounts={offer.pk: Decimal("9000.00"), single.pk: Decimal("7000.00")},
        )
        services.committee_sign_protocol(
            competition=competition,
            actor=chair.user,
            date=timezone.localdate(),
            place="Urząd Miasta Radlin, sala 12",
            present=[chair.pk, nominee.pk, expert.pk],
        )
        services.competition_decide(
            competition=competition,
            actor=clerk,
            awards={offer.pk: Decimal("9000.00"), single.pk: Decimal("7000.00")},
            reasons={},
            ordinance_number="0050.99.2027",
            ordinance_date=competition.selection_date,
        )
        services.competition_publish_results(competition=competition, actor=clerk)

    competition.refresh_from_db()
    assert competition.status == "results_published"
    with translation.override("pl"):
        announcement = flat(documents.announcement(competition))
        protocol = flat(documents.protocol(competition))
        results = flat(documents.results(competition))
        offer_pdf = flat(documents.offer(Offer.objects.get(pk=offer.pk)))

    # The announcement: the ordinance announcing it and the task.
    assert competition.ordinance_number in announcement
    assert "Wypoczynek letni 2027" in announcement

    # The protocol: the committee's ordinance, who was present, the exclusion, the
    # formal check of each offer, score sheets, averages, proposed amounts, the
    # declaration and the signature lines with names.
    assert "0050.77.2027" in protocol
    for name in ("Maria Urzędnicza", "Tomasz Społecznik", "Olga Ekspertka"):
        assert name in protocol
    assert "Karol Krewny" in protocol and "Brat prezesa" in protocol
    assert "Fundacja Rada Seniorów" in protocol
    assert "Oferta złożona w terminie" in protocol
    assert "Dołączono załącznik: Statut organizacji" in protocol
    assert protocol.count("spełniono") >= 6
    assert "Karta oceny: Maria Urzędnicza" in protocol
    assert "Karta oceny: Tomasz Społecznik" in protocol
    assert "Karta oceny: Olga Ekspertka" not in protocol
    total = sum(c.max_points for c in criteria)
    # Averages: (total + total - n) / 2 for the joint offer.
    average = (Decimal(total) + Decimal(total - len(criteria))) / 2
    assert str(average).replace(".", ",") in protocol or str(average) in protocol
    assert "9 000,00" in protocol and "7 000,00" in protocol
    assert "bezstronności" in protocol.lower() or "art. 24" in protocol
    signatures = protocol[protocol.index("Podpisy obecnych członków") :]
    for name in ("Maria Urzędnicza", "Tomasz Społecznik", "Olga Ekspertka"):
        assert name in signatures
    assert "Karol Krewny" not in signatures

    # The results: each organisation, the title, the amount and the ordinance.
    assert "0050.99.2027" in results
    for o in (offer, single):
        o = Offer.objects.select_related("organisation").get(pk=o.pk)
        assert o.organisation.name in results
    assert "Lato na sportowo" in results
    assert "9 000,00" in results and "7 000,00" in results

    # The joint offer's PDF: both offerors' data, statements and signatures.
    for name in ("Letnicy", "Iskra", "Anna Nowak", "Jan Kowalski"):
        assert name in offer_pdf
    assert "Ewa Zielińska" in offer_pdf and "Skarbnik" in offer_pdf
    assert "Statut organizacji" in offer_pdf
