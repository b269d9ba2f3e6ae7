"""Reports on contracts and the settlement of the grant with its refunds."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.core.exceptions import DomainError
from cooperation.core.limits import parse_amount
from cooperation.core.permissions import require_clerk
from cooperation.core.workflow import record, transition

from ..models import Refund, RefundKind, RefundStatus, Report, TaxInterestRate
from ..models.contracts import Contract, DocumentTemplateKind, plain_date
from ..models.offer import money
from ..models.reports import ReportForm, ReportKind, ReportStatus
from ..permissions import SUBMITS_REPORT
from .contracts import _tell, current_template
from .settlement import (
    check_partial_deadline,
    final_report_due,
    finding_return_due,
    interest,
    prefilled,
    report_problems,
    task_end,
    unused_return_due,
)
from .transitions import TRANSITIONS

R = ReportStatus
# The template each form of report is made of.
TEMPLATE_KINDS = {
    ReportForm.FULL: DocumentTemplateKind.REPORT,
    ReportForm.SIMPLIFIED: DocumentTemplateKind.SIMPLIFIED_REPORT,
}


def form_for(contract: Contract) -> str:
    """The form a contract is reported on: the simplified report for a small grant
    (art. 19a), the full report otherwise."""
    return ReportForm.SIMPLIFIED if contract.small_grant_id else ReportForm.FULL


def _amount(value: Any, field: str = "amount") -> Decimal:
    """An amount typed the Polish way (a string) or given as a number; a badly typed
    one is refused with the parser's message on ``field``."""
    if isinstance(value, str):
        try:
            return parse_amount(value)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field=field) from error
    return money(value)


def _new_report(
    contract: Contract,
    *,
    kind: str,
    form: str,
    period_start: date,
    period_end: date,
    due_on: date,
    status: str,
    actor: Any,
    called_on: date | None = None,
) -> Report:
    terms = contract.current_terms()
    template = current_template(TEMPLATE_KINDS[ReportForm(form)])
    report = Report.objects.create(
        contract=contract,
        kind=kind,
        form=form,
        status=status,
        period_start=period_start,
        period_end=period_end,
        due_on=due_on,
        called_on=called_on,
        template=template,
        template_version=template.version,
        terms=terms,
        content=prefilled(terms),
    )
    record(report, actor=actor, to=status, note=_("report opened"))
    return report


def report_call(
    *,
    contract: Contract,
    actor: Any,
    due_on: date,
    period_end: date,
    form: str = "",
) -> Report:
    """Ask for a partial report (art. 18): at least 30 days from today; on the
    contract's form unless ``form`` says otherwise."""
    require_clerk(actor)
    form = form or form_for(contract)
    today = timezone.localdate()
    problems = check_partial_deadline(today, due_on)
    if problems:
        raise DomainError(problems[0], field="due_on")
    start = plain_date(contract.current_terms().get("start_date")) or today
    if period_end < start:
        raise DomainError(
            _("The period reported must end after the task began."), field="period_end"
        )
    with transaction.atomic():
        report = _new_report(
            contract,
            kind=ReportKind.PARTIAL,
            form=form,
            period_start=start,
            period_end=period_end,
            due_on=due_on,
            status=R.CALLED,
            actor=actor,
            called_on=today,
        )
        _tell(
            contract,
            "report_called",
            f"report:{report.pk}:called",
            due_on=due_on,
        )
    return report


def report_open_final(*, contract: Contract, actor: Any, form: str = "") -> Report:
    """The final report, due 30 days after the end of the task (art. 18); a small
    grant's on the simplified form."""
    form = form or form_for(contract)
    terms = contract.current_terms()
    start, end = plain_date(terms.get("start_date")), task_end(terms)
    if start is None or end is None:
        raise DomainError(_("The contract's terms do not give the task's dates."))
    existing = contract.reports.filter(kind=ReportKind.FINAL).first()
    if existing is not None:
        return existing
    return _new_report(
        contract,
        kind=ReportKind.FINAL,
        form=form,
        period_start=start,
        period_end=end,
        due_on=final_report_due(end),
        status=R.DRAFT,
        actor=actor,
    )


def _term_date(terms: Mapping[str, Any], key: str) -> date:
    """A date of the contract's terms; the terms of a contract always hold both."""
    value = plain_date(terms.get(key))
    if value is None:
        raise DomainError(
            _("Give the start and end dates of the task, the start first.")
        )
    return value


def report_open_yearly(
    *, contract: Contract, actor: Any, year: int, form: str = ""
) -> Report:
    """A yearly report on a multi-year task, for a budget year before the last."""
    form = form or form_for(contract)
    terms = contract.current_terms()
    years = [int(r["year"]) for r in terms.get("years", [])]
    if year not in years[:-1]:
        raise DomainError(
            _(
                "A yearly report is made for a budget year of a multi-year task before its last year."
            )
        )
    start = max(_term_date(terms, "start_date"), date(year, 1, 1))
    end = date(year, 12, 31)
    return _new_report(
        contract,
        kind=ReportKind.YEARLY,
        form=form,
        period_start=start,
        period_end=end,
        due_on=final_report_due(end),
        status=R.DRAFT,
        actor=actor,
    )


def report_save(*, report: Report, content: Mapping[str, Any]) -> Report:
    """Keep what the organisation typed (a draft, called or returned report)."""
    if report.status not in (R.CALLED, R.DRAFT, R.CORRECTIONS):
        raise DomainError(_("A submitted or accepted report cannot be changed."))
    report.content = {**report.content, **dict(content)}
    report.save(update_fields=["content", "updated_at"])
    return report


def report_problems_of(report: Report) -> list[str]:
    return report_problems(
        report.terms,
        report.content,
        report.contract.cost_shift_percent,
        final=report.kind == ReportKind.FINAL,
    )


def report_submit(*, report: Report, actor: Any, signed_by: str = "") -> Report:
    """The representatives submit the report; refused while it does not add up."""
    if not SUBMITS_REPORT(actor, report):
        raise DomainError(
            _("Only a representative of the organisation may submit the report.")
        )
    problems = report_problems_of(report)
    if problems:
        raise DomainError(" ".join(problems))
    with transaction.atomic():
        transition(
            report,
            transitions=TRANSITIONS,
            to=R.SUBMITTED,
            actor=actor,
            changes={
                "submitted_on": timezone.localdate(),
                "signed_for_organisation": signed_by,
            },
        )
    return report


def report_request_corrections(
    *, report: Report, actor: Any, request: str, due_on: date
) -> Report:
    require_clerk(actor)
    request = (request or "").strip()
    if not request:
        raise DomainError(
            _("Say what is to be corrected or explained."), field="request"
        )
    if due_on <= timezone.localdate():
        raise DomainError(
            _("The deadline for corrections must be in the future."), field="due_on"
        )
    with transaction.atomic():
        transition(
            report,
            transitions=TRANSITIONS,
            to=R.CORRECTIONS,
            actor=actor,
            note=request,
            changes={"corrections_request": request, "corrections_due_on": due_on},
        )
        _tell(
            report.contract,
            "report_corrections",
            f"report:{report.pk}:corrections:{due_on.isoformat()}",
            request=request,
            due_on=due_on,
        )
    return report


def report_accept(*, report: Report, actor: Any, note: str = "") -> Report:
    require_clerk(actor)
    with transaction.atomic():
        transition(
            report,
            transitions=TRANSITIONS,
            to=R.ACCEPTED,
            actor=actor,
            note=note,
            changes={"accepted_on": timezone.localdate(), "reviewed_by": actor},
        )
        _tell(report.contract, "report_accepted", f"report:{report.pk}:accepted")
    return report


# --- Settlement ------------------------------------------------------------------


def rates() -> list[tuple[date, Decimal]]:
    return list(TaxInterestRate.objects.values_list("valid_from", "rate"))


def paid_total(contract: Contract) -> Decimal:
    return money(contract.payments.aggregate(s=Sum("amount"))["s"])


def properly_used(report: Report) -> Decimal:
    """The grant the accepted final report shows as used under the contract."""
    return money(
        sum(
            (
                Decimal(str(s.get("amount") or 0))
                for s in report.content.get("funding", [])
                if s.get("grant")
            ),
            Decimal(0),
        )
    )


def refund_unused(*, contract: Contract, actor: Any) -> Refund | None:
    """After the final report is accepted: paid − properly used, due by art. 251."""
    require_clerk(actor)
    final = contract.reports.filter(kind=ReportKind.FINAL, status=R.ACCEPTED).first()
    if final is None:
        raise DomainError(_("The final report has not been accepted yet."))
    if contract.refunds.filter(kind=RefundKind.UNUSED).exists():
        raise DomainError(_("The unused part of this grant is already recorded."))
    unused = paid_total(contract) - properly_used(final)
    if unused <= 0:
        return None
    terms = contract.current_terms()
    start = _term_date(terms, "start_date")
    use_by = _term_date(terms, "end_date")
    due = unused_return_due(start, use_by)
    refund = Refund.objects.create(
        contract=contract,
        kind=RefundKind.UNUSED,
        amount=unused,
        due_on=due,
        interest_from=due + timedelta(days=1),
    )
    record(refund, actor=actor, to=RefundStatus.DUE, note=_("unused part of the grant"))
    return refund


def refund_for_finding(
    *,
    contract: Contract,
    actor: Any,
    kind: str,
    amount: Any,
    transferred_on: date,
    found_on: date,
    note: str = "",
) -> Refund:
    """A part used not as intended or collected excessively (art. 252): due within 15
    days of the finding; interest on a part used not as intended runs from the day of
    the transfer from the budget, on an excessive one from the day after the
    deadline."""
    require_clerk(actor)
    if kind not in (RefundKind.MISUSED, RefundKind.EXCESSIVE):
        raise DomainError(_("Choose misused or excessive."), field="kind")
    value = _amount(amount)
    if value <= 0:
        raise DomainError(_("Give the amount to be returned."), field="amount")
    due = finding_return_due(found_on)
    refund = Refund.objects.create(
        contract=contract,
        kind=kind,
        amount=value,
        found_on=found_on,
        due_on=due,
        interest_from=transferred_on
        if kind == RefundKind.MISUSED
        else due + timedelta(days=1),
        note=note,
    )
    record(refund, actor=actor, to=RefundStatus.DUE, note=note)
    return refund


def refund_due_now(refund: Refund, on: date) -> tuple[Decimal, Decimal]:
    """(principal, interest) still due on ``on``, after the transfers received.

    Each transfer pays first the interest accrued on the principal then outstanding.
    """
    principal = money(refund.amount)
    accrued = Decimal(0)
    since = refund.interest_from
    for row in sorted(refund.received, key=lambda r: r["on"]):
        day = date.fromisoformat(row["on"])
        if day >= since and (refund.kind != RefundKind.UNUSED or day > refund.due_on):
            accrued += interest(principal, since, day - timedelta(days=1), rates())[0]
        paid = money(Decimal(row["amount"]))
        to_interest = min(paid, accrued)
        accrued -= to_interest
        principal = max(principal - (paid - to_interest), Decimal(0))
        since = max(since, day)
    if (
        principal > 0
        and on >= since
        and (refund.kind != RefundKind.UNUSED or on > refund.due_on)
    ):
        accrued += interest(principal, since, on - timedelta(days=1), rates())[0]
    return principal, accrued


def refund_receive(*, refund: Refund, actor: Any, on: date, amount: Any) -> Refund:
    """Record a transfer received; the refund is settled when nothing is due."""
    require_clerk(actor)
    value = _amount(amount)
    if value <= 0:
        raise DomainError(_("Give the amount received."), field="amount")
    if refund.status != RefundStatus.DUE:
        raise DomainError(_("Nothing more is due on this refund."))
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        refund.received = [
            *refund.received,
            {"on": on.isoformat(), "amount": str(value)},
        ]
        refund.save(update_fields=["received", "updated_at"])
        record(
            refund,
            actor=actor,
            to=refund.status,
            note=_("refund received: %(amount)s") % {"amount": value},
        )
        principal, accrued = refund_due_now(refund, on)
        if principal == 0 and accrued == 0:
            transition(
                refund, transitions=TRANSITIONS, to=RefundStatus.SETTLED, actor=actor
            )
    return refund


def refund_on_termination(
    *, contract: Contract, actor: Any, amount: Any, found_on: date
) -> Refund:
    """A terminated contract: the grant paid and not properly used is due as found."""
    payments = list(contract.payments.order_by("paid_on"))
    if not payments:
        raise DomainError(_("Nothing was paid under this contract."))
    return refund_for_finding(
        contract=contract,
        actor=actor,
        kind=RefundKind.MISUSED,
        amount=amount,
        transferred_on=payments[0].paid_on,
        found_on=found_on,
        note=_("termination of the contract"),
    )


def is_settled(contract: Contract) -> bool:
    final = contract.reports.filter(kind=ReportKind.FINAL, status=R.ACCEPTED).exists()
    return final and not contract.refunds.filter(status=RefundStatus.DUE).exists()
