import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from grants import documents
from grants.models import SameTypeTask, SameTypeYear
from grants.selectors import offers_with_rows
from tests.conftest import assert_pdf_ua, pdf_text
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
    assert_pdf_ua(doc.file.path)
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
    assert_pdf_ua(doc.file.path)
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
    assert_pdf_ua(doc.file.path)
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


def _announcement_text(competition) -> str:
    with translation.override("pl"):
        doc = documents.announcement(competition)
    return " ".join(pdf_text(doc.file.path).split())


def test_announcement_is_issued_by_the_executive_citing_ordinance_and_programme(
    competition_factory, settings
):
    competition = competition_factory(
        ordinance_number="0050.42.2026", ordinance_date=date(2026, 3, 2)
    )
    programme = competition.priority.programme
    text = _announcement_text(competition)
    assert "Burmistrz Miasta Radlin ogłasza" in text
    assert "Zarządzeniem nr 0050.42.2026 z dnia 2 marca 2026" in text
    assert f"uchwałą nr {programme.resolution_number}" in text
    assert "Dz.U. z 2018 r. poz. 2057" in text and "załącznik nr 1" in text
    assert "art. 3 ust. 3 ustawy (art. 11 ust. 3)" in text
    assert "na wsparcie realizacji zadania" in text
    settings.MUNICIPALITY_EXECUTIVE = "Wójt Gminy Lubomia"
    assert "Wójt Gminy Lubomia ogłasza" in _announcement_text(competition)


def test_announcement_lists_the_three_places_of_publication(competition_factory):
    competition = competition_factory(
        bip_published_on=date(2026, 3, 3),
        bip_url="https://bip.radlin.example/konkurs/7",
        board_published_on=date(2026, 3, 4),
        website_published_on=date(2026, 3, 5),
    )
    text = _announcement_text(competition)
    assert "Biuletyn Informacji Publicznej (BIP): 3 marca 2026" in text
    assert "konkurs/7" in text
    assert "tablica ogłoszeń w siedzibie urzędu: 4 marca 2026" in text
    assert "strona internetowa urzędu: 5 marca 2026" in text


def test_point_7_groups_by_task_type_and_prints_what_each_year_holds(
    competition_factory,
):
    competition = competition_factory(same_type_years=False)
    year = competition.year
    text = _announcement_text(competition)
    # No data and no statement: never an automatic "not carried out".
    assert "nie realizowano" not in text and "nie realizowała" not in text
    assert f"Urząd nie podał jeszcze zadań tego rodzaju za {year} r." in text
    for task_type, title in [("Półkolonie", "Lato w mieście"), ("Obozy", "Obóz")]:
        SameTypeTask.objects.create(
            competition=competition,
            year=year,
            task_type=task_type,
            title=title,
            organisation_name="Klub Sportowy Radlin",
            cost=Decimal("5000"),
        )
    SameTypeYear.objects.create(
        competition=competition,
        year=year - 1,
        total_cost=Decimal("12000"),
        grants_to_ngos=Decimal("11000"),
    )
    competition.save()  # a new version of the document
    text = _announcement_text(competition)
    assert f"Rodzaj zadania ({year}): Obozy" in text
    assert f"Rodzaj zadania ({year}): Półkolonie" in text
    assert text.index("Obozy") < text.index("Półkolonie")
    assert f"W {year} r.: koszt 10 000,00 zł, w tym dotacje" in text
    assert f"W {year - 1} r. koszt zadań tego rodzaju wyniósł 12 000,00 zł" in text
    assert "11 000,00 zł" in text
    assert "nie realizowano" not in text and "nie realizowała" not in text
    SameTypeYear.objects.filter(competition=competition).update(
        none_carried_out=True, total_cost=None, grants_to_ngos=None
    )
    competition.save()
    text = _announcement_text(competition)
    assert (
        f"W {year - 1} r. gmina nie realizowała zadań publicznych tego rodzaju" in text
    )


def test_announcement_on_the_draft_budget_says_so(competition_factory):
    competition = competition_factory(on_draft_budget=True)
    assert "projektu uchwały budżetowej" in _announcement_text(competition)


def test_the_executive_setting_is_documented_in_readme_and_env_example():
    from django.conf import settings

    base = settings.BASE_DIR
    assert settings.MUNICIPALITY_EXECUTIVE == "Burmistrz Miasta Radlin"
    readme = (base / "README.md").read_text()
    assert re.search(
        r"^\| `MUNICIPALITY_EXECUTIVE` \| `Burmistrz Miasta Radlin` \|", readme, re.M
    )
    env = (base / ".env.example").read_text()
    assert re.search(r"^MUNICIPALITY_EXECUTIVE=Burmistrz Miasta Radlin$", env, re.M)


STATEMENTS_2018 = [
    "Oświadczam(-my), że:",
    "1) proponowane zadanie publiczne będzie realizowane wyłącznie w zakresie "
    "działalności pożytku publicznego oferenta(-tów);",
    "2) pobieranie świadczeń pieniężnych będzie się odbywać wyłącznie w ramach "
    "prowadzonej odpłatnej działalności pożytku publicznego;",
    "3) oferent* / oferenci* składający niniejszą ofertę nie zalega(-ją)* / "
    "zalega(-ją)* z opłacaniem należności z tytułu zobowiązań podatkowych;",
    "4) oferent* / oferenci* składający niniejszą ofertę nie zalega(-ją)* / "
    "zalega(-ją)* z opłacaniem należności z tytułu składek na ubezpieczenia "
    "społeczne;",
    "5) dane zawarte w części II niniejszej oferty są zgodne z Krajowym Rejestrem "
    "Sądowym* / właściwą ewidencją*;",
    "6) wszystkie informacje podane w ofercie oraz załącznikach są zgodne z "
    "aktualnym stanem prawnym i faktycznym;",
    "7) w zakresie związanym z otwartym konkursem ofert, w tym z gromadzeniem, "
    "przetwarzaniem i przekazywaniem danych osobowych, a także wprowadzaniem ich "
    "do systemów informatycznych, osoby, których dotyczą te dane, złożyły "
    "stosowne oświadczenia zgodnie z przepisami o ochronie danych osobowych.",
]


def test_offer_pdf_follows_the_2018_template_word_for_word(competition):
    offer = freeze(
        complete_offer(competition=competition), status="submitted", sequence=1
    )
    offer = offers_with_rows().get(pk=offer.pk)
    with translation.override("pl"):
        doc = documents.offer(offer)
    text = " ".join(pdf_text(doc.file.path).split())
    for statement in STATEMENTS_2018:
        assert statement in text, statement
    # III.3's four points, III.4 for the year, V.A numbered per group, VI.2.
    assert "Sposób rozwiązywania jej problemów/zaspokajania potrzeb" in text
    assert "Cel:" not in text
    year = offer.start_date.year
    assert f"4. Plan i harmonogram działań na rok {year}" in text
    assert "V.A Zestawienie kosztów realizacji zadania" in text
    for number in ("I.1.", "I.1.1.", "I.1.2.", "II.1."):
        assert f" {number} " in text, number
    assert " II.2. " not in text
    assert "Suma wszystkich kosztów realizacji zadania" in text
    # VI.2 of a single offeror's offer.
    vi_2 = text.split("2. Podział działań i sposób reprezentacji oferentów")[1]
    assert vi_2.lstrip().startswith("nie dotyczy")


def test_offer_form_asks_for_the_statements_in_the_template_words(world, client):
    from django.urls import reverse

    offer = world.g.draft_a
    client.force_login(world.member_a)
    page = client.get(reverse("grants:offer-step", args=[offer.pk, 6]))
    html = " ".join(page.content.decode().split())
    for statement in STATEMENTS_2018[1:]:
        assert statement in html, statement


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
