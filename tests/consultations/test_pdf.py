import pytest

from consultations import services
from consultations.reports import report_document
from cooperation.core.models import GeneratedDocument
from tests.conftest import assert_pdf_ua, pdf_text, without_cache_bumps
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
    assert_pdf_ua(path)
    assert "Projekt uchwały o lokalach" in text
    assert "Stowarzyszenie A" in text
    assert "Źdźbło uzasadnienia organizacji." in text
    assert "Częściowo: zmieniono brzmienie pkt 1." in text
    assert "§ 2 pkt 1" in text
    assert "Jan Kowalski" not in text
    assert "Ukryta obelga." not in text


def test_report_pdf_is_rendered_in_the_request_and_stored(reported, client):
    url = f"/konsultacje/{reported.pk}/raport.pdf"
    first = client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    second = client.get(url)
    assert second.status_code == 200 and second["Content-Type"] == "application/pdf"
    # Unchanged inputs: the same stored document.
    assert report_document(reported).pk == report_document(reported).pk
    assert GeneratedDocument.objects.filter(object_id=reported.pk).count() == 1


def test_with_a_worker_the_report_is_queued_and_being_prepared(
    reported, client, tasks_on_a_worker, django_capture_on_commit_callbacks
):
    url = f"/konsultacje/{reported.pk}/raport.pdf"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.get(url)
    assert response.status_code == 202
    assert len(without_cache_bumps(callbacks)) == 1


@pytest.fixture
def decided(roles):
    """An ended consultation whose every comment has the office's decision."""
    consultation = ConsultationFactory(ended=True, with_text=True)
    CommentFactory(
        consultation=consultation,
        organisation=roles.org_a,
        justification="Uwaga o lokalach.",
        decision="accepted",
    )
    CommentFactory(
        consultation=consultation,
        author_name="Anna Nowak",
        name_consent=True,
        justification="Druga uwaga do odrzucenia.",
        decision="rejected",
        decision_justification="Niezgodna z ustawą.",
    )
    return consultation


def _stored_reports(consultation):
    return GeneratedDocument.objects.filter(
        key=f"consultation-report-{consultation.pk}",
        status=GeneratedDocument.Status.READY,
    )


def test_publishing_the_report_stores_its_pdf_before_the_first_reader(
    decided, clerk, client, django_capture_on_commit_callbacks, tmp_path
):
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_publish_report(
            consultation=decided, actor=clerk, summary="Dwie uwagi."
        )
    stored = _stored_reports(decided).get()
    path = tmp_path / "raport.pdf"
    path.write_bytes(stored.file.read())
    assert "Niezgodna z ustawą." in " ".join(pdf_text(path).split())

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.get(f"/konsultacje/{decided.pk}/raport.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert without_cache_bumps(callbacks) == []
    assert GeneratedDocument.objects.get(pk=stored.pk).updated_at == stored.updated_at
    assert _stored_reports(decided).count() == 1


def test_hiding_a_comment_of_a_published_report_renders_the_report_again(
    decided, clerk, django_capture_on_commit_callbacks, tmp_path
):
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_publish_report(consultation=decided, actor=clerk)
    first = _stored_reports(decided).get()
    comment = decided.comments.get(author_name="Anna Nowak")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_hide(comment=comment, actor=clerk, reason="Dane osobowe.")
    latest = _stored_reports(decided).exclude(pk=first.pk).get()
    path = tmp_path / "raport.pdf"
    path.write_bytes(latest.file.read())
    assert "Druga uwaga do odrzucenia." not in " ".join(pdf_text(path).split())
    decided.refresh_from_db()
    assert report_document(decided).pk == latest.pk


def test_decisions_before_publication_render_no_report(
    decided, clerk, django_capture_on_commit_callbacks
):
    comment = decided.comments.get(author_name="Anna Nowak")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.comment_decide(comment=comment, actor=clerk, decision="accepted")
    # The report is not public yet: nothing to render for a reader.
    assert without_cache_bumps(callbacks) == []
    assert not _stored_reports(decided).exists()


def test_report_pdf_has_one_participation_heading(reported, tmp_path):
    doc = report_document(reported, sync=True)
    path = tmp_path / "raport.pdf"
    path.write_bytes(doc.file.read())
    lines = [line.strip() for line in pdf_text(path).splitlines()]
    assert lines.count("Udział") == 1
