"""Demands for the reasons for choosing or rejecting an offer (art. 15 ust. 2j)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.notifications import notify
from cooperation.core.permissions import require_clerk
from cooperation.core.workflow import record, transition

from ..models import Competition, CompetitionStatus, Offer, OfferStatus, ReasonsRequest
from .transitions import TRANSITIONS

# Art. 15 ust. 2j: "within 30 days of the day the results were announced".
REQUEST_DAYS = 30

DECIDED = (
    OfferStatus.SELECTED,
    OfferStatus.NOT_SELECTED,
    OfferStatus.FORMALLY_REJECTED,
    OfferStatus.WITHDRAWN,
)


def reasons_request_open_until(competition: Competition) -> Any:
    """The last day on which the reasons may be demanded, or None before the results."""
    if (
        competition.status != CompetitionStatus.RESULTS_PUBLISHED
        or not competition.results_published_at
    ):
        return None
    return timezone.localdate(competition.results_published_at) + timedelta(
        days=REQUEST_DAYS
    )


def reasons_request_create(
    *,
    competition: Competition,
    offer: Offer,
    actor: Any,
    name: str,
    email: str,
    question: str,
) -> ReasonsRequest:
    """Record a demand for the reasons for choosing or rejecting an offer.

    Anyone logged in may ask, within 30 days of the results (art. 15 ust. 2j); the
    answer is due within ``PORTAL_RULES["REASONS_ANSWER_DAYS"]`` days and the asker is
    told of it through the outbox.
    """
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDeniedError(_("Log in to ask for the reasons."))
    until = reasons_request_open_until(competition)
    if until is None:
        raise DomainError(_("The results are not published yet."), code="state")
    if timezone.localdate() > until:
        raise DomainError(
            _(
                "The reasons may be demanded within %(days)s days of the results "
                "(art. 15 ust. 2j), that is by %(date)s."
            )
            % {"days": REQUEST_DAYS, "date": formats.date_format(until, "DATE_FORMAT")},
            code="late",
        )
    if offer.competition_id != competition.pk or offer.status not in DECIDED:
        raise DomainError(_("Choose an offer of this competition."), field="offer")
    if not name.strip():
        raise DomainError(_("Give your name."), field="name")
    if not question.strip():
        raise DomainError(_("Write your question."), field="question")
    days = settings.PORTAL_RULES["REASONS_ANSWER_DAYS"]
    with transaction.atomic():
        request = ReasonsRequest.objects.create(
            competition=competition,
            offer=offer,
            requester=actor,
            name=name.strip(),
            email=email.strip(),
            question=question.strip(),
            answer_due=timezone.localdate() + timedelta(days=days),
        )
        record(request, actor=actor, to=ReasonsRequest.Status.ASKED)
    return request


def reasons_request_answer(
    *, reasonsrequest: ReasonsRequest, actor: Any, answer: str
) -> ReasonsRequest:
    """Answer a demand for reasons; the asker is notified through the outbox."""
    require_clerk(actor)
    if not answer.strip():
        raise DomainError(_("Write the answer."), field="answer")
    with transaction.atomic():
        transition(
            reasonsrequest,
            transitions=TRANSITIONS,
            to=ReasonsRequest.Status.ANSWERED,
            actor=actor,
            changes={
                "answer": answer.strip(),
                "answered_at": timezone.now(),
                "answered_by": actor,
            },
        )
        offer = reasonsrequest.offer
        notify(
            reasonsrequest.requester,
            "grants.reasons_answered",
            occasion=f"reasons-answered:{reasonsrequest.pk}",
            obj=reasonsrequest,
            context={
                "number": offer.number,
                "title": offer.title,
                "competition": reasonsrequest.competition.title,
                "question": reasonsrequest.question,
                "answer": reasonsrequest.answer,
            },
        )
    return reasonsrequest
