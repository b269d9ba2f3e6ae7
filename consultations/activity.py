"""What an organisation did in consultations, shown on its public profile (one query)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consultations.models import Comment, Consultation
from cooperation.core.activity import (
    PROFILE_ACTIVITY_LIMIT,
    ActivityItem,
    ProfileActivity,
)


def consultation_comments(organisation) -> ProfileActivity | None:
    """The organisation's comments on announced consultations (hidden ones left out)."""
    comments = list(
        Comment.objects.visible()
        .filter(
            organisation=organisation, consultation__in=Consultation.objects.public()
        )
        .select_related("consultation")
        .only("pk", "received_on", "consultation__title")
        .order_by("-received_on", "-pk")[:PROFILE_ACTIVITY_LIMIT]
    )
    if not comments:
        return None
    return ProfileActivity(
        title=_("Comments in consultations"),
        items=[
            ActivityItem(
                label=comment.consultation.title,
                url=comment.get_absolute_url(),
                detail=date_format(comment.received_on, "DATE_FORMAT")
                if comment.received_on
                else "",
            )
            for comment in comments
        ],
    )
