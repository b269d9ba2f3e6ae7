"""What ngos shows on the site's own pages: the home page section and calendar entries."""

from __future__ import annotations

from typing import Any


def home_section(request: Any) -> dict[str, Any] | None:
    """The newest open partner searches (one query)."""
    from .selectors import partner_search_list_for_public

    searches = list(partner_search_list_for_public()[:5])
    if not searches:
        return None
    return {
        "template": "ngos/includes/_home_partner_searches.html",
        "searches": searches,
    }


def calendar_entries(start: Any, end: Any) -> list[Any]:
    """Last days of open partner searches of listed organisations (one query)."""
    from django.utils.translation import gettext as _

    from cooperation.core.calendar import CalendarEntry

    from .models import PartnerSearch

    start_day = start.date() if hasattr(start, "date") else start
    end_day = end.date() if hasattr(end, "date") else end
    return [
        CalendarEntry(
            uid=f"ngos-partner-search-{s.pk}-end",
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
