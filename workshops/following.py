"""What followers of a working group are told of."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cooperation.core.following import Followable, FollowedEvent

from .models import (
    Event,
    EventStatus,
    Recommendation,
    RecommendationStatus,
    WorkingGroup,
)

GROUP = Followable(WorkingGroup, _("working group"), lambda: WorkingGroup.objects.all())

# A meeting of a followed group is published.
MEETING = FollowedEvent(
    Event,
    (EventStatus.PUBLISHED,),
    "workshops.followed_meeting",
    targets=lambda event: [event.working_group],
)

# A followed group puts a recommendation to the municipality, and its answer.
RECOMMENDATION = FollowedEvent(
    Recommendation,
    (
        RecommendationStatus.SUBMITTED,
        RecommendationStatus.ACCEPTED,
        RecommendationStatus.PARTLY_ACCEPTED,
        RecommendationStatus.REJECTED,
    ),
    "workshops.followed_recommendation",
    targets=lambda recommendation: [recommendation.group],
)
