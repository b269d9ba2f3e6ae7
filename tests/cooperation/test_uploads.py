"""Uploaded files: accepted by content, served after a permission check, never orphaned."""

import io
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import transaction
from django.urls import reverse
from PIL import Image

from consultations.models import ConsultationDocument, DraftVersion
from cooperation.core.uploads import DOCUMENTS, IMAGES, FileKinds
from ngos.models import Organisation
from tests.consultations.factories import ConsultationFactory
from tests.ngos.factories import MembershipFactory, OrganisationFactory
from tests.workshops.factories import EventFactory
from workshops.models import EventDocument

pytestmark = pytest.mark.django_db


def png(size=(32, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#2a6").save(buffer, "PNG")
    return buffer.getvalue()


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "#a26").save(buffer, "JPEG")
    return buffer.getvalue()


def docx_file() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("§ 1. Uchwała wchodzi w życie.")
    document.save(buffer)
    return buffer.getvalue()


def odt_file() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = (
    b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


# --- accepted by content ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kinds", "name", "content"),
    [
        (DOCUMENTS, "program.pdf", PDF),
        (DOCUMENTS, "projekt.docx", docx_file()),
        (DOCUMENTS, "projekt.odt", odt_file()),
        (DOCUMENTS, "grafika.pdf", PDF.replace(b"\n1 0", b"\n% <svg> quoted\n1 0")),
        (IMAGES, "logo.png", png()),
        (IMAGES, "logo.jpg", jpeg()),
        (("docx", "txt"), "projekt.txt", "§ 1. Zażółć gęślą jaźń.".encode()),
    ],
)
def test_files_of_the_listed_kinds_are_accepted(kinds, name, content):
    FileKinds(*kinds)(upload(name, content))


@pytest.mark.parametrize(
    ("kinds", "name", "content", "code"),
    [
        (IMAGES, "logo.svg", SVG, "file_svg"),
        (IMAGES, "logo.png", SVG, "file_svg"),
        (DOCUMENTS, "zalacznik.pdf", HTML, "file_html"),
        (("docx", "txt"), "projekt.txt", HTML, "file_html"),
        (DOCUMENTS, "zalacznik.pdf", EXE, "file_program"),
        (IMAGES, "logo.png", EXE, "file_program"),
        # The right name is not enough: the content decides.
        (DOCUMENTS, "projekt.docx", b"PK\x03\x04 not really a zip", "file_kind"),
        (("docx", "txt"), "projekt.docx", odt_file(), "file_kind"),
        (IMAGES, "logo.png", b"\x89PNG\r\n\x1a\n broken", "file_kind"),
        (IMAGES, "logo.png", PDF, "file_kind"),
        # The right content under a misleading name is refused too.
        (DOCUMENTS, "zalacznik.docx", PDF, "file_extension"),
        (IMAGES, "logo.gif", png(), "file_extension"),
    ],
)
def test_other_files_are_refused_by_content_with_a_reason(kinds, name, content, code):
    with pytest.raises(ValidationError) as refused:
        FileKinds(*kinds)(upload(name, content))
    assert refused.value.code == code


def test_an_upload_above_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_MB = 1
    with pytest.raises(ValidationError) as refused:
        FileKinds(*DOCUMENTS)(upload("duzy.pdf", PDF + b"0" * 2 * 1024 * 1024))
    assert refused.value.code == "file_too_large"


def test_a_zip_that_expands_beyond_the_limit_is_refused(settings):
    settings.DOCX_MAX_UNCOMPRESSED_MB = 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "0" * 3 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        FileKinds("docx")(upload("bomba.docx", buffer.getvalue()))
    assert refused.value.code == "file_expands"


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Organisation, "logo"),
        (ConsultationDocument, "file"),
        (DraftVersion, "source_file"),
        (EventDocument, "file"),
    ],
)
def test_every_uploaded_file_field_checks_kinds(model, field):
    """The admin, the portal's forms and full_clean() all run the model field's rule."""
    validators = model._meta.get_field(field).validators
    assert any(isinstance(v, FileKinds) for v in validators)


def test_full_clean_refuses_an_svg_event_document_with_a_message():
    event = EventFactory()
    document = EventDocument(
        event=event, title="Plakat", file=upload("plakat.pdf", SVG)
    )
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert "SVG" in str(refused.value.message_dict["file"])


def test_the_profile_form_refuses_an_svg_logo_and_keeps_what_was_typed(client):
    member = MembershipFactory()
    client.force_login(member.user)
    organisation = member.organisation
    url = reverse("ngos:organisation-edit", args=[organisation.slug])
    data = {
        "name": organisation.name,
        "legal_form": organisation.legal_form,
        "krs": organisation.krs,
        "nip": organisation.nip,
        "regon": organisation.regon,
        "postal_code": "44-310",
        "description": "Opis, którego nie wolno zgubić.",
        "logo": upload("logo.png", SVG),
    }
    response = client.post(url, data, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    assert "Opis, którego nie wolno zgubić." in response.content.decode()


def test_the_draft_upload_refuses_a_web_page_named_txt():
    from consultations.forms import DraftUploadForm

    form = DraftUploadForm({"note": ""}, {"source_file": upload("projekt.txt", HTML)})
    assert not form.is_valid()
    assert "source_file" in form.errors


# --- served after a permission check ----------------------------------------------


def _with_logo(**kwargs) -> Organisation:
    organisation = OrganisationFactory(**kwargs)
    organisation.logo.save("logo.png", ContentFile(png()))
    return organisation


def test_a_public_logo_is_shown_to_anyone_with_safe_headers(client):
    organisation = _with_logo()
    url = organisation.logo.url
    assert url.startswith("/pliki/logos/")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert not response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == png()


def test_the_profile_links_the_logo_through_the_checked_url(client):
    organisation = _with_logo()
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert f'src="{organisation.logo.url}"' in page
    assert "/media/" not in page


def test_the_logo_of_an_unverified_organisation_is_for_its_members_only(client):
    organisation = _with_logo(verified_at=None)
    member = MembershipFactory(organisation=organisation).user
    url = organisation.logo.url
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 200


def test_a_file_in_storage_that_no_row_holds_is_not_served(client, settings):
    Path(settings.MEDIA_ROOT, "logos").mkdir(parents=True)
    Path(settings.MEDIA_ROOT, "logos", "stray.png").write_bytes(png())
    assert client.get("/pliki/logos/stray.png").status_code == 404
    assert client.get("/pliki/../settings.py").status_code == 404


def test_a_pdf_is_shown_in_the_browser_and_may_load_nothing(client):
    consultation = ConsultationFactory(published=True)
    document = ConsultationDocument(consultation=consultation, title="Uzasadnienie")
    document.file.save("uzasadnienie.pdf", ContentFile(PDF))
    response = client.get(document.file.url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_document_that_is_not_a_pdf_or_image_is_downloaded(client):
    event = EventFactory()
    document = EventDocument(event=event, title="Program")
    document.file.save("program.docx", ContentFile(docx_file()))
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_stored_web_page_is_never_shown_inline(client):
    """A file stored before the rules (or by a bug) is downloaded, not rendered."""
    event = EventFactory()
    document = EventDocument(event=event, title="Stary")
    document.file.save("stary.pdf", ContentFile(HTML))
    response = client.get(document.file.url)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] != "text/html"
    assert "sandbox" in response["Content-Security-Policy"]


def test_unpublished_event_documents_are_for_clerks(client, clerk):
    event = EventFactory()
    hidden = EventDocument(event=event, title="Notatki", is_public=False)
    hidden.file.save("notatki.pdf", ContentFile(PDF))
    draft_event = EventFactory(draft=True)
    draft = EventDocument(event=draft_event, title="Program")
    draft.file.save("program.pdf", ContentFile(PDF))
    for document in (hidden, draft):
        assert client.get(document.file.url).status_code == 404
    client.force_login(clerk)
    for document in (hidden, draft):
        assert client.get(document.file.url).status_code == 200


def test_draft_consultation_documents_and_source_files_stay_in_the_office(
    client, resident, clerk
):
    published = ConsultationFactory(published=True)
    public = ConsultationDocument(consultation=published, title="Uzasadnienie")
    public.file.save("uzasadnienie.pdf", ContentFile(PDF))
    draft = ConsultationDocument(consultation=ConsultationFactory(), title="Projekt")
    draft.file.save("projekt.pdf", ContentFile(PDF))
    version = DraftVersion(consultation=published, number=1, source_text="§ 1.")
    version.source_file.save("projekt.docx", ContentFile(docx_file()))
    assert client.get(public.file.url).status_code == 200
    client.force_login(resident)
    assert client.get(draft.file.url).status_code == 404
    assert client.get(version.source_file.url).status_code == 404
    client.force_login(clerk)
    assert client.get(draft.file.url).status_code == 200
    assert client.get(version.source_file.url).status_code == 200


def test_the_consultation_page_links_documents_through_the_checked_url(client):
    consultation = ConsultationFactory(published=True)
    document = ConsultationDocument(consultation=consultation, title="Uzasadnienie")
    document.file.save("uzasadnienie.pdf", ContentFile(PDF))
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert f'href="{document.file.url}"' in page
    assert document.file.url.startswith("/pliki/consultations/")


def test_the_proxy_sends_the_bytes_when_a_sendfile_header_is_set(client, settings):
    settings.MEDIA_SENDFILE_HEADER = "X-Accel-Redirect"
    settings.MEDIA_SENDFILE_PREFIX = "/protected-media/"
    organisation = _with_logo()
    response = client.get(organisation.logo.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + organisation.logo.name
    assert response.content == b""
    assert response["X-Content-Type-Options"] == "nosniff"


# --- storage follows the rows ------------------------------------------------------


def test_a_replaced_logo_is_deleted_after_the_commit(
    django_capture_on_commit_callbacks,
):
    organisation = _with_logo()
    old = Path(organisation.logo.path)
    with django_capture_on_commit_callbacks(execute=True):
        organisation.logo = upload("nowe.png", png((40, 40)))
        organisation.save()
    assert not old.exists()
    assert Path(organisation.logo.path).exists()


def test_a_cleared_logo_and_a_deleted_document_leave_no_file(
    django_capture_on_commit_callbacks,
):
    organisation = _with_logo()
    logo = Path(organisation.logo.path)
    document = EventDocument(event=EventFactory(), title="Program")
    document.file.save("program.pdf", ContentFile(PDF))
    stored = Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        organisation.logo = ""
        organisation.save()
        document.delete()
    assert not logo.exists()
    assert not stored.exists()


def test_a_replacement_that_is_rolled_back_keeps_the_old_file():
    organisation = _with_logo()
    old = Path(organisation.logo.path)
    with pytest.raises(RuntimeError), transaction.atomic():
        organisation.logo = upload("nowe.png", png((40, 40)))
        organisation.save()
        raise RuntimeError
    assert old.exists()


@pytest.mark.django_db(transaction=True)
def test_a_file_written_by_a_save_that_is_rolled_back_is_deleted(settings):
    organisation = OrganisationFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        organisation.logo = upload("logo.png", png())
        organisation.save()
        written = Path(organisation.logo.path)
        assert written.exists()
        raise RuntimeError
    request_finished.send(sender=None)
    assert not written.exists()


@pytest.mark.django_db(transaction=True)
def test_a_committed_upload_is_kept_at_the_end_of_the_request():
    organisation = OrganisationFactory()
    with transaction.atomic():
        organisation.logo = upload("logo.png", png())
        organisation.save()
    request_finished.send(sender=None)
    assert Path(organisation.logo.path).exists()


def test_a_profile_form_that_fails_leaves_no_file(client, settings):
    member = MembershipFactory()
    client.force_login(member.user)
    url = reverse("ngos:organisation-edit", args=[member.organisation.slug])
    response = client.post(
        url,
        {"name": "", "postal_code": "zły", "logo": upload("logo.png", png())},
    )
    assert response.status_code == 200
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
