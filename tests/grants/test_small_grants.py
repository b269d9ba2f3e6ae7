"""Small grants (art. 19a): every statutory limit at its edge and the publication days."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine

from cooperation.core.exceptions import DomainError
from cooperation.core.models import StatusChange
from grants.models import SmallGrantOffer, SmallGrantPool, SmallGrantStatus
from grants.services import small_grants as services
from tests.grants.factories import PriorityFactory, ProgrammeFactory
from tests.grants.signing_helpers import board
from tests.ngos.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

YEAR = 2027


@pytest.fixture
def priority():
    return PriorityFactory(programme=ProgrammeFactory(year=YEAR))


@pytest.fixture
def pool():
    return SmallGrantPool.objects.create(year=YEAR, planned_grants=Decimal("500000"))


def offer(priority, organisation=None, *, grant="5000.00", days=30, start=None, **kw):
    """A complete offer: every required field, the costs equal to the grant."""
    start = start or date(YEAR, 5, 1)
    organisation = organisation or OrganisationFactory()
    return SmallGrantOffer.objects.create(
        organisation=organisation,
        priority=priority,
        title="Festyn sąsiedzki",
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        requested_grant=Decimal(grant),
        **{
            "addressed_to": "Burmistrz Miasta Radlin",
            "offeror_name": organisation.name,
            "offeror_legal_form": "stowarzyszenie",
            "offeror_register": "KRS 0000123456",
            "offeror_address": "ul. Rybnicka 1, 44-310 Radlin",
            "offeror_email": "biuro@example.org",
            "offeror_bank_account": "61109010140000071219812874",
            "contact_name": "Anna Nowak",
            "place": "Park Miejski w Radlinie",
            "description": "Festyn dla mieszkańców dzielnicy.",
            "results": "200 uczestników.",
            "experience": "Festyny od 2015 r.",
            "resources": "Dziesięcioro wolontariuszy.",
            "costs": [{"name": "Nagłośnienie", "total": grant}],
            "character": "local",
            "statements_confirmed": True,
            **kw,
        },
    )


def test_grant_of_exactly_10000_passes_and_one_grosz_more_is_refused(priority, pool):
    assert services.problems(offer(priority, grant="10000.00")) == []
    found = services.problems(offer(priority, grant="10000.01"))
    assert any("art. 19a ust. 1 pkt 1" in p for p in found)


def test_90_days_pass_and_91_are_refused(priority, pool):
    assert services.problems(offer(priority, days=90)) == []
    found = services.problems(offer(priority, days=91))
    assert any("90" in p and "91" in p for p in found)


def test_20000_a_year_over_two_offers_and_the_year_boundary(priority, pool):
    organisation = OrganisationFactory()
    offer(priority, organisation, grant="10000.00", status=SmallGrantStatus.SUBMITTED)
    assert services.problems(offer(priority, organisation, grant="10000.00")) == []
    third = offer(priority, organisation, grant="0.01")
    SmallGrantOffer.objects.exclude(pk=third.pk).update(
        status=SmallGrantStatus.SUBMITTED
    )
    assert any("art. 19a ust. 4" in p for p in services.problems(third))
    next_priority = PriorityFactory(programme=ProgrammeFactory(year=YEAR + 1))
    SmallGrantPool.objects.create(year=YEAR + 1, planned_grants=Decimal("500000"))
    january = offer(
        next_priority, organisation, grant="10000.00", start=date(YEAR + 1, 1, 1)
    )
    assert services.problems(january) == []


def test_the_20_percent_pool(priority):
    SmallGrantPool.objects.create(year=YEAR, planned_grants=Decimal("50000.00"))
    offer(priority, grant="5000.00", status=SmallGrantStatus.SUBMITTED)
    assert services.problems(offer(priority, grant="5000.00")) == []
    found = services.problems(offer(priority, grant="5000.01"))
    assert any("art. 19a ust. 5" in p for p in found)


def test_without_the_planned_budget_the_pool_cannot_be_checked(priority):
    assert any(
        "budżecie" in p or "budget" in p for p in services.problems(offer(priority))
    )


def test_task_outside_the_years_programme_and_character_undeclared(priority, pool):
    other = PriorityFactory(programme=ProgrammeFactory(year=YEAR - 1))
    found = services.problems(offer(other, character=""))
    assert len(found) >= 2


def test_publication_counts_working_days_over_a_weekend_and_a_holiday():
    # Friday 6 November 2026; 11 November (Wednesday) is a public holiday.
    assert services.working_days_after(date(2026, 11, 6), 3) == date(2026, 11, 12)
    assert services.working_days_after(date(2026, 11, 6), 2) == date(2026, 11, 10)


def test_walk_from_offer_to_comments_closed_audited(priority, pool, clerk):
    organisation = OrganisationFactory()
    (rep,) = board(organisation, [("Anna Nowak", "prezes")], required=1)
    small = offer(priority, organisation)
    with time_machine.travel(date(YEAR, 4, 2)):  # Friday
        services.small_grant_confirm(
            offer=small, actor=rep, digest=services.checksum(small)
        )
        services.small_grant_submit(offer=small, actor=rep)
    small.refresh_from_db()
    assert small.status == SmallGrantStatus.SUBMITTED
    services.small_grant_find_worthwhile(smallgrantoffer=small, actor=clerk)
    with pytest.raises(DomainError):
        services.small_grant_publish(
            smallgrantoffer=small, actor=clerk, on=date(YEAR, 4, 14)
        )
    services.small_grant_publish(
        smallgrantoffer=small, actor=clerk, on=date(YEAR, 4, 13)
    )
    small.refresh_from_db()
    assert small.comments_until == date(YEAR, 4, 20)
    with time_machine.travel(date(YEAR, 4, 20)):
        services.small_grant_close_comments(smallgrantoffer=small, actor=clerk)
    assert list(
        StatusChange.objects.filter(
            object_id=small.pk, content_type__model="smallgrantoffer"
        )
        .order_by("pk")
        .values_list("to_status", flat=True)
    ) == ["confirmed", "submitted", "worthwhile", "published", "comments_closed"]


def test_refusal_needs_a_reason(priority, pool, clerk):
    small = offer(priority, status=SmallGrantStatus.SUBMITTED)
    with pytest.raises(DomainError):
        services.small_grant_refuse(smallgrantoffer=small, actor=clerk, reason=" ")
