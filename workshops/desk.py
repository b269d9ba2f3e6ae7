"""What the working groups ask of the office now, for the clerk's desk."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.core.desk import DeskItem

from .models import Recommendation, RecommendationStatus


def desk_items(now: datetime.datetime) -> list[DeskItem]:
    return [
        DeskItem(
            _("Recommendations of working groups awaiting the municipality's answer"),
            Recommendation.objects.filter(
                status=RecommendationStatus.SUBMITTED
            ).count(),
            reverse("admin:workshops_recommendation_changelist")
            + f"?status__exact={RecommendationStatus.SUBMITTED}",
            "workshops.recommendation",
        )
    ]
