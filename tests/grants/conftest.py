import os

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


# Browser tests drive Playwright's sync API and the ORM in the same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
