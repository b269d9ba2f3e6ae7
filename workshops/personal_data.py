"""What workshops holds about a person: the JSON download and the erasure on account deletion."""

from __future__ import annotations

from typing import Any

from workshops.models import GroupMember, Registration


def export(user) -> dict[str, Any]:
    registrations = Registration.objects.filter(user=user).select_related(
        "event", "organisation", "slot"
    )
    groups = GroupMember.objects.filter(user=user).select_related(
        "group", "organisation"
    )
    return {
        "event_registrations": [
            {
                "event": r.event.title,
                "starts_at": r.event.starts_at.isoformat(),
                "status": r.status,
                "organisation": r.organisation.name if r.organisation else None,
                "slot": str(r.slot) if r.slot else None,
                "question": r.question,
                "consent_at": r.consent_at.isoformat(),
                "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
                "attended": r.attended,
            }
            for r in registrations
        ],
        "working_groups": [
            {
                "group": m.group.name,
                "organisation": m.organisation.name if m.organisation else None,
                "joined_on": m.joined_on.isoformat(),
                "left_on": m.left_on.isoformat() if m.left_on else None,
            }
            for m in groups
        ],
    }


def erase(user) -> None:
    """Free the person's upcoming places; keep past rows without the person."""
    from .services import registrations_release_for_user

    registrations_release_for_user(user=user)
