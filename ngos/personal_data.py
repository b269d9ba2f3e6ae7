"""What ngos holds about a person: the JSON download and the erasure on account deletion."""

from __future__ import annotations

from typing import Any


def export(user: Any) -> dict[str, Any]:
    from .models import Membership, PartnerAnswer, PartnerSearch

    return {
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "status": m.status,
                "requested_at": m.created_at.isoformat(),
                "decided_at": m.decided_at.isoformat() if m.decided_at else None,
                "reason": m.reason,
            }
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "partner_searches": [
            {
                "title": s.title,
                "organisation": s.organisation.name,
                "ends_on": s.ends_on.isoformat(),
            }
            for s in PartnerSearch.objects.filter(author=user).select_related(
                "organisation"
            )
        ],
        "partner_answers": [
            {
                "search": a.search.title,
                "organisation": a.organisation.name,
                "message": a.message,
            }
            for a in PartnerAnswer.objects.filter(author=user).select_related(
                "search", "organisation"
            )
        ],
    }
