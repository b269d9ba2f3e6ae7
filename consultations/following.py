"""What followers of a consultation or of a sphere it invites are told of."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from cooperation.core.following import Followable, FollowedEvent

from .models import Consultation, ConsultationStatus
from .services import invited_user_ids

CONSULTATION = Followable(
    Consultation, _("consultation"), lambda: Consultation.objects.public()
)


def _spheres(consultation: Consultation) -> list[Any]:
    return list(consultation.invited_spheres.all())


def _commenters(consultation: Consultation) -> set[int]:
    return set(
        consultation.comments.filter(author__isnull=False).values_list(
            "author_id", flat=True
        )
    )


# A consultation announced for a followed sphere; the invited organisations'
# representatives are told by the announcement itself.
ANNOUNCED = FollowedEvent(
    Consultation,
    (ConsultationStatus.PUBLISHED,),
    "consultations.followed_announced",
    targets=_spheres,
    told_anyway=invited_user_ids,
)

# The report of a followed consultation; those who commented are told by the
# report's publication itself.
REPORT = FollowedEvent(
    Consultation,
    (ConsultationStatus.REPORT_PUBLISHED,),
    "consultations.followed_report",
    targets=lambda consultation: [consultation, *_spheres(consultation)],
    told_anyway=_commenters,
)
