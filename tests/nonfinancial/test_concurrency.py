"""One time of one room, many clerks and requests at once, on PostgreSQL."""

import threading

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction

from cooperation.core.exceptions import DomainError
from cooperation.nonfinancial import services
from cooperation.nonfinancial.models import Booking, BookingSlot
from tests.cooperation.factories import UserFactory

from .factories import ResourceFactory, booking_kwargs, representative

PARALLEL = 50


def _run_all(calls):
    barrier = threading.Barrier(len(calls))
    errors: list[Exception] = []
    lock = threading.Lock()

    def run(call):
        try:
            barrier.wait()
            call()
        except DomainError as exc:
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    return errors


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_grants_of_one_slot_lend_it_exactly_once(postgres):
    resource = ResourceFactory()
    clerk = UserFactory(clerk=True)
    requests = []
    for _n in range(PARALLEL):
        user, organisation = representative()
        requests.append(
            services.booking_request(
                actor=user, organisation=organisation, **booking_kwargs(resource)
            )
        )
    errors = _run_all(
        [(lambda b=b: services.booking_grant(booking=b, actor=clerk)) for b in requests]
    )
    assert Booking.objects.filter(status=Booking.Status.GRANTED).count() == 1
    assert BookingSlot.objects.filter(resource=resource, holds=True).count() == 1
    assert len(errors) == PARALLEL - 1
    assert all("jest już użyczony" in e.message for e in errors)


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_requests_and_grants_of_one_slot_lend_it_exactly_once(postgres):
    """Each thread sends its own request and a clerk grants it at once."""
    resource = ResourceFactory()
    clerk = UserFactory(clerk=True)
    people = [representative() for _n in range(PARALLEL)]

    def request_and_grant(user, organisation):
        booking = services.booking_request(
            actor=user, organisation=organisation, **booking_kwargs(resource)
        )
        services.booking_grant(booking=booking, actor=clerk)

    errors = _run_all([(lambda u=u, o=o: request_and_grant(u, o)) for u, o in people])
    assert Booking.objects.filter(status=Booking.Status.GRANTED).count() == 1
    assert BookingSlot.objects.filter(resource=resource, holds=True).count() == 1
    assert len(errors) == PARALLEL - 1


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_an_overlap_that_bypasses_the_service(postgres):
    resource = ResourceFactory()
    clerk = UserFactory(clerk=True)
    user, organisation = representative()
    first = services.booking_request(
        actor=user,
        organisation=organisation,
        **booking_kwargs(resource, start=10, end=12),
    )
    second = services.booking_request(
        actor=user,
        organisation=organisation,
        **booking_kwargs(resource, start=11, end=13),
    )
    services.booking_grant(booking=first, actor=clerk)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.slots.update(holds=True)
    # Another resource at the same time is fine.
    other = services.booking_request(
        actor=user,
        organisation=organisation,
        **booking_kwargs(ResourceFactory(), start=10, end=12),
    )
    other.slots.update(holds=True)
