"""The rules an offer must meet before it is submitted, as messages for its author.

Used by the offer's forms (each step) and by the submission service, which refuses an
offer these rules find fault with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import formats
from django.utils.translation import gettext as _

from cooperation.core.typography import quoted
from ngos.validators import validate_bank_account

from .layout import ATTACHMENTS, REQUIRED_FIELDS, REQUIRED_STATEMENTS, offerors
from .layout import label as _label
from .models import Competition, CostRow, Offer
from .models.offer import money, share


def pln(amount: Decimal) -> str:
    number = formats.number_format(money(amount), 2, use_l10n=True, force_grouping=True)
    return f"{number} PLN"


# A Polish number: nine digits, spaces allowed between them, with or without +48.
PHONE = re.compile(r"(\+48)?\d{9}")
PHONE_FIELDS = ("offeror_phone", "contact_phone")
EMAIL_FIELDS = ("offeror_email", "contact_email")


def phone_valid(value: str) -> bool:
    return bool(PHONE.fullmatch(value.replace(" ", "")))


def contact_errors(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Section II's phone numbers and e-mail addresses, where filled in."""
    errors: list[tuple[str, str]] = []
    email = EmailValidator()
    for name in EMAIL_FIELDS:
        if values.get(name):
            try:
                email(values[name])
            except ValidationError:
                errors.append(
                    (
                        name,
                        _("“%(field)s”: enter a valid e-mail address.")
                        % {"field": _label(name)},
                    )
                )
    for name in PHONE_FIELDS:
        if values.get(name) and not phone_valid(str(values[name])):
            errors.append(
                (
                    name,
                    _(
                        "“%(field)s”: enter a Polish phone number of nine digits, "
                        "with or without +48 (spaces allowed)."
                    )
                    % {"field": _label(name)},
                )
            )
    return errors


def action_errors(
    start: Any, end: Any, task_start: Any, task_end: Any
) -> list[tuple[str, str]]:
    """An activity of III.4: its dates in order, within the task's, in one budget year.

    Each year's part of a task ends by 31 December of that year (art. 221 of the
    public finance act), so an activity may not run into the next year.
    """
    errors: list[tuple[str, str]] = []
    if start and end and start > end:
        errors.append(("end", _("The activity cannot end before it starts.")))
    if task_start and start and start < task_start:
        errors.append(
            (
                "start",
                _("The activity cannot start before the task (%(date)s).")
                % {"date": formats.date_format(task_start)},
            )
        )
    if task_end and end and end > task_end:
        errors.append(
            (
                "end",
                _("The activity cannot end after the task (%(date)s).")
                % {"date": formats.date_format(task_end)},
            )
        )
    if start and end and start <= end and start.year != end.year:
        errors.append(
            (
                "end",
                _(
                    "The activity runs from %(start)s into %(end)s: each budget year's "
                    "part of the task ends by 31 December (art. 221 of the public "
                    "finance act), so split it into one activity per year."
                )
                % {"start": start.year, "end": end.year},
            )
        )
    return errors


def dates_errors(
    competition: Competition, start: Any, end: Any
) -> list[tuple[str, str]]:
    """The task's dates (III.2) against each other and the announced window."""
    errors: list[tuple[str, str]] = []
    if start and end and start > end:
        errors.append(("end_date", _("The task cannot end before it starts.")))
    if competition.task_start and start and start < competition.task_start:
        errors.append(
            (
                "start_date",
                _("The task may start on %(date)s at the earliest.")
                % {"date": formats.date_format(competition.task_start)},
            )
        )
    if competition.task_end and end and end > competition.task_end:
        errors.append(
            (
                "end_date",
                _("The task must end by %(date)s.")
                % {"date": formats.date_format(competition.task_end)},
            )
        )
    return errors


def offer_validate_for_submission(offer: Offer) -> list[tuple[str | None, str]]:
    """Everything that keeps the offer from being submitted, as (field, message) pairs.

    ``offer`` must have its rows and competition loaded (or loadable).
    """
    competition = offer.competition
    errors: list[tuple[str | None, str]] = []
    for name in REQUIRED_FIELDS:
        if not getattr(offer, name):
            errors.append((name, _("Fill in “%(field)s”.") % {"field": _label(name)}))
    for name in REQUIRED_STATEMENTS:
        if not getattr(offer, name):
            errors.append(
                (
                    name,
                    _("Confirm the statement “%(field)s”.") % {"field": _label(name)},
                )
            )
    errors.extend(dates_errors(competition, offer.start_date, offer.end_date))
    try:
        validate_bank_account(offer.offeror_bank_account)
    except ValidationError as error:
        account = " ".join(error.messages)
        errors.append(
            ("offeror_bank_account", f"{_label('offeror_bank_account')}: {account}")
        )
    actions = list(offer.actions.all())
    if not actions:
        errors.append(
            ("actions", _("Add at least one activity to the schedule (III.4)."))
        )
    errors.extend(
        (name, message)
        for name, message in contact_errors(
            {n: getattr(offer, n) for n in (*EMAIL_FIELDS, *PHONE_FIELDS)}
        )
    )
    for n, action in enumerate(actions, start=1):
        if not action.start or not action.end:
            errors.append(
                (
                    "actions",
                    _("III.4, activity %(n)s %(name)s: give its planned dates.")
                    % {"n": n, "name": quoted(action.name)},
                )
            )
        for _field, message in action_errors(
            action.start, action.end, offer.start_date, offer.end_date
        ):
            errors.append(
                (
                    "actions",
                    _("III.4, activity %(n)s %(name)s: %(error)s")
                    % {"n": n, "name": quoted(action.name), "error": message},
                )
            )
    costs = list(offer.cost_rows.all())
    if not costs:
        errors.append(
            ("cost_rows", _("Add at least one cost to the cost calculation (V.A)."))
        )
    known = {a.pk for a in actions}
    years = offer.budget_years
    for row in costs:
        if row.category == CostRow.Category.ACTIVITY and row.action_id not in known:
            errors.append(
                (
                    "cost_rows",
                    _(
                        "V.A, cost %(name)s: choose the activity of III.4 it belongs "
                        "to, or make it an administrative cost (II)."
                    )
                    % {"name": quoted(row.name)},
                )
            )
        if row.year and years and row.year not in years:
            errors.append(
                (
                    "cost_rows",
                    _("V.A, cost %(name)s: %(year)s is not a year of the task.")
                    % {"name": quoted(row.name), "year": row.year},
                )
            )
    total = offer.total_costs
    funding = offer.total_funding
    if total != funding:
        errors.append(
            (
                "requested_grant",
                _(
                    "The funding sources add up to %(funding)s but the total costs are "
                    "%(total)s: they must be equal."
                )
                % {"funding": pln(funding), "total": pln(total)},
            )
        )
    grant = money(offer.requested_grant)
    if competition.max_grant is not None and grant > competition.max_grant:
        errors.append(
            (
                "requested_grant",
                _(
                    "The requested grant of %(grant)s is above the maximum of %(max)s set in "
                    "the announcement (by %(excess)s)."
                )
                % {
                    "grant": pln(grant),
                    "max": pln(competition.max_grant),
                    "excess": pln(grant - competition.max_grant),
                },
            )
        )
    minimum = Decimal(competition.min_own_contribution or 0)
    if minimum and total:
        required = money(total * minimum / 100)
        own = offer.own_contribution
        if own < required:
            errors.append(
                (
                    "own_financial",
                    _(
                        "The own contribution of %(own)s is %(share)s%% of the total costs of "
                        "%(total)s; the announcement requires at least %(min)s%%, that is %(required)s."
                    )
                    % {
                        "own": pln(own),
                        "share": formats.number_format(share(own, total), 2),
                        "total": pln(total),
                        "min": formats.number_format(minimum, 2),
                        "required": pln(required),
                    },
                )
            )
    if (
        competition.form == Competition.Form.SUPPORT
        and not minimum
        and offer.own_contribution <= 0
    ):
        # Supporting co-finances the task (art. 5 ust. 4 pkt 2): the offeror adds
        # something of its own even when the announcement sets no minimum share.
        errors.append(
            (
                "own_financial",
                _(
                    "The competition supports the task (co-financing): give an own "
                    "contribution, financial or non-financial, above zero."
                ),
            )
        )
    if offer.is_joint:
        partners = list(offer.co_offerors.all())
        if not partners:
            errors.append(
                ("co_offerors", _("A joint offer names at least one co-offeror."))
            )
        if not offer.joint_roles:
            errors.append(
                (
                    "joint_roles",
                    _("Fill in “%(field)s”.") % {"field": _label("joint_roles")},
                )
            )
        required = (
            ("name", _("name")),
            ("legal_form", _("legal form")),
            ("register", _("KRS or other register number")),
            ("address", _("registered address")),
        )
        for n, partner in enumerate(partners, start=1):
            for name, what in required:
                if not getattr(partner, name):
                    errors.append(
                        (
                            "co_offerors",
                            _("II, co-offeror %(n)s, %(name)s: give its %(what)s.")
                            % {
                                "n": n,
                                "name": quoted(partner.name) if partner.name else "—",
                                "what": what,
                            },
                        )
                    )
            if partner.organisation_id is None:
                errors.append(
                    (
                        "co_offerors",
                        _(
                            "Co-offeror %(n)s, %(name)s, is not found in the portal by "
                            "its KRS number: each offeror confirms the offer through "
                            "its representatives' accounts."
                        )
                        % {
                            "n": n,
                            "name": quoted(partner.name) if partner.name else "—",
                        },
                    )
                )
        names = set(offerors(offer))
        for n, action in enumerate(actions, start=1):
            if action.performer not in names:
                errors.append(
                    (
                        "actions",
                        _(
                            "III.4, activity %(n)s, %(name)s: choose the offeror "
                            "carrying it out."
                        )
                        % {"n": n, "name": quoted(action.name)},
                    )
                )
        split = sum((money(p.cost_share) for p in partners), Decimal(0))
        if split > total:
            errors.append(
                (
                    "co_offerors",
                    _(
                        "The co-offerors' parts of the costs (%(split)s) exceed the total costs (%(total)s)."
                    )
                    % {"split": pln(split), "total": pln(total)},
                )
            )
    uploaded = {
        a.requirement_id for a in offer.attachments.all() if a.kind == "attachment"
    }
    for requirement in competition.required_attachments.all():
        if requirement.pk not in uploaded:
            errors.append(
                (
                    ATTACHMENTS,
                    _("Attach the document required by the announcement: %(name)s.")
                    % {"name": quoted(requirement.name)},
                )
            )
    return errors
