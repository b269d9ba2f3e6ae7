"""Reminder rules of consultations: what is due now, as messages for the outbox."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from cooperation.core.notifications import Message


def closing_soon(now: datetime):
    """Representatives of invited organisations, N days before the end (2 queries + 1 each)."""
    from .models import Consultation
    from .services import invited_user_ids

    days = settings.PORTAL_RULES["CONSULTATION_REMINDER_DAYS"]
    due = Consultation.objects.open(now).filter(end_at__lte=now + timedelta(days=days))
    messages = []
    for consultation in due.prefetch_related("invited_spheres"):
        for user_id in invited_user_ids(consultation):
            messages.append(
                Message.about(
                    consultation,
                    recipient_id=user_id,
                    kind="consultations.closing",
                    occasion=f"consultation-closing-{days}d:{consultation.pk}",
                )
            )
    return messages


def report_overdue(now: datetime):
    """The responsible clerk, once the report is later than the configured days."""
    from .models import Consultation

    days = settings.PORTAL_RULES["CONSULTATION_REPORT_DAYS"]
    overdue = Consultation.objects.closed(now).filter(
        end_at__lte=now - timedelta(days=days), responsible__isnull=False
    )
    return [
        Message.about(
            c,
            recipient_id=c.responsible_id,
            kind="consultations.report_overdue",
            occasion=f"consultation-report-overdue:{c.pk}",
        )
        for c in overdue
    ]
