import pytest
from django.db import IntegrityError, transaction

from ngos.models import Representation, Representative

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_organisation_has_one_representation_with_ordered_members(django_user_model):
    organisation = OrganisationFactory()
    representation = Representation.objects.create(
        organisation=organisation,
        organ="Zarząd",
        manner="Dwóch członków zarządu działających łącznie.",
        signatures_required=2,
    )
    Representative.objects.create(
        representation=representation, name="Anna Nowak", function="Członek", position=2
    )
    Representative.objects.create(
        representation=representation,
        name="Jan Kowalski",
        function="Prezes",
        position=1,
    )
    assert [m.name for m in organisation.representation.members.all()] == [
        "Jan Kowalski",
        "Anna Nowak",
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        Representation.objects.create(organisation=organisation, organ="Zarząd")


def test_at_least_one_signature_is_required():
    with pytest.raises(IntegrityError), transaction.atomic():
        Representation.objects.create(
            organisation=OrganisationFactory(), organ="Zarząd", signatures_required=0
        )


def test_an_account_stands_once_among_the_members(django_user_model):
    user = django_user_model.objects.create_user("a@example.org", "a@example.org")
    representation = Representation.objects.create(
        organisation=OrganisationFactory(), organ="Zarząd"
    )
    Representative.objects.create(representation=representation, name="A", user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Representative.objects.create(
            representation=representation, name="B", user=user
        )
