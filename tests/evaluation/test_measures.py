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


def test_figures_without_records_yet_are_none():
    assert all(
        measure(2025) is None for measure in measures.UNRECORDED_MEASURES.values()
    )
    assert measures.consultations_held(2025) == 0
    assert measures.comments_received(2025) == 0
    assert measures.comments_accepted(2025) == 0
