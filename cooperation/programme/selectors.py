"""Reads for the programme pages and PDF (constant query counts)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum

from cooperation.core.cache import Kept, cached_record
from cooperation.programme.models import Priority, Programme


def programme_list_for_public() -> QuerySet[Programme]:
    """Every year, newest first, with the number of priorities and the planned funds."""
    return Programme.objects.annotate(
        priority_count=Count("priorities"),
        planned_total=Sum("priorities__planned_funds"),
    ).order_by("-year")


def programme_kept(year: int) -> Programme:
    """The programme of ``year`` (drafts included), kept in the cache until a
    programme changes (no query)."""
    return cached_record(
        Kept.record("programme:programme", (Programme,), year),
        lambda: Programme.objects.get(year=year),
    )


@dataclass
class ProgrammePage:
    programme: Programme
    priorities: list[Priority]
    total: Decimal
    consultations: list
    surveys: list
    recommendations: list
    council_opinions: list


def recommendations_for(year: int) -> list:
    """Working-group recommendations accepted while the programme was made (year - 1).

    For the part "how the programme was made"; empty when the workshops app does not
    provide them.
    """
    try:
        from workshops.selectors import accepted_recommendations_for_year
    except ImportError:
        return []
    return list(accepted_recommendations_for_year(year - 1))


def council_opinions_for(programme: Programme) -> list:
    """The public benefit council's published opinions on the draft (art. 5a ust. 2a),
    for the part "how the programme was made"; empty without the council app."""
    try:
        from cooperation.council.selectors import opinions_on_programme
    except ImportError:
        return []
    return opinions_on_programme(programme)


def _published_surveys() -> QuerySet[Any]:
    from consultations.models import Survey

    return Survey.objects.filter(is_published=True)


def programme_page(*, year: int) -> ProgrammePage:
    """Programme (1), priorities with spheres (1), consultations (1), surveys (1),
    accepted working-group recommendations (1), the council's opinions (1)."""
    programme = Programme.objects.prefetch_related(
        Prefetch(
            "priorities",
            queryset=Priority.objects.select_related("sphere").order_by(
                "position", "pk"
            ),
        ),
        "consultations",
        Prefetch("surveys", queryset=_published_surveys()),
    ).get(year=year)
    priorities = list(programme.priorities.all())
    return ProgrammePage(
        programme=programme,
        priorities=priorities,
        total=sum((p.planned_funds for p in priorities), Decimal("0")),
        consultations=[c for c in programme.consultations.all() if c.status != "draft"],
        surveys=list(programme.surveys.all()),
        recommendations=recommendations_for(year),
        council_opinions=council_opinions_for(programme),
    )
