"""After the award: the update of a chosen offer, declining the grant, and the award
of the money a refusal frees to the next offer on the ranking."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.limits import parse_amount
from cooperation.core.notifications import notify
from cooperation.core.permissions import has_clerk_powers, require_clerk
from cooperation.core.workflow import history, record, transition
from ngos.permissions import Capability, can_act_for

from ..award import is_awarded, needs_update, update_problems
from ..models import (
    Competition,
    CompetitionStatus,
    CostRow,
    Offer,
    OfferStatus,
    OfferUpdate,
    OfferUpdateStatus,
)
from ..models.award import ACTION_KEYS, COST_KEYS, RESULT_KEYS, UPDATE_FIELDS
from ..models.offer import money
from ..selectors import competition_ranking, offers_with_rows
from ..validators import pln
from .assessment import offeror_people
from .offers import offer_checksum, offer_content
from .transitions import TRANSITIONS

U = OfferUpdateStatus


class StaleUpdate(DomainError):
    """Another save came in after the editor loaded the update."""


def clerks() -> list[Any]:
    return list(get_user_model().objects.filter(groups__name="clerks", is_active=True))


def _offer_with_rows(pk: int) -> Offer:
    return offers_with_rows().get(pk=pk)


def offer_update_start(*, offer: Offer, actor: Any) -> OfferUpdate:
    """Open the update of a chosen offer, pre-filled with the offer's own content.

    Only when less was granted than requested; a second call returns the update
    already open. Audited as created. Raises PermissionDeniedError / DomainError.
    """
    if not can_act_for(actor, offer.organisation_id, Capability.EDIT):
        raise PermissionDeniedError(_("You cannot update this offer."))
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        existing = OfferUpdate.objects.filter(offer=locked).first()
        if existing is not None:
            return existing
        full = _offer_with_rows(locked.pk)
        if not needs_update(full):
            raise DomainError(
                _(
                    "An update is made when the granted amount is lower than the "
                    "requested grant of a chosen offer."
                ),
                code="no-update",
            )
        update = OfferUpdate.objects.create(
            offer=locked,
            granted_amount=money(locked.granted_amount),
            last_edited_by=actor,
            **{name: getattr(full, name) for name in UPDATE_FIELDS},
            **OfferUpdate.rows_of(full),
        )
        record(
            update,
            actor=actor,
            to=U.DRAFT,
            note=_("granted %(granted)s of the %(requested)s requested")
            % {
                "granted": pln(money(locked.granted_amount)),
                "requested": pln(locked.requested_grant),
            },
        )
    return update


def _actions(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """III.4's rows with a stable ``id`` each (a new row takes the next free one)."""
    kept = [dict(row) for row in rows]
    used: set[int] = set()
    for row in kept:
        if isinstance(row.get("id"), int) and row["id"] not in used:
            used.add(row["id"])
        else:
            row["id"] = None
    next_id = max(used, default=0) + 1
    for row in kept:
        if row["id"] is None:
            row["id"] = next_id
            used.add(next_id)
            next_id += 1
    return [{k: row.get(k, "") for k in ACTION_KEYS} for row in kept]


def offer_update_save(
    *,
    offerupdate: OfferUpdate,
    actor: Any,
    version: int,
    fields: Mapping[str, Any] | None = None,
    actions: Iterable[Mapping[str, Any]] | None = None,
    results: Iterable[Mapping[str, Any]] | None = None,
    cost_rows: Iterable[Mapping[str, Any]] | None = None,
) -> OfferUpdate:
    """Save a step of the update and raise its version.

    Only the update's fields and rows change; a save made on a version another editor
    has replaced meanwhile is refused with :class:`StaleUpdate`. Raises
    PermissionDeniedError or DomainError (submitted, accepted or declined already).
    """
    if not can_act_for(actor, offerupdate.offer.organisation_id, Capability.EDIT):
        raise PermissionDeniedError(_("You cannot update this offer."))
    fields = dict(fields or {})
    unknown = set(fields) - set(UPDATE_FIELDS)
    if unknown:
        raise DomainError(
            _("Only the schedule, the results and the cost calculation are updated.")
        )
    with transaction.atomic():
        current = OfferUpdate.objects.select_for_update().get(pk=offerupdate.pk)
        if not current.is_editable:
            raise DomainError(
                _("The update is %(status)s and can no longer be changed.")
                % {"status": current.get_status_display()},
                code="frozen",
            )
        if current.version != version:
            raise StaleUpdate(
                _(
                    "%(name)s saved this update after you opened it. Your changes were "
                    "not saved: open the step again and repeat them."
                )
                % {"name": current.last_edited_by or _("Another editor")},
                code="stale",
            )
        changes: dict[str, Any] = dict(fields)
        if actions is not None:
            changes["actions"] = OfferUpdate.plain_rows(_actions(actions))
        known = {row["id"] for row in changes.get("actions", current.actions)}
        if results is not None:
            changes["results"] = OfferUpdate.plain_rows(
                [{k: row.get(k, "") for k in RESULT_KEYS} for row in results]
            )
        if cost_rows is not None or actions is not None:
            source = cost_rows if cost_rows is not None else current.cost_rows
            costs = []
            for row in source:
                cost = {k: row.get(k) for k in COST_KEYS}
                if (
                    cost.get("category") == CostRow.Category.ADMINISTRATIVE
                    or cost.get("action_id") not in known
                ):
                    cost["action_id"] = None
                costs.append(cost)
            changes["cost_rows"] = OfferUpdate.plain_rows(costs)
        OfferUpdate.objects.filter(pk=current.pk).update(
            **changes,
            version=F("version") + 1,
            last_edited_by=actor,
            updated_at=timezone.now(),
        )
    offerupdate.refresh_from_db()
    return offerupdate


def offer_update_submit(*, offerupdate: OfferUpdate, actor: Any) -> OfferUpdate:
    """Submit the update to the office, on the offeror's behalf.

    Refused while :func:`grants.award.update_problems` finds a fault; the content
    is frozen with its SHA-256 checksum, the transition audited and the clerks told
    through the outbox. Raises PermissionDeniedError, DomainError or
    TransitionNotAllowed.
    """
    offer = offerupdate.offer
    if not can_act_for(actor, offer.organisation, Capability.SIGN):
        raise PermissionDeniedError(
            _("Only a representative of the organisation may submit the update.")
        )
    with transaction.atomic():
        locked = OfferUpdate.objects.select_for_update().get(pk=offerupdate.pk)
        full = _offer_with_rows(locked.offer_id)
        if full.status != OfferStatus.SELECTED:
            raise DomainError(_("The offer is no longer chosen."), code="state")
        problems = update_problems(locked, full)
        if problems:
            raise DomainError(
                " ".join(message for _field, message in problems), code="invalid"
            )
        content = offer_content(locked.as_offer(full))
        transition(
            locked,
            transitions=TRANSITIONS,
            to=U.SUBMITTED,
            actor=actor,
            changes={
                "content": content,
                "checksum": offer_checksum(content),
                "submitted_at": timezone.now(),
                "submitted_by": actor,
                "return_reason": "",
            },
        )
        round_ = history(locked).count()
        for clerk in clerks():
            notify(
                clerk,
                "grants.update_submitted",
                occasion=f"offer-update:{locked.pk}:submitted:{round_}",
                obj=locked,
                context={"number": full.number, "title": full.title},
            )
    return locked


def _tell_offeror(update: OfferUpdate, kind: str, **context: Any) -> None:
    offer = update.offer
    round_ = history(update).count()
    for person in offeror_people(offer):
        notify(
            person,
            f"grants.{kind}",
            occasion=f"offer-update:{update.pk}:{kind}:{round_}",
            obj=update,
            context={"number": offer.number, "title": offer.title, **context},
        )


def offer_update_accept(
    *, offerupdate: OfferUpdate, actor: Any, note: str = ""
) -> OfferUpdate:
    """Accept a submitted update: its content becomes the terms of the contract.

    Audited with ``note``; the offeror is told through the outbox.
    """
    require_clerk(actor)
    with transaction.atomic():
        transition(
            offerupdate,
            transitions=TRANSITIONS,
            to=U.ACCEPTED,
            actor=actor,
            note=note.strip(),
            changes={"decided_at": timezone.now()},
        )
        _tell_offeror(offerupdate, "update_accepted", note=note.strip())
    return offerupdate


def offer_update_return(
    *, offerupdate: OfferUpdate, actor: Any, reason: str
) -> OfferUpdate:
    """Return a submitted update to the offeror with the reason; it may be edited and
    submitted again. Audited; the offeror is told through the outbox."""
    require_clerk(actor)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Give the reason for returning the update."), field="reason"
        )
    with transaction.atomic():
        transition(
            offerupdate,
            transitions=TRANSITIONS,
            to=U.RETURNED,
            actor=actor,
            note=reason,
            changes={"return_reason": reason},
        )
        _tell_offeror(offerupdate, "update_returned", reason=reason)
    return offerupdate


def offer_decline(*, offer: Offer, actor: Any, reason: str) -> OfferUpdate:
    """The offeror declines the grant of a chosen offer, with the reason: on the portal
    by its representative, or in writing, recorded by a clerk.

    The offer is withdrawn (its granted amount kept on record, no longer counted as
    granted), the update (opened here when there was none) is closed as declined,
    both audited, and the clerks are told through the outbox: the money it frees may
    go to the next offer on the ranking. Raises PermissionDeniedError or DomainError.
    """
    if not (
        can_act_for(actor, offer.organisation, Capability.SIGN)
        or has_clerk_powers(actor)
    ):
        raise PermissionDeniedError(
            _("Only a representative of the organisation may decline the grant.")
        )
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for declining the grant."), field="reason")
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        if not is_awarded(locked):
            raise DomainError(
                _("Only the grant of a chosen offer can be declined."), code="state"
            )
        update = OfferUpdate.objects.select_for_update().filter(offer=locked).first()
        if update is None:
            full = _offer_with_rows(locked.pk)
            update = OfferUpdate.objects.create(
                offer=locked,
                granted_amount=money(locked.granted_amount),
                last_edited_by=actor,
                **{name: getattr(full, name) for name in UPDATE_FIELDS},
                **OfferUpdate.rows_of(full),
            )
            record(update, actor=actor, to=U.DRAFT)
        transition(
            update,
            transitions=TRANSITIONS,
            to=U.DECLINED,
            actor=actor,
            note=reason,
            changes={"decline_reason": reason, "decided_at": timezone.now()},
        )
        transition(
            locked,
            transitions=TRANSITIONS,
            to=OfferStatus.WITHDRAWN,
            actor=actor,
            note=_("grant declined: %(reason)s") % {"reason": reason},
        )
        for clerk in clerks():
            notify(
                clerk,
                "grants.grant_declined",
                occasion=f"offer-declined:{locked.pk}",
                obj=locked,
                context={
                    "number": locked.number,
                    "title": locked.title,
                    "amount": pln(money(locked.granted_amount)),
                    "reason": reason,
                },
            )
    return update


def competition_free_funds(competition: Competition) -> Decimal:
    """The public funds not granted to a chosen offer (a declined grant frees its part)."""
    granted = Offer.objects.filter(
        competition=competition, status=OfferStatus.SELECTED
    ).aggregate(total=Sum("granted_amount"))["total"]
    return money(competition.public_funds) - money(granted)


def next_on_ranking(competition: Competition) -> Offer | None:
    """The best-scored offer that was not chosen: the first to receive freed funds."""
    for row in competition_ranking(competition):
        if row.offer.status == OfferStatus.NOT_SELECTED:
            return row.offer
    return None


def offer_award_freed_funds(
    *, offer: Offer, actor: Any, amount: Any, reason: str = ""
) -> Offer:
    """Choose an offer that was not chosen, with money freed by a declined grant.

    The amount is parsed strictly and may not exceed the competition's free funds or
    the requested grant; an offer other than the next on the ranking needs a reason.
    Audited; the offeror is told through the outbox. Raises DomainError.
    """
    require_clerk(actor)
    try:
        value = money(parse_amount(amount))
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="amount") from error
    reason = (reason or "").strip()
    with transaction.atomic():
        competition = Competition.objects.select_for_update().get(
            pk=offer.competition_id
        )
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        if competition.status != CompetitionStatus.RESULTS_PUBLISHED:
            raise DomainError(
                _("Freed funds are awarded once the results are published."),
                code="state",
            )
        if locked.status != OfferStatus.NOT_SELECTED:
            raise DomainError(
                _("Only an offer that was not chosen can receive freed funds."),
                code="state",
            )
        free = competition_free_funds(competition)
        if value <= 0 or value > free:
            raise DomainError(
                _(
                    "%(amount)s is not available: the competition has %(free)s left "
                    "that no chosen offer holds."
                )
                % {"amount": pln(value), "free": pln(free)},
                field="amount",
            )
        if value > money(locked.requested_grant):
            raise DomainError(
                _("The offer asked for %(requested)s: no more can be awarded to it.")
                % {"requested": pln(locked.requested_grant)},
                field="amount",
            )
        first = next_on_ranking(competition)
        if first is not None and first.pk != locked.pk and not reason:
            raise DomainError(
                _(
                    "Offer %(number)s is next on the ranking: give the reason for "
                    "awarding the funds to another offer."
                )
                % {"number": first.number},
                field="reason",
            )
        transition(
            locked,
            transitions=TRANSITIONS,
            to=OfferStatus.SELECTED,
            actor=actor,
            note=reason or _("next offer on the ranking"),
            changes={"granted_amount": value, "decision_reason": reason},
        )
        for person in offeror_people(locked):
            notify(
                person,
                "grants.freed_funds_awarded",
                occasion=f"offer-freed-funds:{locked.pk}",
                obj=locked,
                context={
                    "number": locked.number,
                    "title": locked.title,
                    "amount": pln(value),
                    "competition": competition.title,
                },
            )
    return locked
