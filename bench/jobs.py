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


def _report_reminder_sweep(count: int = 10_000) -> dict[str, Any] | None:
    """The sweep with ``count`` reports due in 7 days under a contract of the bench
    data (saved, then rolled back); times the sweep alone."""
    from datetime import timedelta

    from django.utils import timezone

    from cooperation.core.models import User
    from cooperation.core.reminders import sweep_reminders
    from grants.models import DocumentTemplate, Offer, Report
    from ngos.models import Membership

    def job() -> dict[str, Any] | None:
        contract = _bench_contract()
        offer = (
            Offer.objects.filter(contract__isnull=True)
            .select_related("organisation")
            .order_by("pk")
            .first()
            if contract is not None
            else None
        )
        if contract is None or offer is None:
            return None
        contract.template.save()
        contract.offer = offer
        contract.number = "bench-reminders"
        contract.sequence = 999_999
        contract.save()
        user = User.objects.create(username="bench-reports", email="r@b.example")
        Membership.objects.create(
            user=user,
            organisation=offer.organisation,
            role=Membership.Role.REPRESENTATIVE,
            status=Membership.Status.APPROVED,
        )
        template = DocumentTemplate.objects.create(
            kind="report",
            name="Sprawozdanie",
            legal_basis="bench",
            version="bench-report",
            valid_from=contract.signed_on,
            body="bench",
        )
        due = timezone.localdate() + timedelta(days=7)
        Report.objects.bulk_create(
            (
                Report(
                    contract=contract,
                    kind="partial",
                    form="full",
                    status="called",
                    period_start=contract.signed_on,
                    period_end=contract.signed_on,
                    due_on=due,
                    template=template,
                    template_version=template.version,
                )
                for _ in range(count)
            ),
            batch_size=2000,
        )
        started = time.perf_counter()
        offered = sweep_reminders()
        return {"seconds": time.perf_counter() - started, "offered": offered}

    return _rolled_back(job)


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


def _bench_contract() -> Any:
    """A contract of a chosen offer of the bench data, in memory (nothing is saved):
    the demo's contract template, 12 activities, 15 cost items, 5 results and two
    instalments, as a large real contract has."""
    from datetime import date, timedelta
    from decimal import Decimal

    from django.utils import timezone

    from grants.demo import DEMO_CONTRACT
    from grants.models import Contract, DocumentTemplate, Offer

    offer = (
        Offer.objects.filter(status="selected")
        .select_related("organisation", "competition")
        .order_by("pk")
        .first()
    )
    if offer is None:
        return None
    year = timezone.localdate().year
    start, end = date(year, 2, 1), date(year, 11, 30)
    costs = [
        {"number": f"I.{n}", "name": f"Koszt merytoryczny nr {n}", "total": "1000.00"}
        for n in range(1, 16)
    ]
    terms = {
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "actions": [
            {
                "name": f"Działanie {n}: zajęcia warsztatowe dla uczestników",
                "start": (start + timedelta(days=20 * n)).isoformat(),
                "end": (start + timedelta(days=20 * n + 14)).isoformat(),
                "subcontractor": "Partner" if n % 4 == 0 else "",
            }
            for n in range(1, 13)
        ],
        "results": [
            {
                "name": f"Rezultat {n}: liczba uczestników zajęć",
                "target_value": str(20 * n),
                "monitoring": "Listy obecności",
            }
            for n in range(1, 6)
        ],
        "costs": costs,
        "own_financial": "1500.00",
        "own_non_financial": "500.00",
        "recipient_payments": "0",
        "years": [{"year": year, "use_by": end.isoformat()}],
        "instalments": [
            {"number": 1, "due_on": start.isoformat(), "amount": "8000.00"},
            {"number": 2, "due_on": date(year, 6, 1).isoformat(), "amount": "5000.00"},
        ],
    }
    contract = Contract(
        offer=offer,
        number=f"1/{year}/OPP",
        year=year,
        sequence=1,
        form="support",
        title=offer.title,
        grant=Decimal("13000.00"),
        bank_account="61109010140000071219812874",
        cost_shift_percent=Decimal("20.00"),
        municipality_representative="Burmistrz Miasta Radlin",
        representatives=[
            {"name": "Anna Nowak", "function": "Prezes Zarządu"},
            {"name": "Jan Kowalski", "function": "Skarbnik"},
        ],
        signatures_required=2,
        template=DocumentTemplate(
            kind="contract",
            name="Umowa o realizację zadania publicznego",
            version="bench",
            valid_from=start,
            body=DEMO_CONTRACT,
        ),
        template_version="bench",
        terms=terms,
        status="signed",
        signed_on=start,
    )
    return contract


def _contract_pdf() -> None:
    from cooperation.core.pdf import render_pdf
    from grants import contract_documents

    contract = _bench_contract()
    if contract is None:
        return
    contract.body, contract.segments = contract_documents.fill(contract)
    render_pdf(
        contract_documents.CONTRACT,
        contract_documents.contract_context(contract),
        title=f"Umowa {contract.number}: {contract.title}",
        lang="pl",
    )


def _report_pdf() -> None:
    from cooperation.core.pdf import render_pdf
    from grants import report_documents, report_template
    from grants.models import DocumentTemplate, Report
    from grants.services.settlement import prefilled

    contract = _bench_contract()
    if contract is None:
        return
    content = prefilled(contract.terms)
    content["costs"] = [{**c, "incurred": c["planned"]} for c in content["costs"]]
    content["results"] = [
        {**r, "achieved": r["target_value"]} for r in content["results"]
    ]
    content["actions"] = [
        {**a, "done": "Zrealizowano zgodnie z harmonogramem i umową."}
        for a in content["actions"]
    ]
    content["funding"] = [
        {"name": "Dotacja", "amount": "13000.00", "grant": True},
        {"name": "Środki własne", "amount": "2000.00", "own": True},
    ]
    content["attachments"] = [
        {"number": f"FV {n}/{contract.year}", "name": f"Faktura nr {n}"}
        for n in range(1, 31)
    ]
    report = Report(
        contract=contract,
        kind="final",
        form="full",
        status="submitted",
        period_start=contract.terms["start_date"],
        period_end=contract.terms["end_date"],
        due_on=contract.terms["end_date"],
        template=DocumentTemplate(
            kind="report",
            name=report_template.NAME,
            version=report_template.VERSION,
            valid_from=contract.terms["start_date"],
            body=report_template.body(),
        ),
        template_version=report_template.VERSION,
        terms=contract.terms,
        content=content,
        signed_for_organisation="Anna Nowak, Jan Kowalski",
    )
    render_pdf(
        report_documents.REPORT,
        report_documents.report_context(report),
        title=report_documents.report_title(report),
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
    "pdf: contract (12 activities, 15 cost items)": _contract_pdf,
    "pdf: final report on a contract (30 attachments)": _report_pdf,
    "pdf: cooperation programme": _programme_pdf,
    "pdf: one-page document": _pdf_short,
    "pdf: report on the programme (figures computed)": _annual_report_pdf,
    "pdf: report again, unchanged (served from storage)": _annual_report_from_storage,
    "pdf: programme again, unchanged (served from storage)": _programme_from_storage,
    "reminder sweep over 10,000 due items": _reminder_sweep,
    "reminder sweep over 10,000 due reports": _report_reminder_sweep,
}
