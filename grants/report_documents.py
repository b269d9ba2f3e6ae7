"""The PDFs of a report on a contract and of the settlement of the grant.

The report is the office's template of kind "report" (the wording of Dz.U. 2018 poz.
2057, załącznik nr 5, see :mod:`grants.report_template`) filled in with the figures
of the report's content: the placeholders of :data:`contract_documents.REPORT_PLACEHOLDERS`
and the tables of :data:`contract_documents.REPORT_TABLES`. The settlement
(rozliczenie dotacji) is the file's summary: the contract, the instalments paid, the
grant properly used and unused, each refund with its interest by the rates in force,
and whether the case is settled.

Both are stored under the hash of their inputs (:func:`cooperation.core.pdf.document_for`)
and served from storage while unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cooperation.core.models import GeneratedDocument
from cooperation.core.pdf import document_for
from cooperation.core.registry import document_contexts

from . import contract_documents
from .models import Refund, RefundKind, Report
from .models.contracts import Contract, plain_amount, plain_date
from .models.reports import ReportKind, ReportStatus
from .services.settlement import interest
from .validators import pln

REPORT = "grants/pdf/report.html"
SETTLEMENT = "grants/pdf/settlement.html"


def _day(value: Any) -> str:
    day = plain_date(value)
    return formats.date_format(day, "j E Y") if day else "……………"


def _text(value: Any) -> str:
    text = str(value or "").strip()
    return text or "nie dotyczy"


def _share(part: Decimal, whole: Decimal) -> str:
    if whole <= 0:
        return "—"
    value = (part * 100 / whole).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{value:.2f}".replace(".", ",") + "%"


def _attachment(item: Any) -> str:
    if isinstance(item, Mapping):
        parts = [
            str(item.get(key) or "").strip()
            for key in ("number", "name", "title", "description", "date", "amount")
        ]
        return ", ".join(p for p in parts if p)
    return str(item or "").strip()


def report_tables(report: Report) -> dict[str, dict[str, Any]]:
    """The report's figures as the tables of its template."""
    content = report.content or {}
    costs = list(content.get("costs", []))
    by_year = any(row.get("year") for row in costs)
    planned = sum((plain_amount(r.get("planned")) for r in costs), Decimal(0))
    incurred = sum((plain_amount(r.get("incurred")) for r in costs), Decimal(0))
    cost_head = [_("No."), _("Type of cost")]
    if by_year:
        cost_head.append(_("Year"))
    cost_head += [_("Per the contract"), _("Incurred")]
    cost_rows = [
        [str(r.get("number") or n), str(r.get("name") or "")]
        + ([str(r.get("year") or "")] if by_year else [])
        + [pln(plain_amount(r.get("planned"))), pln(plain_amount(r.get("incurred")))]
        for n, r in enumerate(costs, start=1)
    ]
    cost_rows.append(
        ["", _("Total")] + ([""] if by_year else []) + [pln(planned), pln(incurred)]
    )
    sources = list(content.get("funding", []))
    funded = sum((plain_amount(s.get("amount")) for s in sources), Decimal(0))
    source_rows = [
        [
            str(s.get("name") or ""),
            pln(plain_amount(s.get("amount"))),
            _share(plain_amount(s.get("amount")), funded),
        ]
        for s in sources
    ]
    source_rows.append([_("Total"), pln(funded), _share(funded, funded)])
    return {
        "rezultaty": {
            "head": [
                _("No."),
                _("Result"),
                _("Target value"),
                _("Achieved"),
                _("How it was measured"),
            ],
            "rows": [
                [
                    str(n),
                    str(r.get("name") or ""),
                    str(r.get("target_value") or ""),
                    str(r.get("achieved") or ""),
                    str(r.get("measured_by") or ""),
                ]
                for n, r in enumerate(content.get("results", []), start=1)
            ],
        },
        "dzialania": {
            "head": [
                _("No."),
                _("Activity"),
                _("What was done"),
                _("Deviations"),
                _("Done by a non-party"),
            ],
            "rows": [
                [
                    str(n),
                    str(a.get("name") or ""),
                    str(a.get("done") or ""),
                    str(a.get("deviations") or ""),
                    str(a.get("by_non_party") or ""),
                ]
                for n, a in enumerate(content.get("actions", []), start=1)
            ],
        },
        "koszty": {"head": cost_head, "rows": cost_rows},
        "zrodla": {
            "head": [_("Source of funding"), _("Amount"), _("Share")],
            "rows": source_rows,
        },
        "zalaczniki": {
            "head": [_("No."), _("Attachment")],
            "rows": [
                [str(n), _attachment(item)]
                for n, item in enumerate(content.get("attachments", []), start=1)
            ],
        },
    }


def report_values(report: Report) -> dict[str, str]:
    contract = report.contract
    content = report.content or {}
    values = contract_documents.values_of(contract, report.terms or contract.terms)
    values.update(
        {
            "sprawozdanie.rodzaj": "końcowe"
            if report.kind == ReportKind.FINAL
            else "częściowe",
            "sprawozdanie.okres_od": _day(report.period_start),
            "sprawozdanie.okres_do": _day(report.period_end),
            "sprawozdanie.data_zlozenia": _day(report.submitted_on),
            "sprawozdanie.rezultaty_trwale": _text(content.get("lasting_results")),
            "sprawozdanie.inne_przychody": _text(content.get("other_income")),
            "sprawozdanie.swiadczenia": pln(
                plain_amount(content.get("recipient_payments"))
            ),
            "sprawozdanie.czesc_iii": _text(content.get("part_three")),
            "sprawozdanie.opis_wykonania": _text(content.get("carried_out")),
            "sprawozdanie.rezultaty": _text(content.get("results_achieved")),
        }
    )
    return values


def fill_report(report: Report) -> tuple[str, list[dict[str, Any]]]:
    """The report's text from the template it keeps: plain text and parts."""
    return contract_documents.render(
        report.template.body,
        report_values(report),
        report_tables(report),
        kind=report.template.kind,
    )


def _signatories(report: Report) -> list[str]:
    names = [n.strip() for n in (report.signed_for_organisation or "").split(",") if n]
    if names:
        return names
    return [
        f"{r['name']}, {r['function']}" if r.get("function") else r["name"]
        for r in report.contract.representatives
    ]


@document_contexts.register(REPORT)
def report_context(report: Report) -> dict[str, Any]:
    _body, segments = fill_report(report)
    return {
        "report": report,
        "contract": report.contract,
        "segments": segments,
        "signatories": _signatories(report),
        "heading": _("Report on contract %(number)s")
        % {"number": report.contract.number},
        "kind": report.get_kind_display(),
    }


def report_title(report: Report) -> str:
    return _("%(kind)s report on contract %(number)s: %(title)s") % {
        "kind": report.get_kind_display(),
        "number": report.contract.number,
        "title": report.contract.title,
    }


def report_pdf(report: Report, *, sync: bool = True) -> GeneratedDocument:
    context = report_context(report)
    return document_for(
        f"report-{report.pk}",
        template_name=REPORT,
        context=context,
        title=report_title(report),
        inputs={
            "segments": context["segments"],
            "signatories": context["signatories"],
            "template": (report.template_id, report.template_version),
            "status": report.status,
            "submitted_on": report.submitted_on,
            "accepted_on": report.accepted_on,
            "kind": report.kind,
        },
        obj=report,
        sync=sync,
    )


# --- The settlement -----------------------------------------------------------------


def _rates() -> list[tuple[date, Decimal]]:
    from .services.reports import rates

    return rates()


def refund_statement(
    refund: Refund, on: date, rates: Sequence[tuple[date, Decimal]]
) -> dict[str, Any]:
    """A refund's account on ``on``: interest by the rates in force, each transfer
    split into interest and principal, and what is still due.

    Follows :func:`grants.services.reports.refund_due_now` step by step (each
    transfer pays the interest accrued first), with the parts of each computation.
    """
    principal = plain_amount(refund.amount)
    accrued = Decimal(0)
    since = refund.interest_from
    unused = refund.kind == RefundKind.UNUSED
    periods: list[dict[str, Any]] = []
    transfers: list[dict[str, Any]] = []

    def accrue(until: date) -> Decimal:
        value, parts = interest(principal, since, until, rates)
        for part in parts:
            periods.append({**part, "principal": principal})
        return value

    for row in sorted(refund.received, key=lambda r: r["on"]):
        day = date.fromisoformat(row["on"])
        if day >= since and (not unused or day > refund.due_on):
            accrued += accrue(day - timedelta(days=1))
        paid = plain_amount(row["amount"])
        to_interest = min(paid, accrued)
        accrued -= to_interest
        to_principal = min(paid - to_interest, principal)
        principal = max(principal - (paid - to_interest), Decimal(0))
        since = max(since, day)
        transfers.append(
            {
                "on": day,
                "amount": paid,
                "interest": to_interest,
                "principal": to_principal,
            }
        )
    if principal > 0 and on >= since and (not unused or on > refund.due_on):
        accrued += accrue(on - timedelta(days=1))
    return {
        "refund": refund,
        "periods": periods,
        "transfers": transfers,
        "principal_due": principal,
        "interest_due": accrued,
        "received": sum((t["amount"] for t in transfers), Decimal(0)),
    }


def settlement_data(contract: Contract, on: date | None = None) -> dict[str, Any]:
    """Everything the settlement shows, as of ``on`` (today by default)."""
    from .services.reports import is_settled, properly_used

    on = on or timezone.localdate()
    payments = list(contract.payments.order_by("paid_on", "pk"))
    paid = sum((plain_amount(p.amount) for p in payments), Decimal(0))
    final = contract.reports.filter(
        kind=ReportKind.FINAL, status=ReportStatus.ACCEPTED
    ).first()
    used = properly_used(final) if final is not None else None
    rates = _rates()
    refunds = [refund_statement(r, on, rates) for r in contract.refunds.order_by("pk")]
    terms = contract.current_terms()
    return {
        "contract": contract,
        "terms": terms,
        "start": plain_date(terms.get("start_date")),
        "end": plain_date(terms.get("end_date")),
        "on": on,
        "payments": payments,
        "paid": paid,
        "final": final,
        "properly_used": used,
        "unused": max(paid - used, Decimal(0)) if used is not None else None,
        "refunds": refunds,
        "refunds_total": sum(
            (plain_amount(s["refund"].amount) for s in refunds), Decimal(0)
        ),
        "received_total": sum((s["received"] for s in refunds), Decimal(0)),
        "principal_due": sum((s["principal_due"] for s in refunds), Decimal(0)),
        "interest_due": sum((s["interest_due"] for s in refunds), Decimal(0)),
        "settled": is_settled(contract),
        "rates": sorted(rates, reverse=True),
        "reports": list(contract.reports.order_by("period_end", "pk")),
    }


@document_contexts.register(SETTLEMENT)
def settlement_context(contract: Contract) -> dict[str, Any]:
    return settlement_data(contract)


def _settlement_inputs(data: Mapping[str, Any]) -> dict[str, Any]:
    open_case = data["principal_due"] > 0 or data["interest_due"] > 0
    return {
        "contract": (
            data["contract"].number,
            data["contract"].status,
            str(data["contract"].grant),
        ),
        "payments": [
            (p.paid_on, p.instalment, str(p.amount)) for p in data["payments"]
        ],
        "final": (data["final"].pk, data["final"].accepted_on)
        if data["final"]
        else None,
        "used": data["properly_used"],
        "refunds": [
            (
                s["refund"].pk,
                s["refund"].status,
                str(s["refund"].amount),
                s["refund"].due_on,
                s["refund"].interest_from,
                s["refund"].received,
            )
            for s in data["refunds"]
        ],
        "rates": data["rates"],
        "reports": [(r.pk, r.status) for r in data["reports"]],
        # Interest grows day by day while something is due.
        "on": data["on"] if open_case else None,
    }


def settlement_title(contract: Contract) -> str:
    return _("Settlement of the grant under contract %(number)s") % {
        "number": contract.number
    }


def settlement_pdf(contract: Contract, *, sync: bool = True) -> GeneratedDocument:
    data = settlement_data(contract)
    return document_for(
        f"settlement-{contract.pk}",
        template_name=SETTLEMENT,
        context=data,
        title=settlement_title(contract),
        inputs=_settlement_inputs(data),
        obj=contract,
        sync=sync,
    )
