"""The registry's plug-ins: home section, personal data, demo and benchmark data."""

from __future__ import annotations

from typing import Any

from cooperation.registry import (
    bench_pages,
    calendar_sources,
    home_sections,
    personal_data_exporters,
    seed_bench_steps,
    seed_demo_steps,
)


@home_sections.register("ngos.partner-searches", order=60)
def partner_searches_section(request: Any) -> dict[str, Any] | None:
    """The newest open partner searches (one query)."""
    from .selectors import partner_search_list_for_public

    searches = list(partner_search_list_for_public()[:5])
    if not searches:
        return None
    return {
        "template": "ngos/includes/_home_partner_searches.html",
        "searches": searches,
    }


@calendar_sources.register("ngos.partner-searches")
def calendar_entries(start: Any, end: Any) -> list[Any]:
    """Last days of open partner searches of listed organisations (one query)."""
    from django.utils.translation import gettext as _

    from cooperation.calendar import CalendarEntry

    from .models import PartnerSearch

    start_day = start.date() if hasattr(start, "date") else start
    end_day = end.date() if hasattr(end, "date") else end
    return [
        CalendarEntry(
            uid=f"ngos-partner-search-{s.pk}-end@portal",
            title=_("Partner search ends: %(title)s") % {"title": s.title},
            start=s.ends_on,
            url=s.get_absolute_url(),
            description=s.organisation.name,
            category=_("partner search"),
        )
        for s in PartnerSearch.objects.filter(
            organisation__verified_at__isnull=False,
            organisation__is_public=True,
            ends_on__gte=start_day,
            ends_on__lt=end_day,
        ).select_related("organisation")
    ]


@personal_data_exporters.register("ngos")
def export(user: Any) -> dict[str, Any]:
    from .models import Membership, PartnerAnswer, PartnerSearch

    return {
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "status": m.status,
                "requested_at": m.created_at.isoformat(),
                "decided_at": m.decided_at.isoformat() if m.decided_at else None,
                "reason": m.reason,
            }
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "partner_searches": [
            {
                "title": s.title,
                "organisation": s.organisation.name,
                "ends_on": s.ends_on.isoformat(),
            }
            for s in PartnerSearch.objects.filter(author=user).select_related(
                "organisation"
            )
        ],
        "partner_answers": [
            {
                "search": a.search.title,
                "organisation": a.organisation.name,
                "message": a.message,
            }
            for a in PartnerAnswer.objects.filter(author=user).select_related(
                "search", "organisation"
            )
        ],
    }


@seed_demo_steps.register("ngos", order=10)
def demo(stdout: Any) -> None:
    from .demo import seed_demo

    seed_demo(stdout)


@seed_bench_steps.register("ngos", order=10)
def bench(scale: int, stdout: Any) -> None:
    from .demo import seed_bench

    seed_bench(scale, stdout)


@bench_pages.register("ngos")
def pages() -> list[tuple[str, str]]:
    from .models import Organisation

    pages = [
        ("ngos: directory", "/organizacje/"),
        ("ngos: directory search", "/organizacje/?q=stowarzyszenie"),
        ("ngos: partner searches", "/organizacje/partnerzy/"),
    ]
    organisation = Organisation.objects.public().order_by("pk").only("slug").first()
    if organisation is not None:
        pages.append(("ngos: profile", organisation.get_absolute_url()))
    return pages
