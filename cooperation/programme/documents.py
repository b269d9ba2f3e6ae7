"""The programme as a PDF for the council: rendered by a worker, stored by input hash."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.core.models import GeneratedDocument
from cooperation.programme.models import Priority, Programme

from . import selectors

logger = logging.getLogger(__name__)

TEMPLATE = "programme/pdf.html"


def paragraphs(text: str) -> list[str]:
    """A part's text as its numbered paragraphs (one a line; numbers typed by hand dropped)."""
    lines = [" ".join(line.split()) for line in text.replace("\r", "").split("\n")]
    return [re.sub(r"^\d+[.)]\s+", "", line) for line in lines if line]


def funds_by_sphere(priorities: Iterable[Priority]) -> list[dict[str, Any]]:
    """The planned funds per sphere of public tasks, in the order of art. 4 ust. 1
    (§ 8 of the programme: the amount planned for carrying it out)."""
    spheres: dict[Any, dict[str, Any]] = {}
    for priority in priorities:
        sphere = priority.sphere
        row = spheres.setdefault(
            sphere.pk if sphere else None,
            {
                "code": sphere.code if sphere else "",
                "name": sphere.name_pl if sphere else "—",
                "order": (sphere.number or 10**6, sphere.code)
                if sphere
                else (10**6, ""),
                "tasks": 0,
                "funds": Decimal(0),
            },
        )
        row["tasks"] += 1
        row["funds"] += priority.planned_funds or 0
    return sorted(spheres.values(), key=lambda row: row["order"])


def programme_context(programme: Programme) -> dict[str, Any]:
    page = selectors.programme_page(year=programme.year)
    programme = page.programme
    return {
        "programme": programme,
        "parts": [
            {"number": n, "heading": heading, "paragraphs": paragraphs(text)}
            for n, heading, text in programme.parts
        ],
        "priorities": page.priorities,
        "funds_by_sphere": funds_by_sphere(page.priorities),
        "total": page.total,
        "consultations": page.consultations,
        "recommendations": page.recommendations,
        "council_opinions": page.council_opinions,
        "adopted": programme.status
        in (
            Programme.Status.ADOPTED,
            Programme.Status.IN_FORCE,
            Programme.Status.CLOSED,
        ),
        "generated_on": timezone.localdate(),
        # The council's name in the nominative and genitive, for the resolution header.
        "council_name": getattr(
            settings, "MUNICIPALITY_COUNCIL", "Rada Miejska w Radlinie"
        ),
        "council_genitive": getattr(
            settings, "MUNICIPALITY_COUNCIL_GENITIVE", "Rady Miejskiej w Radlinie"
        ),
    }


def programme_inputs(programme: Programme) -> dict[str, Any]:
    """Everything the PDF shows: the programme row, each priority, the recommendations."""
    return {
        "recommendations": [
            (r.pk, r.answered_at, r.title)
            for r in selectors.recommendations_for(programme.year)
        ],
        "council_opinions": [
            (o.pk, o.updated_at) for o in selectors.council_opinions_for(programme)
        ],
        "programme": programme.pk,
        "updated_at": programme.updated_at,
        "status": programme.status,
        "priorities": list(
            programme.priorities.order_by("position", "pk").values_list(
                "pk", "title", "description", "planned_funds", "sphere_id", "position"
            )
        ),
    }


def programme_title(programme: Programme) -> str:
    return _("Cooperation programme of the municipality with NGOs for %(year)s") % {
        "year": programme.year
    }


def programme_document(
    programme: Programme, *, sync: bool = False
) -> GeneratedDocument:
    from cooperation.core.pdf import document_for

    return document_for(
        f"programme-{programme.year}",
        template_name=TEMPLATE,
        title=programme_title(programme),
        inputs=programme_inputs(programme),
        obj=programme,
        lang="pl",
        sync=sync,
        context=programme_context(programme) if sync else None,
    )


def queue(pk: int) -> None:
    """Render the programme's PDF after a change of state, before anyone asks for it.

    A worker renders it, or this process when tasks run in-process. A programme back
    in drafting is left alone (only the office reads it, rendered on request). A
    broker or render failure is logged only: the first request renders it instead.
    """
    try:
        programme = Programme.objects.get(pk=pk)
        if programme.status != Programme.Status.DRAFTING:
            programme_document(programme, sync=False)
    except Exception:  # noqa: BLE001 - a missing PDF is rendered again on request.
        logger.exception("Could not queue the PDF of programme %s", pk)
