"""Competitions in the states the view tests need, built on the ``roles`` people."""

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from grants.models import CommitteeMember, Conflict, Offer
from grants.services import offer_checksum, offer_content
from tests.grants.factories import CompetitionFactory, complete_offer


def freeze(offer: Offer, *, status: str, sequence: int, **extra) -> Offer:
    """Mark a complete draft as submitted (fixtures only; the service path is tested apart)."""
    content = offer_content(offer)
    Offer.objects.filter(pk=offer.pk).update(
        status=status,
        sequence=sequence,
        number=f"{offer.competition_id}/{sequence:03d}",
        submitted_at=timezone.now(),
        content=content,
        checksum=offer_checksum(content),
        **extra,
    )
    offer.refresh_from_db()
    return offer


def grants_world(roles):
    open_c = CompetitionFactory(announced=True)
    draft_c = CompetitionFactory()
    draft_a = complete_offer(competition=open_c, organisation=roles.org_a)
    # One offer per organisation in a competition: the submitted one is in another.
    submitted_a = freeze(
        complete_offer(
            competition=CompetitionFactory(announced=True), organisation=roles.org_a
        ),
        status="submitted",
        sequence=1,
    )
    review_c = CompetitionFactory(
        status="committee_review",
        announced_at=timezone.now() - timedelta(days=40),
        offers_deadline=timezone.now() - timedelta(days=10),
    )
    conflicted = freeze(
        complete_offer(competition=review_c, organisation=roles.org_a),
        status="formally_accepted",
        sequence=1,
    )
    scorable = freeze(
        complete_offer(competition=review_c, organisation=roles.org_b),
        status="formally_accepted",
        sequence=2,
    )
    member = CommitteeMember.objects.create(
        competition=review_c, user=roles.committee, declared_at=timezone.now()
    )
    Conflict.objects.create(member=member, offer=conflicted, reason="członek zarządu")
    decided_c = CompetitionFactory(
        status="decision",
        announced_at=timezone.now() - timedelta(days=60),
        offers_deadline=timezone.now() - timedelta(days=30),
    )
    decided_offer = freeze(
        complete_offer(competition=decided_c, organisation=roles.org_b),
        status="selected",
        sequence=1,
        granted_amount=Decimal("7777.00"),
    )
    published_c = CompetitionFactory(
        status="results_published",
        announced_at=timezone.now() - timedelta(days=90),
        offers_deadline=timezone.now() - timedelta(days=60),
        results_published_at=timezone.now(),
    )
    published_offer = freeze(
        complete_offer(competition=published_c, organisation=roles.org_b),
        status="selected",
        sequence=1,
        granted_amount=Decimal("6543.21"),
    )
    return SimpleNamespace(**locals())
