import datetime

import factory
from django.utils import timezone
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

from ngos.models import (
    Area,
    Membership,
    Organisation,
    PartnerSearch,
    PublicBenefitSphere,
    Representation,
    Representative,
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


def valid_krs(n: int) -> str:
    """A KRS number of its own for each ``n``, above the ones the tests type."""
    return f"{700_000 + n:010d}"


def valid_nip(n: int) -> str:
    """A NIP with a correct check digit, distinct for each ``n`` (``5`` + ``n`` + …)."""
    for ninth in range(10):
        base = f"5{n % 10**7:07d}{ninth}"
        check = stdnum_nip.checksum(base + "0")  # the weighted sum mod 11
        if check < 10:
            return f"{base}{check}"
    raise AssertionError("one of ten ninth digits always gives a check digit")


def valid_regon(n: int) -> str:
    """A 9-digit REGON with a correct check digit."""
    base = f"{(70_000_000 + n) % 10**8:08d}"
    return base + stdnum_regon.calc_check_digit(base)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stowarzyszenie Przykładowe nr {n}")
    slug = factory.Sequence(lambda n: f"organizacja-{n}")
    legal_form = Organisation.LegalForm.ASSOCIATION
    krs = factory.Sequence(valid_krs)
    nip = factory.Sequence(valid_nip)
    regon = factory.Sequence(valid_regon)
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

    @factory.post_generation
    def signs(self, create, extracted, **kwargs):
        """An approved representative is, unless ``signs=False``, a member of the
        organisation's representing organ with the account linked, so that their
        confirmation counts as a signature (one signature required, by default)."""
        if not create or extracted is False:
            return
        if (
            self.role != Membership.Role.REPRESENTATIVE
            or self.status != Membership.Status.APPROVED
        ):
            return
        representation, _created = Representation.objects.get_or_create(
            organisation=self.organisation,
            defaults={
                "organ": "Zarząd",
                "manner": "Każdy członek zarządu samodzielnie.",
                "signatures_required": 1,
            },
        )
        Representative.objects.get_or_create(
            representation=representation,
            user=self.user,
            defaults={
                "name": self.user.get_full_name() or self.user.email,
                "function": "Członek Zarządu",
            },
        )


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
