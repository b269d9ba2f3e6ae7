"""Submissions racing the deadline, on PostgreSQL (row locks are what is tested)."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
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
        assert [c.to_status for c in history(stored)] == ["submitted"]
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
