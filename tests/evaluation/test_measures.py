from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from cooperation.evaluation import measures
from grants.models.competition import CompetitionStatus
from grants.models.offer import OfferStatus
from tests.grants.factories import CompetitionFactory, OfferFactory

pytestmark = pytest.mark.django_db


def test_competition_measures_count_the_year_announced_in_bip():
    this_year = CompetitionFactory(
        status=CompetitionStatus.ANNOUNCED,
        bip_published_on=date(2025, 3, 1),
        public_funds=Decimal("30000.00"),
    )
    CompetitionFactory(
        status=CompetitionStatus.DRAFT, bip_published_on=date(2025, 3, 1)
    )
    CompetitionFactory(
        status=CompetitionStatus.ANNOUNCED, bip_published_on=date(2024, 3, 1)
    )
    sent = datetime(2025, 3, 20, 12, tzinfo=UTC)
    OfferFactory(
        competition=this_year,
        submitted_at=sent,
        status=OfferStatus.SELECTED,
        checksum="a" * 64,
    )
    OfferFactory(
        competition=this_year,
        submitted_at=sent,
        is_joint=True,
        status=OfferStatus.SUBMITTED,
        checksum="b" * 64,
    )
    OfferFactory(competition=this_year, submitted_at=None)

    assert measures.competitions_announced(2025) == 1
    assert measures.funds_planned(2025) == Decimal("30000.00")
    assert measures.offers_received(2025) == 2
    assert measures.joint_offers_received(2025) == 1
    assert measures.offers_chosen(2025) == 1
    assert measures.competitions_announced(2025, priority=this_year.priority) == 1
    assert measures.competitions_announced(2026) == 0


def test_a_year_without_records_counts_nothing(db):
    for key in (
        "small_grants_received",
        "small_grants_contracted",
        "local_initiatives_received",
        "local_initiatives_accepted",
        "joint_teams",
        "joint_team_meetings",
        "council_opinions",
    ):
        assert measures.CATALOGUE[key].compute(2025) == 0, key
    assert measures.consultations_held(2025) == 0
    assert measures.comments_received(2025) == 0
    assert measures.comments_accepted(2025) == 0


# --- A year of data: each figure against the count written by hand in worlds.py ---


@pytest.fixture
def world(db):
    from tests.evaluation.worlds import year_of_data

    return year_of_data()


def test_amounts_granted_transferred_used_and_returned(world):
    # Signed contracts of 2025: A 9000 (sport), C 5000 (culture); D is unsigned.
    assert measures.funds_granted(2025) == Decimal("14000.00")
    assert measures.funds_granted(2025, priority=world.p_sport) == Decimal("9000.00")
    assert measures.funds_granted(2025, sphere=world.culture) == Decimal("5000.00")
    # Transfers: 5000 + 4000 to A, 2500 to C; D's 7000 is on an unsigned contract.
    assert measures.funds_transferred(2025) == Decimal("11500.00")
    assert measures.funds_transferred(2025, priority=world.p_culture) == Decimal(
        "2500.00"
    )
    # Used: only A's final report is accepted.
    assert measures.funds_used(2025) == Decimal("8500.00")
    assert measures.funds_used(2025, priority=world.p_culture) == Decimal("0.00")
    # Returned: 300 + 200.50 received on A's refund.
    assert measures.funds_returned(2025) == Decimal("500.50")
    assert measures.funds_returned(2024) == Decimal("50.00")
    assert measures.funds_granted(2024) == Decimal("1111.00")


def test_amounts_by_priority_match_the_filtered_measures(world):
    for key in ("funds_granted", "funds_transferred", "funds_used", "funds_returned"):
        grouped = measures.BY_PRIORITY[key](2025)
        for priority in (world.p_sport, world.p_culture):
            expected = measures.GRANT_MEASURES[key](2025, priority=priority)
            assert Decimal(str(grouped.get(priority.pk) or 0)) == expected, key


def test_non_financial_cooperation(world):
    assert measures.patronages_granted(2025) == 1
    # The weekly lending of H and the one-off of I; J's refused request held nothing.
    assert measures.premises_lent(2025) == 2
    # 3 × 2 h of H in December 2025 (its fourth time is in 2026) and 1.5 h of I.
    assert measures.premises_hours(2025) == Decimal("7.50")
    assert measures.premises_hours(2026) == Decimal("2.00")
    assert measures.equipment_lent(2025) == 1
    assert measures.promotions_published(2025) == 1


def test_workshops_trainings_and_advice_hours_with_participants(world):
    assert measures.events_held(2025) == 3
    assert measures.events_held(2025, "workshop") == 1
    # Three confirmed, one of them absent; the waiting person does not count.
    assert measures.event_participants(2025, "workshop") == 2
    assert measures.event_participants(2025, "training") == 1
    assert measures.event_participants(2025, "advice_hour") == 1
    assert measures.event_participants(2025) == 4
    assert measures.events_held(2024) == 1


def test_organisations_taking_part_and_new_this_year(world):
    # A, B, C, D (offers), F (comment), H (patronage, lending), I (lending,
    # promotion, training), J (comment); E's offer was never sent and its comment
    # was in a cancelled consultation; F took part in 2024 already.
    assert measures.organisations_taking_part(2025) == 8
    assert measures.organisations_new(2025) == 7
    # 2024: F (offer, patronage), G (offer, training).
    assert measures.organisations_taking_part(2024) == 2


def test_catalogue_measures_take_only_their_parameters(world):
    spec = measures.CATALOGUE["event_participants"]
    assert spec.compute(2025, {"kind": "training"}) == 1
    with pytest.raises(ValueError):
        spec.compute(2025, {"priority": world.p_sport.pk})
    errors = measures.parameter_errors(
        "funds_granted", {"priority": world.p_sport.pk}, world.earlier.pk
    )
    assert len(errors) == 1 and "zadania priorytetowego" in errors[0]
    assert (
        measures.parameter_errors(
            "funds_granted", {"priority": world.p_sport.pk}, world.programme.pk
        )
        == []
    )
    assert measures.parameter_errors("events_held", {"kind": "forum_meeting"})
    assert measures.parameter_errors("", {"kind": "training"})
