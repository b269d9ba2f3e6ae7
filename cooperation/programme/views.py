from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from cooperation.core.cache import Later
from cooperation.core.http import keep_private
from cooperation.core.permissions import has_clerk_powers
from cooperation.core.registry import programme_documents
from cooperation.programme.models import Programme

from . import selectors
from .documents import programme_document


def _visible(request, programme: Programme) -> bool:
    """A programme in drafting is the office's own; from the consultation on it is public."""
    user = request.user
    return programme.status != Programme.Status.DRAFTING or (has_clerk_powers(user))


@require_GET
def programme_list(request):
    """``/program-wspolpracy/``: every year's programme."""
    is_clerk = has_clerk_powers(request.user)

    def programmes() -> list[Programme]:
        found = selectors.programme_list_for_public()
        if not is_clerk:
            found = found.exclude(status=Programme.Status.DRAFTING)
        found = list(found)
        documents = year_documents(found)
        for programme in found:
            programme.documents = documents.get(programme.year, [])  # type: ignore[attr-defined]
        return found

    return render(
        request,
        "programme/programme_list.html",
        # Read only when the template's fragment is rendered.
        {"programmes": Later(programmes), "is_clerk": is_clerk},
    )


def year_documents(programmes) -> dict[int, list[tuple[str, str]]]:
    """Documents of each year provided by apps above the programme (the report)."""
    years = [p.year for p in programmes]
    found: dict[int, list[tuple[str, str]]] = {}
    for links in programme_documents:
        for year, entries in links(years).items():
            found.setdefault(year, []).extend(entries)
    return found


def _page_or_404(request, year: int):
    try:
        page = selectors.programme_page(year=year)
    except Programme.DoesNotExist as exc:
        raise Http404 from exc
    if not _visible(request, page.programme):
        raise Http404
    return page


@require_GET
def programme_detail(request, year: int):
    try:
        programme = selectors.programme_kept(year)
    except Programme.DoesNotExist as exc:
        raise Http404 from exc
    if not _visible(request, programme):
        raise Http404
    # The rest of the page is read only when the template's fragment is rendered.
    page = SimpleLazyObject(lambda: selectors.programme_page(year=year))
    response = render(
        request,
        "programme/programme_detail.html",
        {"page": page, "programme": programme},
    )
    if programme.status == Programme.Status.DRAFTING:
        keep_private(response)
    return response


@require_GET
def programme_pdf(request, year: int):
    """The programme for the council, stored; a worker renders it when it changes."""
    from cooperation.core.pdf import serve_document

    page = _page_or_404(request, year)
    doc = programme_document(page.programme)
    response = serve_document(request, doc, filename=f"program-wspolpracy-{year}.pdf")
    if page.programme.status == Programme.Status.DRAFTING:
        keep_private(response)
    return response
