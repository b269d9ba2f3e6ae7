"""What consultations shows on the site's own pages: the home page section and calendar entries."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cooperation.core.calendar import CalendarEntry


def home_section(request):
    from .models import Consultation

    items = list(Consultation.objects.open().order_by("end_at")[:5])
    if not items:
        return None
    return {"template": "consultations/_home_section.html", "consultations": items}


def calendar_entries(start, end):
    from .models import Consultation

    for c in (
        Consultation.objects.public()
        .exclude(status="cancelled")
        .filter(end_at__gte=start, end_at__lt=end)
    ):
        yield CalendarEntry(
            uid=f"consultation-{c.pk}-end",
            title=_("End of the consultation: %(title)s") % {"title": c.title},
            start=c.end_at,
            url=c.get_absolute_url(),
            category=_("consultation"),
        )
