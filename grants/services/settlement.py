"""Deadlines of reports and refunds, interest on a grant returned late, and the checks
of a report against its contract.

Art. 18 of the Act on public benefit activity: the final report within 30 days of the
end of the task; a partial report on call, within at least 30 days of the call.
Art. 251 of the Act on public finance: the unused part returned by 31 January of the
next year ("do dnia 31 stycznia następnego roku", ust. 1), or within 15 days of the
end of the use period when that period is shorter than the budget year; returned
later, it bears interest as for tax arrears from the day after the deadline. Art. 252:
a part used not as intended, or collected unduly or excessively, is returned within 15
days of the finding, with interest: for a part used not as intended from the day it
was transferred from the budget, for an undue or excessive one from the day after the
deadline for its return.

Art. 251 itself does not say what happens when 31 January (or another deadline) falls
on a Saturday, a Sunday or a public holiday. The portal moves such a deadline to the
next working day: these dues are public dues of art. 60 of the Act, to which art. 67
ust. 1 applies the Code of Administrative Procedure (art. 57 § 4) and the Tax
Ordinance, whose art. 12 § 5 says the same. The project's domain notes do not settle
this reading; it is kept in one place (:func:`working_day`). Interest is computed day by day as the Tax Ordinance
prescribes (amount × days × rate / 365, art. 56) with each rate for the days it was
in force, and rounded to full złoty (art. 63 § 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cooperation.core.typography import quoted
from cooperation.core.workdays import next_working_day

from ..models.contracts import plain_amount, plain_date
from ..validators import pln

FINAL_REPORT_DAYS = 30
PARTIAL_REPORT_MIN_DAYS = 30
SHORT_PERIOD_RETURN_DAYS = 15
FINDING_RETURN_DAYS = 15


def working_day(day: date) -> date:
    """The day itself, or the next day that is not a Saturday, Sunday or holiday."""
    return next_working_day(day)


def final_report_due(task_end: date) -> date:
    return working_day(task_end + timedelta(days=FINAL_REPORT_DAYS))


def check_partial_deadline(called_on: date, due_on: date) -> list[str]:
    if due_on < called_on + timedelta(days=PARTIAL_REPORT_MIN_DAYS):
        return [
            _(
                "A partial report may be asked for no sooner than %(days)s days from "
                "the call (art. 18 of the Act): the deadline must be %(date)s or later."
            )
            % {
                "days": PARTIAL_REPORT_MIN_DAYS,
                "date": (
                    called_on + timedelta(days=PARTIAL_REPORT_MIN_DAYS)
                ).isoformat(),
            }
        ]
    return []


def unused_return_due(use_start: date, use_by: date) -> date:
    """Art. 251 ust. 1 and 2: by 31 January of the next year, or 15 days after the
    end of a use period shorter than the budget year."""
    full_year = use_start <= date(use_by.year, 1, 1) and use_by >= date(
        use_by.year, 12, 31
    )
    if full_year:
        return working_day(date(use_by.year + 1, 1, 31))
    return working_day(use_by + timedelta(days=SHORT_PERIOD_RETURN_DAYS))


def finding_return_due(found_on: date) -> date:
    """Art. 252 ust. 1: within 15 days of the finding."""
    return working_day(found_on + timedelta(days=FINDING_RETURN_DAYS))


def interest(
    amount: Decimal,
    start: date,
    end: date,
    rates: Sequence[tuple[date, Decimal]],
) -> tuple[Decimal, list[dict[str, Any]]]:
    """Interest on ``amount`` for the days ``start`` to ``end`` inclusive.

    ``rates`` are (valid from, % a year) pairs; each day bears the rate in force on
    it, so a change of the rate inside the period splits the computation. Returns the
    total rounded to full złoty and the parts.
    """
    if end < start or amount <= 0:
        return Decimal(0), []
    ordered = sorted(rates)
    if not ordered or ordered[0][0] > start:
        raise ValueError(
            _("No tax arrears interest rate is recorded for %(date)s.")
            % {"date": start.isoformat()}
        )
    parts: list[dict[str, Any]] = []
    exact = Decimal(0)
    for index, (valid_from, rate) in enumerate(ordered):
        until = (
            ordered[index + 1][0] - timedelta(days=1)
            if index + 1 < len(ordered)
            else end
        )
        first, last = max(start, valid_from), min(end, until)
        if last < first:
            continue
        days = (last - first).days + 1
        value = amount * Decimal(days) * Decimal(rate) / Decimal(36500)
        exact += value
        parts.append(
            {
                "from": first.isoformat(),
                "to": last.isoformat(),
                "days": days,
                "rate": str(rate),
                "interest": str(value.quantize(Decimal("0.01"), ROUND_HALF_UP)),
            }
        )
    return exact.quantize(Decimal(1), ROUND_HALF_UP), parts


def _percent(value: Any) -> str:
    """A percentage the way the active language writes it: 10, 12,5, 7,25."""
    exact = Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP)
    places = 0 if exact == exact.to_integral_value() else 2
    return number_format(exact, places)


def unused_amount(paid: Decimal, properly_used: Decimal) -> Decimal:
    return max(plain_amount(paid) - plain_amount(properly_used), Decimal(0))


def _by_item(rows: Iterable[Mapping[str, Any]], field: str) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for row in rows:
        key = str(row.get("number"))
        totals[key] = totals.get(key, Decimal(0)) + plain_amount(row.get(field))
    return totals


def report_problems(
    terms: Mapping[str, Any],
    content: Mapping[str, Any],
    cost_shift_percent: Decimal,
    *,
    final: bool,
) -> list[str]:
    """What keeps a report from matching its contract, in words for the organisation."""
    problems: list[str] = []
    planned = _by_item(terms.get("costs", []), "total")
    incurred = _by_item(content.get("costs", []), "incurred")
    limit = Decimal(cost_shift_percent) / 100
    for number, plan in planned.items():
        spent = incurred.get(number, Decimal(0))
        if plan > 0 and spent > plan * (1 + limit):
            problems.append(
                _(
                    "Cost item %(number)s: %(spent)s incurred against %(plan)s in the "
                    "contract, more than the permitted shift of %(percent)s%%."
                )
                % {
                    "number": number,
                    "spent": pln(spent),
                    "plan": pln(plan),
                    "percent": _percent(cost_shift_percent),
                }
            )
    for number in incurred.keys() - planned.keys():
        problems.append(
            _("Cost item %(number)s is not in the contract's cost calculation.")
            % {"number": number}
        )
    sources = content.get("funding", [])
    total_costs = sum(incurred.values(), Decimal(0))
    total_funding = sum((plain_amount(s.get("amount")) for s in sources), Decimal(0))
    if sources and total_funding != total_costs:
        problems.append(
            _(
                "The funding sources add up to %(funding)s but the costs incurred to "
                "%(costs)s; the sums must be equal."
            )
            % {"funding": pln(total_funding), "costs": pln(total_costs)}
        )
    planned_own = plain_amount(terms.get("own_financial")) + plain_amount(
        terms.get("own_non_financial")
    )
    planned_total = sum(planned.values(), Decimal(0))
    own = sum(
        (plain_amount(s.get("amount")) for s in sources if s.get("own")), Decimal(0)
    )
    if final and planned_total > 0 and total_costs > 0 and planned_own > 0:
        if own / total_costs < planned_own / planned_total:
            problems.append(
                _(
                    "The own contribution is %(share)s%% of the costs incurred, less "
                    "than the %(planned)s%% promised in the contract."
                )
                % {
                    "share": _percent(own * 100 / total_costs),
                    "planned": _percent(planned_own * 100 / planned_total),
                }
            )
    if final:
        reported = {str(r.get("name")) for r in content.get("results", [])}
        for result in terms.get("results", []):
            if str(result.get("name")) not in reported:
                problems.append(
                    _("The result %(name)s of the offer is not reported.")
                    % {"name": quoted(str(result.get("name")))}
                )
    return problems


def task_end(terms: Mapping[str, Any]) -> date | None:
    return plain_date(terms.get("end_date"))


def prefilled(terms: Mapping[str, Any]) -> dict[str, Any]:
    """The content of a new report made of the contract's terms in force."""
    return {
        "results": [
            {
                "name": r.get("name", ""),
                "target_value": r.get("target_value", ""),
                "achieved": "",
                "measured_by": r.get("monitoring", ""),
            }
            for r in terms.get("results", [])
        ],
        "lasting_results": "",
        "actions": [
            {
                "name": a.get("name", ""),
                "done": "",
                "deviations": "",
                "by_non_party": a.get("subcontractor", ""),
            }
            for a in terms.get("actions", [])
        ],
        "costs": [
            {
                "number": c.get("number"),
                "name": c.get("name", ""),
                "planned": c.get("total", "0"),
                "incurred": "0",
            }
            for c in terms.get("costs", [])
        ],
        "funding": [],
        "other_income": "",
        "recipient_payments": terms.get("recipient_payments", "0"),
        "part_three": "",
        "attachments": [],
    }
