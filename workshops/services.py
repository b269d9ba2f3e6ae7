"""Every state change of events, registrations and recommendations."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.notifications import Message, notify, notify_many
from cooperation.core.permissions import has_clerk_powers, require_clerk
from cooperation.core.workflow import (
    CLERK,
    PORTAL,
    Input,
    Transition,
    Workflow,
    Workflows,
    record,
    transition,
)
from ngos.models import Organisation

from .models import (
    AdviceSlot,
    Event,
    GroupMember,
    Recommendation,
    Registration,
    WorkingGroup,
)
from .permissions import (
    GROUP_COORDINATOR,
    REGISTERED_PERSON,
    can_register_for,
    registration_refusal,
)

_SERVICES = "workshops.services."
E = Event.Status
R = Registration.Status
C = Recommendation.Status

TRANSITIONS = Workflows(
    Workflow(
        Event,
        Transition(
            "publish",
            E.DRAFT,
            E.PUBLISHED,
            gettext_lazy("Publish"),
            service=_SERVICES + "event_publish",
        ),
        Transition(
            "cancel",
            (E.DRAFT, E.PUBLISHED),
            E.CANCELLED,
            gettext_lazy("Cancel and tell the participants"),
            inputs=(
                Input(
                    "reason",
                    gettext_lazy("Reason"),
                    help_text=gettext_lazy("The participants receive it by e-mail."),
                ),
            ),
            service=_SERVICES + "event_cancel",
        ),
        Transition(
            "mark_held",
            E.PUBLISHED,
            E.HELD,
            gettext_lazy("Mark as held"),
            service=_SERVICES + "event_mark_held",
        ),
    ),
    Workflow(
        Registration,
        # Signing up confirms a place, or puts the person on the waiting list; a
        # free place goes to the person waiting longest by itself.
        Transition(
            "confirm",
            R.WAITING,
            R.CONFIRMED,
            gettext_lazy("Move from the waiting list"),
            who=(PORTAL,),
        ),
        Transition(
            "cancel",
            (R.CONFIRMED, R.WAITING),
            R.CANCELLED,
            gettext_lazy("Cancel the registration"),
            who=(REGISTERED_PERSON, CLERK),
            service=_SERVICES + "registration_cancel",
        ),
        initial=(R.CONFIRMED, R.WAITING),
    ),
    Workflow(
        Recommendation,
        Transition(
            "submit",
            C.PROPOSED,
            C.SUBMITTED,
            gettext_lazy("Submit to the municipality"),
            who=(GROUP_COORDINATOR, CLERK),
            service=_SERVICES + "recommendation_submit",
        ),
        *(
            Transition(
                key,
                C.SUBMITTED,
                to,
                label,
                inputs=(
                    Input(
                        "answer",
                        gettext_lazy("The municipality's answer"),
                        required=True,
                        source="answer",
                    ),
                ),
                service=_SERVICES + "recommendation_answer",
                arguments={"to": to},
            )
            for key, to, label in [
                ("accept", C.ACCEPTED, gettext_lazy("Accepted")),
                ("partly_accept", C.PARTLY_ACCEPTED, gettext_lazy("Partly accepted")),
                ("reject", C.REJECTED, gettext_lazy("Rejected")),
            ]
        ),
    ),
)
ANSWERS = {
    Recommendation.Status.ACCEPTED,
    Recommendation.Status.PARTLY_ACCEPTED,
    Recommendation.Status.REJECTED,
}


# Events


def event_publish(*, event: Event, actor: Any) -> Event:
    """Publish a draft event: it appears on the list, the calendar and the feed.

    Raises ``DomainError`` when an advice hour has no slots to book, or the event
    has already ended; ``TransitionNotAllowed`` when it is not a draft.
    """
    require_clerk(actor)
    if event.ends_at <= timezone.now():
        raise DomainError(_("An event that has already ended cannot be published."))
    if event.uses_slots and not event.slots.exists():
        raise DomainError(_("Add the slots of the advice hour before publishing it."))
    return transition(
        event,
        transitions=TRANSITIONS,
        to=Event.Status.PUBLISHED,
        actor=actor,
        changes={"published_at": timezone.now()},
    )


def event_cancel(*, event: Event, actor: Any, reason: str = "") -> Event:
    """Cancel an event and tell everyone signed up or waiting.

    Raises ``TransitionNotAllowed`` for an event already held or cancelled.
    """
    require_clerk(actor)
    with transaction.atomic():
        was_published = event.status == Event.Status.PUBLISHED
        transition(
            event,
            transitions=TRANSITIONS,
            to=Event.Status.CANCELLED,
            actor=actor,
            note=reason,
        )
        if was_published:
            recipients = (
                Registration.objects.active()
                .filter(event=event, user__isnull=False)
                .values_list("user_id", flat=True)
            )
            notify_many(
                Message.about(
                    event,
                    recipient_id=user_id,
                    kind="workshops.event_cancelled",
                    occasion=f"event-cancelled:{event.pk}",
                    context={"reason": reason},
                )
                for user_id in recipients
            )
    return event


def event_mark_held(*, event: Event, actor: Any) -> Event:
    """Record that a published event took place, once it has started.

    After this the clerk marks attendance and publishes the minutes.
    """
    require_clerk(actor)
    if event.starts_at > timezone.now():
        raise DomainError(_("An event can be marked as held only after it starts."))
    return transition(event, transitions=TRANSITIONS, to=Event.Status.HELD, actor=actor)


# Registrations


def registration_create(
    *,
    event: Event,
    user: Any,
    consent: bool,
    organisation: Organisation | None = None,
    slot: AdviceSlot | None = None,
    question: str = "",
) -> Registration:
    """Sign ``user`` up for ``event``: a place if one is free, else the waiting list.

    The event row is locked for the count, so simultaneous sign-ups never exceed the
    capacity. Advice hours are booked by slot, one person per slot (also a database
    constraint) and without a waiting list.

    Raises ``DomainError`` (with the form field, where there is one) when consent is
    missing, registration is closed, the person may not sign up or is already signed
    up, the organisation is not theirs, or the slot is taken. Queues a confirmation.
    """
    if not consent:
        raise DomainError(
            _("Accept the information clause to sign up."),
            field="consent",
            code="consent",
        )
    refusal = registration_refusal(user, event)
    if refusal:
        raise PermissionDeniedError(refusal, code="audience")
    if organisation is not None and not can_register_for(user, organisation):
        raise DomainError(
            _("You can sign up only on behalf of an organisation you belong to."),
            field="organisation",
        )
    now = timezone.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.status != Event.Status.PUBLISHED:
            raise DomainError(
                _("Registration for this event is not open."), code="closed"
            )
        if now >= locked.closes_at:
            raise DomainError(
                _("The registration deadline has passed."), code="deadline"
            )
        if Registration.objects.active().filter(event=locked, user=user).exists():
            raise DomainError(
                _("You are already signed up for this event."), code="duplicate"
            )
        if locked.uses_slots:
            if slot is None or slot.event_id != locked.pk:
                raise DomainError(_("Choose a time slot."), field="slot")
            if Registration.objects.confirmed().filter(slot=slot).exists():
                raise DomainError(
                    _(
                        "This slot has just been booked by someone else; choose another."
                    ),
                    field="slot",
                    code="slot_taken",
                )
            status = Registration.Status.CONFIRMED
        else:
            slot = None
            taken = Registration.objects.confirmed().filter(event=locked).count()
            status = (
                Registration.Status.CONFIRMED
                if taken < locked.capacity
                else Registration.Status.WAITING
            )
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=locked,
                    user=user,
                    organisation=organisation,
                    slot=slot,
                    status=status,
                    question=question,
                    consent_at=now,
                )
        except IntegrityError as exc:
            # The constraints are the last word under a race the lock did not cover.
            raise DomainError(
                _("This slot has just been booked by someone else; choose another.")
                if slot is not None
                else _("You are already signed up for this event."),
                field="slot" if slot is not None else None,
                code="conflict",
            ) from exc
        record(registration, actor=user, to=status, note="registered")
        kind = (
            "workshops.registration_confirmed"
            if status == Registration.Status.CONFIRMED
            else "workshops.registration_waiting"
        )
        notify(user, kind, occasion=f"registration:{registration.pk}", obj=registration)
    return registration


def registration_cancel(*, registration: Registration, actor: Any) -> Registration:
    """Cancel a registration; a freed place goes to the first person waiting.

    The person may cancel until the event starts; a clerk at any time. The promoted
    person is told by e-mail. Raises ``PermissionDeniedError`` or ``DomainError``.
    """
    if not (
        actor is not None
        and actor.is_authenticated
        and (registration.user_id == actor.pk or has_clerk_powers(actor))
    ):
        raise PermissionDeniedError(
            _("This is not your registration."), code="permission"
        )
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            raise DomainError(
                _("This registration is already cancelled."), code="cancelled"
            )
        if event.starts_at <= timezone.now() and not has_clerk_powers(actor):
            raise DomainError(_("The event has already started."), code="started")
        was_confirmed = current.status == Registration.Status.CONFIRMED
        transition(
            current,
            transitions=TRANSITIONS,
            to=Registration.Status.CANCELLED,
            actor=actor,
            changes={"cancelled_at": timezone.now()},
        )
        if was_confirmed:
            promote_waiting(event=event)
    registration.refresh_from_db()
    return registration


def promote_waiting(*, event: Event) -> list[Registration]:
    """Give free places to the people waiting longest, and tell each of them.

    Call with the event row locked (inside the caller's transaction). Nothing moves
    for an event that is no longer open or has started.
    """
    promoted: list[Registration] = []
    if (
        event.uses_slots
        or event.status != Event.Status.PUBLISHED
        or event.starts_at <= timezone.now()
    ):
        return promoted
    free = event.capacity - Registration.objects.confirmed().filter(event=event).count()
    if free <= 0:
        return promoted
    waiting = list(
        Registration.objects.waiting().filter(event=event).select_for_update()[:free]
    )
    for registration in waiting:
        transition(
            registration,
            transitions=TRANSITIONS,
            to=Registration.Status.CONFIRMED,
            actor=None,
            note="moved from the waiting list",
            changes={"promoted_at": timezone.now()},
        )
        if registration.user_id:
            notify(
                registration.user,
                "workshops.promoted",
                occasion=f"promoted:{registration.pk}",
                obj=registration,
            )
        promoted.append(registration)
    return promoted


def attendance_mark(
    *, registration: Registration, attended: bool, actor: Any
) -> Registration:
    """Record whether a confirmed participant came, once the event has started.

    Only clerks mark attendance; the change is audited.
    """
    require_clerk(actor)
    if registration.status != Registration.Status.CONFIRMED:
        raise DomainError(_("Attendance is marked only for confirmed participants."))
    if registration.event.starts_at > timezone.now():
        raise DomainError(_("Attendance can be marked once the event has started."))
    with transaction.atomic():
        registration.attended = attended
        registration.attendance_marked_at = timezone.now()
        registration.save(
            update_fields=["attended", "attendance_marked_at", "updated_at"]
        )
        record(
            registration,
            actor=actor,
            to="attended" if attended else "absent",
            from_status=registration.status,
        )
    return registration


def registrations_release_for_user(*, user: Any) -> int:
    """Cancel a person's upcoming registrations (account deletion), promoting others.

    Past registrations lose the person but stay for the event's statistics.
    """
    count = 0
    upcoming = Registration.objects.active().filter(
        user=user, event__starts_at__gt=timezone.now()
    )
    for registration in upcoming:
        registration_cancel(registration=registration, actor=user)
        count += 1
    Registration.objects.filter(user=user).update(user=None, question="")
    return count


# Working groups and recommendations


def group_member_add(
    *,
    group: WorkingGroup,
    user: Any,
    actor: Any,
    organisation: Organisation | None = None,
) -> GroupMember:
    """Add a person to a working group, optionally for their organisation.

    The coordinator or a clerk adds members. Raises ``DomainError`` for a person
    already in the group or an organisation the person does not belong to.
    """
    if not (
        has_clerk_powers(actor)
        or (actor is not None and group.coordinator_id == actor.pk)
    ):
        raise PermissionDeniedError(
            _("Only the coordinator or a clerk may add members.")
        )
    if organisation is not None and not can_register_for(user, organisation):
        raise DomainError(
            _("The person does not belong to this organisation."), field="organisation"
        )
    with transaction.atomic():
        if GroupMember.objects.filter(
            group=group, user=user, left_on__isnull=True
        ).exists():
            raise DomainError(
                _("This person is already a member of the group."), field="user"
            )
        member = GroupMember.objects.create(
            group=group, user=user, organisation=organisation
        )
        record(group, actor=actor, to="member-added", note=str(user))
    return member


def recommendation_submit(
    *, recommendation: Recommendation, actor: Any
) -> Recommendation:
    """Send a proposed recommendation to the municipality (coordinator or clerk)."""
    if not (
        has_clerk_powers(actor)
        or (actor is not None and recommendation.group.coordinator_id == actor.pk)
    ):
        raise PermissionDeniedError(
            _("Only the group's coordinator or a clerk may submit its recommendations.")
        )
    return transition(
        recommendation,
        transitions=TRANSITIONS,
        to=Recommendation.Status.SUBMITTED,
        actor=actor,
        changes={"submitted_at": timezone.now()},
    )


def recommendation_answer(
    *, recommendation: Recommendation, to: str, answer: str, actor: Any
) -> Recommendation:
    """Record the municipality's answer: accepted, partly accepted or rejected.

    Raises ``DomainError`` without the text of the answer, ``TransitionNotAllowed``
    for a recommendation that was not submitted.
    """
    require_clerk(actor)
    if to not in ANSWERS:
        raise DomainError(
            _("Choose accepted, partly accepted or rejected."), field="status"
        )
    if not answer.strip():
        raise DomainError(_("Write the municipality's answer."), field="answer")
    return transition(
        recommendation,
        transitions=TRANSITIONS,
        to=to,
        actor=actor,
        changes={"answer": answer.strip(), "answered_at": timezone.now()},
    )
