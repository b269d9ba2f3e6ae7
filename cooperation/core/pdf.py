"""PDF documents: one ``render_pdf`` on WeasyPrint and the stored-document service.

Every PDF extends ``templates/pdf/base.html``: the bundled DejaVu fonts (Polish
glyphs, licence in ``static/fonts/dejavu/LICENSE``), the municipality in the page
header, "Strona N z M" in the footer, and a tagged PDF/UA file with its title and
language set, so that screen readers can read it.

:func:`document_for` keeps rendered files in :class:`GeneratedDocument` rows keyed by
the SHA-256 of their inputs: unchanged inputs are served from storage; changed inputs
give a new row and a new render, in the request for short documents or in a Celery
task (:func:`cooperation.core.tasks.render_document_task`) for long ones. Without a
broker (tasks in-process) long ones are rendered in the request too, so a reader
never waits for a worker that does not exist. Services render long documents after
the commit that changes their inputs, so the first reader finds the file stored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Mapping
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import models
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext

from .background import enqueue
from .models import GeneratedDocument
from .registry import document_contexts

logger = logging.getLogger(__name__)

# The faces bundled in static/fonts/dejavu: (file, weight, style).
FONT_FACES = [
    ("fonts/dejavu/DejaVuSans.ttf", "normal", "normal"),
    ("fonts/dejavu/DejaVuSans-Bold.ttf", "bold", "normal"),
    ("fonts/dejavu/DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("fonts/dejavu/DejaVuSans-BoldOblique.ttf", "bold", "italic"),
]
# A pending or rendering document older than this is assumed lost (a broker outage,
# a killed worker) and is queued again by the next request for it.
STALE_AFTER = timedelta(minutes=10)
Status = GeneratedDocument.Status


def css_string(value: str) -> SafeString:
    """Quote ``value`` as a CSS string literal that is safe inside ``<style>``."""
    escaped = []
    for char in str(value):
        if char in '\\"<>&' or ord(char) < 0x20:
            escaped.append(f"\\{ord(char):x} ")
        else:
            escaped.append(char)
    return mark_safe('"' + "".join(escaped) + '"')  # noqa: S308 - escaped above


def _page_counter_content() -> SafeString:
    """The CSS ``content`` of the footer: "Strona N z M" in the active language."""
    marker = "\x00"
    text = gettext("Page %(page)s of %(pages)s") % {
        "page": f"{marker}page{marker}",
        "pages": f"{marker}pages{marker}",
    }
    parts = []
    for i, chunk in enumerate(text.split(marker)):
        if i % 2:
            parts.append(f"counter({chunk})")
        elif chunk:
            parts.append(css_string(chunk))
    return mark_safe(" ".join(parts))  # noqa: S308 - strings quoted by css_string


def _font_faces() -> list[dict[str, Any]]:
    faces = []
    for name, weight, style in FONT_FACES:
        path = finders.find(name)
        if path:
            faces.append(
                {
                    "src": css_string(Path(path).as_uri()),
                    "weight": weight,
                    "style": style,
                }
            )
    return faces


def _allowed_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in getattr(settings, "STATICFILES_DIRS", [])]
    for extra in (settings.STATIC_ROOT, settings.MEDIA_ROOT):
        if extra:
            roots.append(Path(extra).resolve())
    return roots


def _url_fetcher_class() -> type:
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        """Fetch fonts, images and stylesheets from this portal's own files only.

        ``/static/…`` goes through the staticfiles finders and ``/media/…`` to
        ``MEDIA_ROOT``; nothing is fetched over the network.
        """

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"}, timeout=5)

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if parts.scheme != "file":
                raise ValueError(f"Only local files may be embedded in a PDF: {url}")
            path = unquote(parts.path)
            resolved: Path | None = None
            if path.startswith(settings.STATIC_URL):
                found = finders.find(path[len(settings.STATIC_URL) :])
                resolved = Path(found).resolve() if found else None
            elif path.startswith(settings.MEDIA_URL):
                candidate = Path(settings.MEDIA_ROOT) / path[len(settings.MEDIA_URL) :]
                resolved = candidate.resolve()
            else:
                resolved = Path(path).resolve()
            if resolved is None or not any(
                resolved.is_relative_to(root) for root in _allowed_roots()
            ):
                raise ValueError(f"Not a static or media file: {url}")
            return super().fetch(resolved.as_uri(), headers)

    return LocalOnlyFetcher


def render_pdf(
    template_name: str,
    context: Mapping[str, Any],
    *,
    title: str,
    lang: str = "pl",
    request: HttpRequest | None = None,
) -> bytes:
    """Render a template extending ``pdf/base.html`` to a tagged PDF (PDF/UA-1).

    The text is rendered in ``lang``, which is also the document's declared
    language; ``title`` is the document title shown by PDF readers.
    """
    from weasyprint import HTML

    with translation.override(lang):
        full_context = {
            **context,
            "pdf_title": title,
            "pdf_lang": lang,
            "municipality": settings.MUNICIPALITY_NAME,
            "municipality_address": getattr(settings, "MUNICIPALITY_ADDRESS", ""),
            "font_faces": _font_faces(),
            "css_municipality": css_string(settings.MUNICIPALITY_NAME),
            "css_title": css_string(title if len(title) <= 70 else title[:69] + "…"),
            "css_page_counter": _page_counter_content(),
        }
        html = render_to_string(template_name, full_context, request=request)
    document = HTML(
        string=html,
        base_url=Path(settings.BASE_DIR).as_uri() + "/",
        url_fetcher=_url_fetcher_class()(),
    )
    data: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    return finish_tagging(data)


def finish_tagging(data: bytes) -> bytes:
    """Complete WeasyPrint's tagging where PDF/UA-1 asks for more.

    - The page's margin boxes (the municipality and the title at the top, "Strona N
      z M" at the bottom) repeat on every page: they are pagination artifacts, not
      content. WeasyPrint marks their text as tagged spans that no structure
      element reaches; here they become ``/Artifact`` with ``/Type /Pagination``
      (and ``/Subtype /Header`` or ``/Footer`` by their place on the page).
    - Every table header cell gets a ``/Scope``: ``/Column`` in a table head,
      ``/Row`` in a table body, as ``<th scope>`` has it in the templates.
    """
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return data
        reachable: set[tuple[tuple[int, int], int]] = set()

        def walk(node: Any, page: Any, ancestors: tuple[str, ...]) -> None:
            if isinstance(node, int):
                if page is not None:
                    reachable.add((page.objgen, int(node)))
                return
            if not isinstance(node, pikepdf.Dictionary):
                return
            if "/MCID" in node:
                owner = node.get("/Pg", page)
                if owner is not None:
                    reachable.add((owner.objgen, int(node.MCID)))
                return
            page = node.get("/Pg", page)
            tag = str(node.get("/S", ""))
            if tag == "/TH":
                scope = "/Column" if "/THead" in ancestors else "/Row"
                attributes = node.get("/A")
                if not isinstance(attributes, pikepdf.Dictionary):
                    attributes = pikepdf.Dictionary(O=pikepdf.Name("/Table"))
                    node.A = attributes
                if "/Scope" not in attributes:
                    attributes.Scope = pikepdf.Name(scope)
            children = node.get("/K")
            if isinstance(children, pikepdf.Array):
                for child in children:
                    walk(child, page, (*ancestors, tag))
            elif children is not None:
                walk(children, page, (*ancestors, tag))

        walk(tree, None, ())
        parent_tree = tree.get("/ParentTree")
        nums = parent_tree.get("/Nums") if parent_tree is not None else None
        for page in pdf.pages:
            height = float(page.mediabox[3])
            commands = pikepdf.parse_content_stream(page)
            changed: list[int] = []
            rewritten = []
            # WeasyPrint draws in CSS pixels from the top of the page: its first
            # ``cm`` scales y by a negative factor.
            scale = 1.0
            for index, command in enumerate(commands):
                operands: Any = command.operands
                operator = command.operator
                name = str(operator)
                if name == "cm" and len(operands) == 6 and scale == 1.0:
                    scale = float(operands[3]) or 1.0
                if (
                    name == "BDC"
                    and len(operands) == 2
                    and isinstance(operands[1], pikepdf.Dictionary)
                    and "/MCID" in operands[1]
                    and (page.obj.objgen, int(operands[1].MCID)) not in reachable
                ):
                    changed.append(int(operands[1].MCID))
                    y = _next_text_y(commands, index, default=0.0)
                    if scale < 0:
                        top = y < height / abs(scale) / 2
                    else:
                        top = y > height / 2
                    operands = [
                        pikepdf.Name("/Artifact"),
                        pikepdf.Dictionary(
                            Type=pikepdf.Name("/Pagination"),
                            Subtype=pikepdf.Name("/Header" if top else "/Footer"),
                        ),
                    ]
                rewritten.append((operands, operator))
            if not changed:
                continue
            page.obj.Contents = pdf.make_stream(
                pikepdf.unparse_content_stream(rewritten)
            )
            parents = page.obj.get("/StructParents")
            if nums is not None and parents is not None:
                for i in range(0, len(nums), 2):
                    if int(nums[i]) == int(parents):
                        marks = nums[i + 1]
                        for mcid in changed:
                            if mcid < len(marks):
                                marks[mcid] = None
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _next_text_y(commands: list, start: int, *, default: float) -> float:
    """The vertical position of the next text after ``start`` (for header/footer)."""
    for command in commands[start : start + 12]:
        operands, operator = command.operands, command.operator
        if str(operator) in ("Tm",) and len(operands) == 6:
            return float(operands[5])
        if str(operator) in ("Td", "TD") and len(operands) == 2:
            return float(operands[1])
    return default


def canonical_json(value: Any) -> str:
    """The same data always gives the same text (sorted keys, no spaces)."""

    def default(obj: Any) -> Any:
        if isinstance(obj, Decimal):
            return str(obj)
        if isinstance(obj, (set, frozenset)):
            return sorted(obj, key=str)
        if hasattr(obj, "isoformat"):
            return obj.isoformat()
        if isinstance(obj, models.Model):
            return f"{obj._meta.label}:{obj.pk}"
        return str(obj)

    return json.dumps(
        value,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=default,
    )


def inputs_hash(inputs: Any) -> str:
    return hashlib.sha256(canonical_json(inputs).encode()).hexdigest()


def document_for(
    key: str,
    *,
    template_name: str,
    context: Mapping[str, Any] | None = None,
    title: str,
    inputs: Any,
    obj: models.Model | None = None,
    lang: str | None = None,
    sync: bool = True,
) -> GeneratedDocument:
    """The stored document made from ``inputs``, rendering it if there is none.

    ``inputs`` is everything the document is made from (plain data: the texts,
    numbers and dates shown, the ``updated_at`` of the objects): its hash decides
    whether the stored file is still right. With ``sync=False`` the render is left to
    a worker, which builds the context from a builder registered for the template in
    ``cooperation.core.registry.document_contexts`` (``build(obj) -> dict``) or, failing
    that, from ``context`` if it is plain JSON data; the returned row is then pending
    until the worker is done. With tasks run in-process (no broker) there is no
    worker to wait for: the document is rendered at once, as with ``sync=True``, and
    a failed render is returned as a ``failed`` row instead of raised.

    Raises whatever the renderer raises for a synchronous render (the row is kept
    as ``failed`` with the error).
    """
    lang = lang or translation.get_language() or settings.LANGUAGE_CODE
    digest = inputs_hash(
        {"inputs": inputs, "template": template_name, "title": title, "lang": lang}
    )
    key = key[:120]
    defaults: dict[str, Any] = {
        "template_name": template_name,
        "title": title[:300],
        "status": Status.PENDING,
    }
    if obj is not None:
        defaults["content_type"] = ContentType.objects.get_for_model(type(obj))
        defaults["object_id"] = obj.pk
    doc, created = GeneratedDocument.objects.get_or_create(
        key=key, input_hash=digest, defaults=defaults
    )
    if doc.status == Status.READY and _stored(doc):
        return doc
    stale = doc.updated_at < timezone.now() - STALE_AFTER
    if doc.status in (Status.PENDING, Status.RENDERING) and not created and not stale:
        # Another request or a worker is on it already.
        return doc
    if sync:
        return render_document(doc.pk, context=context or {}, lang=lang)
    if tasks_in_process():
        # No worker would render it any sooner: the reader gets the file now.
        return _render_in_process(doc, context=context, lang=lang)
    _queue(doc, context=context, lang=lang)
    return doc


def tasks_in_process() -> bool:
    """Celery runs tasks eagerly, in the calling process (no ``REDIS_URL``)."""
    from .tasks import render_document_task

    return bool(render_document_task.app.conf.task_always_eager)


def _render_in_process(
    doc: GeneratedDocument, *, context: Mapping[str, Any] | None, lang: str
) -> GeneratedDocument:
    """Render now, as the task would; a failure is kept on the row, not raised."""
    if context is None and doc.template_name not in dict(document_contexts.items()):
        raise ValueError(
            f"No context builder registered for {doc.template_name} "
            "and no context given."
        )
    try:
        return render_document(doc.pk, context=context, lang=lang)
    except Exception:  # noqa: BLE001 - recorded on the row by render_document.
        return GeneratedDocument.objects.get(pk=doc.pk)


def _stored(doc: GeneratedDocument) -> bool:
    name = doc.file.name
    if not name:
        return False
    return bool(doc.file.storage.exists(name))


def _queue(
    doc: GeneratedDocument, *, context: Mapping[str, Any] | None, lang: str
) -> None:
    from .tasks import render_document_task

    payload = None
    if doc.template_name not in dict(document_contexts.items()):
        if context is None:
            raise ValueError(
                f"No context builder registered for {doc.template_name} "
                "and no context given."
            )
        payload = json.loads(canonical_json(dict(context)))
    GeneratedDocument.objects.filter(pk=doc.pk).update(
        status=Status.PENDING, error="", updated_at=timezone.now()
    )
    pk = doc.pk

    def queue_again_on_next_request() -> None:
        # Counted as stale at once, so the next request queues it again.
        GeneratedDocument.objects.filter(pk=pk, status=Status.PENDING).update(
            updated_at=timezone.now() - STALE_AFTER - timedelta(seconds=1)
        )

    enqueue(
        render_document_task,
        pk,
        lang=lang,
        context=payload,
        on_failure=queue_again_on_next_request,
    )


def render_document(
    pk: int, *, context: Mapping[str, Any] | None = None, lang: str | None = None
) -> GeneratedDocument:
    """Render a stored document's row now and keep the file.

    The context is ``context`` if given, else the one built by the builder
    registered for its template from the object it is about. Marks the row
    ``rendering`` while working, then ``ready`` (with file, size and render time)
    or ``failed`` (with the error, which is raised again).
    """
    doc = GeneratedDocument.objects.get(pk=pk)
    GeneratedDocument.objects.filter(pk=pk).update(
        status=Status.RENDERING, updated_at=timezone.now()
    )
    started = time.perf_counter()
    try:
        if context is None:
            builder: Callable[..., Mapping[str, Any]] = document_contexts[
                doc.template_name
            ]
            context = builder(doc.content_object)
        data = render_pdf(
            doc.template_name,
            context,
            title=doc.title,
            lang=lang or settings.LANGUAGE_CODE,
        )
    except Exception as exc:
        doc.status = Status.FAILED
        doc.error = f"{type(exc).__name__}: {exc}"[:4000]
        doc.render_seconds = time.perf_counter() - started
        doc.save(update_fields=["status", "error", "render_seconds", "updated_at"])
        logger.exception("Document %s (%s) failed to render", pk, doc.key)
        raise
    name = f"{slugify(doc.key) or 'document'}-{doc.input_hash[:12]}.pdf"
    doc.file.save(name, ContentFile(data), save=False)
    doc.size = len(data)
    doc.status = Status.READY
    doc.error = ""
    doc.render_seconds = time.perf_counter() - started
    doc.save(
        update_fields=[
            "file",
            "size",
            "status",
            "error",
            "render_seconds",
            "updated_at",
        ]
    )
    return doc


def serve_document(
    request: HttpRequest,
    doc: GeneratedDocument,
    *,
    filename: str | None = None,
    as_attachment: bool = False,
) -> HttpResponseBase:
    """The PDF if it is ready, otherwise a short "being prepared" page.

    A pending document answers HTTP 202 with ``Retry-After``, so a reader (or a
    script) knows to come back in a moment; a failed one answers 503.
    """
    if doc.status == Status.READY and doc.file:
        name = filename or f"{slugify(doc.key) or 'document'}.pdf"
        return FileResponse(
            doc.file.open("rb"),
            content_type="application/pdf",
            as_attachment=as_attachment,
            filename=name,
        )
    failed = doc.status == Status.FAILED
    response = HttpResponse(
        render_to_string(
            "cooperation/document_pending.html",
            {"document": doc, "failed": failed},
            request=request,
        ),
        status=503 if failed else 202,
    )
    response["Retry-After"] = "30" if failed else "5"
    response["Cache-Control"] = "no-store"
    return response
