"""Local initiatives (art. 19b-19h): the application, its assessment on the council's
criteria (art. 19c), the decision and the agreement on carrying it out."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.limits import parse_amount
from cooperation.core.notifications import notify
from cooperation.core.permissions import require_clerk
from cooperation.core.typography import quoted
from cooperation.core.workflow import record, transition
from ngos.models import Organisation
from ngos.permissions import Capability, can_act_for

from ..models.initiatives import (
    InitiativeAgreement,
    InitiativeApplicantKind,
    InitiativeApplication,
    InitiativeResolution,
    InitiativeScore,
    InitiativeStatus,
    InitiativeTask,
    check_social_work_weights,
)
from .transitions import TRANSITIONS

S = InitiativeStatus
CENT = Decimal("0.01")


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def _amount(value: Any, field: str) -> Decimal:
    """An amount given as a Decimal or typed ("1 234,50"), strictly, to the grosz."""
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, Decimal):
        if not value.is_finite() or value < 0 or value != value.quantize(CENT):
            raise DomainError(
                _("Give an amount of 0 or more, to the grosz."), field=field
            )
        return value
    try:
        return parse_amount(value)
    except ValidationError as error:
        raise DomainError(error.messages[0], field=field) from None


def _first_error(error: ValidationError) -> DomainError:
    if hasattr(error, "error_dict"):
        field, messages = next(iter(error.message_dict.items()))
        return DomainError(
            messages[0], field=None if field == NON_FIELD_ERRORS else field
        )
    return DomainError(error.messages[0])


def _tell_applicant(application: InitiativeApplication, text: str) -> None:
    """E-mail the decision to the person who filed the application (after the commit)."""
    if application.applicant_id is None:
        return
    notify(
        application.applicant,
        "grants.initiative_decided",
        occasion=f"initiative-decided:{application.pk}:{application.status}",
        obj=application,
        context={"decision": str(application.get_status_display()), "text": text},
    )


def check_criteria(resolution: InitiativeResolution) -> list[Any]:
    """The resolution's criteria, refused unless social work is strictly the heaviest."""
    criteria = list(resolution.criteria.all())
    if not criteria:
        raise DomainError(
            _("The resolution has no criteria: enter them before assessing.")
        )
    try:
        check_social_work_weights([(c.social_work, c.weight) for c in criteria])
    except ValidationError as error:
        raise DomainError(error.messages[0]) from None
    return criteria


def initiative_apply(
    *,
    actor: Any,
    resolution: InitiativeResolution,
    applicant_kind: str,
    leader_name: str,
    leader_email: str,
    task: str,
    title: str,
    place: str,
    beneficiaries: str,
    description: str,
    schedule: str,
    start_date: date,
    end_date: date,
    cost_estimate: Decimal | str,
    requested_support: str,
    social_work_hours: int = 0,
    social_work: str = "",
    in_kind_value: Decimal | str = Decimal(0),
    in_kind: str = "",
    financial_contribution: Decimal | str = Decimal(0),
    organisation: Organisation | None = None,
    leader_phone: str = "",
    co_applicants: str = "",
) -> InitiativeApplication:
    """Residents apply, directly or through an organisation (art. 19b ust. 1).

    The residents' contribution is social work, a contribution in kind or money;
    at least one of them is given, each with what it will be. Raises
    ``PermissionDeniedError`` for an anonymous person or one who may not sign for
    the organisation, ``DomainError`` (with the field) for anything missing or out
    of range or after the resolution's deadline for applications. Audited as
    "submitted".
    """
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDeniedError(_("Log in to apply for a local initiative."))
    deadline = resolution.application_deadline
    if deadline is not None and timezone.localdate() > deadline:
        raise DomainError(
            _(
                "The resolution %(number)s received applications until %(date)s: "
                "no more applications are received under it."
            )
            % {"number": resolution.number, "date": deadline.strftime("%d.%m.%Y")},
            code="deadline",
        )
    if applicant_kind not in InitiativeApplicantKind.values:
        raise DomainError(_("Say who applies."), field="applicant_kind")
    if applicant_kind == InitiativeApplicantKind.ORGANISATION:
        if organisation is None:
            raise DomainError(
                _("Choose the organisation through which the residents apply."),
                field="organisation",
            )
        if not can_act_for(actor, organisation, Capability.SIGN):
            raise PermissionDeniedError(
                _("Only a representative of the organisation may apply through it.")
            )
    else:
        organisation = None
    if task not in InitiativeTask.values:
        raise DomainError(
            _("Choose the public task from the list of art. 19b ust. 1."), field="task"
        )
    if start_date is None or end_date is None:
        raise DomainError(_("Give the start and end dates."), field="start_date")
    if end_date < start_date:
        raise DomainError(_("The initiative ends before it starts."), field="end_date")
    if start_date < timezone.localdate():
        raise DomainError(
            _("The initiative cannot start before the application is filed."),
            field="start_date",
        )
    cost = _amount(cost_estimate, "cost_estimate")
    if cost <= 0:
        raise DomainError(
            _("Give the estimated cost of the initiative."), field="cost_estimate"
        )
    in_kind_amount = _amount(in_kind_value, "in_kind_value")
    money = _amount(financial_contribution, "financial_contribution")
    hours = int(social_work_hours or 0)
    if hours < 0:
        raise DomainError(
            _("Give the hours of social work."), field="social_work_hours"
        )
    if not (hours or in_kind_amount or money):
        raise DomainError(
            _(
                "Say what the residents contribute: social work, a contribution in "
                "kind or money."
            ),
            field="social_work_hours",
        )
    if hours and not (social_work or "").strip():
        raise DomainError(_("Say what the social work will be."), field="social_work")
    if in_kind_amount and not (in_kind or "").strip():
        raise DomainError(
            _("Say what the contribution in kind will be."), field="in_kind"
        )
    application = InitiativeApplication(
        resolution=resolution,
        applicant=actor,
        applicant_kind=applicant_kind,
        organisation=organisation,
        leader_name=_text(leader_name, "leader_name", _("Name the group's leader.")),
        leader_email=_text(
            leader_email, "leader_email", _("Give the leader's e-mail.")
        ),
        leader_phone=(leader_phone or "").strip(),
        co_applicants=(co_applicants or "").strip(),
        task=task,
        title=_text(title, "title", _("Name the initiative.")),
        place=_text(place, "place", _("Say where the initiative takes place.")),
        beneficiaries=_text(
            beneficiaries, "beneficiaries", _("Say for whom the initiative is.")
        ),
        description=_text(description, "description", _("Describe the initiative.")),
        schedule=_text(schedule, "schedule", _("Give the schedule of the work.")),
        start_date=start_date,
        end_date=end_date,
        cost_estimate=cost,
        social_work_hours=hours,
        social_work=(social_work or "").strip(),
        in_kind_value=in_kind_amount,
        in_kind=(in_kind or "").strip(),
        financial_contribution=money,
        requested_support=_text(
            requested_support,
            "requested_support",
            _("Say what the municipality is asked for."),
        ),
        received_on=timezone.localdate(),
    )
    try:
        application.full_clean(exclude=["number"])
    except ValidationError as error:
        raise _first_error(error) from None
    with transaction.atomic():
        application.save()
        application.number = f"IL/{timezone.localdate().year}/{application.pk}"
        application.save(update_fields=["number"])
        record(application, actor=actor, to=S.SUBMITTED)
    return application


def initiative_formal_check(
    *, initiativeapplication: InitiativeApplication, actor: Any, note: str = ""
) -> InitiativeApplication:
    """The clerk finds the application formally correct: complete, with the documents
    the resolution requires, on a task of art. 19b ust. 1; it is then assessed. An
    application that is not is refused with the reason (``initiative_refuse``)."""
    require_clerk(actor)
    return transition(
        initiativeapplication,
        transitions=TRANSITIONS,
        to=S.CHECKED,
        actor=actor,
        note=(note or "").strip(),
    )


def initiative_assess(
    *,
    initiativeapplication: InitiativeApplication,
    actor: Any,
    scores: Mapping[int, int],
    worthwhile: bool,
    note: str,
) -> InitiativeApplication:
    """Score the application on every criterion of its resolution (art. 19c ust. 2).

    ``scores`` gives, by criterion id, points from 0 to the criterion's weight; the
    clerk also says whether the initiative is worthwhile for the needs of the local
    community and why. Raises ``DomainError`` for a missing or out-of-range score or
    without the reasons.
    """
    require_clerk(actor)
    application = initiativeapplication
    criteria = check_criteria(application.resolution)
    rows = []
    for criterion in criteria:
        points = scores.get(criterion.pk)
        if points is None:
            raise DomainError(
                _("Score the criterion %(name)s.") % {"name": quoted(criterion.name)},
                field=f"criterion_{criterion.pk}",
            )
        if not 0 <= int(points) <= criterion.weight:
            raise DomainError(
                _("%(name)s is scored from 0 to %(weight)s points.")
                % {"name": quoted(criterion.name), "weight": criterion.weight},
                field=f"criterion_{criterion.pk}",
            )
        rows.append(
            InitiativeScore(
                application=application, criterion=criterion, points=int(points)
            )
        )
    reasons = _text(note, "note", _("Give the reasons of the assessment."))
    with transaction.atomic():
        transition(
            application,
            transitions=TRANSITIONS,
            to=S.ASSESSED,
            actor=actor,
            note=reasons,
            changes={
                "worthwhile": bool(worthwhile),
                "assessment_note": reasons,
                "total_points": sum(r.points for r in rows),
                "assessed_on": timezone.localdate(),
                "assessed_by": actor,
            },
        )
        InitiativeScore.objects.filter(application=application).delete()
        InitiativeScore.objects.bulk_create(rows)
    return application


def initiative_accept(
    *,
    initiativeapplication: InitiativeApplication,
    actor: Any,
    reasons: str,
    contribution: str,
    amount: Decimal | str,
) -> InitiativeApplication:
    """Accept an assessed initiative, with the reasons and what the municipality
    contributes (goods, services, money for purchases).

    Raises ``DomainError`` without the reasons or the contribution, for an amount
    not strictly typed, and for an initiative assessed as not worthwhile. The
    applicant is told by e-mail.
    """
    require_clerk(actor)
    application = initiativeapplication
    if application.worthwhile is False:
        raise DomainError(
            _(
                "The initiative was assessed as not worthwhile for the needs of the "
                "local community (art. 19c ust. 2): it can only be refused."
            )
        )
    value = _amount(amount, "municipality_amount")
    reasons = _text(
        reasons, "decision_reasons", _("Give the reasons for the decision.")
    )
    with transaction.atomic():
        transition(
            application,
            transitions=TRANSITIONS,
            to=S.ACCEPTED,
            actor=actor,
            note=reasons,
            changes={
                "decided_on": timezone.localdate(),
                "decision_reasons": reasons,
                "municipality_contribution": _text(
                    contribution,
                    "municipality_contribution",
                    _("Say what the municipality contributes."),
                ),
                "municipality_amount": value,
            },
        )
        _tell_applicant(application, reasons)
    return application


def initiative_refuse(
    *, initiativeapplication: InitiativeApplication, actor: Any, reason: str = ""
) -> InitiativeApplication:
    """Refuse the application with a reason (before or after the assessment); the
    applicant is told by e-mail."""
    require_clerk(actor)
    reason = _text(reason, "refusal_reason", _("Give the reason for the refusal."))
    with transaction.atomic():
        transition(
            initiativeapplication,
            transitions=TRANSITIONS,
            to=S.REFUSED,
            actor=actor,
            note=reason,
            changes={"decided_on": timezone.localdate(), "refusal_reason": reason},
        )
        _tell_applicant(initiativeapplication, reason)
    return initiativeapplication


def initiative_conclude(
    *,
    initiativeapplication: InitiativeApplication,
    actor: Any,
    number: str,
    concluded_on: date,
    starts_on: date,
    ends_on: date,
    municipality_representative: str = "",
    applicants_representative: str = "",
) -> InitiativeAgreement:
    """Record the agreement on carrying out the accepted initiative, for a fixed term.

    Raises ``DomainError`` without a number or dates, for a term that ends before it
    starts, and for a number another agreement has.
    """
    require_clerk(actor)
    application = initiativeapplication
    number = _text(number, "number", _("Give the number of the agreement."))
    if concluded_on is None or starts_on is None or ends_on is None:
        raise DomainError(_("Give the dates of the agreement."), field="ends_on")
    if ends_on < starts_on:
        raise DomainError(
            _("The agreement is concluded for a fixed term: it ends after it starts."),
            field="ends_on",
        )
    if InitiativeAgreement.objects.filter(number=number).exists():
        raise DomainError(
            _("Another agreement has the number %(number)s.") % {"number": number},
            field="number",
        )
    with transaction.atomic():
        transition(application, transitions=TRANSITIONS, to=S.AGREEMENT, actor=actor)
        try:
            with transaction.atomic():
                agreement = InitiativeAgreement.objects.create(
                    application=application,
                    number=number,
                    concluded_on=concluded_on,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    municipality_representative=(
                        municipality_representative.strip()
                        or settings.MUNICIPALITY_REPRESENTATIVE
                        or settings.MUNICIPALITY_EXECUTIVE
                    ),
                    applicants_representative=(
                        applicants_representative.strip() or application.leader_name
                    ),
                )
        except IntegrityError:
            raise DomainError(
                _("Another agreement has the number %(number)s.") % {"number": number},
                field="number",
            ) from None
        record(agreement, actor=actor, to="concluded")
    return agreement


def initiative_complete(
    *, initiativeapplication: InitiativeApplication, actor: Any, note: str = ""
) -> InitiativeApplication:
    """The initiative has been carried out under its agreement; what the residents
    delivered is settled next (``initiative_delivery.initiative_settle``)."""
    require_clerk(actor)
    return transition(
        initiativeapplication,
        transitions=TRANSITIONS,
        to=S.DONE,
        actor=actor,
        note=note,
        changes={"completed_on": timezone.localdate()},
    )
