from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from cooperation.core.exceptions import (
    DomainError,
    PermissionDeniedError,
    TransitionNotAllowed,
)
from cooperation.core.models import StatusChange
from tests.cooperation.factories import UserFactory
from tests.ngos.factories import MembershipFactory, OrganisationFactory
from tests.workshops.factories import (
    AdviceSlotFactory,
    EventFactory,
    GroupMemberFactory,
    RecommendationFactory,
    RegistrationFactory,
    WorkingGroupFactory,
)
from workshops import services
from workshops.models import Event, Recommendation, Registration

pytestmark = pytest.mark.django_db


def register(event, user, **kwargs):
    kwargs.setdefault("consent", True)
    return services.registration_create(event=event, user=user, **kwargs)


def test_register_confirms_while_places_are_free_then_waits():
    event = EventFactory(capacity=2)
    first, second, third = (register(event, UserFactory()) for _ in range(3))
    assert [r.status for r in (first, second, third)] == [
        "confirmed",
        "confirmed",
        "waiting",
    ]


def test_register_requires_consent_to_the_information_clause(event, resident):
    with pytest.raises(DomainError) as error:
        register(event, resident, consent=False)
    assert error.value.field == "consent"
    assert not Registration.objects.exists()


def test_register_refuses_after_the_deadline(resident):
    event = EventFactory(registration_deadline=timezone.now() + timedelta(days=1))
    with (
        time_machine.travel(timezone.now() + timedelta(days=2)),
        pytest.raises(DomainError) as error,
    ):
        register(event, resident)
    assert error.value.code == "deadline"


def test_register_refuses_drafts_and_cancelled_events(resident):
    for status in (Event.Status.DRAFT, Event.Status.CANCELLED):
        with pytest.raises(DomainError):
            register(EventFactory(status=status), resident)


def test_register_refuses_a_second_registration_of_the_same_person(event, resident):
    register(event, resident)
    with pytest.raises(DomainError) as error:
        register(event, resident)
    assert error.value.code == "duplicate"


def test_register_on_behalf_of_own_organisation_only(event):
    membership = MembershipFactory()
    registration = register(
        event, membership.user, organisation=membership.organisation
    )
    assert registration.organisation == membership.organisation
    with pytest.raises(DomainError) as error:
        register(EventFactory(), membership.user, organisation=OrganisationFactory())
    assert error.value.field == "organisation"


def test_ngo_audience_admits_only_representatives(resident):
    event = EventFactory(audience=Event.Audience.NGO)
    with pytest.raises(PermissionDeniedError):
        register(event, resident)
    assert register(event, MembershipFactory().user).status == "confirmed"


def test_group_audience_admits_only_group_members(resident):
    group = WorkingGroupFactory()
    event = EventFactory(
        kind=Event.Kind.GROUP_MEETING,
        audience=Event.Audience.GROUP,
        working_group=group,
    )
    with pytest.raises(PermissionDeniedError):
        register(event, resident)
    member = GroupMemberFactory(group=group).user
    assert register(event, member).status == "confirmed"


def test_register_sends_confirmation(
    event, resident, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(event, resident)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [resident.email]
    assert event.title in mailoutbox[0].subject


def test_cancel_promotes_exactly_the_first_waiting_and_tells_them(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        holder = register(event, UserFactory())
        first = register(event, UserFactory(email="first@example.org"))
        second = register(event, UserFactory(email="second@example.org"))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=holder, actor=holder.user)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "confirmed" and first.promoted_at is not None
    assert second.status == "waiting"
    assert [m.to for m in mailoutbox] == [["first@example.org"]]
    assert event.title in mailoutbox[0].subject


def test_cancelling_a_waiting_registration_promotes_nobody():
    event = EventFactory(capacity=1)
    register(event, UserFactory())
    waiting = register(event, UserFactory())
    last = register(event, UserFactory())
    services.registration_cancel(registration=waiting, actor=waiting.user)
    last.refresh_from_db()
    assert last.status == "waiting"


def test_cancel_by_someone_else_is_refused(event, resident):
    registration = register(event, resident)
    with pytest.raises(PermissionDeniedError):
        services.registration_cancel(registration=registration, actor=UserFactory())


def test_cancel_after_start_is_refused_for_the_person(resident):
    event = EventFactory()
    registration = register(event, resident)
    with (
        time_machine.travel(event.starts_at + timedelta(minutes=5)),
        pytest.raises(DomainError),
    ):
        services.registration_cancel(registration=registration, actor=resident)


def test_cancel_is_audited(event, resident):
    registration = register(event, resident)
    services.registration_cancel(registration=registration, actor=resident)
    changes = StatusChange.objects.filter(
        object_id=registration.pk, to_status="cancelled"
    )
    assert changes.get().actor == resident


def test_advice_slot_is_booked_by_one_person_only(resident):
    slot = AdviceSlotFactory()
    booked = register(
        slot.event, resident, slot=slot, question="Sprawozdanie z dotacji"
    )
    assert booked.status == "confirmed"
    with pytest.raises(DomainError) as error:
        register(slot.event, UserFactory(), slot=slot)
    assert error.value.field == "slot"


def test_advice_hour_needs_a_slot(resident):
    slot = AdviceSlotFactory()
    with pytest.raises(DomainError) as error:
        register(slot.event, resident)
    assert error.value.field == "slot"


def test_database_refuses_double_booking_of_a_slot():
    slot = AdviceSlotFactory()
    RegistrationFactory(event=slot.event, slot=slot)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=slot.event, slot=slot)


def test_cancelled_slot_can_be_booked_again(resident):
    slot = AdviceSlotFactory()
    first = register(slot.event, resident, slot=slot)
    services.registration_cancel(registration=first, actor=resident)
    assert register(slot.event, UserFactory(), slot=slot).status == "confirmed"


def test_publish_and_cancel_event_notify_registrants(
    clerk, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(draft=True)
    services.event_publish(event=event, actor=clerk)
    assert event.status == "published" and event.published_at
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, UserFactory(email="p@example.org"))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, actor=clerk, reason="Choroba prowadzącego")
    assert [m.to for m in mailoutbox] == [[registration.user.email]]
    assert "Choroba prowadzącego" in mailoutbox[0].body
    with pytest.raises(TransitionNotAllowed):
        services.event_publish(event=event, actor=clerk)


def test_only_clerks_publish(event, resident):
    with pytest.raises(PermissionDeniedError):
        services.event_publish(event=EventFactory(draft=True), actor=resident)


def test_advice_hour_without_slots_cannot_be_published(clerk):
    with pytest.raises(DomainError):
        services.event_publish(event=EventFactory(draft=True, advice=True), actor=clerk)


def test_held_only_after_start(clerk, event):
    with pytest.raises(DomainError):
        services.event_mark_held(event=event, actor=clerk)
    past = EventFactory(past=True)
    assert services.event_mark_held(event=past, actor=clerk).status == "held"


def test_attendance_marked_by_clerk_after_start(clerk, resident):
    event = EventFactory()
    registration = register(event, resident)
    with pytest.raises(DomainError):
        services.attendance_mark(registration=registration, attended=True, actor=clerk)
    with time_machine.travel(event.starts_at + timedelta(hours=1)):
        with pytest.raises(PermissionDeniedError):
            services.attendance_mark(
                registration=registration, attended=True, actor=resident
            )
        services.attendance_mark(registration=registration, attended=True, actor=clerk)
    registration.refresh_from_db()
    assert registration.attended is True


def test_release_for_user_frees_places_and_keeps_past_rows():
    user = UserFactory()
    upcoming = EventFactory(capacity=1)
    register(upcoming, user)
    waiting = register(upcoming, UserFactory())
    past = RegistrationFactory(event=EventFactory(held=True), user=user, attended=True)
    assert services.registrations_release_for_user(user=user) == 1
    waiting.refresh_from_db()
    past.refresh_from_db()
    assert waiting.status == "confirmed"
    assert past.user is None and past.attended is True


def test_recommendation_workflow(clerk):
    recommendation = RecommendationFactory()
    coordinator = recommendation.group.coordinator
    with pytest.raises(PermissionDeniedError):
        services.recommendation_submit(
            recommendation=recommendation, actor=UserFactory()
        )
    services.recommendation_submit(recommendation=recommendation, actor=coordinator)
    with pytest.raises(DomainError) as error:
        services.recommendation_answer(
            recommendation=recommendation, to="accepted", answer=" ", actor=clerk
        )
    assert error.value.field == "answer"
    services.recommendation_answer(
        recommendation=recommendation,
        to=Recommendation.Status.PARTLY_ACCEPTED,
        answer="Przyjęto w części dotyczącej terminów.",
        actor=clerk,
    )
    recommendation.refresh_from_db()
    assert recommendation.status == "partly_accepted" and recommendation.answered_at
    with pytest.raises(TransitionNotAllowed):
        services.recommendation_answer(
            recommendation=recommendation, to="rejected", answer="Nie.", actor=clerk
        )


def test_group_member_add_checks_organisation_and_duplicates(clerk):
    group = WorkingGroupFactory()
    membership = MembershipFactory()
    member = services.group_member_add(
        group=group,
        user=membership.user,
        organisation=membership.organisation,
        actor=clerk,
    )
    assert member.organisation == membership.organisation
    with pytest.raises(DomainError):
        services.group_member_add(group=group, user=membership.user, actor=clerk)
    with pytest.raises(DomainError):
        services.group_member_add(
            group=group,
            user=UserFactory(),
            organisation=OrganisationFactory(),
            actor=clerk,
        )
