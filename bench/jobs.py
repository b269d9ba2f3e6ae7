"""The jobs ``make bench`` times: PDF renders, the reminder sweep, the outbox."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def _pdf_short() -> None:
    from cooperation.core.pdf import render_pdf

    render_pdf(
        "pdf/sample.html",
        {"text": "Zażółć gęślą jaźń. " * 40},
        title="Dokument jednostronicowy",
    )


def _pdf_long() -> None:
    from cooperation.core.pdf import render_pdf

    rows = [
        {"name": f"Stowarzyszenie nr {i}", "value": f"{i * 125} zł"} for i in range(450)
    ]
    render_pdf(
        "pdf/sample.html", {"text": "Zestawienie", "rows": rows}, title="Zestawienie"
    )


class _RolledBack(Exception):
    pass


def _rolled_back(job: Callable[[], Any]) -> Any:
    """Run ``job`` in a transaction that is rolled back: repeated runs start clean."""
    from django.db import transaction

    result = None
    try:
        with transaction.atomic():
            result = job()
            raise _RolledBack
    except _RolledBack:
        pass
    return result


def _reminder_sweep() -> None:
    from cooperation.core.models import User
    from cooperation.core.notifications import Message
    from cooperation.core.registry import reminder_providers
    from cooperation.core.reminders import sweep_reminders

    def job() -> None:
        people = list(User.objects.order_by("pk").values_list("pk", flat=True)[:100])
        if not people:
            people = [
                User.objects.create(username="bench-sweep", email="s@b.example").pk
            ]

        def due(now: Any) -> list[Message]:
            return [
                Message(
                    recipient_id=people[i % len(people)],
                    kind="cooperation.message",
                    occasion=f"bench-deadline:{i}",
                    context={"text": f"Termin {i}"},
                )
                for i in range(10_000)
            ]

        reminder_providers.add("bench.synthetic", due)
        try:
            sweep_reminders()
        finally:
            reminder_providers._entries.pop("bench.synthetic", None)

    _rolled_back(job)


def _programme_from_storage() -> dict[str, Any] | None:
    """The document service's second call returns the stored file without rendering.

    Reports the time of the second call only (the first one renders and stores).
    """
    from cooperation.programme.documents import programme_document
    from cooperation.programme.models import Programme

    programme = Programme.objects.order_by("-year").first()
    if programme is None:
        return None

    def job() -> dict[str, Any]:
        first = programme_document(programme, sync=True)
        started = time.perf_counter()
        second = programme_document(programme, sync=True)
        seconds = time.perf_counter() - started
        try:
            if (second.pk, second.updated_at, second.file.name) != (
                first.pk,
                first.updated_at,
                first.file.name,
            ):
                raise RuntimeError("the unchanged programme was rendered again")
        finally:
            first.file.delete(save=False)
        return {"seconds": seconds}

    return _rolled_back(job)


def _outbox() -> None:
    from cooperation.core.models import Notification, User
    from cooperation.core.notifications import Message, deliver_pending, notify_many

    # Not rolled back: a delivery commits its claim before it sends. The messages
    # are deleted afterwards, so repeated runs start clean.
    people = list(User.objects.order_by("pk").values_list("pk", flat=True)[:20])
    try:
        notify_many(
            Message(
                recipient_id=people[i % len(people)],
                kind="cooperation.message",
                occasion=f"bench-outbox:{i}",
                context={"text": "Test"},
            )
            for i in range(200)
        )
        deliver_pending(limit=200)
    finally:
        Notification.objects.filter(occasion__startswith="bench-outbox:").delete()


def _consultation_report_pdf() -> None:
    from django.db.models import Count

    from consultations.models import Consultation
    from consultations.reports import REPORT_TEMPLATE, report_context
    from cooperation.core.pdf import render_pdf

    consultation = (
        Consultation.objects.annotate(n=Count("comments")).order_by("-n", "pk").first()
    )
    if consultation is None:
        return
    render_pdf(
        REPORT_TEMPLATE,
        report_context(consultation),
        title=consultation.title,
        lang="pl",
    )


def _programme_pdf() -> None:
    from cooperation.core.pdf import render_pdf
    from cooperation.programme.documents import (
        TEMPLATE,
        programme_context,
        programme_title,
    )
    from cooperation.programme.models import Programme

    programme = Programme.objects.order_by("-year").first()
    if programme is None:
        return
    render_pdf(
        TEMPLATE,
        programme_context(programme),
        title=programme_title(programme),
        lang="pl",
    )


def _bench_report(*, published: bool) -> Any:
    """The report on this year's programme (the year of the benchmark's competitions)."""
    from django.utils import timezone

    from cooperation.evaluation.figures import figures_for
    from cooperation.evaluation.models import AnnualReport
    from cooperation.programme.models import Programme

    year = timezone.localdate().year
    programme = Programme.objects.filter(year=year).first()
    if programme is None:
        return None
    report, _created = AnnualReport.objects.get_or_create(
        year=year,
        defaults={"programme": programme, "summary": "Sprawozdanie testowe."},
    )
    if published and report.status == AnnualReport.Status.DRAFT:
        AnnualReport.objects.filter(pk=report.pk).update(
            status=AnnualReport.Status.PUBLISHED,
            submitted_on=timezone.localdate(),
            published_on=timezone.localdate(),
            bip_url="https://bip.example/sprawozdanie",
            figures=figures_for(report),
        )
        report.refresh_from_db()
    return report


def _annual_report_pdf() -> None:
    """The report's figures computed from the year's records, then rendered."""
    from cooperation.core.pdf import render_pdf
    from cooperation.evaluation.documents import TEMPLATE, pdf_context, report_title

    def job() -> None:
        report = _bench_report(published=False)
        if report is not None:
            render_pdf(
                TEMPLATE, pdf_context(report), title=report_title(report), lang="pl"
            )

    _rolled_back(job)


def _annual_report_from_storage() -> dict[str, Any] | None:
    """A published report asked for again: served from storage, not rendered.

    Reports the time of the second call only (the first one renders and stores).
    """
    from cooperation.evaluation.documents import report_document

    def job() -> dict[str, Any] | None:
        report = _bench_report(published=True)
        if report is None:
            return None
        first = report_document(report, sync=True)
        started = time.perf_counter()
        second = report_document(report, sync=True)
        seconds = time.perf_counter() - started
        try:
            if (second.pk, second.updated_at, second.file.name) != (
                first.pk,
                first.updated_at,
                first.file.name,
            ):
                raise RuntimeError("the unchanged report was rendered again")
        finally:
            first.file.delete(save=False)
        return {"seconds": seconds}

    return _rolled_back(job)


JOBS: dict[str, Callable[[], Any]] = {
    "outbox: deliver 200 e-mails": _outbox,
    "pdf: 10-page table": _pdf_long,
    "pdf: consultation report with 100 comments": _consultation_report_pdf,
    "pdf: cooperation programme": _programme_pdf,
    "pdf: one-page document": _pdf_short,
    "pdf: report on the programme (figures computed)": _annual_report_pdf,
    "pdf: report again, unchanged (served from storage)": _annual_report_from_storage,
    "pdf: programme again, unchanged (served from storage)": _programme_from_storage,
    "reminder sweep over 10,000 due items": _reminder_sweep,
}
