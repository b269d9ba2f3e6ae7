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
