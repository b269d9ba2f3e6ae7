"""Every state change of the non-financial forms of cooperation."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.notifications import notify
from cooperation.core.permissions import require_clerk
from cooperation.core.workflow import (
    CLERK,
    Input,
    Transition,
    Workflow,
    Workflows,
    record,
    transition,
)
from ngos.models import Organisation
from ngos.permissions import Capability, can_act_for

from .models import (
    MINUTES_KINDS,
    AnnualPlan,
    Booking,
    BookingSlot,
    JointTeam,
    Patronage,
    PlannedActivity,
    Promotion,
    RecommendationLetter,
    Resource,
    TaskProposal,
    TeamMeeting,
    TeamMember,
    TeamRecommendation,
    proposal_answer_due,
)
from .permissions import REPRESENTATIVE

_SERVICES = "cooperation.nonfinancial.services."
P = Patronage.Status
B = Booking.Status
M = Promotion.Status
L = RecommendationLetter.Status
T = TaskProposal.Status
Y = AnnualPlan.Status
A = PlannedActivity.Status
J = JointTeam.Status

REASON = Input(
    "reason",
    gettext_lazy("Reason"),
    required=True,
    help_text=gettext_lazy("The organisation receives it by e-mail."),
)
CONDITIONS = Input(
    "conditions",
    gettext_lazy("Conditions"),
    source="conditions",
    help_text=gettext_lazy("The organisation receives them by e-mail."),
)


def _refuse(key: str, source: Any, target: Any, service: str) -> Transition:
    return Transition(
        key,
        source,
        target,
        gettext_lazy("Refuse"),
        inputs=(REASON,),
        service=_SERVICES + service,
        bulk=False,
    )


TRANSITIONS = Workflows(
    Workflow(
        Patronage,
        Transition(
            "grant",
            P.SUBMITTED,
            P.GRANTED,
            gettext_lazy("Grant the patronage"),
            inputs=(CONDITIONS,),
            service=_SERVICES + "patronage_grant",
        ),
        _refuse("refuse", P.SUBMITTED, P.REFUSED, "patronage_refuse"),
        Transition(
            "withdraw",
            P.SUBMITTED,
            P.WITHDRAWN,
            gettext_lazy("Withdraw the request"),
            who=(REPRESENTATIVE,),
            service=_SERVICES + "patronage_withdraw",
        ),
    ),
    Workflow(
        Booking,
        Transition(
            "grant",
            B.SUBMITTED,
            B.GRANTED,
            gettext_lazy("Grant the lending"),
            inputs=(CONDITIONS,),
            service=_SERVICES + "booking_grant",
        ),
        _refuse("refuse", B.SUBMITTED, B.REFUSED, "booking_refuse"),
        Transition(
            "cancel",
            (B.SUBMITTED, B.GRANTED),
            B.CANCELLED,
            gettext_lazy("Cancel the booking"),
            who=(REPRESENTATIVE, CLERK),
            inputs=(Input("reason", gettext_lazy("Reason")),),
            service=_SERVICES + "booking_cancel",
            bulk=False,
        ),
        Transition(
            "hand_over",
            B.GRANTED,
            B.HANDED_OVER,
            gettext_lazy("Record the hand-over"),
            inputs=(Input("note", gettext_lazy("State of the premises or items")),),
            service=_SERVICES + "booking_hand_over",
        ),
        Transition(
            "return",
            B.HANDED_OVER,
            B.RETURNED,
            gettext_lazy("Record the return"),
            inputs=(Input("note", gettext_lazy("State of the premises or items")),),
            service=_SERVICES + "booking_return",
        ),
    ),
    Workflow(
        Promotion,
        Transition(
            "approve",
            M.SUBMITTED,
            M.APPROVED,
            gettext_lazy("Approve and publish"),
            service=_SERVICES + "promotion_approve",
        ),
        _refuse("refuse", M.SUBMITTED, M.REFUSED, "promotion_refuse"),
    ),
    Workflow(
        AnnualPlan,
        Transition(
            "publish",
            Y.DRAFT,
            Y.PUBLISHED,
            gettext_lazy("Publish the plan"),
            service=_SERVICES + "annual_plan_publish",
        ),
    ),
    Workflow(
        PlannedActivity,
        Transition(
            "publish",
            A.SUBMITTED,
            A.PUBLISHED,
            gettext_lazy("Approve and publish"),
            service=_SERVICES + "planned_activity_publish",
        ),
        _refuse("refuse", A.SUBMITTED, A.REFUSED, "planned_activity_refuse"),
    ),
    Workflow(
        RecommendationLetter,
        Transition(
            "issue",
            L.SUBMITTED,
            L.ISSUED,
            gettext_lazy("Issue the letter"),
            inputs=(
                Input(
                    "letter_text",
                    gettext_lazy("Text of the letter"),
                    required=True,
                    source="letter_text",
                ),
                Input(
                    "number",
                    gettext_lazy("Reference number"),
                    kind="line",
                    required=True,
                    source="number",
                    max_length=60,
                ),
                Input(
                    "signatory",
                    gettext_lazy("Signed by"),
                    kind="line",
                    source="signatory",
                    max_length=200,
                ),
            ),
            service=_SERVICES + "letter_issue",
        ),
        _refuse("refuse", L.SUBMITTED, L.REFUSED, "letter_refuse"),
    ),
    Workflow(
        TaskProposal,
        Transition(
            "worthwhile",
            T.SUBMITTED,
            T.WORTHWHILE,
            gettext_lazy("Worthwhile: announce a competition"),
            inputs=(
                Input("answer", gettext_lazy("Answer"), required=True, source="answer"),
                Input(
                    "mode",
                    gettext_lazy("Mode (support or entrust)"),
                    kind="line",
                    required=True,
                    source="mode",
                    max_length=10,
                ),
                Input(
                    "competition_on",
                    gettext_lazy("Date of the competition"),
                    kind="date",
                    required=True,
                    source="competition_on",
                ),
            ),
            service=_SERVICES + "proposal_decide_worthwhile",
        ),
        Transition(
            "not_worthwhile",
            T.SUBMITTED,
            T.NOT_WORTHWHILE,
            gettext_lazy("Not worthwhile"),
            inputs=(
                Input("answer", gettext_lazy("Answer"), required=True, source="answer"),
            ),
            service=_SERVICES + "proposal_decide_not_worthwhile",
        ),
    ),
    Workflow(
        JointTeam,
        Transition(
            "appoint",
            J.PROPOSED,
            J.APPOINTED,
            gettext_lazy("Appoint the team (ordinance)"),
            inputs=(
                Input(
                    "ordinance_number",
                    gettext_lazy("Number of the ordinance"),
                    kind="line",
                    required=True,
                    source="ordinance_number",
                    max_length=60,
                ),
                Input(
                    "ordinance_date",
                    gettext_lazy("Date of the ordinance"),
                    kind="date",
                    required=True,
                    source="ordinance_date",
                ),
                Input(
                    "term_from",
                    gettext_lazy("Term from"),
                    kind="date",
                    required=True,
                    source="term_from",
                ),
                Input(
                    "term_until",
                    gettext_lazy("Term until"),
                    kind="date",
                    source="term_until",
                    help_text=gettext_lazy("Empty for a team without a fixed term."),
                ),
            ),
            service=_SERVICES + "team_appoint",
            bulk=False,
        ),
        Transition(
            "refuse",
            J.PROPOSED,
            J.REFUSED,
            gettext_lazy("Do not appoint"),
            inputs=(REASON,),
            service=_SERVICES + "team_refuse",
            bulk=False,
        ),
        Transition(
            "dissolve",
            J.APPOINTED,
            J.DISSOLVED,
            gettext_lazy("Dissolve the team"),
            inputs=(
                Input(
                    "dissolved_on",
                    gettext_lazy("Dissolved on"),
                    kind="date",
                    required=True,
                ),
                Input("reason", gettext_lazy("Reason")),
            ),
            service=_SERVICES + "team_dissolve",
            bulk=False,
        ),
    ),
)


# Shared steps --------------------------------------------------------------------


def _require_representative(actor: Any, organisation: Organisation) -> None:
    """Only a representative of a verified organisation asks on its behalf."""
    if not can_act_for(actor, organisation, Capability.SIGN):
        raise PermissionDeniedError(
            _("Only a representative of a verified organisation may send this request.")
        )


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def _created(obj: models.Model, actor: Any) -> None:
    """Audit the new request and confirm it to the person who sent it."""
    record(obj, actor=actor, to=str(obj.status))  # type: ignore[attr-defined]
    if getattr(actor, "pk", None):
        notify(
            actor,
            "nonfinancial.received",
            occasion=f"nonfinancial-received:{obj._meta.model_name}:{obj.pk}",
            obj=obj,
            context={"what": str(obj._meta.verbose_name)},
        )


def _tell_applicant(obj: Any, *, text: str = "") -> None:
    """E-mail the decision to the person who sent the request (after the commit)."""
    if obj.applicant_id is None:
        return
    notify(
        obj.applicant,
        "nonfinancial.decided",
        occasion=f"nonfinancial-decided:{obj._meta.model_name}:{obj.pk}:{obj.status}",
        obj=obj,
        context={
            "what": str(obj._meta.verbose_name),
            "decision": str(obj.get_status_display()),
            "text": text,
        },
    )


def _decide(obj: Any, *, actor: Any, to: str, note: str = "", **changes: Any) -> Any:
    with transaction.atomic():
        transition(
            obj,
            transitions=TRANSITIONS,
            to=to,
            actor=actor,
            note=note,
            changes={"decided_at": timezone.now(), **changes},
        )
        _tell_applicant(obj, text=note)
    return obj


def _refusal(obj: Any, *, actor: Any, reason: str, to: str) -> Any:
    require_clerk(actor)
    reason = _text(reason, "reason", _("Give the reason for the refusal."))
    return _decide(obj, actor=actor, to=to, note=reason, reason=reason)


# Patronage -----------------------------------------------------------------------


def patronage_request(
    *,
    actor: Any,
    organisation: Organisation,
    event_title: str,
    description: str,
    starts_on: date,
    ends_on: date,
    place: str,
    audience: str,
    publicity: str,
) -> Patronage:
    """An organisation asks for the mayor's honorary patronage of its event.

    Raises ``PermissionDeniedError`` for someone who may not sign for it and
    ``DomainError`` for an event in the past or ending before it starts.
    """
    _require_representative(actor, organisation)
    if ends_on < starts_on:
        raise DomainError(
            _("The last day cannot be before the first day."), field="ends_on"
        )
    if starts_on < timezone.localdate():
        raise DomainError(
            _("Patronage is given to events that have not started yet."),
            field="starts_on",
        )
    with transaction.atomic():
        patronage = Patronage.objects.create(
            organisation=organisation,
            applicant=actor,
            event_title=_text(event_title, "event_title", _("Name the event.")),
            description=_text(description, "description", _("Describe the event.")),
            starts_on=starts_on,
            ends_on=ends_on,
            place=_text(place, "place", _("Give the place of the event.")),
            audience=_text(audience, "audience", _("Say who the event is for.")),
            publicity=_text(
                publicity, "publicity", _("Say how the patronage will be shown.")
            ),
        )
        _created(patronage, actor)
    return patronage


def patronage_grant(
    *, patronage: Patronage, actor: Any, conditions: str = ""
) -> Patronage:
    """Grant the patronage, with the conditions of showing it; listed publicly."""
    require_clerk(actor)
    conditions = (conditions or "").strip()
    return _decide(
        patronage, actor=actor, to=P.GRANTED, note=conditions, conditions=conditions
    )


def patronage_refuse(*, patronage: Patronage, actor: Any, reason: str) -> Patronage:
    return _refusal(patronage, actor=actor, reason=reason, to=P.REFUSED)


def patronage_withdraw(*, patronage: Patronage, actor: Any) -> Patronage:
    """The organisation withdraws a request not yet decided."""
    _require_representative(actor, patronage.organisation)
    return transition(patronage, transitions=TRANSITIONS, to=P.WITHDRAWN, actor=actor)


# Premises and equipment ----------------------------------------------------------


def occurrences(
    starts_at: datetime, ends_at: datetime, *, weekly_until: date | None
) -> list[tuple[datetime, datetime]]:
    """The times of a booking: once, or every week on the same local hour until a day."""
    if weekly_until is None:
        return [(starts_at, ends_at)]
    tz = timezone.get_current_timezone()
    start = timezone.localtime(starts_at, tz)
    length = ends_at - starts_at
    times = []
    week = 0
    while True:
        day = start.date() + timedelta(weeks=week)
        if day > weekly_until:
            break
        local = datetime.combine(day, start.time().replace(tzinfo=None), tzinfo=tz)
        times.append((local, local + length))
        week += 1
    return times


def _clash(
    resource_id: int, times: list[tuple[datetime, datetime]]
) -> BookingSlot | None:
    """The first holding slot of the resource overlapping any of ``times``."""
    query = models.Q()
    for start, end in times:
        query |= models.Q(starts_at__lt=end, ends_at__gt=start)
    return (
        BookingSlot.objects.filter(resource_id=resource_id, holds=True)
        .filter(query)
        .order_by("starts_at")
        .first()
    )


def _taken_message(slot: BookingSlot) -> str:
    local = timezone.localtime(slot.starts_at)
    return _(
        "%(resource)s is already lent at that time (%(when)s). Choose another time."
    ) % {"resource": slot.resource, "when": local.strftime("%d.%m.%Y %H:%M")}


def booking_request(
    *,
    actor: Any,
    organisation: Organisation,
    resource: Resource,
    starts_at: datetime,
    ends_at: datetime,
    purpose: str,
    participants: int | None = None,
    weekly_until: date | None = None,
) -> Booking:
    """An organisation asks to borrow a room or an item, once or every week.

    Raises ``DomainError`` for a time in the past, an end before the start, a weekly
    series beyond ``LENDING_MAX_WEEKS``, more people than the room holds, or a time
    already lent to someone else.
    """
    _require_representative(actor, organisation)
    if not resource.is_active:
        raise DomainError(_("This room or item is not lent at the moment."))
    if ends_at <= starts_at:
        raise DomainError(_("The end must be after the start."), field="ends_at")
    if starts_at <= timezone.now():
        raise DomainError(_("Choose a time in the future."), field="starts_at")
    if timezone.localtime(ends_at).date() != timezone.localtime(starts_at).date() and (
        weekly_until is not None
    ):
        raise DomainError(
            _("A weekly booking starts and ends on the same day."), field="ends_at"
        )
    if weekly_until is not None and weekly_until < timezone.localtime(starts_at).date():
        raise DomainError(
            _("The last week cannot be before the first booking."),
            field="repeat_until",
        )
    times = occurrences(starts_at, ends_at, weekly_until=weekly_until)
    if len(times) > settings.PORTAL_RULES["LENDING_MAX_WEEKS"]:
        raise DomainError(
            _("A weekly booking may have at most %(count)s dates.")
            % {"count": settings.PORTAL_RULES["LENDING_MAX_WEEKS"]},
            field="repeat_until",
        )
    if participants and resource.capacity and participants > resource.capacity:
        raise DomainError(
            _("%(resource)s holds at most %(capacity)s people.")
            % {"resource": resource, "capacity": resource.capacity},
            field="participants",
        )
    clash = _clash(resource.pk, times)
    if clash is not None:
        raise DomainError(_taken_message(clash), field="starts_at")
    with transaction.atomic():
        booking = Booking.objects.create(
            organisation=organisation,
            applicant=actor,
            resource=resource,
            purpose=_text(purpose, "purpose", _("Say what the room or item is for.")),
            participants=participants,
            starts_at=starts_at,
            ends_at=ends_at,
            recurrence=(
                Booking.Recurrence.WEEKLY if weekly_until else Booking.Recurrence.ONCE
            ),
            repeat_until=weekly_until,
        )
        BookingSlot.objects.bulk_create(
            BookingSlot(booking=booking, resource=resource, starts_at=s, ends_at=e)
            for s, e in times
        )
        _created(booking, actor)
    return booking


def booking_grant(*, booking: Booking, actor: Any, conditions: str = "") -> Booking:
    """Grant the lending: its times now hold the resource, for nobody else.

    The resource's row is locked, so two clerks granting overlapping requests wait
    for each other; on PostgreSQL the exclusion constraint refuses an overlap
    whatever path it comes by. Raises ``DomainError`` when a time is already lent.
    """
    require_clerk(actor)
    conditions = (conditions or "").strip()
    try:
        with transaction.atomic():
            Resource.objects.select_for_update().filter(pk=booking.resource_id).first()
            times = list(booking.slots.values_list("starts_at", "ends_at"))
            clash = _clash(booking.resource_id, times)
            if clash is not None:
                raise DomainError(_taken_message(clash))
            _decide(
                booking,
                actor=actor,
                to=B.GRANTED,
                note=conditions,
                conditions=conditions,
            )
            booking.slots.update(holds=True)
    except IntegrityError as exc:
        raise DomainError(
            _("%(resource)s is already lent at that time. Choose another time.")
            % {"resource": booking.resource}
        ) from exc
    return booking


def booking_refuse(*, booking: Booking, actor: Any, reason: str) -> Booking:
    return _refusal(booking, actor=actor, reason=reason, to=B.REFUSED)


def booking_cancel(*, booking: Booking, actor: Any, reason: str = "") -> Booking:
    """The organisation or a clerk cancels; the times are free again."""
    from cooperation.core.permissions import has_clerk_powers

    if not has_clerk_powers(actor):
        _require_representative(actor, booking.organisation)
    with transaction.atomic():
        transition(
            booking,
            transitions=TRANSITIONS,
            to=B.CANCELLED,
            actor=actor,
            note=(reason or "").strip(),
        )
        booking.slots.update(holds=False)
        if has_clerk_powers(actor):
            _tell_applicant(booking, text=(reason or "").strip())
    return booking


def booking_hand_over(*, booking: Booking, actor: Any, note: str = "") -> Booking:
    """The keys or the items were handed over to the organisation."""
    require_clerk(actor)
    return transition(
        booking,
        transitions=TRANSITIONS,
        to=B.HANDED_OVER,
        actor=actor,
        note=note,
        changes={"handed_over_at": timezone.now(), "handed_over_note": note},
    )


def booking_return(*, booking: Booking, actor: Any, note: str = "") -> Booking:
    """The premises or items came back; the state they are in is recorded."""
    require_clerk(actor)
    return transition(
        booking,
        transitions=TRANSITIONS,
        to=B.RETURNED,
        actor=actor,
        note=note,
        changes={"returned_at": timezone.now(), "returned_note": note},
    )


# Promotion -------------------------------------------------------------------------


def promotion_request(
    *,
    actor: Any,
    organisation: Organisation,
    kind: str,
    title: str,
    text: str,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    place: str = "",
    link: str = "",
    channels: str = "",
) -> Promotion:
    """An organisation asks the municipality to publish its event or call."""
    _require_representative(actor, organisation)
    if kind == Promotion.Kind.EVENT and starts_at is None:
        raise DomainError(_("Give the start of the event."), field="starts_at")
    if starts_at and ends_at and ends_at < starts_at:
        raise DomainError(_("The end must be after the start."), field="ends_at")
    with transaction.atomic():
        promotion = Promotion.objects.create(
            organisation=organisation,
            applicant=actor,
            kind=kind,
            title=_text(title, "title", _("Give the title.")),
            text=_text(text, "text", _("Write the text to publish.")),
            starts_at=starts_at,
            ends_at=ends_at,
            place=place.strip(),
            link=link.strip(),
            channels=channels.strip(),
        )
        _created(promotion, actor)
    return promotion


def promotion_approve(*, promotion: Promotion, actor: Any) -> Promotion:
    """Publish the item (as the clerk edited it): home page and calendar."""
    require_clerk(actor)
    return _decide(promotion, actor=actor, to=M.APPROVED, published_at=timezone.now())


def promotion_refuse(*, promotion: Promotion, actor: Any, reason: str) -> Promotion:
    return _refusal(promotion, actor=actor, reason=reason, to=M.REFUSED)


# Letters of recommendation -------------------------------------------------------------


def letter_request(
    *,
    actor: Any,
    organisation: Organisation,
    addressee: str,
    purpose: str,
    cooperation: str,
) -> RecommendationLetter:
    """An organisation asks for a letter of recommendation."""
    _require_representative(actor, organisation)
    with transaction.atomic():
        letter = RecommendationLetter.objects.create(
            organisation=organisation,
            applicant=actor,
            addressee=_text(addressee, "addressee", _("Say whom the letter is for.")),
            purpose=_text(purpose, "purpose", _("Say what the letter supports.")),
            cooperation=_text(
                cooperation,
                "cooperation",
                _("Describe the organisation's cooperation with the municipality."),
            ),
        )
        _created(letter, actor)
    return letter


def letter_issue(
    *,
    recommendationletter: RecommendationLetter,
    actor: Any,
    letter_text: str,
    number: str,
    signatory: str = "",
) -> RecommendationLetter:
    """Issue the letter: its text, number and date; the PDF is made from them."""
    require_clerk(actor)
    letter_text = _text(letter_text, "letter_text", _("Write the text of the letter."))
    number = _text(number, "number", _("Give the reference number."))
    return _decide(
        recommendationletter,
        actor=actor,
        to=L.ISSUED,
        letter_text=letter_text,
        number=number,
        signatory=(signatory or "").strip() or settings.MUNICIPALITY_EXECUTIVE,
        issued_on=timezone.localdate(),
    )


def letter_refuse(
    *, recommendationletter: RecommendationLetter, actor: Any, reason: str
) -> RecommendationLetter:
    return _refusal(recommendationletter, actor=actor, reason=reason, to=L.REFUSED)


# Own-initiative proposals (art. 12) -------------------------------------------------


def proposal_submit(
    *,
    actor: Any,
    organisation: Organisation,
    title: str,
    description: str,
    cost_estimate: Decimal,
    cost_breakdown: str = "",
    sphere: Any = None,
) -> TaskProposal:
    """An organisation proposes a public task (art. 12 ust. 1); the month runs from today.

    Raises ``DomainError`` without the description of the task or the estimate of
    its costs, the two things art. 12 ust. 1 requires.
    """
    _require_representative(actor, organisation)
    if cost_estimate is None or cost_estimate < 0:
        raise DomainError(
            _("Give the estimated cost of the task (art. 12 ust. 1 pkt 2)."),
            field="cost_estimate",
        )
    today = timezone.localdate()
    with transaction.atomic():
        proposal = TaskProposal.objects.create(
            organisation=organisation,
            applicant=actor,
            title=_text(title, "title", _("Name the public task.")),
            description=_text(
                description,
                "description",
                _("Describe the public task (art. 12 ust. 1 pkt 1)."),
            ),
            cost_estimate=cost_estimate,
            cost_breakdown=(cost_breakdown or "").strip(),
            sphere=sphere,
            received_on=today,
            answer_due=proposal_answer_due(today),
        )
        _created(proposal, actor)
    return proposal


def _late_note(proposal: TaskProposal) -> str:
    if timezone.localdate() <= proposal.answer_due:
        return ""
    return _("Answered after the deadline of %(due)s (art. 12 ust. 2).") % {
        "due": proposal.answer_due.strftime("%d.%m.%Y")
    }


def proposal_decide_worthwhile(
    *,
    taskproposal: TaskProposal,
    actor: Any,
    answer: str,
    mode: str,
    competition_on: date,
) -> TaskProposal:
    """The task is worthwhile: the organisation is told the mode and the date of the
    competition (art. 12 ust. 2 pkt 2); the answer is published with the proposal."""
    require_clerk(actor)
    answer = _text(answer, "answer", _("Write the answer."))
    if mode not in TaskProposal.Mode.values:
        raise DomainError(
            _("Choose the mode of commissioning: support or entrusting."), field="mode"
        )
    if competition_on is None:
        raise DomainError(
            _("Give the date the competition will be announced."),
            field="competition_on",
        )
    if competition_on < timezone.localdate():
        raise DomainError(
            _("The competition cannot be announced in the past."),
            field="competition_on",
        )
    note = "\n".join(t for t in (answer, _late_note(taskproposal)) if t)
    return _decide(
        taskproposal,
        actor=actor,
        to=T.WORTHWHILE,
        note=note,
        answer=answer,
        mode=mode,
        competition_on=competition_on,
    )


def proposal_decide_not_worthwhile(
    *, taskproposal: TaskProposal, actor: Any, answer: str
) -> TaskProposal:
    """The task is not worthwhile; the reasons are the published answer."""
    require_clerk(actor)
    answer = _text(answer, "answer", _("Write the answer."))
    note = "\n".join(t for t in (answer, _late_note(taskproposal)) if t)
    return _decide(
        taskproposal, actor=actor, to=T.NOT_WORTHWHILE, note=note, answer=answer
    )


# Mutual information ------------------------------------------------------------------


def annual_plan_create(
    *, actor: Any, year: int, competitions: str, directions: str
) -> AnnualPlan:
    """The clerk drafts the municipality's plan for a year."""
    require_clerk(actor)
    if AnnualPlan.objects.filter(year=year).exists():
        raise DomainError(_("A plan for this year already exists."), field="year")
    with transaction.atomic():
        plan = AnnualPlan.objects.create(
            year=year,
            competitions=_text(
                competitions, "competitions", _("Describe the planned competitions.")
            ),
            directions=_text(
                directions, "directions", _("Describe the planned directions.")
            ),
        )
        record(plan, actor=actor, to=str(plan.status))
    return plan


def annual_plan_publish(*, annualplan: AnnualPlan, actor: Any) -> AnnualPlan:
    """Publish the plan on the public page and in the feed."""
    require_clerk(actor)
    transition(
        annualplan,
        transitions=TRANSITIONS,
        to=Y.PUBLISHED,
        actor=actor,
        changes={"published_at": timezone.now()},
    )
    return annualplan


def planned_activity_submit(
    *, actor: Any, organisation: Organisation, year: int, title: str, description: str
) -> PlannedActivity:
    """An organisation tells what it plans; a clerk moderates it before publishing."""
    _require_representative(actor, organisation)
    with transaction.atomic():
        activity = PlannedActivity.objects.create(
            organisation=organisation,
            applicant=actor,
            year=year,
            title=_text(title, "title", _("Give the title.")),
            description=_text(
                description, "description", _("Describe the planned activity.")
            ),
        )
        _created(activity, actor)
    return activity


def planned_activity_publish(
    *, plannedactivity: PlannedActivity, actor: Any
) -> PlannedActivity:
    require_clerk(actor)
    return _decide(
        plannedactivity, actor=actor, to=A.PUBLISHED, published_at=timezone.now()
    )


def planned_activity_refuse(
    *, plannedactivity: PlannedActivity, actor: Any, reason: str
) -> PlannedActivity:
    return _refusal(plannedactivity, actor=actor, reason=reason, to=A.REFUSED)


# Joint advisory and initiative teams ---------------------------------------------------


def team_propose(
    *,
    actor: Any,
    name: str,
    purpose: str,
    justification: str,
    organisation: Organisation | None = None,
) -> JointTeam:
    """An organisation (its representative) or a clerk proposes a joint team.

    The proposal gives the purpose of the team and the justification of the need
    for it. Raises ``PermissionDeniedError`` for a person who neither represents
    the organisation nor is a clerk, ``DomainError`` for an empty field.
    """
    if organisation is not None:
        _require_representative(actor, organisation)
    else:
        require_clerk(actor)
    with transaction.atomic():
        team = JointTeam.objects.create(
            organisation=organisation,
            applicant=actor if organisation is not None else None,
            name=_text(name, "name", _("Name the team.")),
            purpose=_text(purpose, "purpose", _("Give the purpose of the team.")),
            justification=_text(
                justification,
                "justification",
                _("Justify the need for the team."),
            ),
        )
        if organisation is not None:
            _created(team, actor)
        else:
            record(team, actor=actor, to=str(team.status))
    return team


def _open_team(team: JointTeam, *statuses: str) -> None:
    if str(team.status) not in statuses:
        raise DomainError(
            _("This cannot be done for a team that is %(status)s.")
            % {"status": team.get_status_display()}
        )


def team_member_add(
    *,
    team: JointTeam,
    actor: Any,
    name: str,
    side: str,
    organisation: Organisation | None = None,
    affiliation: str = "",
    role: str = "",
) -> TeamMember:
    """Add a member: a representative of an organisation or of the municipality."""
    require_clerk(actor)
    _open_team(team, J.PROPOSED, J.APPOINTED)
    if side not in TeamMember.Side.values:
        raise DomainError(_("Choose the side the member represents."), field="side")
    if side == TeamMember.Side.ORGANISATIONS and organisation is None:
        raise DomainError(
            _("Choose the organisation the member represents."), field="organisation"
        )
    if side == TeamMember.Side.MUNICIPALITY:
        organisation = None
    with transaction.atomic():
        member = TeamMember.objects.create(
            team=team,
            name=_text(name, "name", _("Give the member's first and last name.")),
            side=side,
            organisation=organisation,
            affiliation=(affiliation or "").strip(),
            role=(role or "").strip(),
        )
        record(
            team,
            actor=actor,
            to="member-added",
            from_status=str(team.status),
            note=f"{member.name} ({member.get_side_display()})",
        )
    return member


def team_member_remove(*, member: TeamMember, actor: Any) -> None:
    """A member leaves the team (the change is audited on the team)."""
    require_clerk(actor)
    team = member.team
    with transaction.atomic():
        record(
            team,
            actor=actor,
            to="member-removed",
            from_status=str(team.status),
            note=f"{member.name} ({member.get_side_display()})",
        )
        member.delete()


def team_appoint(
    *,
    jointteam: JointTeam,
    actor: Any,
    ordinance_number: str,
    ordinance_date: date,
    term_from: date,
    term_until: date | None = None,
) -> JointTeam:
    """Appoint the team by the mayor's ordinance: its number, date and the term.

    The team is joint: it needs at least one member for the organisations and one
    for the municipality. Raises ``DomainError`` otherwise, without the number or
    the dates, for an ordinance dated in the future or a term ending before it
    starts.
    """
    require_clerk(actor)
    number = _text(
        ordinance_number, "ordinance_number", _("Give the number of the ordinance.")
    )
    if ordinance_date is None:
        raise DomainError(_("Give the date of the ordinance."), field="ordinance_date")
    if ordinance_date > timezone.localdate():
        raise DomainError(
            _("The ordinance cannot be dated in the future."), field="ordinance_date"
        )
    if term_from is None:
        raise DomainError(_("Give the start of the term."), field="term_from")
    if term_until is not None and term_until < term_from:
        raise DomainError(
            _("The term cannot end before it starts."), field="term_until"
        )
    sides = set(jointteam.members.values_list("side", flat=True))
    if sides != set(TeamMember.Side.values):
        raise DomainError(
            _(
                "A joint team has members of both sides: add at least one "
                "representative of the organisations and one of the municipality."
            )
        )
    return _decide(
        jointteam,
        actor=actor,
        to=J.APPOINTED,
        note=number,
        ordinance_number=number,
        ordinance_date=ordinance_date,
        term_from=term_from,
        term_until=term_until,
    )


def team_refuse(*, jointteam: JointTeam, actor: Any, reason: str) -> JointTeam:
    """The team is not appointed; the organisation that proposed it is told why."""
    return _refusal(jointteam, actor=actor, reason=reason, to=J.REFUSED)


def team_dissolve(
    *, jointteam: JointTeam, actor: Any, dissolved_on: date, reason: str = ""
) -> JointTeam:
    """Dissolve the team from a date (not before its term started)."""
    require_clerk(actor)
    if dissolved_on is None:
        raise DomainError(_("Give the date of the dissolution."), field="dissolved_on")
    if jointteam.term_from and dissolved_on < jointteam.term_from:
        raise DomainError(
            _("The team cannot be dissolved before its term started."),
            field="dissolved_on",
        )
    reason = (reason or "").strip()
    return _decide(
        jointteam,
        actor=actor,
        to=J.DISSOLVED,
        note=reason,
        dissolved_on=dissolved_on,
        reason=reason,
    )


def team_meeting_schedule(
    *, team: JointTeam, actor: Any, held_at: datetime, place: str, agenda: str
) -> TeamMeeting:
    """A meeting of an appointed team, with its agenda."""
    require_clerk(actor)
    _open_team(team, J.APPOINTED)
    if held_at is None:
        raise DomainError(_("Give the date and hour of the meeting."), field="held_at")
    if team.term_from and timezone.localtime(held_at).date() < team.term_from:
        raise DomainError(
            _("The meeting cannot be before the team's term started."),
            field="held_at",
        )
    with transaction.atomic():
        meeting = TeamMeeting.objects.create(
            team=team,
            held_at=held_at,
            place=_text(place, "place", _("Give the place of the meeting.")),
            agenda=_text(agenda, "agenda", _("Give the agenda of the meeting.")),
        )
        record(
            team,
            actor=actor,
            to="meeting-scheduled",
            from_status=str(team.status),
            note=timezone.localtime(held_at).strftime("%d.%m.%Y %H:%M"),
        )
    return meeting


def team_meeting_minutes(
    *, meeting: TeamMeeting, actor: Any, text: str = "", file: Any = None
) -> TeamMeeting:
    """The minutes of a meeting held: written, uploaded (PDF, DOCX, ODT), or both.

    Raises ``DomainError`` before the meeting, without either, or for a file of
    another kind or larger than ``UPLOAD_MAX_MB``.
    """
    from django.core.exceptions import ValidationError

    from cooperation.core.uploads import FileKinds

    require_clerk(actor)
    if meeting.held_at > timezone.now():
        raise DomainError(_("Minutes are added after the meeting."))
    text = (text or "").strip()
    if not text and not file:
        raise DomainError(
            _("Write the minutes or upload them as a file."), field="minutes_text"
        )
    if file:
        try:
            FileKinds(*MINUTES_KINDS)(file)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="minutes_file") from error
    with transaction.atomic():
        if text:
            meeting.minutes_text = text
        if file:
            meeting.minutes_file = file
        meeting.full_clean(exclude=["team", "held_at", "place", "agenda"])
        meeting.save()
        record(
            meeting.team,
            actor=actor,
            to="minutes-added",
            from_status=str(meeting.team.status),
            note=timezone.localtime(meeting.held_at).strftime("%d.%m.%Y"),
        )
    return meeting


def team_recommendation_adopt(
    *,
    team: JointTeam,
    actor: Any,
    title: str,
    text: str,
    adopted_on: date,
    meeting: TeamMeeting | None = None,
    consultation: Any = None,
    priority: Any = None,
    competition: Any = None,
) -> TeamRecommendation:
    """A recommendation of the team, which may concern a consultation, a priority
    of the programme or a competition."""
    require_clerk(actor)
    _open_team(team, J.APPOINTED)
    if meeting is not None and meeting.team_id != team.pk:
        raise DomainError(
            _("The meeting is not a meeting of this team."), field="meeting"
        )
    if adopted_on is None:
        raise DomainError(_("Give the date of adoption."), field="adopted_on")
    if adopted_on > timezone.localdate():
        raise DomainError(
            _("A recommendation cannot be adopted in the future."), field="adopted_on"
        )
    with transaction.atomic():
        recommendation = TeamRecommendation.objects.create(
            team=team,
            meeting=meeting,
            title=_text(title, "title", _("Give the title.")),
            text=_text(text, "text", _("Write the recommendation.")),
            adopted_on=adopted_on,
            consultation=consultation,
            priority=priority,
            competition=competition,
        )
        record(
            team,
            actor=actor,
            to="recommendation",
            from_status=str(team.status),
            note=recommendation.title,
        )
    return recommendation
