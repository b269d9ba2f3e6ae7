"""What non-financial cooperation holds about a person: the requests they sent.

The requests are the organisations' and are archived by the municipality; the
erasure detaches them from the person.
"""

from __future__ import annotations

from typing import Any

from .models import (
    Booking,
    JointTeam,
    Patronage,
    PlannedActivity,
    Promotion,
    RecommendationLetter,
    TaskProposal,
)

MODELS = (
    Patronage,
    Booking,
    Promotion,
    RecommendationLetter,
    TaskProposal,
    PlannedActivity,
    JointTeam,
)


def export(user: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for model in MODELS:
        rows = model.objects.filter(applicant=user).select_related("organisation")
        data[model._meta.model_name or ""] = [
            {
                "request": str(row),
                "organisation": getattr(row.organisation, "name", ""),
                "status": row.status,
                "created_at": row.created_at.isoformat(),
            }
            for row in rows
        ]
    return data


def erase(user: Any) -> None:
    for model in MODELS:
        model.objects.filter(applicant=user).update(applicant=None)
