"""Reminder rules of the report on the programme (art. 5a ust. 3), for the outbox.

Each message carries an occasion key per year, so the outbox writes it once however
often the sweep runs.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from cooperation.core.notifications import Message


def _recipients(report, programme) -> list[int]:
    """The responsible clerk (of the report, else of the programme), or every clerk."""
    from cooperation.core.models import User

    for owner in (report, programme):
        if owner is not None and owner.responsible_id:
            return [owner.responsible_id]
    return list(
        User.objects.filter(groups__name="clerks", is_active=True).values_list(
            "pk", flat=True
        )
    )


def _due(now: datetime, *, kind: str, occasion: str, in_month) -> list[Message]:
    from cooperation.evaluation.models import AnnualReport
    from cooperation.programme.models import Programme

    local = timezone.localtime(now)
    if not in_month(local.date()):
        return []
    year = local.year - 1
    programme = Programme.objects.filter(year=year).first()
    if programme is None:
        return []
    report = AnnualReport.objects.filter(year=year).first()
    if report is not None and report.status == AnnualReport.Status.PUBLISHED:
        return []
    subject = report if report is not None else programme
    return [
        Message.about(
            subject,
            recipient_id=user_id,
            kind=kind,
            occasion=f"{occasion}:{year}",
            context={"year": year, "deadline": date(year + 1, 5, 31).isoformat()},
        )
        for user_id in _recipients(report, programme)
    ]


def report_due(now: datetime) -> list[Message]:
    """In April: the report on last year's programme is due by 31 May."""
    return _due(
        now,
        kind="evaluation.report_due",
        occasion="programme-report-due",
        in_month=lambda day: day.month == 4,
    )


def report_late(now: datetime) -> list[Message]:
    """From 1 June: 31 May passed and the report on last year's programme is not published."""
    return _due(
        now,
        kind="evaluation.report_late",
        occasion="programme-report-late",
        in_month=lambda day: day > date(day.year, 5, 31),
    )
