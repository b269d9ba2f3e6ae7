import pytest

from tests.grants.factories import CompetitionFactory, OfferFactory


@pytest.fixture
def competition(db):
    return CompetitionFactory(announced=True)


@pytest.fixture
def offer_factory():
    return OfferFactory


@pytest.fixture
def competition_factory():
    return CompetitionFactory
