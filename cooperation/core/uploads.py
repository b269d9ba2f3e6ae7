"""Uploaded files: what each file field accepts, who may download it, and its storage.

* **Kinds.** Every file field of the portal names the kinds it accepts
  (``validators=[FileKinds("pdf", "docx")]``). A file is recognised by its content —
  a PDF starts with ``%PDF-``, an image must open and verify in Pillow, a .docx or an
  .odt is a zip archive holding the parts of its format — and its name must end as
  its kind does. SVG images, web pages and programs are refused with a message
  saying why; so is anything larger than ``UPLOAD_MAX_MB``.
* **Serving.** Files are not served from a public folder. ``MEDIA_URL`` points at
  :func:`serve`, which finds the registered field holding the file
  (:data:`~cooperation.core.registry.uploaded_files`, one :class:`FileAccess` per
  field, added by the app owning the model) and answers only when the object is in
  the entry's ``visible_to(user)`` queryset. PDFs and images are shown in the
  browser, anything else is downloaded; every answer carries ``nosniff`` and a
  sandboxing Content-Security-Policy. With ``MEDIA_SENDFILE_HEADER`` set, the
  reverse proxy sends the bytes (``X-Accel-Redirect`` or ``X-Sendfile``).
* **Storage.** A file replaced or cleared is deleted once the change is committed,
  and so is the file of a deleted row. A file written in a transaction that is
  rolled back (a refused save) is deleted at the end of the request.
"""

from __future__ import annotations

import logging
import mimetypes
import threading
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.signals import request_finished
from django.db import connection, models, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from .limits import upload_limit
from .registry import uploaded_files

logger = logging.getLogger(__name__)

HEAD_BYTES = 2048


# --- Kinds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A type of file the portal accepts: its label, names and how it is recognised."""

    label: str
    extensions: tuple[str, ...]
    content_type: str
    # Shown in the browser (PDFs and raster images); everything else is downloaded.
    inline: bool = False


KINDS: dict[str, Kind] = {
    "pdf": Kind("PDF", (".pdf",), "application/pdf", inline=True),
    "png": Kind("PNG", (".png",), "image/png", inline=True),
    "jpeg": Kind("JPEG", (".jpg", ".jpeg"), "image/jpeg", inline=True),
    "gif": Kind("GIF", (".gif",), "image/gif", inline=True),
    "webp": Kind("WebP", (".webp",), "image/webp", inline=True),
    "docx": Kind(
        "DOCX",
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": Kind(
        "XLSX",
        (".xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "pptx": Kind(
        "PPTX",
        (".pptx",),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "odt": Kind("ODT", (".odt",), "application/vnd.oasis.opendocument.text"),
    "ods": Kind("ODS", (".ods",), "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": Kind("ODP", (".odp",), "application/vnd.oasis.opendocument.presentation"),
    "txt": Kind("TXT", (".txt",), "text/plain"),
}

IMAGES = ("png", "jpeg", "gif", "webp")
DOCUMENTS = ("pdf", "docx", "odt", "xlsx", "ods")

# Pillow's name of each image kind.
_PILLOW_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}
# The main part each Office Open XML kind must hold.
_OOXML_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
_ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}


def _magic(head: bytes) -> str | None:
    """The kind the first bytes announce, before any closer look."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def _markup(head: bytes) -> str | None:
    """ "svg" or "html" for a file that a browser would run as a page."""
    text = head.lstrip(b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n").lower().replace(b"\x00", b"")
    if b"<svg" in text[:HEAD_BYTES]:
        return "svg"
    if text.startswith(b"<") and any(
        tag in text
        for tag in (b"<!doctype", b"<html", b"<script", b"<body", b"<iframe", b"<?xml")
    ):
        return "html"
    return None


def _program(head: bytes) -> bool:
    return head.startswith(
        (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
    )


def _is_image(file: IO[bytes], kind: str) -> bool:
    from PIL import Image

    try:
        with Image.open(file) as image:
            if image.format != _PILLOW_FORMATS[kind]:
                return False
            image.verify()
    except Exception:  # noqa: BLE001 - Pillow raises many types for a broken image.
        return False
    return True


def _zip_kind(file: IO[bytes], wanted: Iterable[str]) -> str | None:
    """The Office Open XML or OpenDocument kind of a zip archive, if it is one."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            expanded = sum(member.file_size for member in archive.infolist())
            if expanded > settings.DOCX_MAX_UNCOMPRESSED_MB * 1024 * 1024:
                raise ValidationError(
                    _(
                        "This file expands to %(size)s MB when opened, more than the "
                        "%(limit)s MB accepted."
                    ),
                    code="file_expands",
                    params={
                        "size": expanded // 2**20,
                        "limit": settings.DOCX_MAX_UNCOMPRESSED_MB,
                    },
                )
            for kind in wanted:
                if kind in _OOXML_PARTS:
                    if "[Content_Types].xml" in names and _OOXML_PARTS[kind] in names:
                        return kind
                elif kind in _ODF_TYPES and "mimetype" in names:
                    if archive.read("mimetype").strip() == _ODF_TYPES[kind]:
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
        return None
    return None


def _is_text(content: bytes) -> bool:
    for encoding in ("utf-8-sig", "cp1250", "iso-8859-2"):
        try:
            content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def detect(file: IO[bytes], wanted: Iterable[str]) -> str | None:
    """The kind among ``wanted`` that the content of ``file`` is, or None.

    Raises ValidationError for a zip archive that would expand beyond the limit and
    for a text with NUL characters.
    The file is read from its start and left at its start.
    """
    wanted = tuple(wanted)
    try:
        file.seek(0)
        head = file.read(HEAD_BYTES)
        file.seek(0)
        magic = _magic(head)
        if magic in _PILLOW_FORMATS and magic in wanted:
            return magic if _is_image(file, magic) else None
        if magic == "pdf" and "pdf" in wanted:
            return "pdf"
        if magic == "zip":
            return _zip_kind(
                file, [k for k in wanted if k in _OOXML_PARTS or k in _ODF_TYPES]
            )
        if magic is None and "txt" in wanted and not _markup(head):
            content = file.read(upload_limit() + 1)
            if b"\x00" in content:
                raise ValidationError(
                    _(
                        "The file contains NUL characters (code 0): it is not a text "
                        "document. Upload a .docx or .txt file."
                    ),
                    code="file_nul",
                )
            return "txt" if _is_text(content) else None
        return None
    finally:
        file.seek(0)


def _labels(kinds: Iterable[str]) -> str:
    return ", ".join(KINDS[k].label for k in kinds)


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > name.rfind("/") else ""


@deconstructible
class FileKinds:
    """A file field's rule: only files of these kinds (by content), at most ``UPLOAD_MAX_MB``.

    ``FileKinds(*IMAGES)`` for a logo, ``FileKinds("pdf", "docx", "odt")`` for a
    document. A file already stored is not read again.
    """

    def __init__(self, *kinds: str) -> None:
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"Unknown file kinds: {sorted(unknown)}")
        self.kinds = tuple(kinds)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileKinds) and other.kinds == self.kinds

    def __call__(self, value: Any) -> None:
        if not value:
            return
        if getattr(value, "_committed", False):
            return  # a stored file, unchanged
        file = getattr(value, "file", value)
        name = str(getattr(value, "name", "") or "")
        size = getattr(value, "size", None)
        accepted = _labels(self.kinds)
        if size is not None and size > upload_limit():
            raise ValidationError(
                _(
                    "The file is too large: %(size)s MB, at most %(limit)s MB are accepted."
                ),
                code="file_too_large",
                params={
                    "size": f"{size / 2**20:.1f}".replace(".", ","),
                    "limit": settings.UPLOAD_MAX_MB,
                },
            )
        file.seek(0)
        head = file.read(HEAD_BYTES)
        file.seek(0)
        if _program(head):
            raise ValidationError(
                _(
                    "This file is a program, which the portal does not accept. "
                    "Accepted: %(kinds)s."
                ),
                code="file_program",
                params={"kinds": accepted},
            )
        # Markup is looked for only in a file that announces no binary format: a PDF
        # may well quote "<svg" in its first kilobytes.
        markup = None if _magic(head) else _markup(head)
        if markup == "svg":
            raise ValidationError(
                _(
                    "SVG images are not accepted: they can hold scripts. Save the "
                    "image as PNG or JPEG. Accepted: %(kinds)s."
                ),
                code="file_svg",
                params={"kinds": accepted},
            )
        if markup == "html":
            raise ValidationError(
                _(
                    "This file is a web page (HTML), which the portal does not "
                    "accept. Accepted: %(kinds)s."
                ),
                code="file_html",
                params={"kinds": accepted},
            )
        kind = detect(file, self.kinds)
        if kind is None:
            raise ValidationError(
                _(
                    "The content of this file is not of an accepted type, whatever "
                    "its name says. Accepted: %(kinds)s."
                ),
                code="file_kind",
                params={"kinds": accepted},
            )
        if _extension(name) not in KINDS[kind].extensions:
            raise ValidationError(
                _(
                    "This file is a %(kind)s file, but its name does not end in "
                    "%(extension)s. Rename it and upload it again."
                ),
                code="file_extension",
                params={
                    "kind": KINDS[kind].label,
                    "extension": KINDS[kind].extensions[0],
                },
            )

    def accept(self) -> str:
        """The ``accept`` attribute of a file input for these kinds."""
        return ",".join(
            sorted({ext for k in self.kinds for ext in KINDS[k].extensions})
        )


# --- Who may download what -----------------------------------------------------------


@dataclass(frozen=True)
class FileAccess:
    """A file field and who may download its files.

    ``visible_to(user)`` is the queryset of the model's rows whose file this person
    may download; the file is looked up in it by name, in one query.
    """

    model: type[models.Model]
    field: str
    visible_to: Callable[[Any], models.QuerySet]

    @property
    def prefix(self) -> str:
        """The fixed start of the field's ``upload_to`` (where its files are stored)."""
        upload_to = self.model._meta.get_field(self.field).upload_to  # type: ignore[union-attr]
        text = upload_to if isinstance(upload_to, str) else ""
        return text.split("%", 1)[0]


def _entries_for(name: str) -> list[FileAccess]:
    """The registered fields that may hold ``name``, the most specific folder first."""
    entries = [e for e in uploaded_files if name.startswith(e.prefix)]
    return sorted(entries, key=lambda e: len(e.prefix), reverse=True)


def _owner(name: str, user: Any) -> FileAccess | None:
    """The entry whose field holds ``name`` in a row ``user`` may see, if any."""
    for entry in _entries_for(name):
        if entry.visible_to(user).filter(**{entry.field: name}).exists():
            return entry
    return None


def _content_type(name: str, head: bytes) -> tuple[str, bool]:
    """The type a stored file is sent as, and whether it is shown in the browser.

    Only a PDF or a raster image, by its content, is shown inline; everything else is
    downloaded, whatever its name says.
    """
    magic = _magic(head)
    if magic in KINDS and KINDS[magic].inline:
        return KINDS[magic].content_type, True
    for kind in KINDS.values():
        if _extension(name) in kind.extensions and not kind.inline:
            return kind.content_type, False
    return mimetypes.types_map.get(".bin", "application/octet-stream"), False


@require_safe
def serve(request: HttpRequest, name: str) -> HttpResponse | FileResponse:
    """Send the stored file ``name`` to a person who may see the row holding it (or 404)."""
    if ".." in name.split("/") or name.startswith("/"):
        raise Http404
    entry = _owner(name, request.user)
    if entry is None or not default_storage.exists(name):
        raise Http404
    filename = name.rsplit("/", 1)[-1]
    with default_storage.open(name, "rb") as stored:
        head = stored.read(16)
    content_type, inline = _content_type(name, head)
    sendfile = getattr(settings, "MEDIA_SENDFILE_HEADER", "")
    response: HttpResponse | FileResponse
    if sendfile:
        response = HttpResponse(content_type=content_type)
        if sendfile.lower() == "x-accel-redirect":
            response[sendfile] = (
                settings.MEDIA_SENDFILE_PREFIX.rstrip("/") + "/" + quote(name)
            )
        else:
            response[sendfile] = default_storage.path(name)
        disposition = "inline" if inline else "attachment"
        response["Content-Disposition"] = (
            f"{disposition}; filename*=UTF-8''{quote(filename)}"
        )
    else:
        response = FileResponse(
            default_storage.open(name, "rb"),
            content_type=content_type,
            as_attachment=not inline,
            filename=filename,
        )
    response["X-Content-Type-Options"] = "nosniff"
    # A file is never a page of the portal: nothing in it may load or run. Browsers
    # show a PDF with a viewer of their own, which a sandbox would stop.
    response["Content-Security-Policy"] = (
        "default-src 'none'; object-src 'self'"
        if content_type == "application/pdf"
        else "default-src 'none'; img-src 'self'; sandbox"
    )
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


# --- Storage: replaced, deleted and rolled-back files ---------------------------------

_pending = threading.local()


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _delete_stored(names: Iterable[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("The stored file %s could not be deleted", name)


def _still_used(model: type[models.Model], field: str, name: str) -> bool:
    return model._default_manager.filter(**{field: name}).exists()


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    fields = [
        f
        for f in _file_fields(sender)
        if update_fields is None or f.name in update_fields
    ]
    if raw or not fields:
        return
    new = [f.name for f in fields if not getattr(instance, f.attname)._committed]
    instance._uploads_new = new
    if instance.pk is None:
        instance._uploads_old = {}
        return
    old = (
        sender._default_manager.filter(pk=instance.pk)
        .values(*(f.attname for f in fields))
        .first()
    ) or {}
    instance._uploads_old = {
        f.name: old.get(f.attname) or ""
        for f in fields
        if (old.get(f.attname) or "") != (getattr(instance, f.attname).name or "")
        or f.name in new
    }


def _after_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    new = getattr(instance, "_uploads_new", [])
    old = getattr(instance, "_uploads_old", {})
    instance._uploads_new, instance._uploads_old = [], {}
    written = [getattr(instance, name).name for name in new]
    written = [name for name in written if name]
    if written and connection.in_atomic_block:
        _track(written)
    replaced = [(field, name) for field, name in old.items() if name]
    if replaced:

        def delete_replaced() -> None:
            _delete_stored(
                name for field, name in replaced if not _still_used(sender, field, name)
            )

        transaction.on_commit(delete_replaced)


def _after_delete(sender, instance, **kwargs) -> None:
    stored = [
        (f.name, getattr(instance, f.attname).name)
        for f in _file_fields(sender)
        if getattr(instance, f.attname)
    ]
    if stored:
        transaction.on_commit(
            lambda: _delete_stored(
                name for field, name in stored if not _still_used(sender, field, name)
            )
        )


def _track(names: list[str]) -> None:
    """Files written in an open transaction: kept once it commits, deleted if it does not."""
    pending: set[str] = _pending.__dict__.setdefault("names", set())
    pending.update(names)
    transaction.on_commit(lambda: pending.difference_update(names))


def discard_uncommitted(**kwargs: Any) -> None:
    """Delete the files whose transaction ended without a commit (a refused save).

    Runs at the end of every request. While a transaction is still open (a test
    wrapping everything in one) nothing is decided yet, and nothing is deleted.
    """
    pending: set[str] | None = _pending.__dict__.get("names")
    if not pending or connection.in_atomic_block:
        return
    names, _pending.names = set(pending), set()
    _delete_stored(names)


def connect_signals() -> None:
    """Keep the storage of every registered file field in step with its rows."""
    models_with_files = {entry.model for entry in uploaded_files}
    for model in models_with_files:
        for signal, receiver in (
            (pre_save, _before_save),
            (post_save, _after_save),
            (post_delete, _after_delete),
        ):
            signal.connect(
                receiver,
                sender=model,
                dispatch_uid=f"uploads:{model._meta.label}:{signal}",
            )
    request_finished.connect(discard_uncommitted, dispatch_uid="uploads:discard")
