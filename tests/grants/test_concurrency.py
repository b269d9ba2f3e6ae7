"""Submissions racing the deadline, on PostgreSQL (row locks are what is tested)."""

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cooperation.core.exceptions import DomainError
from cooperation.core.workflow import history
from grants import services
from grants.models import Competition, Offer
from tests.grants.factories import CompetitionFactory, complete_offer
from tests.ngos.factories import MembershipFactory

EARLY = 25
LATE = 25


@pytest.mark.django_db(transaction=True)
def test_fifty_offers_around_the_deadline(postgres, monkeypatch):
    # Delivery of the confirmations is not under test; keep the threads on the race.
    monkeypatch.setattr("cooperation.core.notifications.request_delivery", lambda: None)
    monkeypatch.setattr("grants.services.offers.queue_offer_document", lambda pk: None)
    competition = CompetitionFactory(announced=True)
    offers = [complete_offer(competition=competition) for _ in range(EARLY + LATE)]
    reps = {o.pk: MembershipFactory(organisation=o.organisation).user for o in offers}
    early, late = offers[:EARLY], offers[EARLY:]
    deadline = timezone.now() + timedelta(seconds=6)
    Competition.objects.filter(pk=competition.pk).update(offers_deadline=deadline)

    outcomes: list[tuple[int, str, object]] = []
    lock = threading.Lock()
    start = threading.Barrier(2 * EARLY + LATE)

    def submit(offer_pk: int, *, after_deadline: bool) -> None:
        try:
            start.wait()
            if after_deadline:
                # An editor keeps typing until just after the deadline, then the
                # representative presses "submit".
                offer = Offer.objects.get(pk=offer_pk)
                services.offer_save(
                    offer=offer,
                    actor=reps[offer_pk],
                    version=offer.version,
                    fields={"other_information": "ostatnia zmiana"},
                )
                time.sleep(max(0.0, (deadline - timezone.now()).total_seconds()) + 0.3)
            offer = Offer.objects.get(pk=offer_pk)
            started = timezone.now()
            try:
                services.offer_submit(offer=offer, actor=reps[offer_pk])
                result = "ok"
            except DomainError as error:
                result = error.code
            with lock:
                outcomes.append((offer_pk, result, started))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=submit, args=(o.pk,), kwargs={"after_deadline": False})
        for o in early
        for _ in range(2)
    ]
    threads += [
        threading.Thread(target=submit, args=(o.pk,), kwargs={"after_deadline": True})
        for o in late
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert timezone.now() > deadline

    by_offer: dict[int, list[str]] = {}
    for pk, result, _started in outcomes:
        by_offer.setdefault(pk, []).append(result)
    assert all(
        started < deadline
        for pk, _r, started in outcomes
        if pk in {o.pk for o in early}
    )
    for offer in early:
        # Two clicks at once: one submission, the other told it is already submitted.
        assert sorted(by_offer[offer.pk]) == ["ok", "submitted"], by_offer[offer.pk]
        stored = Offer.objects.get(pk=offer.pk)
        assert stored.status == "submitted" and stored.submitted_at <= deadline
        assert [c.to_status for c in history(stored) if c.from_status] == ["submitted"]
        assert [c.to_status for c in history(stored) if not c.from_status] == [
            "confirmed"
        ]
    for offer in late:
        assert by_offer[offer.pk] == ["deadline"]
        stored = Offer.objects.prefetch_related("cost_rows").get(pk=offer.pk)
        assert stored.status == "draft" and stored.title == offer.title
        assert (
            stored.other_information == "ostatnia zmiana"
            and len(stored.cost_rows.all()) == 3
        )
    sequences = sorted(
        Offer.objects.filter(competition=competition)
        .exclude(sequence=None)
        .values_list("sequence", flat=True)
    )
    assert sequences == list(range(1, EARLY + 1))


RUSH = 100
RUSH_WORKERS = 8


@pytest.mark.django_db(transaction=True)
def test_every_offer_that_reached_the_server_before_the_deadline_is_accepted(
    postgres, monkeypatch, settings
):
    """100 submissions straddling the deadline, queued behind a few workers.

    Each thread is a request stamped by the proxy (``X-Request-Start``) when it
    arrives, then waits for one of the server's workers; the submissions are
    processed one by one under the competition's lock, slowed down so that the
    queue reaches well past the deadline.
    """
    settings.REQUEST_START_HEADER = "X-Request-Start"
    monkeypatch.setattr("cooperation.core.notifications.request_delivery", lambda: None)
    validate = services.offers.offer_validate_for_submission

    def slow_validate(offer):
        time.sleep(0.04)
        return validate(offer)

    monkeypatch.setattr(
        "grants.services.offers.offer_validate_for_submission", slow_validate
    )
    competition = CompetitionFactory(announced=True)
    offers = [complete_offer(competition=competition) for _ in range(RUSH)]
    clients = {}
    for offer in offers:
        client = Client()
        client.force_login(MembershipFactory(organisation=offer.organisation).user)
        clients[offer.pk] = client
    start = time.time() + 1.0
    deadline = datetime.fromtimestamp(start + 2.0, tz=UTC)
    Competition.objects.filter(pk=competition.pk).update(offers_deadline=deadline)

    workers = threading.Semaphore(RUSH_WORKERS)
    outcomes: dict[int, dict] = {}
    lock = threading.Lock()

    def submit(offer_pk: int, offset: float) -> None:
        time.sleep(max(0.0, start + offset - time.time()))
        sent = time.time()
        with workers:
            try:
                response = clients[offer_pk].post(
                    reverse("grants:offer-submit", args=[offer_pk]),
                    HTTP_X_REQUEST_START=f"t={sent:.6f}",
                )
            finally:
                connection.close()
        with lock:
            outcomes[offer_pk] = {
                "sent": sent,
                "arrived": response.wsgi_request.arrived_at,
                "finished": datetime.fromtimestamp(time.time(), tz=UTC),
                "status": response.status_code,
            }

    # Arrivals every 30 ms from 2 s before the deadline to 1 s after it.
    threads = [
        threading.Thread(target=submit, args=(o.pk, i * 0.03))
        for i, o in enumerate(offers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(outcomes) == RUSH

    stored = {o.pk: o for o in Offer.objects.filter(competition=competition)}
    on_time = [pk for pk, o in outcomes.items() if o["arrived"] <= deadline]
    late = [pk for pk, o in outcomes.items() if o["arrived"] > deadline]
    assert 50 <= len(on_time) <= 80 and len(late) >= 20
    for outcome in outcomes.values():
        # The proxy's stamp is the arrival, to the microsecond.
        assert abs(outcome["arrived"].timestamp() - outcome["sent"]) < 1e-5
        assert outcome["status"] == 302
    refused_on_time = [pk for pk in on_time if stored[pk].status != "submitted"]
    assert refused_on_time == []
    accepted_late = [pk for pk in late if stored[pk].status != "draft"]
    assert accepted_late == []
    for pk in on_time:
        assert stored[pk].submitted_at == outcomes[pk]["arrived"]
    # The queue reached past the deadline: offers processed after it were accepted.
    processed_after = [pk for pk in on_time if outcomes[pk]["finished"] > deadline]
    assert len(processed_after) >= 10, len(processed_after)
    # Gapless, unique numbers in the order the lock was taken.
    sequences = sorted(o.sequence for o in stored.values() if o.sequence)
    assert sequences == list(range(1, len(on_time) + 1))
    numbers = [o.number for o in stored.values() if o.number]
    assert len(set(numbers)) == len(on_time)
