import pytest

from tests.workshops.factories import (
    AdviceSlotFactory,
    EventFactory,
    RecommendationFactory,
    RegistrationFactory,
    WorkingGroupFactory,
)


@pytest.fixture
def event_factory():
    return EventFactory


@pytest.fixture
def registration_factory():
    return RegistrationFactory


@pytest.fixture
def slot_factory():
    return AdviceSlotFactory


@pytest.fixture
def group_factory():
    return WorkingGroupFactory


@pytest.fixture
def recommendation_factory():
    return RecommendationFactory


@pytest.fixture
def event(db):
    return EventFactory()
