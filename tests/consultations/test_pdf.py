import pytest

from consultations.reports import report_document
from tests.conftest import pdf_text
from tests.consultations.factories import CommentFactory, ConsultationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(roles):
    consultation = ConsultationFactory(
        ended=True,
        with_text=True,
        status="report_published",
        title="Projekt uchwały o lokalach",
    )
    unit = consultation.versions.get().units.get(label="§ 2 pkt 1")
    CommentFactory(
        consultation=consultation,
        organisation=roles.org_a,
        unit=unit,
        justification="Źdźbło uzasadnienia organizacji.",
        decision="partly",
        decision_justification="Częściowo: zmieniono brzmienie pkt 1.",
    )
    CommentFactory(
        consultation=consultation,
        author_name="Jan Kowalski",
        name_consent=False,
        justification="Uwaga mieszkańca bez zgody na nazwisko.",
        decision="accepted",
    )
    CommentFactory(
        consultation=consultation,
        hidden=True,
        justification="Ukryta obelga.",
        decision="",
    )
    return consultation


def test_report_pdf_lists_every_comment_with_decision(reported, tmp_path):
    doc = report_document(reported, sync=True)
    path = tmp_path / "raport.pdf"
    path.write_bytes(doc.file.read())
    text = " ".join(pdf_text(path).split())
    assert "Projekt uchwały o lokalach" in text
    assert "Stowarzyszenie A" in text
    assert "Źdźbło uzasadnienia organizacji." in text
    assert "Częściowo: zmieniono brzmienie pkt 1." in text
    assert "§ 2 pkt 1" in text
    assert "Jan Kowalski" not in text
    assert "Ukryta obelga." not in text


def test_report_pdf_is_rendered_by_a_task_and_stored(
    reported, client, django_capture_on_commit_callbacks
):
    url = f"/konsultacje/{reported.pk}/raport.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(url)
    assert first.status_code == 202
    second = client.get(url)
    assert second.status_code == 200 and second["Content-Type"] == "application/pdf"
    # Unchanged inputs: the same stored document.
    assert report_document(reported).pk == report_document(reported).pk


def test_report_pdf_has_one_participation_heading(reported, tmp_path):
    doc = report_document(reported, sync=True)
    path = tmp_path / "raport.pdf"
    path.write_bytes(doc.file.read())
    lines = [line.strip() for line in pdf_text(path).splitlines()]
    assert lines.count("Udział") == 1
