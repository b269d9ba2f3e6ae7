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
