"""What grants holds about a person: the JSON download and the erasure on account deletion.

Reports on contracts (art. 18 of the Act) and refunds of grants (art. 251 and 252 of
the public finance act) are part of the file of a grant, which the municipality keeps
as the archival rules require: the download lists those the person submitted,
reviewed or recorded, and the erasure keeps them, detaching the person (the names
signed for an organisation stay, as on the signed paper document).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from cooperation.core.models import StatusChange
from grants.models import (
    CommitteeMember,
    InitiativeApplication,
    InitiativeAttachment,
    InitiativeContribution,
    InitiativeInvitation,
    InitiativeSettlement,
    Offer,
    OfferUpdate,
    ReasonsRequest,
    Refund,
    Report,
    Score,
    SmallGrantComment,
    SmallGrantOffer,
)


def _acted_on(model: Any, user: Any) -> dict[int, list[str]]:
    """The objects of ``model`` whose audit trail names ``user``, with the states."""
    steps: dict[int, list[str]] = {}
    for object_id, to_status in StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(model), actor=user
    ).values_list("object_id", "to_status"):
        steps.setdefault(object_id, []).append(to_status)
    return steps


def _reports(user: Any) -> list[dict[str, Any]]:
    acted = _acted_on(Report, user)
    rows = Report.objects.filter(Q(pk__in=acted) | Q(reviewed_by=user)).select_related(
        "contract"
    )
    return [
        {
            "contract": r.contract.number,
            "kind": r.kind,
            "period": [r.period_start.isoformat(), r.period_end.isoformat()],
            "status": r.status,
            "submitted_on": r.submitted_on.isoformat() if r.submitted_on else None,
            "signed_for_organisation": r.signed_for_organisation,
            "reviewed_by_me": r.reviewed_by_id == user.pk,
            "my_steps": acted.get(r.pk, []),
            "kept": "archival",
        }
        for r in rows
    ]


def _refunds(user: Any) -> list[dict[str, Any]]:
    acted = _acted_on(Refund, user)
    return [
        {
            "contract": r.contract.number,
            "kind": r.kind,
            "amount": str(r.amount),
            "due_on": r.due_on.isoformat(),
            "status": r.status,
            "my_steps": acted.get(r.pk, []),
            "kept": "archival",
        }
        for r in Refund.objects.filter(pk__in=acted).select_related("contract")
    ]


def erase(user: Any) -> None:
    """Reports and refunds are kept as the law requires; the person is detached. So
    are the contributions delivered to a local initiative that the person logged and
    the settlements the person made: they are the file of the initiative's agreement."""
    Report.objects.filter(reviewed_by=user).update(reviewed_by=None)
    InitiativeContribution.objects.filter(recorded_by=user).update(recorded_by=None)
    InitiativeSettlement.objects.filter(settled_by=user).update(settled_by=None)
    InitiativeAttachment.objects.filter(uploaded_by=user).update(uploaded_by=None)
    # An invitation the person accepted goes with the account: they no longer
    # follow the application.
    InitiativeInvitation.objects.filter(accepted_by=user).delete()


def export(user) -> dict[str, Any]:
    """Offers a person wrote or submitted and their updates after the award, committee
    seats, declarations, scores, demands for the reasons of a choice (with their
    answers), the reports and refunds the person submitted, reviewed or recorded
    (kept in the grant's file as the law requires, ``"kept": "archival"``), the local
    initiatives the person applied for, the documents they attached, the invitations of co-applicants they sent or
    accepted and the contributions delivered the person logged for them, small-grant offers submitted and comments on small-grant
    offers."""
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
        "reports": _reports(user),
        "refunds": _refunds(user),
        "initiative_applications": [
            {
                "number": a.number,
                "title": a.title,
                "status": a.status,
                "received_on": a.received_on.isoformat() if a.received_on else None,
                "leader_name": a.leader_name,
                "leader_email": a.leader_email,
                "leader_phone": a.leader_phone,
                "co_applicants": a.co_applicants,
            }
            for a in InitiativeApplication.objects.filter(applicant=user)
        ],
        "initiative_attachments": [
            {
                "initiative": d.application.number,
                "document": d.name,
                "sha256": d.sha256,
                "uploaded_at": d.uploaded_at.isoformat(),
            }
            for d in InitiativeAttachment.objects.filter(
                uploaded_by=user
            ).select_related("application")
        ],
        "initiative_invitations": [
            {
                "initiative": i.application.number,
                "name": i.name,
                "email": i.email,
                "invited_by_me": i.invited_by_id == user.pk,
                "invited_at": i.invited_at.isoformat(),
                "accepted_at": i.accepted_at.isoformat() if i.accepted_at else None,
            }
            for i in InitiativeInvitation.objects.filter(
                Q(invited_by=user) | Q(accepted_by=user)
            ).select_related("application")
        ],
        "initiative_contributions": [
            {
                "initiative": c.application.number,
                "kind": c.kind,
                "delivered_on": c.delivered_on.isoformat(),
                "description": c.description,
                "hours": c.hours,
                "amount": str(c.amount),
                "evidence_sha256": c.evidence_sha256,
                "recorded_at": c.recorded_at.isoformat(),
                "kept": "archival",
            }
            for c in InitiativeContribution.objects.filter(
                recorded_by=user
            ).select_related("application")
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
