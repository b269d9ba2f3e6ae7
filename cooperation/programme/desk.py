"""The programme's statutory date for the clerk's desk: next year's programme is
adopted by 30 November (art. 5a ust. 1 of the Act)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.desk import DeskItem

from .models import Programme, ProgrammeStatus

ADOPTED = (ProgrammeStatus.ADOPTED, ProgrammeStatus.IN_FORCE, ProgrammeStatus.CLOSED)
# From this month on the desk shows next year's programme until it is adopted.
SHOWN_FROM_MONTH = 9


def desk_items(now: datetime.datetime) -> list[DeskItem]:
    today = timezone.localtime(now).date()
    if today.month < SHOWN_FROM_MONTH:
        return []
    year = today.year + 1
    programme = Programme.objects.filter(year=year).only("pk", "status").first()
    if programme is not None and programme.status in ADOPTED:
        return []
    url = (
        reverse("admin:programme_programme_change", args=[programme.pk])
        if programme
        else reverse("admin:programme_programme_add")
    )
    return [
        DeskItem(
            _("The cooperation programme for %(year)s: adoption by the council")
            % {"year": year},
            1,
            url,
            "programme.programme",
            due=datetime.date(today.year, 11, 30),
        )
    ]
