"""What the council's records hold about a person with an account: the signatures,
nominations and votes they gave for their organisations. The records are the
organisations' and stay; the erasure detaches them from the person. Members and
candidates are public persons named by the council's records, not accounts."""

from __future__ import annotations

from typing import Any

from .models import CreationRequest, Nomination, Signature, Vote


def export(user: Any) -> dict[str, Any]:
    return {
        "requests_started": [
            {
                "request": r.pk,
                "status": r.status,
                "created_at": r.created_at.isoformat(),
            }
            for r in CreationRequest.objects.filter(started_by=user)
        ],
        "signatures": [
            {
                "request": s.request_id,
                "organisation": s.organisation.name,
                "signed_at": s.signed_at.isoformat(),
            }
            for s in Signature.objects.filter(signed_by=user).select_related(
                "organisation"
            )
        ],
        "nominations": [
            {
                "candidate": n.candidate.name,
                "organisation": n.organisation.name,
                "nominated_at": n.nominated_at.isoformat(),
            }
            for n in Nomination.objects.filter(nominated_by=user).select_related(
                "candidate", "organisation"
            )
        ],
        "votes": [
            {
                "election": v.election_id,
                "organisation": v.organisation.name,
                "cast_at": v.cast_at.isoformat(),
            }
            for v in Vote.objects.filter(cast_by=user).select_related("organisation")
        ],
    }


def erase(user: Any) -> None:
    CreationRequest.objects.filter(started_by=user).update(started_by=None)
    Signature.objects.filter(signed_by=user).update(signed_by=None)
    Nomination.objects.filter(nominated_by=user).update(nominated_by=None)
    Vote.objects.filter(cast_by=user).update(cast_by=None)
