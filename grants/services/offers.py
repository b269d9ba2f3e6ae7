"""Offers: drafts with optimistic concurrency, validation and atomic submission."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Model
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cooperation.core.cache import rows_changed
from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.notifications import notify
from cooperation.core.typography import quoted
from cooperation.core.workflow import transition
from ngos.models import Organisation
from ngos.permissions import Capability, can_act_for

from ..layout import EDITABLE_FIELDS, ROW_GROUPS, SIGNATURES
from ..models import (
    Competition,
    CompetitionStatus,
    CoOfferor,
    CostRow,
    ExpectedResult,
    Offer,
    OfferAttachment,
    OfferStatus,
    ScheduleAction,
)
from ..models.offer import money
from ..validators import offer_validate_for_submission
from . import signing
from .transitions import TRANSITIONS

O = OfferStatus  # noqa: E741

# What the content (and so the checksum a confirmation holds) records of a co-offeror.
CO_OFFEROR_FIELDS = (
    "name",
    "legal_form",
    "register",
    "address",
    "website",
    "correspondence",
    "email",
    "phone",
    "st_no_tax_arrears",
    "st_no_zus_arrears",
    "part",
    "cost_share",
    "organisation_id",
)


class StaleOffer(DomainError):
    """Somebody saved the offer since this editor loaded it; ``current`` is their version."""

    def __init__(self, message: str, *, current: Offer):
        super().__init__(message, code="stale")
        self.current = current


class OfferInvalid(DomainError):
    """The offer cannot be submitted; ``errors`` holds (field, message) pairs."""

    def __init__(self, errors: list[tuple[str | None, str]]):
        super().__init__(" ".join(m for _f, m in errors), code="invalid")
        self.errors = errors


class OfferExists(DomainError):
    """The organisation already has an offer in the competition; ``offer`` is that one."""

    def __init__(self, message: str, *, offer: Offer):
        super().__init__(message, code="exists")
        self.offer = offer


def offer_create(
    *,
    competition: Competition,
    organisation: Organisation,
    actor: Any,
    is_joint: bool = False,
) -> Offer:
    """Start a draft offer of ``organisation``, with sections I and II filled from the data held.

    Raises PermissionDeniedError unless ``actor`` may edit for the organisation, and
    DomainError when the competition does not take offers or joint offers.
    """
    if not can_act_for(actor, organisation, Capability.EDIT):
        raise PermissionDeniedError(_("You cannot write offers for this organisation."))
    if not competition.is_open:
        raise DomainError(_("This competition does not take offers."), code="closed")
    if is_joint and not competition.joint_offers_allowed:
        raise DomainError(
            _("This competition does not allow joint offers."), field="is_joint"
        )
    register = (
        _("KRS %(number)s") % {"number": organisation.krs}
        if organisation.krs
        else organisation.other_register
    )
    with transaction.atomic():
        # One offer per organisation (as the lead offeror) in a competition: the lock
        # on the competition keeps two simultaneous clicks from making two drafts.
        Competition.objects.select_for_update().only("pk").get(pk=competition.pk)
        existing = sorted(
            Offer.objects.filter(competition=competition, organisation=organisation)
            .exclude(status=O.WITHDRAWN)
            .only("pk", "status"),
            key=lambda o: (not o.is_editable, o.pk),
        )
        if existing:
            raise OfferExists(
                _(
                    "%(organisation)s already has an offer in this competition: it is "
                    "opened instead of a new one."
                )
                % {"organisation": quoted(organisation.name)},
                offer=existing[0],
            )
        return _create_draft(competition, organisation, actor, is_joint, register)


def _create_draft(
    competition: Competition,
    organisation: Organisation,
    actor: Any,
    is_joint: bool,
    register: str,
) -> Offer:
    offer = Offer.objects.create(
        competition=competition,
        organisation=organisation,
        is_joint=is_joint,
        created_by=actor,
        last_edited_by=actor,
        addressed_to=settings.MUNICIPALITY_OFFICE,
        task_type=competition.task_type,
        offeror_name=organisation.name,
        offeror_legal_form=organisation.get_legal_form_display(),
        offeror_register=register,
        offeror_address=organisation.address,
        offeror_website=organisation.website,
        offeror_correspondence=organisation.correspondence_address,
        offeror_email=organisation.email,
        offeror_phone=organisation.phone,
        contact_name=actor.get_full_name(),
        contact_email=actor.email,
    )
    return offer


def _allowed_fields(offer: Offer) -> set[str]:
    if offer.status == O.CORRECTION_REQUESTED:
        return set(offer.correction_fields)
    return set(EDITABLE_FIELDS) | set(ROW_GROUPS)


def offer_save(
    *,
    offer: Offer,
    actor: Any,
    version: int,
    fields: Mapping[str, Any] | None = None,
    actions: Iterable[Mapping[str, Any]] | None = None,
    results: Iterable[Mapping[str, Any]] | None = None,
    cost_rows: Iterable[Mapping[str, Any]] | None = None,
    co_offerors: Iterable[Mapping[str, Any]] | None = None,
    arrived_at: datetime | None = None,
) -> Offer:
    """Save a step of a draft (or of a requested correction) and raise its version.

    The deadline is checked against ``arrived_at`` (when the save reached the portal;
    now if not given).

    ``version`` is the version the editor loaded; if another save came in between, the
    save is refused with :class:`StaleOffer` carrying the other editor's version. Row
    groups that are given replace the stored rows. In a correction only the named
    fields may change. Raises PermissionDeniedError / DomainError.
    """
    if not can_act_for(actor, offer.organisation_id, Capability.EDIT):
        raise PermissionDeniedError(_("You cannot edit this offer."))
    fields = dict(fields or {})
    groups = {
        "actions": actions,
        "results": results,
        "cost_rows": cost_rows,
        "co_offerors": co_offerors,
    }
    with transaction.atomic():
        current = Offer.objects.select_for_update().get(pk=offer.pk)
        if not current.is_editable:
            raise DomainError(
                _("This offer was submitted and can no longer be changed."),
                code="frozen",
            )
        now = arrival_time(arrived_at)
        if current.status == O.DRAFT:
            competition = Competition.objects.only("status", "offers_deadline").get(
                pk=current.competition_id
            )
            if (
                competition.status != CompetitionStatus.ANNOUNCED
                or now > competition.offers_deadline
            ):
                raise DomainError(
                    _(
                        "The deadline for offers has passed: the draft can no longer be changed."
                    ),
                    code="deadline",
                )
        elif current.correction_deadline and now > current.correction_deadline:
            raise DomainError(
                _("The deadline for the correction has passed."), code="deadline"
            )
        if current.version != version:
            raise StaleOffer(
                _(
                    "%(name)s saved this offer after you opened it. Your changes were not "
                    "saved: compare them with the current version below and save again."
                )
                % {"name": current.last_edited_by or _("Another editor")},
                current=current,
            )
        allowed = _allowed_fields(current)
        changed_groups = {k: v for k, v in groups.items() if v is not None}
        refused = [
            name
            for name in [*fields, *changed_groups]
            if name not in allowed
            and (name in changed_groups or getattr(current, name) != fields[name])
        ]
        if refused:
            raise DomainError(
                _("Only the fields named in the correction request may be changed."),
                code="not-in-correction",
            )
        unknown = set(fields) - set(EDITABLE_FIELDS)
        if unknown:
            raise DomainError(
                _("Unknown field: %(name)s.") % {"name": ", ".join(sorted(unknown))}
            )
        Offer.objects.filter(pk=current.pk).update(
            **fields,
            version=F("version") + 1,
            last_edited_by=actor,
            updated_at=timezone.now(),
        )
        # A bulk write sends no signal: the pages that show offers are told here.
        rows_changed(Offer)
        _replace_rows(current, changed_groups)
    offer.refresh_from_db()
    return offer


def _replace_rows(
    offer: Offer, groups: Mapping[str, Iterable[Mapping[str, Any]]]
) -> None:
    models: dict[str, type[Model]] = {
        "actions": ScheduleAction,
        "results": ExpectedResult,
        "cost_rows": CostRow,
        "co_offerors": CoOfferor,
    }
    # Activities first: the costs of a table saved together point to them.
    for name in sorted(groups, key=lambda g: g != "actions"):
        rows = [dict(row) for row in groups[name]]
        if name == "actions":
            _replace_actions(offer, rows)
            continue
        model = models[name]
        if name == "cost_rows":
            known = set(
                ScheduleAction.objects.filter(offer=offer).values_list("pk", flat=True)
            )
            for row in rows:
                # A cost names an activity of this offer or none (group II).
                if row.get("action_id") not in known:
                    row["action_id"] = None
                if row.get("category") == CostRow.Category.ADMINISTRATIVE:
                    row["action_id"] = None
        if name == "co_offerors":
            for row in rows:
                _link_co_offeror(offer, row)
        model._default_manager.filter(offer=offer).delete()
        model._default_manager.bulk_create(
            [model(offer=offer, position=i + 1, **row) for i, row in enumerate(rows)]
        )
        rows_changed(model)


def _link_co_offeror(offer: Offer, row: dict[str, Any]) -> None:
    """Find a co-offeror in the portal by the KRS number of its register entry, so its
    representatives can confirm the offer, and fill the section II data it left empty
    from the organisation's profile."""
    digits = "".join(ch for ch in str(row.get("register") or "") if ch.isdigit())
    organisation = None
    if digits:
        organisation = (
            Organisation.objects.filter(krs=digits.zfill(10), verified_at__isnull=False)
            .exclude(pk=offer.organisation_id)
            .first()
        )
    row["organisation_id"] = organisation.pk if organisation else None
    if organisation is None:
        return
    profile = {
        "name": organisation.name,
        "legal_form": organisation.get_legal_form_display(),
        "address": organisation.address,
        "website": organisation.website,
        "correspondence": organisation.correspondence_address,
        "email": organisation.email,
        "phone": organisation.phone,
    }
    for key, value in profile.items():
        if not row.get(key):
            limit = getattr(CoOfferor._meta.get_field(key), "max_length", None) or 300
            row[key] = str(value or "")[:limit]


def _replace_actions(offer: Offer, rows: list[dict[str, Any]]) -> None:
    """Replace III.4's activities, keeping each posted one's row (and its costs).

    An activity posted with the ``id`` of one of this offer's activities updates it;
    the others are created; stored ones not posted are deleted, and their costs are
    left without an activity for the author to place again.
    """
    stored = {a.pk: a for a in ScheduleAction.objects.filter(offer=offer)}
    kept: set[int] = set()
    fresh = []
    for i, row in enumerate(rows, start=1):
        pk = row.pop("id", None)
        action = stored.get(pk) if pk not in kept else None
        if action is None:
            fresh.append(ScheduleAction(offer=offer, position=i, **row))
            continue
        kept.add(action.pk)
        for key, value in row.items():
            setattr(action, key, value)
        action.position = i
        action.save()
    ScheduleAction.objects.filter(offer=offer).exclude(pk__in=kept).delete()
    ScheduleAction.objects.bulk_create(fresh)
    rows_changed(ScheduleAction)


def offer_content(offer: Offer) -> dict[str, Any]:
    """The offer's content in a canonical form: what the checksum and the PDF are made of."""

    def plain(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, Decimal):
            exponent = value.as_tuple().exponent
            # NaN and infinities have a letter for an exponent; money has two places.
            return (
                str(money(value))
                if isinstance(exponent, int) and exponent >= -2
                else str(value)
            )
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value

    data: dict[str, Any] = {
        "form": offer.form_version,
        "competition": offer.competition_id,
        "organisation": offer.organisation_id,
        "is_joint": offer.is_joint,
        "fields": {name: plain(getattr(offer, name)) for name in EDITABLE_FIELDS},
        "actions": [
            {
                k: plain(getattr(a, k))
                for k in (
                    "name",
                    "description",
                    "target_group",
                    "start",
                    "end",
                    "subcontractor",
                    "performer",
                )
            }
            for a in offer.actions.all()
        ],
        "results": [
            {k: plain(getattr(r, k)) for k in ("name", "target_value", "monitoring")}
            for r in offer.results.all()
        ],
        "years": offer.budget_years,
        "cost_rows": [
            {
                "number": line.number,
                "category": line.row.category,
                "name": line.row.name,
                "unit": line.row.unit,
                "unit_cost": str(money(line.row.unit_cost)),
                "units": str(line.row.units),
                "total": str(line.total),
                "per_year": [str(v) for v in line.per_year],
            }
            for line in offer.cost_table()
            if line.row is not None
        ],
        "co_offerors": [
            {k: plain(getattr(p, k)) for k in CO_OFFEROR_FIELDS}
            for p in offer.co_offerors.all()
        ],
        "attachments": [
            {
                "name": a.name,
                "requirement": a.requirement.name if a.requirement else "",
                "sha256": a.sha256,
            }
            for a in offer.attachments.all()
            if a.kind == OfferAttachment.Kind.ATTACHMENT
        ],
        "totals": {
            "activity": str(offer.activity_costs),
            "administrative": str(offer.administrative_costs),
            "total": str(offer.total_costs),
        },
    }
    return data


def offer_checksum(content: Mapping[str, Any]) -> str:
    canonical = json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def offer_submit(
    *, offer: Offer, actor: Any, arrived_at: datetime | None = None
) -> Offer:
    """Submit a draft (or a corrected offer) on the organisation's behalf.

    Atomic: locks the offer and the competition, checks the deadline against the
    moment the submission arrived (``arrived_at``, the request's arrival stamp; now if
    not given), validates the form, numbers the offer (gapless: the next number is
    taken under the competition's lock), freezes its content with a SHA-256 checksum,
    audits the transition and queues the confirmation e-mail with the checksum; the
    offer's PDF is rendered after the commit. The submitter's click is their
    confirmation of the content (kept even when it is refused); the offer is sent only
    when every offeror has the confirmations its representation requires. Raises
    PermissionDeniedError (not a representative), DomainError (deadline passed,
    already submitted) or OfferInvalid (the form, or the signatures still missing).
    """
    organisation = offer.organisation
    if not can_act_for(actor, organisation, Capability.SIGN):
        raise PermissionDeniedError(
            _("Only a representative of the organisation may submit the offer.")
        )
    unsigned: list[str] = []
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        # The competition is locked only for numbering, once the offer is complete:
        # the checks before it hold the offer's lock alone.
        competition = Competition.objects.get(pk=locked.competition_id)
        locked.competition = competition
        now = arrival_time(arrived_at)
        if locked.status == O.DRAFT:
            if (
                competition.status != CompetitionStatus.ANNOUNCED
                or now > competition.offers_deadline
            ):
                raise DomainError(
                    _(
                        "The deadline for offers passed on %(time)s. The draft stays readable but cannot be sent."
                    )
                    % {
                        "time": formats.date_format(
                            timezone.localtime(competition.offers_deadline),
                            "DATETIME_FORMAT",
                        )
                    },
                    code="deadline",
                )
        elif locked.status == O.CORRECTION_REQUESTED:
            if locked.correction_deadline and now > locked.correction_deadline:
                raise DomainError(
                    _("The deadline for the correction passed on %(time)s.")
                    % {
                        "time": formats.date_format(
                            timezone.localtime(locked.correction_deadline),
                            "DATETIME_FORMAT",
                        )
                    },
                    code="deadline",
                )
        else:
            raise DomainError(
                _("This offer has already been submitted."), code="submitted"
            )
        if (
            competition.offers.filter(organisation_id=locked.organisation_id)
            .exclude(pk=locked.pk)
            .exclude(status__in=[O.DRAFT, O.WITHDRAWN])
            .exists()
        ):
            raise DomainError(
                _(
                    "%(organisation)s has already submitted an offer in this competition; "
                    "an organisation submits one offer per competition."
                )
                % {"organisation": quoted(organisation.name)},
                code="exists",
            )
        errors = offer_validate_for_submission(locked)
        if errors:
            raise OfferInvalid(errors)
        content = offer_content(locked)
        checksum = offer_checksum(content)
        # The submitter signs what they send; their confirmation is kept (committed)
        # even when others' are still missing.
        signing.record_confirmations(locked, actor, checksum)
        unsigned = signing.signature_problems(locked, checksum)
        if not unsigned:
            competition = Competition.objects.select_for_update().get(pk=competition.pk)
            if locked.status == O.DRAFT and competition.status != (
                CompetitionStatus.ANNOUNCED
            ):
                raise DomainError(
                    _("This competition does not take offers."), code="deadline"
                )
            locked.competition = competition
            _finish_submission(locked, competition, actor, content, checksum, now)
    if unsigned:
        raise OfferInvalid([(SIGNATURES, message) for message in unsigned])
    return locked


def _finish_submission(
    locked: Offer,
    competition: Competition,
    actor: Any,
    content: dict[str, Any],
    checksum: str,
    now: datetime,
) -> None:
    """Number, freeze and audit a submission whose signatures are complete."""
    changes: dict[str, Any] = {
        "content": content,
        "checksum": checksum,
        "submitted_by": actor,
    }
    correcting = locked.status == O.CORRECTION_REQUESTED
    if not correcting:
        sequence = (competition.offers.aggregate(m=Max("sequence"))["m"] or 0) + 1
        changes.update(
            sequence=sequence,
            number=f"{competition.pk}/{competition.year}/{sequence:03d}",
            submitted_at=now,
        )
    else:
        changes.update(correction_fields=[], correction_deadline=None)
    transition(
        locked,
        transitions=TRANSITIONS,
        to=O.SUBMITTED,
        actor=actor,
        note=_("corrected") if correcting else "",
        changes=changes,
    )
    notify(
        actor,
        "grants.offer_submitted",
        occasion=f"offer-submitted:{locked.pk}:{checksum[:16]}",
        obj=locked,
        context={
            "number": locked.number,
            "checksum": checksum,
            "title": locked.title,
            "competition": competition.title,
            "submitted_at": timezone.localtime(now).isoformat(timespec="seconds"),
            "corrected": correcting,
        },
    )
    transaction.on_commit(partial(queue_offer_document, locked.pk))


def offer_withdraw(
    *,
    offer: Offer,
    actor: Any,
    note: str = "",
    arrived_at: datetime | None = None,
) -> Offer:
    """Withdraw a submitted offer before the deadline for offers, on the offeror's behalf.

    Locks the offer and its competition, checks the deadline against ``arrived_at``
    (now if not given) and moves the offer to "withdrawn" through the transition
    table, audited with ``note``. The offer keeps its number, content and checksum;
    the organisation may then start and submit another. Raises PermissionDeniedError
    (not a representative), DomainError (deadline passed) or TransitionNotAllowed
    (the offer is not submitted).
    """
    if not can_act_for(actor, offer.organisation_id, Capability.SIGN):
        raise PermissionDeniedError(
            _("Only a representative of the organisation may withdraw the offer.")
        )
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        competition = Competition.objects.select_for_update().get(
            pk=locked.competition_id
        )
        now = arrival_time(arrived_at)
        if (
            competition.status != CompetitionStatus.ANNOUNCED
            or now > competition.offers_deadline
        ):
            raise DomainError(
                _(
                    "The deadline for offers has passed: the offer can no longer be "
                    "withdrawn here. Write to the office instead."
                ),
                code="deadline",
            )
        transition(
            locked,
            transitions=TRANSITIONS,
            to=O.WITHDRAWN,
            actor=actor,
            note=note or _("withdrawn by the offeror before the deadline"),
        )
    return locked


def arrival_time(arrived_at: datetime | None) -> datetime:
    """When a request arrived, for deadline checks: never later than now."""
    now = timezone.now()
    return min(arrived_at, now) if arrived_at is not None else now


def queue_offer_document(pk: int) -> None:
    """Have a worker render the submitted offer's PDF after the commit.

    Without a worker (tasks in-process) nothing is rendered here: the submission's
    request would wait for the PDF, so the first download renders and stores it.
    """
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        return
    from ..documents import queue

    queue("offer", pk)
