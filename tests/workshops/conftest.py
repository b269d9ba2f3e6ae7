import os

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


# Browser tests (test_browser.py): Playwright's sync API runs an event loop in the
# test thread; the ORM refuses to run there unless told it is safe (one thread per test).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
