import datetime

import factory
from django.utils import timezone

from ngos.models import (
    Area,
    Membership,
    Organisation,
    PartnerSearch,
    PublicBenefitSphere,
)
from tests.cooperation.factories import UserFactory


class SphereFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicBenefitSphere
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"t{n}")
    number = factory.Sequence(lambda n: n + 1)
    name_pl = factory.Sequence(lambda n: f"sfera {n}")
    name_en = factory.Sequence(lambda n: f"sphere {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stowarzyszenie Przykładowe nr {n}")
    slug = factory.Sequence(lambda n: f"organizacja-{n}")
    legal_form = Organisation.LegalForm.ASSOCIATION
    city = "Radlin"
    postal_code = "44-310"
    email = factory.Sequence(lambda n: f"org{n}@example.org")
    verified_at = factory.LazyFunction(timezone.now)

    class Params:
        unverified = factory.Trait(verified_at=None)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.REPRESENTATIVE
    status = Membership.Status.APPROVED

    class Params:
        editor = factory.Trait(role=Membership.Role.EDITOR)
        pending = factory.Trait(status=Membership.Status.PENDING)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Dzielnica {n}")
    slug = factory.Sequence(lambda n: f"dzielnica-{n}")


class PartnerSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerSearch

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Festyn sąsiedzki nr {n}")
    description = "Szukamy partnera do wspólnej oferty."
    sphere = factory.SubFactory(SphereFactory)
    ends_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=14)
    )

    class Params:
        expired = factory.Trait(
            ends_on=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=1)
            )
        )
