"""The profile shows what the organisation did in the other areas of the portal."""

from decimal import Decimal

import pytest
from django.utils import timezone

from consultations.models import Comment, Consultation
from grants.models import CompetitionStatus, OfferStatus
from tests.grants.factories import CompetitionFactory, OfferFactory
from tests.ngos.factories import OrganisationFactory
from tests.workshops.factories import GroupMemberFactory

pytestmark = pytest.mark.django_db


def _consultation(**kwargs):
    now = timezone.now()
    return Consultation.objects.create(
        title="Projekt uchwały w sprawie programu współpracy",
        status=Consultation.Status.PUBLISHED,
        start_at=now - timezone.timedelta(days=10),
        end_at=now - timezone.timedelta(days=1),
        **kwargs,
    )


def test_profile_lists_grants_comments_and_groups(client):
    org = OrganisationFactory(name="Stowarzyszenie Aktywni Razem")
    published = CompetitionFactory(
        status=CompetitionStatus.RESULTS_PUBLISHED, title="Sport 2027"
    )
    undecided = CompetitionFactory(
        status=CompetitionStatus.COMMITTEE_REVIEW, title="Kultura 2027"
    )
    for competition, title, amount in [
        (published, "Turniej piłki nożnej", "12500.00"),
        (undecided, "Ukryta oferta", "1.00"),
    ]:
        OfferFactory(
            competition=competition,
            organisation=org,
            status=OfferStatus.SELECTED,
            title=title,
            granted_amount=Decimal(amount),
            checksum="0" * 64,
            number=competition.pk,
            submitted_at=timezone.now(),
        )
    consultation = _consultation()
    Comment.objects.create(
        consultation=consultation, organisation=org, justification="Uwaga"
    )
    Comment.objects.create(
        consultation=consultation,
        organisation=org,
        justification="Obraźliwa",
        hidden_at=timezone.now(),
        hidden_reason="obraźliwa treść",
    )
    member = GroupMemberFactory(organisation=org)

    response = client.get(org.get_absolute_url())

    content = response.content.decode().replace(
        "\xa0", " "
    )  # grouping uses a no-break space
    assert "Turniej piłki nożnej" in content
    assert "12 500,00 zł" in content or "12 500,00 PLN" in content
    assert "Ukryta oferta" not in content  # results of that competition not published
    assert content.count(consultation.title) == 1  # the hidden comment is not shown
    assert member.group.name in content


def test_profile_without_activity_has_no_empty_sections(client):
    org = OrganisationFactory()
    content = client.get(org.get_absolute_url()).content.decode()
    assert "Otrzymane dotacje" not in content
    assert "Grants received" not in content
