"""Reminder rules of non-financial cooperation: what is due now, as messages."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cooperation.core.notifications import Message


def proposals_due(now: datetime) -> list[Message]:
    """Every clerk is told of an own-initiative proposal whose month (art. 12 ust. 2)
    ends within ``PROPOSAL_REMINDER_DAYS``, and again once it is overdue.

    Two queries: the proposals waiting for an answer that fall due soon, and the
    clerks; the occasion names the proposal and the stage, so each goes out once.
    """
    from django.contrib.auth import get_user_model

    from .models import TaskProposal

    today = timezone.localtime(now).date()
    lead = settings.PORTAL_RULES["PROPOSAL_REMINDER_DAYS"]
    waiting = list(
        TaskProposal.objects.filter(
            status=TaskProposal.Status.SUBMITTED,
            answer_due__lte=today + timedelta(days=lead),
        ).values_list("pk", "answer_due", "title", "organisation__name")
    )
    if not waiting:
        return []
    clerks = list(
        get_user_model()
        .objects.filter(groups__name="clerks", is_active=True)
        .values_list("pk", flat=True)
    )
    content_type_id = ContentType.objects.get_for_model(TaskProposal).pk
    messages = []
    for pk, due, title, organisation in waiting:
        stage = "overdue" if due < today else "due"
        for clerk in clerks:
            messages.append(
                Message(
                    recipient_id=clerk,
                    kind="nonfinancial.proposal_due",
                    occasion=f"proposal-{stage}:{pk}",
                    content_type_id=content_type_id,
                    object_id=pk,
                    context={
                        "due": due,
                        "overdue": stage == "overdue",
                        "title": title,
                        "organisation": organisation,
                    },
                )
            )
    return messages
