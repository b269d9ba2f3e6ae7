from datetime import timedelta

from django.utils import timezone

from cooperation.council import services
from cooperation.council.models import Side
from tests.ngos.factories import MembershipFactory, OrganisationFactory


def representative():
    """A representative of a verified organisation: (user, organisation)."""
    membership = MembershipFactory()
    return membership.user, membership.organisation


def submitted_request(clerk, count: int = 5, received_on=None):
    return services.creation_request_register(
        actor=clerk,
        organisations=OrganisationFactory.create_batch(count),
        received_on=received_on or timezone.localdate(),
    )


def council_with_term(clerk, created_on=None):
    """A council created of a request, with its first term (forming)."""
    council = services.council_create(
        creationrequest=submitted_request(clerk),
        actor=clerk,
        ordinance_number="0050.1.2026",
        created_on=created_on,
    )
    return council, council.terms.get()


def seat(clerk, term, side, n: int = 1):
    """``n`` members of ``side`` in ``term``."""
    return [
        services.member_add(
            actor=clerk,
            term=term,
            name=f"{side} {i}",
            side=side,
            organisation=OrganisationFactory() if side == Side.NGO else None,
        )
        for i in range(n)
    ]


def active_term(clerk, ngo: int = 2, council: int = 1, executive: int = 1):
    _council, term = council_with_term(clerk)
    seat(clerk, term, Side.NGO, ngo)
    seat(clerk, term, Side.COUNCIL, council)
    seat(clerk, term, Side.EXECUTIVE, executive)
    services.term_constitute(term=term, actor=clerk)
    term.refresh_from_db()
    return term


def open_election(clerk, term, days: int = 7, seats: int = 2):
    return services.election_open(
        actor=clerk,
        term=term,
        nominations_until=timezone.localdate() + timedelta(days=days),
        seats=seats,
    )
