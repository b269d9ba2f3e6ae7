"""The annual report: its tables, corrections, workflow, reminders and PDF."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.template.loader import render_to_string
from django.utils import timezone

from cooperation.core.exceptions import DomainError, TransitionNotAllowed
from cooperation.core.models import GeneratedDocument, Notification
from cooperation.core.reminders import sweep_reminders
from cooperation.core.workflow import history
from cooperation.evaluation import services
from cooperation.evaluation.documents import report_context, report_document
from cooperation.evaluation.figures import figures_for, report_tables
from cooperation.evaluation.models import AnnualReport, ProgrammeIndicator
from cooperation.evaluation.quality import services as quality_services
from cooperation.evaluation.reminders import report_due, report_late
from grants.models import Payment
from tests.conftest import assert_pdf_ua, pdf_text
from tests.evaluation.worlds import WARSAW, year_of_data

pytestmark = pytest.mark.django_db

# The figures of 2025 by priority, counted by hand from tests/evaluation/worlds.py:
# planned in the programme, competitions, offers, joint, chosen, announced funds,
# granted, transferred, used, returned.
SPORT = ["40000.00", 1, 2, 1, 1, "30000.00", "9000.00", "9000.00", "8500.00", "500.50"]
CULTURE = ["25000.00", 1, 2, 0, 2, "20000.00", "5000.00", "2500.00", "0.00", "0.00"]
TOTAL = [
    "65000.00",
    2,
    4,
    1,
    3,
    "50000.00",
    "14000.00",
    "11500.00",
    "8500.00",
    "500.50",
]


def _values(cells):
    return [c.value if isinstance(c.value, int) else str(c.value) for c in cells]


@pytest.fixture
def world(db):
    return year_of_data()


@pytest.fixture
def report(world, clerk):
    report = services.report_create(year=2025, actor=clerk)
    services.report_write(
        report=report,
        actor=clerk,
        summary="Program zrealizowano.",
        conclusions="Wnioski z realizacji.",
        recommendations="Rekomendacje zespołów roboczych.",
    )
    report.refresh_from_db()
    return report


def _tables(report):
    tables, corrections = report_tables(figures_for(report), report.corrections.all())
    return {t.key: t for t in tables}, corrections


def test_every_figure_of_the_report_matches_the_count_by_hand(report, world):
    tables, corrections = _tables(report)
    assert corrections == []
    priorities = tables["priorities"]
    assert [r.texts[0] for r in priorities.rows] == [
        "Sport dzieci i młodzieży",
        "Wydarzenia kulturalne",
    ]
    assert _values(priorities.rows[0].cells) == SPORT
    assert _values(priorities.rows[1].cells) == CULTURE
    assert _values(priorities.total.cells) == TOTAL
    spheres = tables["spheres"]
    # In the order of art. 4 ust. 1: culture (pkt 16) before sport (pkt 17).
    assert [r.texts[0][:7] for r in spheres.rows] == ["pkt 16:", "pkt 17:"]
    assert _values(spheres.rows[0].cells) == CULTURE
    assert _values(spheres.rows[1].cells) == SPORT
    assert _values(spheres.total.cells) == TOTAL
    assert [_values(r.cells)[0] for r in tables["nonfinancial"].rows] == [
        1,  # patronage of H
        2,  # rooms lent to H and I
        "7.50",  # hours: 3 × 2 h and 1.5 h
        1,  # projector
        1,  # promotion of I
        0,  # no joint team,
        0,  # nor its meetings,
        0,  # nor an opinion of the council in the year
    ]
    assert [_values(r.cells)[0] for r in tables["modes"].rows] == [0, 0, 0, 0]
    assert [_values(r.cells)[0] for r in tables["consultations"].rows] == [1, 3, 2]
    assert [_values(r.cells) for r in tables["workshops"].rows] == [
        [1, 2],  # workshop: three confirmed, one absent
        [1, 1],  # training
        [1, 1],  # advice hour
    ]
    assert _values(tables["workshops"].total.cells) == [3, 4]
    assert [_values(r.cells)[0] for r in tables["organisations"].rows] == [8, 7]


def test_a_correction_needs_a_reason_and_the_document_marks_it(report, clerk):
    culture = report.programme.priorities.get(position=2)
    key = f"priorities.{culture.pk}.funds_used"
    with pytest.raises(DomainError):
        services.figure_correct(
            report=report, actor=clerk, key=key, value="0", reason=" "
        )
    with pytest.raises(DomainError):
        services.figure_correct(
            report=report, actor=clerk, key="totals.nothing", value="1", reason="x"
        )
    correction = services.figure_correct(
        report=report,
        actor=clerk,
        key=key,
        value="2 400,00",
        reason="Sprawozdanie końcowe przyjęte na papierze 20 stycznia.",
    )
    assert correction.computed == Decimal("0.00")
    report.refresh_from_db()
    tables, corrections = _tables(report)
    cell = tables["priorities"].rows[1].cells[8]
    assert (cell.value, cell.note) == (Decimal("2400.00"), 1)
    # The totals add up the corrected figure; the sphere's cell carries the mark.
    assert tables["priorities"].total.cells[8].value == Decimal("10900.00")
    assert tables["spheres"].rows[0].cells[8].note == 1
    assert corrections == [correction]
    assert any("2400" in c.note for c in history(report))


def test_submission_keeps_the_figures_and_publication_is_audited(report, clerk, world):
    with time_machine.travel(datetime(2026, 4, 20, 9, tzinfo=WARSAW)):
        services.report_submit(annualreport=report, actor=clerk)
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_on == date(2026, 4, 20)
    # A transfer recorded later changes nothing in what the council received.
    Payment.objects.create(
        contract=world.contracts.c,
        instalment=2,
        paid_on=date(2025, 8, 1),
        amount=Decimal("2500.00"),
    )
    tables, _corrections = _tables(report)
    assert tables["priorities"].total.cells[7].value == Decimal("11500.00")
    with pytest.raises(DomainError):
        services.figure_correct(
            report=report,
            actor=clerk,
            key="consultations.consultations_held",
            value="2",
            reason="x",
        )
    with time_machine.travel(datetime(2026, 6, 2, 9, tzinfo=WARSAW)):
        with pytest.raises(DomainError):
            services.report_publish(
                annualreport=report,
                actor=clerk,
                published_on=date(2026, 6, 1),
                bip_url="bip",
            )
        services.report_publish(
            annualreport=report,
            actor=clerk,
            published_on=date(2026, 6, 1),
            bip_url="https://bip.radlin.example/sprawozdanie-2025",
        )
    report.refresh_from_db()
    assert report.status == "published"
    moves = [c for c in history(report) if c.from_status]
    assert [(c.from_status, c.to_status) for c in moves] == [
        ("draft", "submitted"),
        ("submitted", "published"),
    ]
    assert "art. 5a ust. 3" in moves[-1].note
    with pytest.raises(TransitionNotAllowed):
        services.report_return_to_draft(annualreport=report, actor=clerk, reason="x")


def test_submission_needs_the_summary_and_a_clerk(world, clerk, roles):
    report = services.report_create(year=2025, actor=clerk)
    with pytest.raises(DomainError):
        services.report_submit(annualreport=report, actor=clerk)
    with pytest.raises(DomainError):
        services.report_create(year=2025, actor=clerk)
    with pytest.raises(DomainError):
        services.report_create(year=2030, actor=clerk)
    from cooperation.core.exceptions import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        services.report_write(report=report, actor=roles.member_a, summary="x")


def test_indicators_show_planned_and_achieved(report, world):
    ProgrammeIndicator.objects.create(
        programme=world.programme,
        position=1,
        name="Uczestnicy szkoleń",
        measure="event_participants",
        parameters={"kind": "training"},
        target=Decimal("10"),
    )
    ProgrammeIndicator.objects.create(
        programme=world.programme,
        position=2,
        name="Odsetek zadowolonych organizacji",
        unit="percent",
        target=Decimal("80"),
        achieved=Decimal("76.5"),
        source="Ankieta ewaluacyjna",
    )
    tables, _corrections = _tables(report)
    rows = tables["indicators"].rows
    assert [r.texts[0] for r in rows] == [
        "Uczestnicy szkoleń",
        "Odsetek zadowolonych organizacji",
    ]
    assert _values(rows[0].cells) == [10, 1]
    assert "(szkolenie)" in rows[0].texts[1].lower()
    assert _values(rows[1].cells) == ["80.00", "76.50"]
    assert rows[1].texts[1] == "Ankieta ewaluacyjna"


def _messages(kind):
    return list(Notification.objects.filter(kind=kind))


def test_april_reminder_and_the_31_may_warning_go_out_once(world, clerk):
    world.programme.responsible = clerk
    world.programme.save()
    with time_machine.travel(datetime(2026, 3, 31, 9, tzinfo=WARSAW)):
        assert report_due(timezone.now()) == []
    with time_machine.travel(datetime(2026, 4, 2, 9, tzinfo=WARSAW)):
        sweep_reminders()
        sweep_reminders()
    due = _messages("evaluation.report_due")
    assert [(n.recipient_id, n.occasion) for n in due] == [
        (clerk.pk, "programme-report-due:2025")
    ]
    with time_machine.travel(datetime(2026, 5, 31, 20, tzinfo=WARSAW)):
        assert report_late(timezone.now()) == []
    with time_machine.travel(datetime(2026, 6, 1, 8, tzinfo=WARSAW)):
        sweep_reminders()
    with time_machine.travel(datetime(2026, 6, 15, 8, tzinfo=WARSAW)):
        sweep_reminders()
    late = _messages("evaluation.report_late")
    assert [(n.recipient_id, n.occasion) for n in late] == [
        (clerk.pk, "programme-report-late:2025")
    ]
    from cooperation.core.notifications import render_email

    email = render_email(late[0])
    assert "2025" in email.subject and "31" in email.body


def test_no_warning_once_the_report_is_published(report, clerk):
    AnnualReport.objects.filter(pk=report.pk).update(
        status="published",
        submitted_on=date(2026, 4, 20),
        published_on=date(2026, 4, 21),
        bip_url="https://bip.radlin.example/s",
    )
    with time_machine.travel(datetime(2026, 6, 1, 8, tzinfo=WARSAW)):
        assert report_late(timezone.now()) == []
    with time_machine.travel(datetime(2026, 4, 1, 8, tzinfo=WARSAW)):
        assert report_due(timezone.now()) == []


SECTIONS = [
    "1. Podsumowanie",
    "2. Zlecanie realizacji zadań publicznych",
    "3. Współpraca pozafinansowa",
    "4. Konsultacje projektów aktów",
    "5. Warsztaty, szkolenia i dyżury doradcze",
    "6. Organizacje uczestniczące",
    "7. Wskaźniki realizacji programu",
    "8. Wnioski",
    "9. Rekomendacje",
    "Dane skorygowane",
]


def test_the_pdf_holds_every_section_the_figures_and_the_correction(
    report, clerk, tmp_path
):
    key = "nonfinancial.patronages_granted"
    services.figure_correct(
        report=report,
        actor=clerk,
        key=key,
        value="2",
        reason="Patronat udzielony pisemnie.",
    )
    report.refresh_from_db()
    doc = report_document(report, sync=True)
    path = tmp_path / "sprawozdanie.pdf"
    path.write_bytes(doc.file.read())
    text = " ".join(pdf_text(path).split()).replace("\xa0", " ")
    for heading in SECTIONS:
        assert heading in text, heading
    assert "Sprawozdanie z realizacji programu współpracy" in text
    assert "31 maja każdego roku" in text  # art. 5a ust. 3, quoted
    assert "14 000,00" in text and "11 500,00" in text and "500,50" in text
    assert "Sport dzieci i" in text and "Wydarzenia" in text and "Razem" in text
    assert "Patronat udzielony pisemnie." in text and "*1" in text
    assert "Program zrealizowano." in text
    assert "ąęłńóśźż" not in text  # the glyphs are real letters, not replaced
    assert "Współpraca" in text and "kultury fizycznej" in text
    assert_pdf_ua(path)


def test_the_stored_pdf_is_served_again_while_nothing_changed(report, clerk):
    first = report_document(report, sync=True)
    again = report_document(report, sync=True)
    assert (again.pk, again.file.name) == (first.pk, first.file.name)
    services.report_write(report=report, actor=clerk, summary="Nowe podsumowanie.")
    report.refresh_from_db()
    changed = report_document(report, sync=True)
    assert changed.pk != first.pk
    assert GeneratedDocument.objects.filter(key="programme-report-2025").count() == 2


def test_the_years_quality_index_is_in_the_report_and_renews_its_pdf(report, clerk):
    from tests.evaluation.test_quality import _answered

    first = report_document(report, sync=True)
    assert report_context(report)["quality"] is None
    assessment, _indicators, _org = _answered(clerk, year=2025)
    quality_services.assessment_close(assessment=assessment, actor=clerk)
    quality_services.assessment_publish(
        assessment=assessment, actor=clerk, summary="Wnioski."
    )
    context = report_context(report)
    assert context["quality"].year == 2025
    html = render_to_string("evaluation/_quality_summary.html", context)
    assert "Indeks" in html
    assert str(context["quality"].overall).replace(".", ",") in html
    # The published index is one of the PDF's inputs: it is rendered again.
    assert report_document(report, sync=True).pk != first.pk
