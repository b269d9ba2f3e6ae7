"""The programme's PDF: sphere codes, one total row; the demo ties priorities to spheres."""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine

from cooperation.programme.demo import (
    PRIORITIES,
    create_programme,
    seed_demo,
    tie_priorities_to_their_spheres,
)
from cooperation.programme.documents import programme_document
from cooperation.programme.models import Priority, Programme
from ngos.models import PublicBenefitSphere
from tests.conftest import assert_pdf_ua, pdf_text

pytestmark = pytest.mark.django_db


def programme_text(programme, tmp_path) -> str:
    doc = programme_document(programme, sync=True)
    path = tmp_path / "program.pdf"
    path.write_bytes(doc.file.read())
    assert_pdf_ua(path)
    return " ".join(pdf_text(path).split())


def test_pdf_names_the_sphere_by_its_code_and_totals_once(tmp_path):
    programme = create_programme(2027, with_priorities=0)
    Programme.objects.filter(pk=programme.pk).update(
        status="adopted",
        resolution_number="XX/150/2026",
        resolution_date=date(2026, 11, 26),
    )
    sphere_1b = PublicBenefitSphere.objects.get(code="1b")
    assert sphere_1b.number == 1
    # Enough rows for each table to run over more than one page.
    Priority.objects.bulk_create(
        Priority(
            programme=programme,
            sphere=sphere_1b,
            title=f"Zadanie {i}",
            planned_funds=1000,
            position=i,
        )
        for i in range(80)
    )
    programme.refresh_from_db()
    text = programme_text(programme, tmp_path)
    assert "pkt 1b:" in text
    assert "pkt 1:" not in text
    # Two tables (parts 5 and 8), each with its total printed once, after its last row.
    assert text.count("Razem") == 2
    assert text.index("Zadanie 79") < text.index("Razem")


def test_part_8_gives_the_funds_per_sphere_without_repeating_the_tasks(tmp_path):
    programme = create_programme(2027, with_priorities=0)
    culture = PublicBenefitSphere.objects.get(code="16")
    seniors = PublicBenefitSphere.objects.get(code="1b")
    Priority.objects.bulk_create(
        [
            *(
                Priority(
                    programme=programme,
                    sphere=culture,
                    title=f"Koncert nr {i}",
                    planned_funds=1500,
                    position=i,
                )
                for i in range(3)
            ),
            Priority(
                programme=programme,
                sphere=seniors,
                title="Klub seniora",
                planned_funds=2000,
                position=9,
            ),
        ]
    )
    programme.refresh_from_db()
    text = programme_text(programme, tmp_path)
    assert text.count("Koncert nr 2") == 1
    part_8 = text[text.index("Środki planowane na realizację programu") :]
    # Each sphere once, in the order of art. 4 ust. 1, with its count of tasks and
    # its funds (a long name wraps in its cell, so the figures follow its first line).
    assert part_8.count("pkt 1b:") == 1 and part_8.count("pkt 16:") == 1
    assert (
        part_8.index("pkt 1b:") < part_8.index(" 1 2 000,00") < part_8.index("pkt 16:")
    )
    assert part_8.index("pkt 16:") < part_8.index(" 3 4 500,00")
    assert "Razem 6 500,00" in part_8


def test_demo_priorities_are_in_their_own_spheres():
    programme = create_programme(2027, with_priorities=len(PRIORITIES))
    spheres = dict(programme.priorities.values_list("title", "sphere__code"))
    assert spheres["Upowszechnianie kultury fizycznej wśród dzieci i młodzieży"] == "17"
    assert spheres["Pomoc społeczna i wsparcie seniorów"] == "1"
    assert spheres["Przeciwdziałanie uzależnieniom i patologiom społecznym"] == "32"
    assert {code for *_r, code in PRIORITIES} == set(spheres.values())


@time_machine.travel(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
def test_demo_moves_priorities_made_in_the_wrong_sphere_and_is_idempotent():
    programme = create_programme(2027)
    wrong = PublicBenefitSphere.objects.get(code="1")
    programme.priorities.update(sphere=wrong)
    seed_demo(StringIO())
    seed_demo(StringIO())
    sport = programme.priorities.get(title__startswith="Upowszechnianie kultury")
    assert sport.sphere.code == "17"
    assert tie_priorities_to_their_spheres(programme) == 0
    assert Programme.objects.filter(year=2027).count() == 1
