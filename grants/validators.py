"""The rules an offer must meet before it is submitted, as messages for its author.

Used by the offer's forms (each step) and by the submission service, which refuses an
offer these rules find fault with.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from ngos.validators import validate_bank_account

from .layout import REQUIRED_FIELDS, REQUIRED_STATEMENTS
from .layout import label as _label
from .models import Competition, Offer
from .models.offer import money, share


def pln(amount: Decimal) -> str:
    number = formats.number_format(money(amount), 2, use_l10n=True, force_grouping=True)
    return f"{number} PLN"


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
    for n, action in enumerate(actions, start=1):
        if action.start and action.end and action.start > action.end:
            errors.append(
                (
                    "actions",
                    _(
                        "III.4, activity %(n)s “%(name)s”: it cannot end before it starts."
                    )
                    % {"n": n, "name": action.name},
                )
            )
    costs = list(offer.cost_rows.all())
    if not costs:
        errors.append(
            ("cost_rows", _("Add at least one cost to the cost calculation (V.A)."))
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
    return errors
