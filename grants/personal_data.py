"""What grants holds about a person: the JSON download and the erasure on account deletion."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from grants.models import (
    CommitteeMember,
    Offer,
    OfferUpdate,
    ReasonsRequest,
    Score,
    SmallGrantComment,
    SmallGrantOffer,
)


def export(user) -> dict[str, Any]:
    """Offers a person wrote or submitted and their updates after the award, committee
    seats, declarations, scores and demands for the reasons of a choice (with their
    answers), small-grant offers submitted and comments on small-grant offers."""
    offers = Offer.objects.filter(
        Q(created_by=user) | Q(submitted_by=user) | Q(last_edited_by=user)
    ).select_related("competition", "organisation")
    seats = CommitteeMember.objects.filter(user=user).select_related("competition")
    return {
        "offers": [
            {
                "competition": o.competition.title,
                "organisation": o.organisation.name,
                "title": o.title,
                "number": o.number,
                "status": o.status,
                "created_by_me": o.created_by_id == user.pk,
                "submitted_by_me": o.submitted_by_id == user.pk,
                "submitted_at": o.submitted_at.isoformat() if o.submitted_at else None,
                "contact_name": o.contact_name,
                "contact_email": o.contact_email,
                "contact_phone": o.contact_phone,
            }
            for o in offers
        ],
        "offer_updates": [
            {
                "offer": u.offer.number,
                "status": u.status,
                "submitted_by_me": u.submitted_by_id == user.pk,
                "submitted_at": u.submitted_at.isoformat() if u.submitted_at else None,
                "decline_reason": u.decline_reason,
            }
            for u in OfferUpdate.objects.filter(
                Q(submitted_by=user) | Q(last_edited_by=user)
            ).select_related("offer")
        ],
        "committee_seats": [
            {
                "competition": s.competition.title,
                "seat": s.kind,
                "declared_at": s.declared_at.isoformat() if s.declared_at else None,
                "declaration": s.declaration_text,
                "attended": s.attended,
            }
            for s in seats
        ],
        "reasons_requests": [
            {
                "competition": r.competition.title,
                "offer": r.offer.number,
                "name": r.name,
                "email": r.email,
                "question": r.question,
                "asked_at": r.asked_at.isoformat(),
                "answer": r.answer,
                "answered_at": r.answered_at.isoformat() if r.answered_at else None,
            }
            for r in ReasonsRequest.objects.filter(requester=user).select_related(
                "competition", "offer"
            )
        ],
        "scores": [
            {
                "offer": sc.offer.number,
                "criterion": sc.criterion.name,
                "points": str(sc.points),
                "comment": sc.comment,
            }
            for sc in Score.objects.filter(member__user=user).select_related(
                "offer", "criterion"
            )
        ],
        "small_grant_offers": [
            {
                "organisation": o.organisation.name,
                "title": o.title,
                "number": o.number,
                "status": o.status,
                "received_on": o.received_on.isoformat() if o.received_on else None,
                "contact_name": o.contact_name,
                "contact_email": o.contact_email,
                "contact_phone": o.contact_phone,
            }
            for o in SmallGrantOffer.objects.filter(submitted_by=user).select_related(
                "organisation"
            )
        ],
        "small_grant_comments": [
            {
                "offer": c.offer.number,
                "name": c.author_name,
                "email": c.email,
                "text": c.text,
                "made_at": c.created_at.isoformat(),
                "hidden": c.hidden_at is not None,
                "consideration": c.consideration,
            }
            for c in SmallGrantComment.objects.filter(author=user).select_related(
                "offer"
            )
        ],
    }
