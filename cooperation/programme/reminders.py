"""Reminder rules of the programme: what is due now, as messages for the outbox."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from cooperation.core.notifications import Message

NOT_SUBMITTED = ["drafting", "in_consultation", "council_opinion"]


def programme_not_submitted(now: datetime):
    """In October: next year's programme is not yet with the council (deadline 30 November).

    The responsible clerk is told, or every clerk when nobody is responsible.
    """
    from cooperation.core.models import User
    from cooperation.programme.models import Programme

    local = timezone.localtime(now)
    if local.month != 10:
        return []
    year = local.year + 1
    programme = Programme.objects.filter(year=year).first()
    if programme is not None and programme.status not in NOT_SUBMITTED:
        return []
    if programme is not None and programme.responsible_id:
        recipients = [programme.responsible_id]
    else:
        recipients = list(
            User.objects.filter(groups__name="clerks", is_active=True).values_list(
                "pk", flat=True
            )
        )
    return [
        Message.about(
            programme,
            recipient_id=user_id,
            kind="cooperation.programme_not_submitted",
            occasion=f"programme-not-submitted:{year}",
            context={"year": year},
        )
        for user_id in recipients
    ]
