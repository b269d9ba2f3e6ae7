"""Clerk powers need the second factor: one rule for the public site, admin and services.

The role matrices (tests/*/test_permissions.py, tests/*/test_views.py) request every
clerk-only URL as a clerk without two-factor authentication (tests/permissions.py).
"""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.core.exceptions import PermissionDeniedError
from cooperation.core.permissions import (
    has_clerk_powers,
    mark_request_user,
    require_clerk,
)
from tests.cooperation.factories import with_totp
from tests.grants.factories import CompetitionFactory, OfferFactory, complete_offer
from tests.grants.worlds import freeze

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_clerk_without_totp_is_sent_to_set_it_up_from_a_clerk_page(
    client, clerk_without_totp
):
    offer = OfferFactory(competition=CompetitionFactory(announced=True))
    client.force_login(clerk_without_totp)
    response = client.get(reverse("grants:offer-formal-check", args=[offer.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_clerk_with_totp_opens_the_same_page(client, clerk_without_totp):
    offer = OfferFactory(competition=CompetitionFactory(announced=True))
    client.force_login(with_totp(clerk_without_totp))
    response = client.get(reverse("grants:offer-formal-check", args=[offer.pk]))
    assert response.status_code == 200


def test_refusal_page_tells_a_clerk_to_set_up_two_factor(client, clerk_without_totp):
    offer = OfferFactory(competition=CompetitionFactory(announced=True))
    client.force_login(clerk_without_totp)
    response = client.get(offer.get_absolute_url())
    assert response.status_code == 403
    assert reverse("mfa_activate_totp") in response.content.decode()


def test_refusal_page_of_a_resident_does_not_offer_two_factor(client, resident):
    offer = OfferFactory(competition=CompetitionFactory(announced=True))
    client.force_login(resident)
    response = client.get(offer.get_absolute_url())
    assert response.status_code == 403
    assert reverse("mfa_activate_totp") not in response.content.decode()


def test_service_refuses_a_clerk_from_a_request_without_second_factor(
    clerk_without_totp,
):
    mark_request_user(clerk_without_totp)
    assert not has_clerk_powers(clerk_without_totp)
    with pytest.raises(PermissionDeniedError):
        require_clerk(clerk_without_totp)


def test_service_accepts_a_clerk_from_a_request_with_second_factor(clerk):
    mark_request_user(clerk)
    assert has_clerk_powers(clerk)
    require_clerk(clerk)


def test_portal_acting_for_a_clerk_outside_a_request_keeps_the_powers(
    clerk_without_totp,
):
    """A Celery task or a management command loads the clerk without a request."""
    assert has_clerk_powers(clerk_without_totp)
    require_clerk(clerk_without_totp)


def test_residents_never_have_clerk_powers(resident):
    assert not has_clerk_powers(resident)
    mark_request_user(resident)
    assert not has_clerk_powers(resident)
    with pytest.raises(PermissionDeniedError):
        require_clerk(resident)


def ticked(offer) -> dict:
    """Every formal requirement of the offer's competition ticked as met."""
    names = offer.competition.formal_checklist()
    return {f"met_{n}": "on" for n in range(1, len(names) + 1)}


def test_a_view_passes_the_marked_user_to_the_service(client, clerk_without_totp):
    """A formal check posted by a clerk without the second factor changes nothing;
    the same post with it accepts the offer."""
    competition = CompetitionFactory(
        status="formal_review",
        announced_at=timezone.now() - timedelta(days=40),
        offers_deadline=timezone.now() - timedelta(days=10),
    )
    offer = freeze(
        complete_offer(competition=competition), status="submitted", sequence=1
    )
    url = reverse("grants:offer-formal-check", args=[offer.pk])
    client.force_login(clerk_without_totp)
    client.post(url, {"decision": "accept", "note": "", **ticked(offer)})
    offer.refresh_from_db()
    assert offer.status == "submitted"
    with_totp(clerk_without_totp)
    client.post(url, {"decision": "accept", "note": "", **ticked(offer)})
    offer.refresh_from_db()
    assert offer.status == "formally_accepted"


def _clerk_attribute_reads(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "is_clerk"
    ]


def test_clerk_powers_are_decided_in_one_place():
    """Apps ask ``has_clerk_powers``; only the rule itself reads ``User.is_clerk``."""
    allowed = {
        ROOT / "cooperation" / "core" / "permissions.py",
        ROOT / "cooperation" / "core" / "models.py",
    }
    found = []
    for package in ("cooperation", "ngos", "grants", "consultations", "workshops"):
        for path in (ROOT / package).rglob("*.py"):
            if path in allowed or "migrations" in path.parts:
                continue
            found += [
                f"{path.relative_to(ROOT)}:{n}" for n in _clerk_attribute_reads(path)
            ]
    templates = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "templates").rglob("*.html")
        if "user.is_clerk" in p.read_text()
    ]
    assert not found + templates
