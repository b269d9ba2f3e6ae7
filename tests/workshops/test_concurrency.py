"""Simultaneous sign-ups on PostgreSQL: the capacity holds (the event row is locked)."""

import threading

import pytest
from django.db import close_old_connections, connection

from cooperation.core.exceptions import DomainError
from tests.cooperation.factories import UserFactory
from tests.workshops.factories import AdviceSlotFactory, EventFactory
from workshops import services
from workshops.models import Registration

CAPACITY = 5
PEOPLE = 16


def _sign_up_all(event, users, **kwargs):
    barrier = threading.Barrier(len(users))
    errors: list[Exception] = []

    def sign_up(user):
        try:
            barrier.wait()
            services.registration_create(event=event, user=user, consent=True, **kwargs)
        except DomainError as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_never_exceed_capacity(postgres):
    event = EventFactory(capacity=CAPACITY)
    users = [UserFactory() for _ in range(PEOPLE)]
    errors = _sign_up_all(event, users)
    assert errors == []
    statuses = list(
        Registration.objects.filter(event=event).values_list("status", flat=True)
    )
    assert statuses.count("confirmed") == CAPACITY
    assert statuses.count("waiting") == PEOPLE - CAPACITY


@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_promote_in_order_without_overbooking(postgres):
    event = EventFactory(capacity=CAPACITY)
    users = [UserFactory() for _ in range(CAPACITY + 4)]
    for user in users:
        services.registration_create(event=event, user=user, consent=True)
    confirmed = list(Registration.objects.filter(event=event, status="confirmed"))
    waiting_first = list(
        Registration.objects.waiting()
        .filter(event=event)
        .values_list("pk", flat=True)[:2]
    )
    barrier = threading.Barrier(2)

    def cancel(registration):
        try:
            barrier.wait()
            services.registration_cancel(
                registration=registration, actor=registration.user
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed[:2]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    assert (
        Registration.objects.filter(event=event, status="confirmed").count() == CAPACITY
    )
    promoted = set(
        Registration.objects.filter(event=event, promoted_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    assert promoted == set(waiting_first)


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_slot_give_it_to_one_person(postgres):
    slot = AdviceSlotFactory()
    users = [UserFactory() for _ in range(8)]
    errors = _sign_up_all(slot.event, users, slot=slot)
    assert Registration.objects.filter(slot=slot, status="confirmed").count() == 1
    assert len(errors) == len(users) - 1
    assert {e.field for e in errors} == {"slot"}
