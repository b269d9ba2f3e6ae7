"""After the award: who may update a chosen offer or decline its grant, the update's
steps on the offer's form, and what an update must keep.

An update (aktualizacja) is asked for when the granted amount is lower than the
requested grant: the offeror fits the plan and schedule, the results and the cost
calculation to the granted amount. It keeps every rule of the announcement (the
offer's own checks, with the granted amount as the grant) and the share of the own
contribution in the total costs that the offer promised.
"""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.permissions import has_clerk_powers
from cooperation.core.workflow import Role
from ngos.permissions import Capability, can_act_for

from .layout import Step
from .models import CompetitionStatus, Offer, OfferStatus, OfferUpdate
from .models.offer import money, share
from .validators import offer_validate_for_submission, pln

# The update's steps: the parts of the offer's form it may change, pre-filled.
UPDATE_STEPS = [
    Step(
        1,
        "III.2, III.5",
        gettext_lazy("Dates and expected results"),
        ["start_date", "end_date", "expected_change"],
        [],
    ),
    Step(
        2,
        "III.4, III.6",
        gettext_lazy("Schedule and expected results"),
        [],
        ["actions", "results"],
    ),
    Step(
        3,
        "V",
        gettext_lazy("Cost calculation and funding sources"),
        ["own_financial", "own_non_financial", "recipient_payments"],
        ["cost_rows"],
    ),
]


# The fields and rows whose rules an update answers for: its own and the grant's.
CHECKED = frozenset(
    {
        *(f for step in UPDATE_STEPS for f in step.fields),
        *(g for step in UPDATE_STEPS for g in step.groups),
        "requested_grant",
    }
)


def is_awarded(offer: Offer) -> bool:
    """A chosen offer of a competition whose results are published."""
    return (
        offer.status == OfferStatus.SELECTED
        and offer.granted_amount is not None
        and offer.competition.status == CompetitionStatus.RESULTS_PUBLISHED
    )


def needs_update(offer: Offer) -> bool:
    """Less was granted than requested: the offer is updated before the contract."""
    return is_awarded(offer) and money(offer.granted_amount) < money(
        offer.requested_grant
    )


def can_edit_update(user: Any, offer: Offer) -> bool:
    return needs_update(offer) and can_act_for(
        user, offer.organisation_id, Capability.EDIT
    )


def can_sign_for_offeror(user: Any, offer: Offer) -> bool:
    return can_act_for(user, offer.organisation, Capability.SIGN)


def _signs_update(user: Any, update: OfferUpdate) -> bool:
    return update.is_editable and can_sign_for_offeror(user, update.offer)


def can_decline(user: Any, offer: Offer) -> bool:
    """A representative, or a clerk recording the offeror's refusal in writing."""
    return offer.status == OfferStatus.SELECTED and (
        can_sign_for_offeror(user, offer) or has_clerk_powers(user)
    )


def _declines(user: Any, obj: Any) -> bool:
    return can_decline(user, obj.offer if isinstance(obj, OfferUpdate) else obj)


SIGNS_UPDATE = Role(gettext_lazy("the offeror's representative"), _signs_update)
DECLINES_GRANT = Role(
    gettext_lazy("the offeror's representative, or a clerk for a refusal in writing"),
    _declines,
)


def update_problems(
    update: OfferUpdate, offer: Offer | None = None
) -> list[tuple[str | None, str]]:
    """What keeps the update from being submitted, as (field, message) pairs.

    ``offer`` is the chosen offer with its rows loaded. The offer's own checks of the
    parts an update changes run on the offer as updated (the announcement's dates,
    maximum grant and minimum own contribution, sums equal, the activities within the
    task and a budget year); the own contribution keeps at least the share of the
    total costs the offer gave.
    """
    offer = offer or update.offer
    updated = update.as_offer(offer)
    # The parts of the form an update cannot change were checked when the offer was.
    errors = [
        (name, message)
        for name, message in offer_validate_for_submission(updated)
        if name in CHECKED
    ]
    promised = share(offer.own_contribution, offer.total_costs)
    kept = share(updated.own_contribution, updated.total_costs)
    if updated.total_costs and kept < promised:
        errors.append(
            (
                "own_financial",
                _(
                    "The offer gave an own contribution of %(promised)s%% of the total "
                    "costs; the update gives %(kept)s%% (%(own)s of %(total)s). An update "
                    "keeps the own contribution's share: raise it to at least %(needed)s."
                )
                % {
                    "promised": formats.number_format(promised, 2),
                    "kept": formats.number_format(kept, 2),
                    "own": pln(updated.own_contribution),
                    "total": pln(updated.total_costs),
                    "needed": pln(money(updated.total_costs * promised / 100)),
                },
            )
        )
    if not list(updated.results.all()):
        errors.append(
            ("results", _("Keep at least one expected result (III.6) in the update."))
        )
    return errors
