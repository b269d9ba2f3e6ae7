"""Formal check, committee and decision (art. 15)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from decimal import Decimal
from functools import partial
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Field, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cooperation.core.cache import rows_changed
from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.limits import validate_amount
from cooperation.core.notifications import notify
from cooperation.core.permissions import require_clerk
from cooperation.core.typography import quoted
from cooperation.core.workflow import record, transition
from ngos.models import Organisation

from ..committee import (
    committee_work_missing,
    composition_problems,
    declaration_text,
    describe_missing,
)
from ..layout import CORRECTABLE_FIELDS, EDITABLE_FIELDS, FORMAL_PARTS, ROW_TITLES
from ..models import (
    CommitteeMember,
    Competition,
    CompetitionStatus,
    Conflict,
    FormalCheckItem,
    Offer,
    OfferStatus,
    Score,
)
from ..models.offer import money
from ..permissions import (
    nominee_conflict,
    offeror_member_conflict,
    offers_of_members_organisations,
)
from ..validators import pln
from .competitions import queue_document
from .transitions import TRANSITIONS

O = OfferStatus  # noqa: E741
S = CompetitionStatus


def _require_formal_review(offer: Offer) -> None:
    offer.competition = Competition.objects.get(pk=offer.competition_id)
    if offer.competition.status != S.FORMAL_REVIEW:
        raise DomainError(
            _("The competition is not in its formal review."), code="state"
        )


Checklist = list[tuple[str, bool, str]]


def _checked(
    offer: Offer, checklist: Checklist | None, *, default_met: bool
) -> Checklist:
    """The checklist as given, checked against the competition's requirements; with
    none given (an admin action), every requirement as met when ``default_met``."""
    names = offer.competition.formal_checklist()
    if checklist is None:
        return [(n, True, "") for n in names] if default_met else []
    given = [
        (str(n), bool(met), (reason or "").strip()) for n, met, reason in checklist
    ]
    if [n for n, _met, _reason in given] != names:
        raise DomainError(
            _("Check the offer against every formal requirement of the announcement."),
            field="checklist",
            code="checklist",
        )
    for name, met, reason in given:
        if not met and not reason:
            raise DomainError(
                _("“%(requirement)s”: tick it as met or say why it is not.")
                % {"requirement": name},
                field="checklist",
                code="checklist",
            )
    return given


def _record_checklist(offer: Offer, actor: Any, checklist: Checklist) -> None:
    now = timezone.now()
    FormalCheckItem.objects.filter(offer=offer).delete()
    FormalCheckItem.objects.bulk_create(
        [
            FormalCheckItem(
                offer=offer,
                position=n,
                requirement=name[:400],
                met=met,
                reason=reason[:500],
                checked_by=actor if getattr(actor, "pk", None) else None,
                checked_at=now,
            )
            for n, (name, met, reason) in enumerate(checklist, start=1)
        ]
    )


def _unmet(checklist: Checklist) -> list[str]:
    return [f"{name}: {reason}" for name, met, reason in checklist if not met]


def offer_formal_accept(
    *, offer: Offer, actor: Any, note: str = "", checklist: Checklist | None = None
) -> Offer:
    """Record that the offer meets every formal requirement of the announcement.

    ``checklist`` holds (requirement, met, reason) for each requirement of
    ``Competition.formal_checklist``; each must be met. Given none (the admin's
    action), every requirement is recorded as met by the clerk who accepts.
    """
    require_clerk(actor)
    _require_formal_review(offer)
    items = _checked(offer, checklist, default_met=True)
    unmet = _unmet(items)
    if unmet:
        raise DomainError(
            _("The offer does not meet every formal requirement: %(unmet)s.")
            % {"unmet": "; ".join(unmet)},
            field="checklist",
            code="checklist",
        )
    with transaction.atomic():
        _record_checklist(offer, actor, items)
        return transition(
            offer,
            transitions=TRANSITIONS,
            to=O.FORMALLY_ACCEPTED,
            actor=actor,
            note=note,
            changes={"formal_note": note, "formally_checked_at": timezone.now()},
        )


def offer_formal_reject(
    *, offer: Offer, actor: Any, reason: str, checklist: Checklist | None = None
) -> Offer:
    """Reject the offer on formal grounds; the reason is required and told to the offeror.

    With a ``checklist``, at least one requirement is not met and each such one
    says why; the checklist is recorded for the protocol.
    """
    require_clerk(actor)
    _require_formal_review(offer)
    if not reason.strip():
        raise DomainError(_("Give the reason for the rejection."), field="reason")
    items = _checked(offer, checklist, default_met=False)
    if checklist is not None and not _unmet(items):
        raise DomainError(
            _(
                "Every formal requirement is ticked as met: the offer cannot be "
                "rejected on formal grounds."
            ),
            field="checklist",
            code="checklist",
        )
    with transaction.atomic():
        if items:
            _record_checklist(offer, actor, items)
        transition(
            offer,
            transitions=TRANSITIONS,
            to=O.FORMALLY_REJECTED,
            actor=actor,
            note=reason,
            changes={"formal_note": reason, "formally_checked_at": timezone.now()},
        )
        if offer.submitted_by_id:
            notify(
                offer.submitted_by,
                "grants.offer_rejected",
                occasion=f"offer-rejected:{offer.pk}",
                obj=offer,
                context={"reason": reason, "number": offer.number},
            )
    return offer


def _field_label(name: str) -> str:
    if name in FORMAL_PARTS:
        return str(FORMAL_PARTS[name])
    if name in EDITABLE_FIELDS:
        return str(cast(Field, Offer._meta.get_field(name)).verbose_name)
    return str(ROW_TITLES.get(name, name))


def offer_request_correction(
    *,
    offer: Offer,
    actor: Any,
    fields: list[str],
    note: str,
    checklist: Checklist | None = None,
) -> Offer:
    """Ask the offeror to correct named formal defects by the deadline the
    announcement sets: fields of sections I, II and VII, the attachments or the
    signatures; never the task, its budget, activities or results.

    Refused when the announcement does not allow corrections or no field is named;
    with a ``checklist``, at least one requirement is not met (recorded).
    """
    require_clerk(actor)
    _require_formal_review(offer)
    items = _checked(offer, checklist, default_met=False)
    if checklist is not None and not _unmet(items):
        raise DomainError(
            _(
                "Every formal requirement is ticked as met: there is nothing to correct."
            ),
            field="checklist",
            code="checklist",
        )
    competition = offer.competition
    if not competition.corrections_allowed:
        raise DomainError(
            _("The announcement does not allow corrections of formal defects."),
            code="no-corrections",
        )
    substantive = [f for f in fields if f not in CORRECTABLE_FIELDS]
    if substantive:
        raise DomainError(
            _(
                "Only formal defects can be corrected (the offeror's data, the "
                "statements, the attachments and the signatures); the task, its "
                "budget, activities and results stay as submitted: %(fields)s."
            )
            % {"fields": ", ".join(_field_label(f) for f in substantive)},
            field="fields",
            code="substantive",
        )
    if not fields:
        raise DomainError(_("Name the fields to correct."), field="fields")
    if not note.strip():
        raise DomainError(_("Describe the defect to correct."), field="note")
    deadline = timezone.now() + timedelta(days=competition.correction_days)
    with transaction.atomic():
        if items:
            _record_checklist(offer, actor, items)
        transition(
            offer,
            transitions=TRANSITIONS,
            to=O.CORRECTION_REQUESTED,
            actor=actor,
            note=note,
            changes={
                "formal_note": note,
                "correction_fields": fields,
                "correction_deadline": deadline,
            },
        )
        labels = [_field_label(f) for f in fields]
        for person in offeror_people(offer):
            notify(
                person,
                "grants.correction_requested",
                occasion=f"offer-correction:{offer.pk}:{deadline.isoformat()}",
                obj=offer,
                context={
                    "note": note,
                    "number": offer.number,
                    "title": offer.title,
                    "fields": labels,
                    # Shown in the recipient's language and date format.
                    "deadline": deadline,
                },
            )
    return offer


def offeror_people(offer: Offer, *, co_offerors: bool = False) -> list[Any]:
    """The people who act for the offeror: approved representatives and editors of the
    organisation (and, with ``co_offerors``, of the co-offerors in the portal), plus the
    person who submitted the offer."""
    from django.contrib.auth import get_user_model

    from ngos.models import Membership

    organisations = {offer.organisation_id}
    if co_offerors:
        organisations |= {
            pk
            for pk in offer.co_offerors.values_list("organisation_id", flat=True)
            if pk
        }
    people = Membership.objects.filter(
        organisation_id__in=organisations, status=Membership.Status.APPROVED
    ).values("user_id")
    condition = Q(pk__in=people)
    if offer.submitted_by_id:
        condition |= Q(pk=offer.submitted_by_id)
    return list(
        get_user_model().objects.filter(condition, is_active=True).order_by("pk")
    )


def committee_appoint(
    *,
    competition: Competition,
    user: Any,
    actor: Any,
    kind: str = CommitteeMember.Kind.OFFICIAL,
    nominated_by: Organisation | None = None,
    is_chair: bool = False,
) -> CommitteeMember:
    """Appoint a committee member (art. 15 ust. 2a–2e).

    A person nominated by an organisation that submitted an offer (alone or jointly)
    in this competition is refused (ust. 2d), and so is a person acting for such an
    organisation (ust. 2f). The person is told through the outbox what to do, by
    when and where.
    """
    require_clerk(actor)
    if competition.status in (S.DRAFT, S.DECISION, S.RESULTS_PUBLISHED, S.ANNULLED):
        raise DomainError(
            _("The committee cannot be changed at this stage."), code="state"
        )
    if kind == CommitteeMember.Kind.NOMINEE:
        if nominated_by is None:
            raise DomainError(
                _("Name the organisation that nominated the person."),
                field="nominated_by",
            )
        if nominee_conflict(competition, nominated_by):
            raise DomainError(
                _(
                    "%(organisation)s submitted an offer in this competition, so the person it "
                    "nominated cannot sit on the committee (art. 15 ust. 2d)."
                )
                % {"organisation": quoted(nominated_by.name)},
                field="nominated_by",
                code="nominee-conflict",
            )
    own = offeror_member_conflict(competition, user)
    if own:
        raise DomainError(
            _(
                "%(person)s acts for %(organisation)s, which submitted an offer in this "
                "competition, so is excluded from the committee (art. 15 ust. 2f)."
            )
            % {"person": user, "organisation": quoted(own)},
            field="user",
            code="offeror-member",
        )
    if CommitteeMember.objects.filter(competition=competition, user=user).exists():
        raise DomainError(_("This person is already on the committee."), field="user")
    member = CommitteeMember.objects.create(
        competition=competition,
        user=user,
        kind=kind,
        nominated_by=nominated_by,
        is_chair=is_chair,
        appointed_by=actor,
    )
    record(competition, actor=actor, to="committee-appointed", note=str(user))
    # One message per appointment: what to do (the declaration, the scores), by
    # when and where.
    notify(
        user,
        "grants.committee_appointed",
        occasion=f"committee-appointed:{member.pk}",
        obj=member,
    )
    return member


def committee_declare(
    *, member: CommitteeMember, actor: Any, conflicts: Mapping[int, str] | None = None
) -> CommitteeMember:
    """Sign the impartiality declaration, naming the offers the member has a conflict with.

    Only the member signs, once, under their full name (the protocol lists the members
    by name). After this the member may open the offers without a conflict.
    """
    if member.user_id != getattr(actor, "pk", None):
        raise PermissionDeniedError(_("Only the member signs their own declaration."))
    member.refresh_from_db(fields=["declared_at", "excluded_at"])
    if member.is_excluded:
        raise PermissionDeniedError(_("You were excluded from the committee."))
    if not actor.get_full_name():
        raise DomainError(
            _("Enter your first and last name before you sign the declaration."),
            code="name",
        )
    if member.declared_at:
        raise DomainError(
            _("You have already signed the declaration."), code="declared"
        )
    conflicts = dict(conflicts or {})
    own_reason = _("a member of the offering organisation")
    for pk in offers_of_members_organisations(
        member.competition, member.user_id
    ).values_list("pk", flat=True):
        conflicts[pk] = (conflicts.get(pk) or "").strip() or own_reason
    with transaction.atomic():
        valid = set(
            member.competition.offers.submitted()
            .filter(pk__in=list(conflicts))
            .values_list("pk", flat=True)
        )
        Conflict.objects.bulk_create(
            [
                Conflict(member=member, offer_id=pk, reason=conflicts[pk][:300])
                for pk in valid
            ]
        )
        rows_changed(Conflict)
        member.declared_at = timezone.now()
        member.declaration_text = declaration_text()
        member.save(update_fields=["declared_at", "declaration_text"])
        record(
            member.competition,
            actor=actor,
            to="impartiality-declared",
            note=_("%(member)s; conflicts: %(count)s")
            % {"member": actor, "count": len(valid)},
        )
    return member


def offer_score(
    *,
    member: CommitteeMember,
    offer: Offer,
    actor: Any,
    scores: Mapping[int, tuple[Decimal, str]],
) -> list[Score]:
    """Score one offer on every criterion (points within each maximum, with a comment).

    Refused unless the member signed the declaration, has no conflict with the offer,
    votes, and the competition is in committee review with the offer formally accepted.
    """
    if member.user_id != getattr(actor, "pk", None):
        raise PermissionDeniedError(_("Only the member scores for themselves."))
    member.refresh_from_db(fields=["declared_at", "excluded_at"])
    offer = Offer.objects.select_related("competition").get(pk=offer.pk)
    if member.competition_id != offer.competition_id:
        raise PermissionDeniedError(_("You are not on this competition's committee."))
    if not member.declared_at:
        raise PermissionDeniedError(_("Sign the impartiality declaration first."))
    if member.conflicts.filter(offer=offer).exists():
        raise PermissionDeniedError(
            _("You declared a conflict of interest with this offer.")
        )
    if (
        offers_of_members_organisations(offer.competition, member.user_id)
        .filter(pk=offer.pk)
        .exists()
    ):
        raise PermissionDeniedError(
            _(
                "You act for an organisation that submitted this offer, so you do not "
                "score it (art. 15 ust. 2f)."
            )
        )
    if not member.votes:
        raise PermissionDeniedError(
            _("An expert has an advisory vote and does not score (art. 15 ust. 2e).")
        )
    if member.is_excluded:
        raise PermissionDeniedError(_("You were excluded from the committee."))
    if (
        offer.competition.status != S.COMMITTEE_REVIEW
        or offer.status != O.FORMALLY_ACCEPTED
    ):
        raise DomainError(_("This offer is not open for scoring."), code="state")
    criteria = {c.pk: c for c in offer.competition.criteria.all()}
    missing = [c.name for pk, c in criteria.items() if pk not in scores]
    if missing:
        raise DomainError(
            _("Score every criterion: %(names)s.") % {"names": ", ".join(missing)}
        )
    rows = []
    for pk, (points, comment) in scores.items():
        criterion = criteria.get(pk)
        if criterion is None:
            raise DomainError(_("Unknown criterion."))
        points = Decimal(points)
        if points < 0 or points > criterion.max_points:
            raise DomainError(
                _(
                    "“%(criterion)s”: give between 0 and %(max)s points (you gave %(points)s)."
                )
                % {
                    "criterion": criterion.name,
                    "max": criterion.max_points,
                    "points": points,
                },
                field=f"criterion_{pk}",
            )
        if not (comment or "").strip():
            raise DomainError(
                _("“%(criterion)s”: add a comment justifying the points.")
                % {"criterion": criterion.name},
                field=f"comment_{pk}",
            )
        rows.append(
            Score(
                member=member,
                offer=offer,
                criterion=criterion,
                points=points,
                comment=comment,
            )
        )
    with transaction.atomic():
        Score.objects.filter(member=member, offer=offer).delete()
        Score.objects.bulk_create(rows)
        # A bulk write sends no signal: the pages that show scores are told here.
        rows_changed(Score)
    return rows


def committee_exclude(
    *, member: CommitteeMember, actor: Any, reason: str
) -> CommitteeMember:
    """Exclude a member from the committee's work (art. 15 ust. 2d and 2f, KPA art. 24).

    The member's scores stay in the record but no longer count as owed.
    """
    require_clerk(actor)
    if not reason.strip():
        raise DomainError(_("Give the reason for the exclusion."), field="reason")
    with transaction.atomic():
        member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
        if member.is_excluded:
            raise DomainError(_("The member is already excluded."), code="excluded")
        member.excluded_at = timezone.now()
        member.excluded_reason = reason.strip()[:300]
        member.save(update_fields=["excluded_at", "excluded_reason"])
        record(
            member.competition,
            actor=actor,
            to="committee-member-excluded",
            note=f"{member.user.document_name}: {member.excluded_reason}",
        )
    return member


def _require_actor_runs_committee(competition: Competition, actor: Any) -> None:
    """The clerk, or the committee's chair."""
    from cooperation.core.permissions import has_clerk_powers

    if has_clerk_powers(actor):
        return
    if (
        not getattr(actor, "pk", None)
        or not CommitteeMember.objects.filter(
            competition=competition,
            user_id=actor.pk,
            is_chair=True,
            excluded_at__isnull=True,
        ).exists()
    ):
        raise PermissionDeniedError(
            _("Only a clerk or the committee's chair may do this.")
        )


def committee_propose_amounts(
    *, competition: Competition, actor: Any, amounts: Mapping[int, Decimal | None]
) -> Competition:
    """Record the committee's opinion: the amount it proposes for each accepted offer.

    Taken by a clerk or the chair during the committee review; an empty amount
    proposes no grant.
    """
    _require_actor_runs_committee(competition, actor)
    with transaction.atomic():
        competition = Competition.objects.select_for_update().get(pk=competition.pk)
        if competition.status != S.COMMITTEE_REVIEW:
            raise DomainError(
                _("The committee is not reviewing the offers."), code="state"
            )
        if competition.protocol_signed_at:
            raise DomainError(
                _("The protocol is signed: the opinion cannot change."),
                code="signed",
            )
        offers = list(competition.offers.filter(status=O.FORMALLY_ACCEPTED))
        for offer in offers:
            amount = amounts.get(offer.pk)
            if amount is not None:
                try:
                    validate_amount(amount)
                except ValidationError as error:
                    raise DomainError(
                        " ".join(error.messages), field="amounts", code="amount"
                    ) from error
                amount = money(amount)
            offer.proposed_amount = amount
            offer.save(update_fields=["proposed_amount"])
        record(
            competition,
            actor=actor,
            to="committee-amounts-proposed",
            note="; ".join(
                f"{o.number}: {pln(o.proposed_amount) if o.proposed_amount else '—'}"
                for o in offers
            ),
        )
    return competition


def committee_sign_protocol(
    *,
    competition: Competition,
    actor: Any,
    date: Any,
    place: str,
    present: list[int],
) -> Competition:
    """Sign the committee's protocol: the meeting's date and place and who attended.

    Refused unless the composition is lawful (art. 15 ust. 2a–2da), every voting
    member not excluded has declared impartiality and scored every offer they have
    no conflict with, and at least one voting member attended.
    """
    _require_actor_runs_committee(competition, actor)
    if not date:
        raise DomainError(_("Give the date of the meeting."), field="date")
    if not place.strip():
        raise DomainError(_("Give the place of the meeting."), field="place")
    with transaction.atomic():
        competition = Competition.objects.select_for_update().get(pk=competition.pk)
        if competition.status != S.COMMITTEE_REVIEW:
            raise DomainError(
                _("The committee is not reviewing the offers."), code="state"
            )
        if competition.protocol_signed_at:
            raise DomainError(_("The protocol is already signed."), code="signed")
        problems = composition_problems(competition)
        if problems:
            raise DomainError(" ".join(problems), code="composition")
        missing = committee_work_missing(competition)
        if missing:
            raise DomainError(
                _("The committee has not finished: %(missing)s.")
                % {"missing": describe_missing(missing)},
                code="committee-incomplete",
            )
        members = list(competition.committee.select_related("user"))
        present_ids = {int(pk) for pk in present}
        if not any(
            m.pk in present_ids and m.votes and not m.is_excluded for m in members
        ):
            raise DomainError(
                _("Mark the members present at the meeting."), field="present"
            )
        for member in members:
            member.attended = member.pk in present_ids
        CommitteeMember.objects.bulk_update(members, ["attended"])
        competition.protocol_date = date
        competition.protocol_place = place.strip()
        competition.protocol_signed_at = timezone.now()
        competition.save(
            update_fields=["protocol_date", "protocol_place", "protocol_signed_at"]
        )
        record(
            competition,
            actor=actor,
            to="protocol-signed",
            note=_("%(date)s, %(place)s; present: %(names)s")
            % {
                "date": formats.date_format(date, "DATE_FORMAT"),
                "place": competition.protocol_place,
                "names": ", ".join(m.user.document_name for m in members if m.attended),
            },
        )
    return competition


def competition_decide(
    *,
    competition: Competition,
    actor: Any,
    awards: Mapping[int, Decimal],
    reasons: Mapping[int, str],
    ordinance_number: str = "",
    ordinance_date: Any = None,
    date_reason: str = "",
    over_request_reasons: Mapping[int, str] | None = None,
) -> Competition:
    """Record the choice: granted amounts for chosen offers and a reason for each other one.

    Refused until the committee has given its opinion (lawful composition, every
    declaration and score, the protocol signed); the ordinance's number and date are
    required, and a date after the one announced for choosing the offers needs a
    recorded reason. The total may not exceed the public funds, an amount above the
    requested grant needs a recorded reason, and every formally accepted offer is
    either chosen or given a reason.
    Refused while a competition announced on the draft budget (art. 13 ust. 5) waits
    for the budget resolution's adoption.
    """
    require_clerk(actor)
    if Competition.objects.get(pk=competition.pk).budget_resolution_pending:
        raise DomainError(
            _(
                "The competition was announced on the draft budget resolution: record "
                "the adopted budget resolution (number and date) before choosing offers."
            ),
            code="budget-resolution",
        )
    over_request_reasons = over_request_reasons or {}
    with transaction.atomic():
        competition = Competition.objects.select_for_update().get(pk=competition.pk)
        if competition.status != S.COMMITTEE_REVIEW:
            raise DomainError(
                _("The committee has not finished its review."), code="state"
            )
        problems = composition_problems(competition)
        if problems:
            raise DomainError(" ".join(problems), code="composition")
        missing = committee_work_missing(competition)
        if missing:
            raise DomainError(
                _("The committee has not finished: %(missing)s.")
                % {"missing": describe_missing(missing)},
                code="committee-incomplete",
            )
        if not competition.protocol_signed_at:
            raise DomainError(
                _("The committee's protocol is not signed yet."), code="protocol"
            )
        if not ordinance_number.strip() or not ordinance_date:
            raise DomainError(
                _("Give the number and the date of the ordinance choosing the offers."),
                field="ordinance_number",
                code="ordinance",
            )
        if (
            competition.selection_date
            and ordinance_date > competition.selection_date
            and not date_reason.strip()
        ):
            raise DomainError(
                _(
                    "The announcement says the offers are chosen by %(date)s: give the "
                    "reason for the later decision."
                )
                % {
                    "date": formats.date_format(
                        competition.selection_date, "DATE_FORMAT"
                    )
                },
                field="date_reason",
                code="late",
            )
        offers = list(competition.offers.filter(status=O.FORMALLY_ACCEPTED))
        for amount in awards.values():
            try:
                validate_amount(amount)
            except ValidationError as error:
                raise DomainError(
                    " ".join(error.messages), field="awards", code="amount"
                ) from error
        awards = {pk: money(a) for pk, a in awards.items() if a and Decimal(a) > 0}
        total = sum(awards.values(), Decimal(0))
        if total > competition.public_funds:
            raise DomainError(
                _(
                    "The granted amounts add up to %(total)s, more than the %(funds)s available."
                )
                % {"total": pln(total), "funds": pln(competition.public_funds)},
                field="awards",
            )
        for offer in offers:
            if offer.pk in awards:
                if (
                    awards[offer.pk] > offer.requested_grant
                    and not (over_request_reasons.get(offer.pk) or "").strip()
                ):
                    raise DomainError(
                        _(
                            "Offer %(number)s asked for %(requested)s; give the reason "
                            "for granting %(amount)s."
                        )
                        % {
                            "number": offer.number,
                            "requested": pln(offer.requested_grant),
                            "amount": pln(awards[offer.pk]),
                        },
                        field="over_request",
                        code="over-request",
                    )
            elif not (reasons.get(offer.pk) or "").strip():
                raise DomainError(
                    _("Give the reason for not choosing offer %(number)s.")
                    % {"number": offer.number},
                    field="reasons",
                )
        for offer in offers:
            if offer.pk in awards:
                over = (
                    (over_request_reasons.get(offer.pk) or "").strip()
                    if awards[offer.pk] > offer.requested_grant
                    else ""
                )
                transition(
                    offer,
                    transitions=TRANSITIONS,
                    to=O.SELECTED,
                    actor=actor,
                    note=over,
                    changes={
                        "granted_amount": awards[offer.pk],
                        "decision_reason": reasons.get(offer.pk, ""),
                        "over_request_reason": over,
                    },
                )
            else:
                transition(
                    offer,
                    transitions=TRANSITIONS,
                    to=O.NOT_SELECTED,
                    actor=actor,
                    note=reasons[offer.pk],
                    changes={
                        "granted_amount": None,
                        "decision_reason": reasons[offer.pk],
                    },
                )
        return transition(
            competition,
            transitions=TRANSITIONS,
            to=S.DECISION,
            actor=actor,
            note=date_reason.strip(),
            changes={
                "decision_ordinance_number": ordinance_number.strip(),
                "decision_ordinance_date": ordinance_date,
                "decision_date_reason": date_reason.strip(),
            },
        )


def competition_publish_results(*, competition: Competition, actor: Any) -> Competition:
    """Publish the results (art. 15 ust. 2h) and notify every offeror."""
    require_clerk(actor)
    with transaction.atomic():
        transition(
            competition,
            transitions=TRANSITIONS,
            to=S.RESULTS_PUBLISHED,
            actor=actor,
            changes={"results_published_at": timezone.now()},
        )
        transaction.on_commit(partial(queue_document, "results", competition.pk))
        for offer in competition.offers.submitted().exclude(status=O.WITHDRAWN):
            context = {
                "number": offer.number,
                "title": offer.title,
                "competition": competition.title,
                "selected": offer.status == O.SELECTED,
                "formally_rejected": offer.status == O.FORMALLY_REJECTED,
                "amount": pln(offer.granted_amount) if offer.granted_amount else "",
                "reason": offer.decision_reason or offer.formal_note,
            }
            for person in offeror_people(offer, co_offerors=True):
                notify(
                    person,
                    "grants.results",
                    occasion=f"competition-results:{competition.pk}:{offer.pk}",
                    obj=offer,
                    context=context,
                )
    return competition
