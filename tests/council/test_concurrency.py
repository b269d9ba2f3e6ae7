"""One organisation, many votes at once, on PostgreSQL: exactly one is counted."""

import threading

import pytest
from django.db import close_old_connections, connection

from cooperation.core.exceptions import DomainError
from cooperation.council import services
from cooperation.council.models import Vote
from tests.cooperation.factories import UserFactory

from .factories import active_term, open_election, representative

PARALLEL = 20


@pytest.mark.django_db(transaction=True)
def test_parallel_votes_of_one_organisation_count_once(postgres):
    clerk = UserFactory(clerk=True)
    election = open_election(clerk, active_term(clerk), seats=1)
    user, organisation = representative()
    candidates = [
        services.candidate_nominate(
            actor=user, election=election, organisation=organisation, name=f"K{n}"
        )
        for n in range(3)
    ]
    services.election_close(election=election, actor=clerk)
    barrier = threading.Barrier(PARALLEL)
    errors: list[DomainError] = []
    lock = threading.Lock()

    def vote(n: int) -> None:
        try:
            barrier.wait()
            services.vote_cast(
                actor=user,
                election=election,
                organisation=organisation,
                candidate=candidates[n % 3],
            )
        except DomainError as exc:
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    assert (
        Vote.objects.filter(election=election, organisation=organisation).count() == 1
    )
    assert len(errors) == PARALLEL - 1
    assert all("już oddała głos" in e.message for e in errors)
