"""Competitions in the states the view tests need, built on the ``roles`` people."""

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from grants import services
from grants.models import CommitteeMember, Conflict, Offer
from grants.services import offer_checksum, offer_content
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory, complete_offer
from tests.ngos.factories import OrganisationFactory


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


def review(**fields):
    """A competition in committee review with two accepted offers, a voting official,
    an NGO nominee and an expert, every one appointed by a recorded ordinance."""
    competition = CompetitionFactory(
        **{
            "status": "committee_review",
            "announced_at": timezone.now() - timedelta(days=40),
            "offers_deadline": timezone.now() - timedelta(days=10),
            "committee_ordinance_number": "0050.7.2026",
            "committee_ordinance_date": timezone.localdate() - timedelta(days=5),
        }
        | fields
    )
    offers = [
        freeze(
            complete_offer(competition=competition),
            status="formally_accepted",
            sequence=n,
        )
        for n in (1, 2)
    ]
    official = CommitteeMember.objects.create(
        competition=competition, user=UserFactory(committee=True), is_chair=True
    )
    nominee = CommitteeMember.objects.create(
        competition=competition,
        user=UserFactory(committee=True),
        kind="nominee",
        nominated_by=OrganisationFactory(),
    )
    expert = CommitteeMember.objects.create(
        competition=competition, user=UserFactory(committee=True), kind="expert"
    )
    return competition, offers, [official, nominee, expert]


def score_all(member, offers):
    criteria = list(member.competition.criteria.all())
    for offer in offers:
        services.offer_score(
            member=member,
            offer=offer,
            actor=member.user,
            scores={c.pk: (c.max_points, "uzasadnienie") for c in criteria},
        )


def sign(competition, clerk, members):
    return services.committee_sign_protocol(
        competition=competition,
        actor=clerk,
        date=timezone.localdate(),
        place="Urząd Miasta, sala 12",
        present=[m.pk for m in members],
    )


def decide(competition, clerk, offers, **extra):
    kwargs = {
        "awards": {offers[0].pk: Decimal("5000")},
        "reasons": {offers[1].pk: "Niższa ocena"},
        "ordinance_number": "0050.12.2026",
        "ordinance_date": competition.selection_date,
    } | extra
    return services.competition_decide(competition=competition, actor=clerk, **kwargs)


def ready(clerk):
    """Every member declared and scored, the protocol signed."""
    competition, offers, members = review()
    for m in members:
        services.committee_declare(member=m, actor=m.user)
    for m in members[:2]:
        score_all(m, offers)
    sign(competition, clerk, members)
    return competition, offers, members
