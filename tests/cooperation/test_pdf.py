import io

import pytest
from django.core.files.base import ContentFile
from django.test import RequestFactory
from pypdf import PdfReader

from cooperation.core import background, pdf
from cooperation.core.models import GeneratedDocument
from cooperation.core.registry import document_contexts
from tests.conftest import pdf_text, without_cache_bumps

PANGRAM = "Zażółć gęślą jaźń"


def _catalog(data: bytes):
    return PdfReader(io.BytesIO(data)).trailer["/Root"]


def test_pdf_text_is_extractable_polish_and_tagged(tmp_path):
    data = pdf.render_pdf(
        "pdf/sample.html", {"text": PANGRAM}, title="Dokument próbny", lang="pl"
    )
    path = tmp_path / "sample.pdf"
    path.write_bytes(data)

    text = pdf_text(path)
    assert PANGRAM in text
    assert "Strona 1 z 1" in text
    assert "Gmina Radlin" in text
    catalog = _catalog(data)
    assert catalog["/Lang"] == "pl"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Dokument próbny"


def test_running_header_and_footer_are_artifacts_and_headers_have_a_scope():
    from tests.conftest import assert_pdf_ua

    data = pdf.render_pdf(
        "pdf/sample.html",
        {"text": PANGRAM, "rows": [{"name": "a", "value": "1"}] * 90},
        title="Dokument próbny",
    )
    assert len(PdfReader(io.BytesIO(data)).pages) >= 2
    assert_pdf_ua(data)


def test_pdf_in_english_declares_english(tmp_path):
    data = pdf.render_pdf(
        "pdf/sample.html", {"text": "Hello"}, title="Sample", lang="en"
    )
    path = tmp_path / "sample.pdf"
    path.write_bytes(data)

    assert _catalog(data)["/Lang"] == "en"
    assert "Page 1 of 1" in pdf_text(path)


def test_pdf_embeds_bundled_fonts_only():
    data = pdf.render_pdf("pdf/sample.html", {"text": PANGRAM}, title="Fonty")
    reader = PdfReader(io.BytesIO(data))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Portal-Sans" in name for name in fonts)


def test_css_string_cannot_break_out_of_style():
    quoted = pdf.css_string('a"b</style><script>')
    assert "</style" not in quoted
    assert quoted.startswith('"') and quoted.endswith('"')
    assert '"' not in quoted[1:-1]


def test_url_fetcher_refuses_network_and_foreign_files():
    fetcher = pdf._url_fetcher_class()()
    with pytest.raises(ValueError):
        fetcher.fetch("http://example.org/logo.png")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    font = fetcher.fetch("file:///static/fonts/dejavu/DejaVuSans.ttf")
    assert font is not None


@pytest.mark.django_db
def test_same_inputs_are_served_from_storage(monkeypatch):
    calls = []
    real = pdf.render_pdf

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf, "render_pdf", counting)
    args = {
        "template_name": "pdf/sample.html",
        "context": {"text": PANGRAM},
        "title": "Sprawozdanie",
        "inputs": {"text": PANGRAM, "version": 1},
    }

    first = pdf.document_for("report-2027", **args)
    second = pdf.document_for("report-2027", **args)

    assert len(calls) == 1
    assert first.pk == second.pk
    assert second.status == GeneratedDocument.Status.READY
    assert second.size == len(second.file.read()) > 0
    assert second.render_seconds is not None

    changed = pdf.document_for(
        "report-2027", **{**args, "inputs": {"text": PANGRAM, "version": 2}}
    )
    assert len(calls) == 2
    assert changed.pk != first.pk
    assert GeneratedDocument.objects.filter(key="report-2027").count() == 2


def test_canonical_json_ignores_key_order():
    assert pdf.inputs_hash({"a": 1, "b": [1, 2]}) == pdf.inputs_hash(
        {"b": [1, 2], "a": 1}
    )
    assert pdf.inputs_hash({"a": 1}) != pdf.inputs_hash({"a": 2})


@pytest.mark.django_db
def test_failed_render_is_recorded_and_retried(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    args = {
        "template_name": "pdf/sample.html",
        "context": {"text": "x"},
        "title": "T",
        "inputs": {"x": 1},
    }
    with pytest.raises(RuntimeError):
        pdf.document_for("broken", **args)
    doc = GeneratedDocument.objects.get(key="broken")
    assert doc.status == GeneratedDocument.Status.FAILED
    assert "no fonts" in doc.error

    monkeypatch.undo()
    again = pdf.document_for("broken", **args)
    assert again.pk == doc.pk
    assert again.status == GeneratedDocument.Status.READY


@pytest.mark.django_db
def test_long_document_is_rendered_by_the_task(django_capture_on_commit_callbacks):
    from cooperation.celery import app

    document_contexts.add("pdf/sample.html", lambda obj: {"text": "z zadania"})
    try:
        # With a worker, the request only queues the render ...
        app.conf.task_always_eager = False
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            doc = pdf.document_for(
                "programme-2027",
                template_name="pdf/sample.html",
                title="Program",
                inputs={"year": 2027},
                sync=False,
            )
        assert doc.status == GeneratedDocument.Status.PENDING
        assert not doc.file
        assert len(without_cache_bumps(callbacks)) == 1

        # ... and the task renders it (run here in-process, as the worker would).
        app.conf.task_always_eager = True
        without_cache_bumps(callbacks)[0]()
    finally:
        app.conf.task_always_eager = True
        document_contexts._entries.pop("pdf/sample.html", None)

    doc.refresh_from_db()
    assert doc.status == GeneratedDocument.Status.READY
    assert doc.file


@pytest.mark.django_db
def test_long_document_is_rendered_at_once_when_tasks_run_in_process(
    django_capture_on_commit_callbacks,
):
    document_contexts.add("pdf/sample.html", lambda obj: {"text": "w procesie"})
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            doc = pdf.document_for(
                "programme-2027",
                template_name="pdf/sample.html",
                title="Program",
                inputs={"year": 2027},
                sync=False,
            )
    finally:
        document_contexts._entries.pop("pdf/sample.html", None)
    assert without_cache_bumps(callbacks) == []
    assert doc.status == GeneratedDocument.Status.READY
    assert doc.file.read().startswith(b"%PDF")


@pytest.mark.django_db
def test_in_process_render_failure_is_kept_on_the_row_not_raised(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    doc = pdf.document_for(
        "broken-long",
        template_name="pdf/sample.html",
        context={"text": "x"},
        title="Program",
        inputs={"year": 2027},
        sync=False,
    )
    assert doc.status == GeneratedDocument.Status.FAILED
    assert "no fonts" in doc.error
    response = pdf.serve_document(RequestFactory().get("/x.pdf"), doc)
    assert response.status_code == 503


@pytest.mark.django_db
def test_serve_document_says_pending_then_serves_pdf():
    doc = GeneratedDocument.objects.create(
        key="programme-2027", input_hash="0" * 64, title="Program 2027"
    )
    request = RequestFactory().get("/program-wspolpracy/2027/program.pdf")

    waiting = pdf.serve_document(request, doc)
    assert waiting.status_code == 202
    assert waiting["Retry-After"] == "5"
    assert "Program 2027" in waiting.content.decode()

    doc.file.save("p.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    doc.status = GeneratedDocument.Status.READY
    doc.save()
    ready = pdf.serve_document(request, doc, filename="program-2027.pdf")
    assert ready.status_code == 200
    assert ready["Content-Type"] == "application/pdf"
    assert ready["Content-Disposition"] == 'inline; filename="program-2027.pdf"'
    assert b"".join(ready.streaming_content) == b"%PDF-1.7 test"


@pytest.mark.django_db
def test_serve_document_reports_failure():
    doc = GeneratedDocument.objects.create(
        key="x", input_hash="1" * 64, status=GeneratedDocument.Status.FAILED
    )
    response = pdf.serve_document(RequestFactory().get("/x.pdf"), doc)
    assert response.status_code == 503


@pytest.mark.django_db
def test_admin_shows_render_time_and_downloads_file(clerk):
    from django.contrib import admin

    from cooperation.core.admin import GeneratedDocumentAdmin

    doc = pdf.document_for(
        "admin-doc",
        template_name="pdf/sample.html",
        context={"text": PANGRAM},
        title="Dokument",
        inputs={"n": 1},
    )
    model_admin = GeneratedDocumentAdmin(GeneratedDocument, admin.site)
    assert "download" in model_admin.file_link(doc)
    assert model_admin.render_time(doc).endswith(" s")

    request = RequestFactory().get("/")
    request.user = clerk
    clerk.is_superuser = True
    response = model_admin.download_view(request, doc.pk)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_lost_file_is_rendered_again():
    args = {
        "template_name": "pdf/sample.html",
        "context": {"text": PANGRAM},
        "title": "T",
        "inputs": {"n": 1},
    }
    doc = pdf.document_for("lost", **args)
    doc.file.storage.delete(doc.file.name)

    again = pdf.document_for("lost", **args)

    assert again.pk == doc.pk
    assert again.file.storage.exists(again.file.name)


@pytest.mark.django_db
def test_broker_outage_leaves_document_to_be_queued_again(
    monkeypatch, django_capture_on_commit_callbacks, tasks_on_a_worker
):
    from cooperation.core.tasks import render_document_task

    sent = []

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    args = {
        "template_name": "pdf/sample.html",
        "context": {"text": "x"},
        "title": "T",
        "inputs": {"n": 1},
        "sync": False,
    }
    monkeypatch.setattr(render_document_task, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        doc = pdf.document_for("queued", **args)
    doc.refresh_from_db()
    assert doc.status == GeneratedDocument.Status.PENDING

    monkeypatch.setattr(
        render_document_task, "apply_async", lambda args, kwargs: sent.append(args)
    )
    # The broker's retry window has passed.
    monkeypatch.setattr(background, "_broker_down_until", 0.0)
    with django_capture_on_commit_callbacks(execute=True):
        pdf.document_for("queued", **args)
    assert sent == [(doc.pk,)]
