"""What waits for the clerk in non-financial cooperation: moderation of planned
activities and the municipality's plan for next year (art. 5 ust. 2 pkt 1)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.desk import DeskItem

from .models import AnnualPlan, PlannedActivity


def desk_items(now: datetime.datetime) -> list[DeskItem]:
    items = []
    waiting = PlannedActivity.objects.filter(
        status=PlannedActivity.Status.SUBMITTED
    ).count()
    items.append(
        DeskItem(
            _("Planned activities of organisations to moderate"),
            waiting,
            reverse("admin:nonfinancial_plannedactivity_changelist")
            + "?status=submitted",
            "nonfinancial.plannedactivity",
        )
    )
    year = timezone.localtime(now).year
    published = AnnualPlan.objects.filter(
        year=year, status=AnnualPlan.Status.PUBLISHED
    ).exists()
    items.append(
        DeskItem(
            _("The municipality's plan of competitions for %(year)s to publish")
            % {"year": year},
            0 if published else 1,
            reverse("admin:nonfinancial_annualplan_changelist"),
            "nonfinancial.annualplan",
        )
    )
    return items
