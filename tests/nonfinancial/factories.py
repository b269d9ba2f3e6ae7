from datetime import datetime, time, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from cooperation.nonfinancial.models import Resource
from tests.ngos.factories import MembershipFactory


def at(days: int, hour: int):
    """A local time ``days`` from today at ``hour``."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    name = factory.Sequence(lambda n: f"Sala nr {n}")
    slug = factory.Sequence(lambda n: f"sala-{n}")
    kind = Resource.Kind.ROOM
    capacity = 30
    accessibility = "Wejście bez progów."
    rules = "Sala zdawana w portierni."


def representative():
    """A representative of a verified organisation: (user, organisation)."""
    membership = MembershipFactory()
    return membership.user, membership.organisation


def booking_kwargs(resource, days: int = 5, start: int = 10, end: int = 12):
    return {
        "resource": resource,
        "starts_at": at(days, start),
        "ends_at": at(days, end),
        "purpose": "Spotkanie wolontariuszy.",
    }


PROPOSAL = {
    "title": "Klub seniora",
    "description": "Zajęcia dla seniorów raz w tygodniu.",
    "cost_estimate": Decimal("12000.00"),
}


def proposed_team(user, organisation, *, name="Zespół do spraw seniorów"):
    """A team proposed by the organisation, with a member of each side and the
    ordinance already typed in (as a clerk fills the form before appointing)."""
    from cooperation.nonfinancial import services
    from cooperation.nonfinancial.models import JointTeam
    from tests.cooperation.factories import UserFactory

    clerk = UserFactory(clerk=True)
    team = services.team_propose(
        actor=user,
        organisation=organisation,
        name=name,
        purpose="Propozycje zadań dla seniorów.",
        justification="Zadania są rozproszone między konkursy.",
    )
    services.team_member_add(
        team=team,
        actor=clerk,
        name="Anna Nowak",
        side="organisations",
        organisation=organisation,
    )
    services.team_member_add(
        team=team,
        actor=clerk,
        name="Piotr Wiśniewski",
        side="municipality",
        affiliation="Wydział Spraw Społecznych",
    )
    JointTeam.objects.filter(pk=team.pk).update(
        ordinance_number="OR.0050.7.2026",
        ordinance_date=timezone.localdate(),
        term_from=timezone.localdate(),
    )
    team.refresh_from_db()
    return team
