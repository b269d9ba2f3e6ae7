import os
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.grants.factories import CompetitionFactory, OfferFactory, complete_offer
from tests.grants.worlds import freeze, grants_world


@pytest.fixture
def competition(db):
    return CompetitionFactory(announced=True)


@pytest.fixture
def offer_factory():
    return OfferFactory


@pytest.fixture
def competition_factory():
    return CompetitionFactory


@pytest.fixture
def world(roles):
    """The people of ``roles`` and competitions in every state (``world.g``)."""
    roles.g = grants_world(roles)
    return roles


@pytest.fixture
def offer_in_review(db):
    """``offer_in_review(status)``: a competition past its deadline in ``status``
    (formal review unless told) and its one formally accepted offer."""

    def make(status: str = "formal_review"):
        competition = CompetitionFactory(
            status=status,
            announced_at=timezone.now() - timedelta(days=40),
            offers_deadline=timezone.now() - timedelta(days=10),
        )
        offer = freeze(
            complete_offer(competition=competition),
            status="formally_accepted",
            sequence=1,
        )
        return competition, offer

    return make


# Browser tests drive Playwright's sync API and the ORM in the same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
