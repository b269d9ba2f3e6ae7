import pytest
from django.utils import translation

from grants import documents
from grants.selectors import offers_with_rows
from tests.conftest import pdf_text
from tests.grants.factories import complete_offer
from tests.grants.worlds import freeze

pytestmark = pytest.mark.django_db

SECTION_HEADINGS = [
    "I. Podstawowe informacje o złożonej ofercie",
    "II. Dane oferenta",
    "III. Opis zadania",
    "IV. Charakterystyka oferenta",
    "V. Kalkulacja przewidywanych kosztów",
    "VI. Inne informacje",
    "VII. Oświadczenia",
]


def test_offer_pdf_has_every_section_and_the_computed_totals(competition):
    offer = freeze(
        complete_offer(competition=competition), status="submitted", sequence=1
    )
    offer = offers_with_rows().get(pk=offer.pk)
    with translation.override("pl"):
        doc = documents.offer(offer)
    text = " ".join(pdf_text(doc.file.path).split())
    for heading in SECTION_HEADINGS:
        assert heading in text, heading
    # 40 h × 150 + 3000 = 9000 for activities, 2 × 500 administrative, 10 000 in total.
    for amount in ("9 000,00", "1 000,00", "10 000,00", "90,00"):
        assert amount in text, amount
    assert "Żółć" in text and "półkolonie" in text
    assert offer.checksum in text


def test_announcement_pdf_names_art_13_points(competition):
    with translation.override("pl"):
        doc = documents.announcement(competition)
    text = " ".join(pdf_text(doc.file.path).split())
    assert competition.title in text
    assert "Termin składania ofert" in text


def test_protocol_pdf_shows_every_criterion_column_and_the_total(
    offer_in_review, user_factory
):
    from django.utils import timezone

    from grants.models import CommitteeMember, Criterion, Score

    competition, offer = offer_in_review(status="committee_review")
    competition.criteria.all().delete()
    criteria = Criterion.objects.bulk_create(
        [
            Criterion(
                competition=competition,
                name=f"Kryterium oceny numer {i} o bardzo długiej nazwie opisowej",
                max_points=10 + i,
                position=i,
            )
            for i in range(1, 8)
        ]
    )
    member = CommitteeMember.objects.create(
        competition=competition, user=user_factory(), declared_at=timezone.now()
    )
    Score.objects.bulk_create(
        [
            Score(member=member, offer=offer, criterion=c, points=i + 1, comment="ok")
            for i, c in enumerate(criteria)
        ]
    )
    with translation.override("en"):
        doc = documents.protocol(competition)
    text = pdf_text(doc.file.path)
    words = text.split()
    flat = " ".join(words)
    assert "Total (average)" in flat
    for n in range(1, 8):
        assert f"C{n}" in words, n
        assert f"≤ {10 + n}" in " ".join(words) or f"(≤ {10 + n})" in text
    # The last criterion's points (7) and the total (1 + … + 7 = 28) are on the page.
    assert "28" in flat
    assert "Kryterium oceny numer 7" in flat


def test_protocol_names_members_and_never_their_e_mail(offer_in_review, user_factory):
    from django.utils import timezone

    from grants.models import CommitteeMember

    competition, _offer = offer_in_review(status="committee_review")
    named = user_factory(
        email="ewa.nowak@example.org", first_name="Ewa", last_name="Nowak"
    )
    nameless = user_factory(
        email="bez.imienia@example.org", first_name="", last_name=""
    )
    for user in (named, nameless):
        CommitteeMember.objects.create(
            competition=competition, user=user, declared_at=timezone.now()
        )
    with translation.override("en"):
        doc = documents.protocol(competition)
    text = " ".join(pdf_text(doc.file.path).split())
    assert "Ewa Nowak" in text
    assert "@example.org" not in text
    # The neutral label wraps in its table cell.
    assert "(name not" in text and "given)" in text


def test_protocol_holds_meeting_ordinance_checks_sheets_opinion_declaration_and_signatures(
    clerk,
):
    from decimal import Decimal

    from grants.models import Competition, Offer
    from tests.grants.factories import complete_offer
    from tests.grants.worlds import freeze, ready

    competition, offers, (official, nominee, expert) = ready(clerk)
    rejected = freeze(
        complete_offer(competition=competition),
        status="formally_rejected",
        sequence=3,
        formal_note="Brak podpisu osoby uprawnionej",
    )
    Offer.objects.filter(pk=offers[0].pk).update(proposed_amount=Decimal("4321.00"))
    Competition.objects.filter(pk=competition.pk).update(officials_only_reason="absent")
    competition.refresh_from_db()
    with translation.override("pl"):
        doc = documents.protocol(competition)
        text = " ".join(pdf_text(doc.file.path).split())
    assert "Urząd Miasta, sala 12" in text
    assert "0050.7.2026" in text
    for member in (official, nominee, expert):
        assert member.user.document_name in text
        assert member.user.email not in text
    assert "obecny" in text
    # The formal check of each offer, the rejected one with its reason.
    assert rejected.number in text and "Brak podpisu" in text
    assert f"Karta oceny: {official.user.document_name}" in text
    assert f"Karta oceny: {nominee.user.document_name}" in text
    assert f"Karta oceny: {expert.user.document_name}" not in text
    assert "4 321,00" in text
    assert "Art. 24 § 1. Pracownik organu administracji publicznej" in text
    assert "§ 3. Bezpośredni przełożony pracownika" in text
    assert "2da" in text
    assert "Podpisy członków komisji" in text
