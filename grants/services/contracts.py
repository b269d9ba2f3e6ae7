"""The contract of a chosen offer, its annexes and the payments of its grant.

The terms come from the offer, or from its accepted update; the portal checks them
(art. 221 of the public finance act: the grant of a budget year is used by 31
December of that year), numbers the contract without gaps, and fills the office's
template in. Every state change is audited and the offeror told through the outbox.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.core.exceptions import DomainError
from cooperation.core.limits import parse_amount
from cooperation.core.notifications import notify
from cooperation.core.permissions import require_clerk
from cooperation.core.typography import quoted
from cooperation.core.workflow import record, transition
from ngos.validators import validate_bank_account

from ..award import is_awarded, needs_update
from ..models import Offer, OfferUpdateStatus
from ..models.contracts import (
    AnnexStatus,
    Contract,
    ContractAnnex,
    ContractNumber,
    ContractStatus,
    DocumentTemplate,
    DocumentTemplateKind,
    Payment,
    plain_amount,
    plain_date,
)
from ..models.offer import money
from ..models.small_grants import SmallGrantOffer, SmallGrantStatus
from ..selectors import offers_with_rows
from ..validators import pln
from .assessment import offeror_people
from .transitions import TRANSITIONS

C = ContractStatus
NUMBER_FIELDS = {"number", "year"}


# --- Numbers ---------------------------------------------------------------------


def check_number_pattern(pattern: str) -> None:
    """A pattern holds ``{number}`` and may hold ``{year}``, with format specs."""
    try:
        fields = [
            f for _t, f, _s, _c in string.Formatter().parse(pattern) if f is not None
        ]
    except ValueError as error:
        raise ImproperlyConfigured(f"CONTRACT_NUMBER_PATTERN: {error}") from error
    unknown = set(fields) - NUMBER_FIELDS
    if unknown or "number" not in fields:
        raise ImproperlyConfigured(
            "CONTRACT_NUMBER_PATTERN must hold {number} and may hold {year} only; "
            f"found {sorted(set(fields))}."
        )


def contract_number(sequence: int, year: int, pattern: str | None = None) -> str:
    """The contract number for the ``sequence``-th contract of ``year``."""
    pattern = pattern if pattern is not None else settings.CONTRACT_NUMBER_PATTERN
    check_number_pattern(pattern)
    try:
        return pattern.format(number=sequence, year=year)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(f"CONTRACT_NUMBER_PATTERN: {error}") from error


def next_sequence(year: int) -> int:
    """The next number of ``year``, taken under a row lock: no gaps, no repeats."""
    ContractNumber.objects.bulk_create(
        [ContractNumber(year=year, last=0)], ignore_conflicts=True
    )
    counter = ContractNumber.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


# --- Terms -----------------------------------------------------------------------


def _iso(value: Any) -> str:
    day = plain_date(value)
    return day.isoformat() if day else ""


def terms_of(offer: Offer) -> dict[str, Any]:
    """The terms made of an offer (as updated, if it was): plain JSON data."""
    if offer.start_date is None or offer.end_date is None:
        raise DomainError(
            _("Give the start and end dates of the task, the start first.")
        )
    start, end = offer.start_date, offer.end_date
    lines = offer.cost_table()
    years = offer.budget_years
    total_line = lines[-1]
    grant = money(offer.requested_grant)
    per_year: list[dict[str, Any]] = []
    given = Decimal(0)
    for i, year in enumerate(years):
        if i == len(years) - 1:
            part = grant - given
        else:
            costs = total_line.per_year[i] if total_line.total else Decimal(0)
            part = (
                (grant * costs / total_line.total).quantize(
                    Decimal("0.01"), rounding=ROUND_DOWN
                )
                if total_line.total
                else Decimal(0)
            )
        given += part
        use_by = date(year, 12, 31) if year < end.year else end
        per_year.append(
            {"year": year, "amount": str(part), "use_by": use_by.isoformat()}
        )
    instalments = []
    for n, row in enumerate((r for r in per_year if Decimal(r["amount"]) > 0), 1):
        due = start if row["year"] == start.year else date(row["year"], 1, 1)
        instalments.append(
            {"number": n, "due_on": due.isoformat(), "amount": row["amount"]}
        )
    return {
        "start_date": _iso(offer.start_date),
        "end_date": _iso(offer.end_date),
        "years": per_year,
        "instalments": instalments,
        "own_financial": str(money(offer.own_financial)),
        "own_non_financial": str(money(offer.own_non_financial)),
        "recipient_payments": str(money(offer.recipient_payments)),
        "actions": [
            {
                "name": a.name,
                "start": _iso(a.start),
                "end": _iso(a.end),
                "subcontractor": a.subcontractor,
            }
            for a in offer.actions.all()
        ],
        "results": [
            {"name": r.name, "target_value": r.target_value, "monitoring": r.monitoring}
            for r in offer.results.all()
        ],
        "costs": [
            {"number": line.number, "name": line.label, "total": str(line.total)}
            for line in lines
            if line.kind == "cost"
        ],
    }


def with_instalments(
    terms: Mapping[str, Any], instalments: Iterable[tuple[Any, Any]]
) -> dict[str, Any]:
    """``terms`` with new instalments ``(due_on, amount)`` (amounts parsed strictly);
    the grant per year follows from them."""
    rows: list[dict[str, Any]] = []
    for n, (due_on, raw) in enumerate(instalments, start=1):
        day = plain_date(due_on)
        if day is None:
            raise DomainError(
                _("Give the due date of instalment %(n)s.") % {"n": n},
                field="instalments",
            )
        try:
            value = money(parse_amount(raw))
        except ValidationError as error:
            raise DomainError(
                _("Instalment %(n)s: %(error)s")
                % {"n": n, "error": " ".join(error.messages)},
                field="instalments",
            ) from error
        rows.append({"number": n, "due_on": day.isoformat(), "amount": str(value)})
    new = dict(terms)
    new["instalments"] = rows
    years = []
    for row in terms.get("years", []):
        total = sum(
            (Decimal(r["amount"]) for r in rows if r["due_on"][:4] == str(row["year"])),
            Decimal(0),
        )
        years.append({**row, "amount": str(money(total))})
    new["years"] = years
    return new


def art_221_problems(terms: Mapping[str, Any]) -> list[str]:
    """Art. 221 of the public finance act: each year's part of the grant is paid and
    used in that year, by 31 December; no instalment is due after its use date."""
    problems = []
    by_year = {int(row["year"]): row for row in terms.get("years", [])}
    for year, row in by_year.items():
        use_by = plain_date(row.get("use_by"))
        if use_by is None or use_by.year != year:
            problems.append(
                _(
                    "The grant for %(year)s must be used by 31 December %(year)s "
                    "(art. 221 of the public finance act); the use date given is "
                    "%(date)s."
                )
                % {"year": year, "date": use_by.isoformat() if use_by else "—"}
            )
    for row in terms.get("instalments", []):
        due = plain_date(row["due_on"])
        assert due is not None
        year_row = by_year.get(due.year)
        if year_row is None:
            problems.append(
                _(
                    "Instalment %(n)s is due on %(date)s, in a year with no part of "
                    "the grant: each instalment is paid in its budget year."
                )
                % {"n": row["number"], "date": due.isoformat()}
            )
            continue
        use_by = plain_date(year_row.get("use_by"))
        if use_by is not None and due > use_by:
            problems.append(
                _(
                    "Instalment %(n)s is due on %(date)s, after %(use_by)s, the date by "
                    "which the grant for %(year)s must be used."
                )
                % {
                    "n": row["number"],
                    "date": due.isoformat(),
                    "use_by": use_by.isoformat(),
                    "year": due.year,
                }
            )
    return problems


def terms_problems(terms: Mapping[str, Any], grant: Decimal) -> list[str]:
    """Every fault of the terms of a contract or an annex, in Polish."""
    problems = []
    start, end = plain_date(terms.get("start_date")), plain_date(terms.get("end_date"))
    if start is None or end is None or start > end:
        return [_("Give the start and end dates of the task, the start first.")]
    years = [int(r["year"]) for r in terms.get("years", [])]
    if years != list(range(start.year, end.year + 1)):
        problems.append(
            _("The grant is given for each budget year of the task: %(years)s.")
            % {"years": ", ".join(str(y) for y in range(start.year, end.year + 1))}
        )
    problems += art_221_problems(terms)
    instalments = terms.get("instalments", [])
    if not instalments:
        problems.append(_("Give at least one instalment of the grant."))
    if any(Decimal(r["amount"]) <= 0 for r in instalments):
        problems.append(_("Every instalment is an amount above 0."))
    paid_out = sum((Decimal(r["amount"]) for r in instalments), Decimal(0))
    if money(paid_out) != money(grant):
        problems.append(
            _("The instalments add up to %(sum)s, the grant is %(grant)s.")
            % {"sum": pln(paid_out), "grant": pln(grant)}
        )
    for row in instalments:
        due = plain_date(row["due_on"])
        if due is not None and due > end:
            problems.append(
                _("Instalment %(n)s is due after the task ends (%(end)s).")
                % {"n": row["number"], "end": end.isoformat()}
            )
    for action in terms.get("actions", []):
        a_start, a_end = plain_date(action.get("start")), plain_date(action.get("end"))
        if (a_start and a_start < start) or (a_end and a_end > end):
            problems.append(
                _("An activity falls outside the dates of the task: %(name)s.")
                % {"name": quoted(action["name"])}
            )
    costs = sum((Decimal(c["total"]) for c in terms.get("costs", [])), Decimal(0))
    funding = (
        money(grant)
        + plain_amount(terms.get("own_financial"))
        + plain_amount(terms.get("own_non_financial"))
        + plain_amount(terms.get("recipient_payments"))
    )
    if money(costs) != funding:
        problems.append(
            _(
                "The costs (%(costs)s) and their funding — the grant, the own "
                "contribution and the payments from recipients (%(funding)s) — must "
                "be equal."
            )
            % {"costs": pln(costs), "funding": pln(funding)}
        )
    return problems


def changes_needing_annex(
    old: Mapping[str, Any], new: Mapping[str, Any], percent: Decimal
) -> list[str]:
    """What an annex is needed for: dates, schedule, instalments, funding, results, or
    a cost item changed by more than the permitted ``percent``."""
    changes = []
    if (old.get("start_date"), old.get("end_date")) != (
        new.get("start_date"),
        new.get("end_date"),
    ):
        changes.append(_("the dates of the task"))
    if old.get("actions") != new.get("actions"):
        changes.append(_("the plan and schedule of activities"))
    if old.get("results") != new.get("results"):
        changes.append(_("the expected results"))
    if (old.get("years"), old.get("instalments")) != (
        new.get("years"),
        new.get("instalments"),
    ):
        changes.append(_("the grant per year and its instalments"))
    if any(
        plain_amount(old.get(k)) != plain_amount(new.get(k))
        for k in ("own_financial", "own_non_financial", "recipient_payments")
    ):
        changes.append(_("the own contribution or the payments from recipients"))
    before = {c["number"]: c for c in old.get("costs", [])}
    after = {c["number"]: c for c in new.get("costs", [])}
    if set(before) != set(after) or any(
        before[k]["name"] != after[k]["name"] for k in before if k in after
    ):
        changes.append(_("the cost items themselves"))
    for key, row in before.items():
        if key not in after:
            continue
        was, now = Decimal(row["total"]), Decimal(after[key]["total"])
        if was == now:
            continue
        moved = (abs(now - was) * 100 / was) if was else Decimal(100)
        if moved > percent:
            changes.append(
                _(
                    "cost item %(number)s changed by %(moved)s%%, more than %(percent)s%%"
                )
                % {
                    "number": key,
                    "moved": f"{moved:.2f}".replace(".", ","),
                    "percent": f"{percent:.2f}".replace(".", ","),
                }
            )
    return changes


def schedule(contract: Contract, terms: Mapping[str, Any] | None = None) -> list[dict]:
    """Each instalment with what was paid of it and what is still due."""
    terms = terms if terms is not None else contract.current_terms()
    paid: dict[int, Decimal] = {}
    for row in contract.payments.all():
        paid[row.instalment] = paid.get(row.instalment, Decimal(0)) + row.amount
    rows = []
    for row in terms.get("instalments", []):
        amount = Decimal(row["amount"])
        done = money(paid.get(row["number"], Decimal(0)))
        rows.append(
            {
                "number": row["number"],
                "due_on": plain_date(row["due_on"]),
                "amount": money(amount),
                "paid": done,
                "due": money(amount - done),
            }
        )
    return rows


def _next_due(contract: Contract) -> date | None:
    for row in schedule(contract):
        if row["due"] > 0:
            return row["due_on"]
    return None


# --- Documents -------------------------------------------------------------------


def current_template(kind: str, on: date | None = None) -> DocumentTemplate:
    on = on or timezone.localdate()
    template = (
        DocumentTemplate.objects.filter(kind=kind, valid_from__lte=on)
        .order_by("-valid_from", "-pk")
        .first()
    )
    if template is None:
        raise DomainError(
            _(
                "There is no %(kind)s template valid today: a clerk adds the official "
                "text under Document templates first."
            )
            % {"kind": DocumentTemplateKind(kind).label},
            code="template",
        )
    return template


def _fill(document: Contract | ContractAnnex) -> None:
    """Render the template into the document's own copy of the text."""
    from .. import contract_documents

    body, segments = contract_documents.fill(document)
    document.body, document.segments = body, segments


def _tell(contract: Contract, kind: str, occasion: str, **context: Any) -> None:
    offer = contract.source
    people = (
        offeror_people(offer)
        if contract.offer_id
        else ([offer.submitted_by] if offer.submitted_by_id else [])
    )
    for person in people:
        notify(
            person,
            f"grants.{kind}",
            occasion=occasion,
            obj=contract,
            context={"number": contract.number, "title": contract.title, **context},
        )


# --- The contract ----------------------------------------------------------------


def _terms_source(offer: Offer) -> Offer:
    full = offers_with_rows().get(pk=offer.pk)
    update = getattr(full, "award_update", None)
    if update is not None and update.status == OfferUpdateStatus.ACCEPTED:
        return update.as_offer(full)
    if needs_update(full):
        raise DomainError(
            _(
                "Less was granted than requested: the contract is prepared once the "
                "offer's update is accepted."
            ),
            code="update",
        )
    full.requested_grant = money(full.granted_amount)
    return full


def contract_create(
    *,
    offer: Offer,
    actor: Any,
    instalments: Iterable[tuple[Any, Any]] | None = None,
    representatives: Iterable[int] | None = None,
    cost_shift_percent: Any = None,
) -> Contract:
    """Prepare the contract of a chosen offer, numbered and with its terms, as a draft.

    The terms are the offer's, or its accepted update's; ``instalments`` are
    ``(due_on, amount)`` pairs (by default one a budget year); ``representatives`` are
    the ids of the members of the organisation's representing organ who sign (by
    default the first as many as the signatures required). Audited as created.
    """
    require_clerk(actor)
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        if not is_awarded(locked):
            raise DomainError(
                _("A contract is prepared for a chosen offer only."), code="state"
            )
        if Contract.objects.filter(offer=locked).exists():
            raise DomainError(_("The offer has its contract already."), code="exists")
        if locked.competition.budget_resolution_pending:
            raise DomainError(
                _(
                    "The competition was announced on the draft budget resolution: "
                    "record the adopted budget resolution (number and date) before "
                    "the contract."
                ),
                code="budget-resolution",
            )
        source = _terms_source(locked)
        account = _checked_account(source.offeror_bank_account)
        representation, chosen = _signing_members(
            locked.organisation_id, representatives
        )
        competition = locked.competition
        percent = (
            cost_shift_percent
            if cost_shift_percent is not None
            else competition.cost_shift_percent
        )
        if percent is None:
            percent = settings.CONTRACT_COST_SHIFT_PERCENT
        percent = Decimal(str(percent))
        terms = terms_of(source)
        if instalments is not None:
            terms = with_instalments(terms, instalments)
        grant = money(locked.granted_amount)
        problems = terms_problems(terms, grant)
        if problems:
            raise DomainError(" ".join(problems), code="invalid")
        contract = _draft(
            {"offer": locked},
            form=competition.form,
            title=source.title,
            grant=grant,
            account=account,
            percent=percent,
            representation=representation,
            chosen=chosen,
            terms=terms,
            actor=actor,
        )
    return contract


def small_grant_terms(offer: SmallGrantOffer) -> dict[str, Any]:
    """The terms made of a small-grant offer: the grant a year split by the days of
    the task in each year (a task of 90 days may cross the new year), one instalment
    a year, the cost table of part V.A."""
    start, end = offer.start_date, offer.end_date
    if start is None or end is None or end < start:
        raise DomainError(
            _("Give the start and end dates of the task, the start first.")
        )
    grant = money(offer.requested_grant)
    days = (end - start).days + 1
    years = list(range(start.year, end.year + 1))
    per_year: list[dict[str, Any]] = []
    given = Decimal(0)
    for i, year in enumerate(years):
        first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
        if i == len(years) - 1:
            part = grant - given
        else:
            share = Decimal((last - first).days + 1) / days
            part = (grant * share).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        given += part
        per_year.append({"year": year, "amount": str(part), "use_by": last.isoformat()})
    instalments = [
        {
            "number": n,
            "due_on": (
                start if row["year"] == start.year else date(row["year"], 1, 1)
            ).isoformat(),
            "amount": row["amount"],
        }
        for n, row in enumerate((r for r in per_year if Decimal(r["amount"]) > 0), 1)
    ]
    return {
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "years": per_year,
        "instalments": instalments,
        "own_financial": str(money(offer.own_financial)),
        "own_non_financial": str(money(offer.own_non_financial)),
        "recipient_payments": str(money(offer.recipient_payments)),
        "actions": [],
        "results": [],
        "costs": [
            {"number": str(n), "name": row["name"], "total": str(row["total"])}
            for n, row in enumerate(offer.costs, start=1)
        ],
    }


def small_grant_contract(
    *,
    smallgrantoffer: SmallGrantOffer,
    actor: Any,
    form: str = "support",
    representatives: Iterable[int] | None = None,
    instalments: Iterable[tuple[Any, Any]] | None = None,
) -> Contract:
    """Prepare the contract of a small grant once its comments are closed (art. 19a:
    signed without delay), its source the small-grant offer; the offer moves
    to "contract prepared". Both audited. Raises DomainError when the offer is not
    in that state, has a contract, or its terms do not hold.
    """
    from ..models.competition import Competition

    require_clerk(actor)
    form = form.strip() or Competition.Form.SUPPORT
    if form not in Competition.Form.values:
        raise DomainError(_("Choose the form of the task."), field="form")
    with transaction.atomic():
        locked = SmallGrantOffer.objects.select_for_update().get(pk=smallgrantoffer.pk)
        if locked.status != SmallGrantStatus.COMMENTS_CLOSED:
            raise DomainError(
                _("A contract is prepared once the comments on the offer are closed."),
                code="state",
            )
        if Contract.objects.filter(small_grant=locked).exists():
            raise DomainError(_("The offer has its contract already."), code="exists")
        waiting = locked.comments.filter(
            hidden_at__isnull=True, email_confirmed_at__isnull=False, consideration=""
        ).count()
        if waiting:
            raise DomainError(
                ngettext(
                    "%(count)s comment on the offer is not considered yet: record "
                    "how it was considered first.",
                    "%(count)s comments on the offer are not considered yet: record "
                    "how each was considered first.",
                    waiting,
                )
                % {"count": waiting},
                code="comments",
            )
        account = _checked_account(locked.offeror_bank_account)
        representation, chosen = _signing_members(
            locked.organisation_id, representatives
        )
        terms = small_grant_terms(locked)
        if instalments is not None:
            terms = with_instalments(terms, instalments)
        grant = money(locked.requested_grant)
        problems = terms_problems(terms, grant)
        if problems:
            raise DomainError(" ".join(problems), code="invalid")
        contract = _draft(
            {"small_grant": locked},
            form=form,
            title=locked.title,
            grant=grant,
            account=account,
            percent=Decimal(settings.CONTRACT_COST_SHIFT_PERCENT),
            representation=representation,
            chosen=chosen,
            terms=terms,
            actor=actor,
        )
        transition(
            locked,
            transitions=TRANSITIONS,
            to=SmallGrantStatus.CONTRACTED,
            actor=actor,
            note=contract.number,
        )
    return contract


def _checked_account(account: str) -> str:
    try:
        validate_bank_account(account or "")
    except ValidationError as error:
        raise DomainError(
            _("The offer's bank account is not right: %(error)s")
            % {"error": " ".join(error.messages)},
            field="bank_account",
        ) from error
    if not account:
        raise DomainError(
            _("The offer gives no bank account: the grant cannot be paid."),
            field="bank_account",
        )
    return account


def _signing_members(
    organisation_id: int, representatives: Iterable[int] | None
) -> tuple[Any, list[Any]]:
    """The organisation's representation and the members who sign the contract."""
    from ngos.models import Representation

    representation = (
        Representation.objects.filter(organisation_id=organisation_id)
        .prefetch_related("members")
        .first()
    )
    if representation is None or not representation.members.all():
        raise DomainError(
            _(
                "The organisation has not recorded who represents it: the "
                "contract names the members who sign for it."
            ),
            code="representation",
        )
    members = list(representation.members.all())
    if representatives is not None:
        wanted = list(representatives)
        chosen = [m for m in members if m.pk in wanted]
    else:
        chosen = members[: representation.signatures_required]
    if len(chosen) < representation.signatures_required:
        raise DomainError(
            _(
                "%(organ)s signs with %(required)s signatures: choose at least "
                "%(required)s of its members."
            )
            % {
                "organ": representation.organ,
                "required": representation.signatures_required,
            },
            field="representatives",
        )
    return representation, chosen


def _draft(
    link: Mapping[str, Any],
    *,
    form: str,
    title: str,
    grant: Decimal,
    account: str,
    percent: Decimal,
    representation: Any,
    chosen: list[Any],
    terms: dict[str, Any],
    actor: Any,
) -> Contract:
    """A numbered draft contract of ``link`` (its offer or small grant), audited."""
    year = timezone.localdate().year
    sequence = next_sequence(year)
    template = current_template(DocumentTemplateKind.CONTRACT)
    contract = Contract(
        **link,
        number=contract_number(sequence, year),
        year=year,
        sequence=sequence,
        form=form,
        title=title,
        grant=grant,
        bank_account=account,
        cost_shift_percent=percent,
        municipality_representative=_municipality_representative(),
        representatives=[{"name": m.name, "function": m.function} for m in chosen],
        signatures_required=representation.signatures_required,
        terms=terms,
        template=template,
        template_version=template.version,
        created_by=actor,
    )
    _fill(contract)
    contract.save()
    Contract.objects.filter(pk=contract.pk).update(next_due_on=_next_due(contract))
    contract.refresh_from_db()
    record(contract, actor=actor, to=C.DRAFT, note=contract.number)
    return contract


def _municipality_representative() -> str:
    from ..contract_documents import municipality_representative

    return municipality_representative()


def contract_set_instalments(
    *, contract: Contract, actor: Any, instalments: Iterable[tuple[Any, Any]]
) -> Contract:
    """Change the instalments of a draft contract (the grant per year follows)."""
    require_clerk(actor)
    with transaction.atomic():
        locked = Contract.objects.select_for_update().get(pk=contract.pk)
        if locked.status != C.DRAFT:
            raise DomainError(
                _("Only a draft contract is changed; a signed one needs an annex."),
                code="state",
            )
        terms = with_instalments(locked.terms, instalments)
        problems = terms_problems(terms, locked.grant)
        if problems:
            raise DomainError(" ".join(problems), field="instalments")
        locked.terms = terms
        _fill(locked)
        locked.save(update_fields=["terms", "body", "segments", "updated_at"])
        Contract.objects.filter(pk=locked.pk).update(next_due_on=_next_due(locked))
        record(
            locked,
            actor=actor,
            to=locked.status,
            from_status=locked.status,
            note=_("instalments changed"),
        )
    contract.refresh_from_db()
    return contract


def contract_to_signature(
    *, contract: Contract, actor: Any, note: str = ""
) -> Contract:
    """The draft is final: its text is filled in again and it waits for signatures."""
    require_clerk(actor)
    with transaction.atomic():
        locked = Contract.objects.select_for_update().get(pk=contract.pk)
        problems = terms_problems(locked.terms, locked.grant)
        if problems:
            raise DomainError(" ".join(problems), code="invalid")
        _fill(locked)
        transition(
            locked,
            transitions=TRANSITIONS,
            to=C.READY,
            actor=actor,
            note=note.strip(),
            changes={"body": locked.body, "segments": locked.segments},
        )
        _tell(locked, "contract_ready", f"contract:{locked.pk}:ready")
    contract.refresh_from_db()
    return contract


def signatures_of(file: IO[bytes]) -> list[dict[str, Any]]:
    """The electronic signatures in a PDF: who signed, and whether each still matches
    the document (pyHanko); an empty list for a scan."""
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext
    except ImportError:  # pragma: no cover - pyHanko is a dependency of the portal
        return []

    file.seek(0)
    reader = PdfFileReader(file, strict=False)
    found = []
    for signature in reader.embedded_signatures:
        status = validate_pdf_signature(
            signature,
            signer_validation_context=ValidationContext(allow_fetching=False),
        )
        found.append(
            {
                "field": signature.field_name,
                "signer": signature.signer_cert.subject.human_friendly,
                "intact": bool(status.intact),
                "valid": bool(status.valid),
                "covers_whole_file": status.coverage is not None
                and status.coverage.name == "ENTIRE_FILE",
            }
        )
    return found


def _signatures(document: Contract | ContractAnnex) -> list[dict[str, Any]]:
    if not document.signed_file:
        raise DomainError(
            _(
                "Upload the signed document first: a scan of the paper signed by both "
                "parties or the PDF signed electronically."
            ),
            field="signed_file",
        )
    with document.signed_file.open("rb") as file:
        head = file.read(5)
        if head != b"%PDF-":
            return []
        try:
            found = signatures_of(file)
        except Exception as error:  # noqa: BLE001 - a damaged file is refused.
            raise DomainError(
                _("The signed PDF cannot be read: %(error)s") % {"error": error},
                field="signed_file",
            ) from error
    broken = [s for s in found if not (s["intact"] and s["valid"])]
    if broken:
        raise DomainError(
            _(
                "The electronic signature of %(signer)s does not match the document: "
                "the file was changed after it was signed."
            )
            % {"signer": broken[0]["signer"]},
            field="signed_file",
        )
    return found


def _signing(
    document: Contract | ContractAnnex,
    contract: Contract,
    signed_on: Any,
    signed_for_municipality: str,
    signed_for_organisation: str,
) -> dict[str, Any]:
    day = plain_date(signed_on)
    if day is None:
        raise DomainError(_("Give the date of signing."), field="signed_on")
    if day > timezone.localdate():
        raise DomainError(
            _("The date of signing cannot be in the future."), field="signed_on"
        )
    names = signed_for_organisation.strip() or ", ".join(
        r["name"] for r in contract.representatives
    )
    count = len([n for n in names.split(",") if n.strip()])
    if count < contract.signatures_required:
        raise DomainError(
            _("The organisation signs with %(required)s signatures; %(count)s given.")
            % {"required": contract.signatures_required, "count": count},
            field="signed_for_organisation",
        )
    return {
        "signed_on": day,
        "signed_for_municipality": signed_for_municipality.strip()
        or contract.municipality_representative,
        "signed_for_organisation": names,
        "signatures": _signatures(document),
    }


def contract_sign(
    *,
    contract: Contract,
    actor: Any,
    signed_on: Any,
    signed_for_municipality: str = "",
    signed_for_organisation: str = "",
) -> Contract:
    """Record the contract signed: the date, who signed for each side and the signed
    file (uploaded on the contract's page), whose electronic signatures must match it."""
    require_clerk(actor)
    with transaction.atomic():
        locked = Contract.objects.select_for_update().get(pk=contract.pk)
        changes = _signing(
            locked, locked, signed_on, signed_for_municipality, signed_for_organisation
        )
        end = plain_date(locked.terms.get("end_date"))
        if end is not None and changes["signed_on"] > end:
            raise DomainError(
                _("A contract is signed before the task ends (%(end)s).")
                % {"end": end.isoformat()},
                field="signed_on",
            )
        transition(
            locked,
            transitions=TRANSITIONS,
            to=C.SIGNED,
            actor=actor,
            note=_("signed on %(date)s") % {"date": changes["signed_on"].isoformat()},
            changes=changes,
        )
        _tell(locked, "contract_signed", f"contract:{locked.pk}:signed")
    contract.refresh_from_db()
    return contract


def contract_start(*, contract: Contract, actor: Any, note: str = "") -> Contract:
    """The task is being carried out under the signed contract."""
    require_clerk(actor)
    transition(
        contract, transitions=TRANSITIONS, to=C.IN_PROGRESS, actor=actor, note=note
    )
    return contract


def contract_terminate(
    *, contract: Contract, actor: Any, reason: str, refund_amount: Any = None
) -> Contract:
    """Terminate the contract, with the reason; audited, the offeror told.

    When some of the grant was paid, the termination leads to the refund due
    (``reports.refund_on_termination``: art. 252, within 15 days, interest from the
    first transfer): ``refund_amount`` is the part not properly used, as the clerk
    found it; none given, the whole amount paid is due. ``0`` records that nothing
    is to be returned.
    """
    from .reports import paid_total, refund_on_termination

    require_clerk(actor)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the termination."), field="reason")
    paid = paid_total(contract)
    if refund_amount is None or str(refund_amount).strip() == "":
        due = paid
    else:
        try:
            due = money(
                parse_amount(refund_amount)
                if isinstance(refund_amount, str)
                else refund_amount
            )
        except ValidationError as error:
            raise DomainError(
                " ".join(error.messages), field="refund_amount"
            ) from error
    if due < 0 or due > paid:
        raise DomainError(
            _(
                "The amount to be returned is between 0 and the %(paid)s paid under "
                "the contract."
            )
            % {"paid": pln(paid)},
            field="refund_amount",
        )
    note = reason
    if paid > 0:
        note = _("%(reason)s (to be returned: %(amount)s of %(paid)s paid)") % {
            "reason": reason,
            "amount": pln(due),
            "paid": pln(paid),
        }
    with transaction.atomic():
        today = timezone.localdate()
        transition(
            contract,
            transitions=TRANSITIONS,
            to=C.TERMINATED,
            actor=actor,
            note=note,
            changes={"termination_reason": reason, "terminated_on": today},
        )
        if due > 0:
            refund_on_termination(
                contract=contract, actor=actor, amount=due, found_on=today
            )
        _tell(
            contract,
            "contract_terminated",
            f"contract:{contract.pk}:terminated",
            reason=reason,
        )
    return contract


# --- Annexes ---------------------------------------------------------------------


def annex_create(
    *,
    contract: Contract,
    actor: Any,
    reason: str,
    changes: Mapping[str, Any],
    instalments: Iterable[tuple[Any, Any]] | None = None,
) -> ContractAnnex:
    """Prepare the next annex: the current terms with ``changes`` (keys of the terms:
    ``start_date``, ``end_date``, ``actions``, ``results``, ``costs``, the own
    contribution) and, if given, new instalments. Refused when nothing changes beyond
    the permitted shift between cost items, or the new terms break a rule."""
    require_clerk(actor)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the change."), field="reason")
    allowed = {
        "start_date",
        "end_date",
        "actions",
        "results",
        "costs",
        "own_financial",
        "own_non_financial",
        "recipient_payments",
        "years",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise DomainError(
            _("An annex changes the dates, the schedule, the results or the budget."),
            code="unknown",
        )
    with transaction.atomic():
        locked = Contract.objects.select_for_update().get(pk=contract.pk)
        if locked.status not in (C.SIGNED, C.IN_PROGRESS):
            raise DomainError(
                _("An annex changes a signed contract; a draft is changed directly."),
                code="state",
            )
        annexes = list(locked.annexes.all())
        if any(a.status == AnnexStatus.DRAFT for a in annexes):
            raise DomainError(
                _("An annex is waiting for signatures already."), code="pending"
            )
        old = locked.current_terms(annexes)
        new = {**old}
        for key, value in changes.items():
            new[key] = _plain(value)
        if "years" not in changes:
            new["years"] = _years_for(old, new)
        if instalments is not None:
            new = with_instalments(new, instalments)
        needed = changes_needing_annex(old, new, locked.cost_shift_percent)
        if not needed:
            raise DomainError(
                _(
                    "No annex is needed: the cost items change by at most the "
                    "permitted %(percent)s%% and nothing else changes."
                )
                % {"percent": f"{locked.cost_shift_percent:.2f}".replace(".", ",")},
                code="within-shift",
            )
        problems = terms_problems(new, locked.grant)
        if problems:
            raise DomainError(" ".join(problems), code="invalid")
        template = current_template(DocumentTemplateKind.ANNEX)
        number = (
            ContractAnnex.objects.filter(contract=locked).aggregate(n=Max("number"))[
                "n"
            ]
            or 0
        ) + 1
        annex = ContractAnnex(
            contract=locked,
            number=number,
            reason=reason,
            terms=new,
            template=template,
            template_version=template.version,
            created_by=actor,
        )
        _fill(annex)
        annex.save()
        record(
            annex,
            actor=actor,
            to=AnnexStatus.DRAFT,
            note="; ".join(str(c) for c in needed),
        )
    return annex


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(money(value))
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _years_for(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The years of the new dates; a year kept keeps its part and use date, the use
    date of the last year follows a moved end date."""
    start, end = plain_date(new["start_date"]), plain_date(new["end_date"])
    if start is None or end is None:
        return list(old.get("years", []))
    kept = {int(r["year"]): r for r in old.get("years", [])}
    years = []
    for year in range(start.year, end.year + 1):
        row = dict(kept.get(year, {"year": year, "amount": "0.00"}))
        row["use_by"] = (date(year, 12, 31) if year < end.year else end).isoformat()
        years.append(row)
    return years


def annex_sign(
    *,
    contractannex: ContractAnnex,
    actor: Any,
    signed_on: Any,
    signed_for_municipality: str = "",
    signed_for_organisation: str = "",
) -> ContractAnnex:
    """Record the annex signed: its terms are those in force from now on."""
    require_clerk(actor)
    with transaction.atomic():
        locked = ContractAnnex.objects.select_for_update().get(pk=contractannex.pk)
        contract = Contract.objects.select_for_update().get(pk=locked.contract_id)
        changes = _signing(
            locked,
            contract,
            signed_on,
            signed_for_municipality,
            signed_for_organisation,
        )
        transition(
            locked,
            transitions=TRANSITIONS,
            to=AnnexStatus.SIGNED,
            actor=actor,
            note=_("signed on %(date)s") % {"date": changes["signed_on"].isoformat()},
            changes=changes,
        )
        Contract.objects.filter(pk=contract.pk).update(
            next_due_on=_next_due(contract), updated_at=timezone.now()
        )
        _tell(
            contract,
            "annex_signed",
            f"contract-annex:{locked.pk}:signed",
            annex=locked.number,
        )
    contractannex.refresh_from_db()
    return contractannex


# --- Payments --------------------------------------------------------------------


def payment_record(
    *, contract: Contract, actor: Any, instalment: int, paid_on: Any, amount: Any
) -> Payment:
    """Record a transfer of (part of) an instalment. Refused beyond the instalment's
    amount still due, beyond the grant, before the contract is signed, or after 31
    December of the instalment's year (art. 221)."""
    require_clerk(actor)
    try:
        value = money(parse_amount(amount))
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="amount") from error
    if value <= 0:
        raise DomainError(_("Give an amount above 0."), field="amount")
    day = plain_date(paid_on)
    if day is None:
        raise DomainError(_("Give the date of the transfer."), field="paid_on")
    with transaction.atomic():
        locked = Contract.objects.select_for_update().get(pk=contract.pk)
        if locked.status not in (C.SIGNED, C.IN_PROGRESS):
            raise DomainError(
                _("The grant is paid under a signed contract only."), code="state"
            )
        rows = {row["number"]: row for row in schedule(locked)}
        row = rows.get(int(instalment))
        if row is None:
            raise DomainError(
                _("The contract has no instalment %(n)s.") % {"n": instalment},
                field="instalment",
            )
        if value > row["due"]:
            raise DomainError(
                _(
                    "Instalment %(n)s is %(amount)s, of which %(due)s is still due: "
                    "%(value)s is more."
                )
                % {
                    "n": instalment,
                    "amount": pln(row["amount"]),
                    "due": pln(row["due"]),
                    "value": pln(value),
                },
                field="amount",
            )
        paid = locked.payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)
        if money(paid) + value > locked.grant:
            raise DomainError(
                _("The payments would exceed the grant of %(grant)s.")
                % {"grant": pln(locked.grant)},
                field="amount",
            )
        year = row["due_on"].year
        if day.year != year:
            raise DomainError(
                _(
                    "Instalment %(n)s is part of the grant for %(year)s and is "
                    "transferred in %(year)s (art. 221 of the public finance act)."
                )
                % {"n": instalment, "year": year},
                field="paid_on",
            )
        payment = Payment.objects.create(
            contract=locked,
            instalment=int(instalment),
            paid_on=day,
            amount=value,
            recorded_by=actor,
        )
        record(
            payment,
            actor=actor,
            to="recorded",
            note=_("instalment %(n)s: %(amount)s on %(date)s")
            % {"n": instalment, "amount": pln(value), "date": day.isoformat()},
        )
        Contract.objects.filter(pk=locked.pk).update(
            next_due_on=_next_due(locked), updated_at=timezone.now()
        )
        _tell(
            locked,
            "payment_recorded",
            f"payment:{payment.pk}",
            amount=pln(value),
            instalment=instalment,
            paid_on=day,
        )
    return payment
