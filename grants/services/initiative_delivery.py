"""A local initiative carried out: the residents' contributions delivered, logged with
their evidence, and the settlement comparing them with what was declared."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.limits import clean_text, upload_limit
from cooperation.core.notifications import notify
from cooperation.core.permissions import require_clerk
from cooperation.core.workflow import record, transition

from ..models.initiatives import (
    CONTRIBUTING_STATES,
    EVIDENCE_KINDS,
    ContributionKind,
    InitiativeApplication,
    InitiativeContribution,
    InitiativeSettlement,
    InitiativeStatus,
)
from ..permissions import can_record_initiative_contribution
from .initiatives import _amount, _text
from .signing import _digest
from .transitions import TRANSITIONS

S = InitiativeStatus
K = ContributionKind
CENT = Decimal("0.01")
# The most contributions logged for one initiative, and hours in one entry.
MAX_CONTRIBUTIONS = 500
MAX_HOURS = 10_000


def contribution_totals(application: InitiativeApplication) -> dict[str, Any]:
    """What the residents delivered so far, kind by kind (one query)."""
    sums = InitiativeContribution.objects.filter(application=application).aggregate(
        hours=Sum("hours", filter=Q(kind=K.WORK)),
        work=Sum("amount", filter=Q(kind=K.WORK)),
        cash=Sum("amount", filter=Q(kind=K.CASH)),
        in_kind=Sum("amount", filter=Q(kind=K.IN_KIND)),
        count=Count("pk"),
    )
    totals = {
        "hours": sums["hours"] or 0,
        "work": sums["work"] or Decimal("0.00"),
        "cash": sums["cash"] or Decimal("0.00"),
        "in_kind": sums["in_kind"] or Decimal("0.00"),
        "count": sums["count"],
    }
    totals["total"] = totals["work"] + totals["cash"] + totals["in_kind"]
    return totals


def initiative_start(
    *, initiativeapplication: InitiativeApplication, actor: Any, note: str = ""
) -> InitiativeApplication:
    """The initiative is being carried out under its agreement (a clerk says so, or
    the first contribution logged does)."""
    require_clerk(actor)
    return transition(
        initiativeapplication,
        transitions=TRANSITIONS,
        to=S.IN_PROGRESS,
        actor=actor,
        note=note,
    )


def check_upload(file: Any, *, field: str) -> None:
    """Refuse a file larger than ``UPLOAD_MAX_MB`` or not a PDF, ODT, DOCX or an
    image by its content, with the message for ``field``."""
    if getattr(file, "size", 0) > upload_limit():
        raise DomainError(
            _("The file is too large: at most %(limit)s MB are accepted.")
            % {"limit": upload_limit() // 2**20},
            field=field,
        )
    try:
        EVIDENCE_KINDS(file)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field=field) from error


def _check_evidence(file: Any) -> None:
    if not file:
        raise DomainError(
            _(
                "Attach the evidence: a list of attendance, a receipt, a bill or a "
                "photo."
            ),
            field="evidence",
        )
    check_upload(file, field="evidence")


def _hours(value: Any) -> int:
    try:
        hours = int(str(value).strip()) if value not in (None, "") else 0
    except (TypeError, ValueError):
        hours = -1
    if not 0 < hours <= MAX_HOURS:
        raise DomainError(
            _("Give the hours of social work: a whole number from 1 to %(most)s.")
            % {"most": MAX_HOURS},
            field="hours",
        )
    return hours


def initiative_contribution_add(
    *,
    application: InitiativeApplication,
    actor: Any,
    kind: str,
    delivered_on: date | None,
    description: str,
    evidence: Any,
    hours: Any = 0,
    amount: Any = None,
) -> InitiativeContribution:
    """Log a contribution the residents delivered, with its evidence.

    Social work is given in hours and valued at the resolution's rate; money and
    goods or services by their value, typed strictly to the grosz. The evidence is
    checked by its content (PDF, ODT, DOCX or an image, at most ``UPLOAD_MAX_MB``).
    The first contribution of an initiative under its agreement puts it in
    progress. Raises ``PermissionDeniedError`` for a person who is neither the
    applicant, a representative of its organisation nor a clerk, and
    ``DomainError`` (with the field) for anything missing or out of range, or once
    the initiative is settled. Audited on the initiative.
    """
    if not can_record_initiative_contribution(actor, application):
        raise PermissionDeniedError(
            _(
                "Only the applicant, a representative of the organisation or a clerk "
                "logs the contributions."
            )
        )
    if application.status not in CONTRIBUTING_STATES:
        raise DomainError(
            _(
                "Contributions are logged once the agreement is concluded and until "
                "the initiative is settled."
            ),
            code="not_contributing",
        )
    if kind not in K.values:
        raise DomainError(
            _("Say what was contributed: social work, money, goods or services."),
            field="kind",
        )
    agreement = application.agreement
    today = timezone.localdate()
    if delivered_on is None:
        raise DomainError(_("Give the date of the contribution."), field="delivered_on")
    if delivered_on > today:
        raise DomainError(
            _("A contribution is logged once it has been delivered."),
            field="delivered_on",
        )
    if delivered_on < agreement.starts_on:
        raise DomainError(
            _("The agreement is in force from %(date)s: log what was delivered since.")
            % {"date": agreement.starts_on.strftime("%d.%m.%Y")},
            field="delivered_on",
        )
    text = _text(description, "description", _("Say what was done or given."))
    try:
        clean_text(text)
    except ValidationError as error:
        raise DomainError(error.messages[0], field="description") from None
    rate = application.resolution.hour_rate
    if kind == K.WORK:
        count = _hours(hours)
        value = (rate * count).quantize(CENT)
    else:
        count = 0
        value = _amount(amount, "amount")
        if value <= 0:
            raise DomainError(_("Give the value of the contribution."), field="amount")
    _check_evidence(evidence)
    with transaction.atomic():
        locked = InitiativeApplication.objects.select_for_update().get(
            pk=application.pk
        )
        if locked.status not in CONTRIBUTING_STATES:
            raise DomainError(
                _("The initiative is settled: its contributions no longer change."),
                code="not_contributing",
            )
        if locked.contributions.count() >= MAX_CONTRIBUTIONS:
            raise DomainError(
                _("At most %(count)s contributions are logged for one initiative.")
                % {"count": MAX_CONTRIBUTIONS},
                field="evidence",
            )
        if locked.status == S.AGREEMENT:
            transition(
                application,
                transitions=TRANSITIONS,
                to=S.IN_PROGRESS,
                actor=actor,
                note=_("The first contribution was logged."),
            )
        sha, size = _digest(evidence)
        contribution = InitiativeContribution.objects.create(
            application=locked,
            kind=kind,
            delivered_on=delivered_on,
            description=text,
            hours=count,
            hour_rate=rate if kind == K.WORK else Decimal("0.00"),
            amount=value,
            evidence=evidence,
            evidence_size=size,
            evidence_sha256=sha,
            recorded_by=actor,
        )
        record(
            locked,
            actor=actor,
            to="contribution-added",
            note=f"{K(kind).label}, {delivered_on.isoformat()}, {value} PLN: {sha}",
        )
    return contribution


def initiative_contribution_remove(
    *, contribution: InitiativeContribution, actor: Any
) -> None:
    """Take a contribution logged by mistake off the log, until the initiative is
    settled; audited on the initiative."""
    application = contribution.application
    if not can_record_initiative_contribution(actor, application):
        raise PermissionDeniedError(
            _(
                "Only the applicant, a representative of the organisation or a clerk "
                "logs the contributions."
            )
        )
    with transaction.atomic():
        locked = InitiativeApplication.objects.select_for_update().get(
            pk=application.pk
        )
        if locked.status not in CONTRIBUTING_STATES:
            raise DomainError(
                _("The initiative is settled: its contributions no longer change."),
                code="not_contributing",
            )
        note = (
            f"{contribution.get_kind_display()}, "
            f"{contribution.delivered_on.isoformat()}, {contribution.amount} PLN: "
            f"{contribution.evidence_sha256}"
        )
        contribution.delete()
        record(locked, actor=actor, to="contribution-removed", note=note)


def initiative_settle(
    *,
    initiativeapplication: InitiativeApplication,
    actor: Any,
    delivered: str,
    delivered_amount: Decimal | str,
    conclusion: str = "",
) -> InitiativeSettlement:
    """Settle a carried-out initiative and close it: the residents' contribution
    declared and delivered, kind by kind, and what the municipality delivered.

    The totals are kept with the settlement. Raises ``DomainError`` without what the
    municipality delivered or for an amount not strictly typed. The applicant is told
    by e-mail.
    """
    require_clerk(actor)
    application = initiativeapplication
    text = _text(
        delivered,
        "delivered",
        _("Say what the municipality delivered."),
    )
    value = _amount(delivered_amount, "delivered_amount")
    conclusion = (conclusion or "").strip()
    try:
        clean_text(text)
        clean_text(conclusion)
    except ValidationError as error:
        raise DomainError(error.messages[0]) from None
    with transaction.atomic():
        transition(
            application,
            transitions=TRANSITIONS,
            to=S.CLOSED,
            actor=actor,
            note=conclusion,
        )
        totals = contribution_totals(application)
        settlement = InitiativeSettlement.objects.create(
            application=application,
            settled_on=timezone.localdate(),
            settled_by=actor,
            declared_hours=application.social_work_hours,
            declared_work=application.social_work_value,
            declared_cash=application.financial_contribution,
            declared_in_kind=application.in_kind_value,
            delivered_hours=totals["hours"],
            delivered_work=totals["work"],
            delivered_cash=totals["cash"],
            delivered_in_kind=totals["in_kind"],
            municipality_declared=application.municipality_amount,
            municipality_delivered=value,
            municipality_delivered_text=text,
            conclusion=conclusion,
        )
        record(settlement, actor=actor, to="settled")
        if application.applicant_id is not None:
            notify(
                application.applicant,
                "grants.initiative_settled",
                occasion=f"initiative-settled:{application.pk}",
                obj=application,
                context={
                    "declared": str(settlement.declared_total),
                    "delivered": str(settlement.delivered_total),
                },
            )
    return settlement
