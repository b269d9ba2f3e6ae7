"""What followers of a sphere or a competition are told of."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from cooperation.core.following import Followable, FollowedEvent

from .models import Competition, CompetitionStatus
from .services.competitions import sphere_representatives

COMPETITION = Followable(
    Competition, _("competition"), lambda: Competition.objects.public()
)

# A competition announced in a followed sphere; the representatives of the sphere's
# organisations are told by the announcement itself.
ANNOUNCED = FollowedEvent(
    Competition,
    (CompetitionStatus.ANNOUNCED,),
    "grants.followed_competition",
    targets=lambda competition: [_sphere(competition)],
    told_anyway=sphere_representatives,
)

# The results of a followed competition (or of one in a followed sphere).
RESULTS = FollowedEvent(
    Competition,
    (CompetitionStatus.RESULTS_PUBLISHED,),
    "grants.followed_results",
    targets=lambda competition: [competition, _sphere(competition)],
)


def _sphere(competition: Competition) -> Any:
    priority = competition.priority
    return priority.sphere if priority is not None else None
