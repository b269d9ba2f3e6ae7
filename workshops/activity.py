"""What an organisation did in workshops, shown on its public profile (one query)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cooperation.core.activity import (
    PROFILE_ACTIVITY_LIMIT,
    ActivityItem,
    ProfileActivity,
)
from workshops.models import WorkingGroup


def working_groups(organisation) -> ProfileActivity | None:
    """Working groups in which people speak for the organisation now."""
    groups = list(
        WorkingGroup.objects.filter(
            members__organisation=organisation, members__left_on__isnull=True
        )
        .distinct()
        .order_by("name")[:PROFILE_ACTIVITY_LIMIT]
    )
    if not groups:
        return None
    return ProfileActivity(
        title=_("Working groups"),
        items=[
            ActivityItem(label=group.name, url=group.get_absolute_url())
            for group in groups
        ],
    )
