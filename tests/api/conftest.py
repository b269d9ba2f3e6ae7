import os
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.authtoken.models import Token

from tests.api import records
from tests.consultations.factories import CommentFactory, ConsultationFactory
from tests.grants.factories import (
    CompetitionFactory,
    OfferFactory,
    PriorityFactory,
    ProgrammeFactory,
)
from tests.ngos.factories import OrganisationFactory
from tests.workshops.factories import EventFactory

# Playwright's sync API runs an event loop in the test thread (tests/browser/conftest.py).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def published(db):
    """Public records of every kind, and beside each one the public must not see."""
    listed = OrganisationFactory(name="Stowarzyszenie Jawne")
    hidden = OrganisationFactory(name="Fundacja Ukryta", is_public=False)
    unverified = OrganisationFactory(name="Klub Niezweryfikowany", unverified=True)
    competition = CompetitionFactory(announced=True, title="Konkurs ogłoszony")
    draft_competition = CompetitionFactory(title="Konkurs w przygotowaniu")
    decided = CompetitionFactory(
        announced=True,
        title="Konkurs rozstrzygnięty",
        status="results_published",
        results_published_at=timezone.now(),
        decision_ordinance_number="120/2026",
    )
    chosen = OfferFactory(
        competition=decided,
        organisation=listed,
        status="selected",
        number="1/2026",
        sequence=1,
        title="Półkolonie",
        granted_amount=Decimal("8000.00"),
        checksum="a" * 64,
    )
    rejected = OfferFactory(
        competition=decided,
        status="not_selected",
        number="2/2026",
        sequence=2,
        checksum="b" * 64,
    )
    draft_offer = OfferFactory(competition=decided, status="draft", title="Szkic")
    pending = OfferFactory(
        competition=competition,
        status="submitted",
        number="3/2026",
        sequence=1,
        checksum="c" * 64,
    )
    consultation = ConsultationFactory(published=True, with_text=True)
    draft_consultation = ConsultationFactory(title="Projekt w przygotowaniu")
    visible = CommentFactory(consultation=consultation, name_consent=False)
    hidden_comment = CommentFactory(
        consultation=consultation,
        hidden_at=timezone.now(),
        hidden_reason="Wulgaryzmy",
        justification="Tekst ukryty przez urząd",
    )
    event = EventFactory(title="Warsztaty jawne")
    draft_event = EventFactory(draft=True, title="Warsztaty w przygotowaniu")
    programme = ProgrammeFactory(year=2027, status="in_force")
    drafting = ProgrammeFactory(year=2028, status="drafting")
    task = PriorityFactory(programme=programme, title="Ekologia")
    open_small = records.small_grant(task, "published", title="Mały grant jawny")
    records.small_grant_comment(open_small)
    records.small_grant_comment(open_small, hidden=True)
    closed_small = records.small_grant(task, "comments_closed")
    contracted = records.small_grant(task, "contracted", organisation=listed)
    records.contract_for(contracted, signed=True, paid="2000.00")
    unsigned = records.small_grant(task, "contracted")
    records.contract_for(unsigned, signed=False)
    hidden_small = [
        records.small_grant(task, status, title=f"Mały grant niejawny ({status})")
        for status in ("draft", "submitted", "worthwhile", "refused")
    ]
    accepted = records.initiative("accepted", title="Inicjatywa przyjęta")
    agreed = records.initiative("agreement", agreement=True)
    done = records.initiative("done", agreement=True)
    hidden_initiatives = [
        records.initiative(status, title=f"Inicjatywa niejawna ({status})")
        for status in ("submitted", "assessed", "refused")
    ]
    report = records.annual_report(2027, "published", programme, correct=True)
    hidden_reports = [
        records.annual_report(2025, "draft"),
        records.annual_report(2026, "submitted"),
    ]
    return {
        "public": {
            "organisations": [listed],
            "competitions": [competition, decided],
            "results": [chosen, rejected],
            "consultations": [consultation],
            "comments": [visible],
            "events": [event],
            "programmes": [programme],
            "small-grants": [open_small, closed_small, contracted, unsigned],
            "local-initiatives": [accepted, agreed, done],
            "annual-reports": [report],
        },
        "private": {
            "organisations": [hidden, unverified],
            "competitions": [draft_competition],
            "results": [draft_offer, pending],
            "consultations": [draft_consultation],
            "comments": [hidden_comment],
            "events": [draft_event],
            "programmes": [drafting],
            "small-grants": hidden_small,
            "local-initiatives": hidden_initiatives,
            "annual-reports": hidden_reports,
        },
    }


@pytest.fixture
def token_client(client, clerk):
    """A client sending a clerk's API token: the token gives no more than public data."""
    token = Token.objects.create(user=clerk)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client
