"""A recommendation may point to the consultation it came from or feeds into."""

import pytest
from django.utils import timezone

from consultations.models import Consultation
from tests.workshops.factories import WorkingGroupFactory
from workshops.models import Recommendation

pytestmark = pytest.mark.django_db


def _consultation(status):
    now = timezone.now()
    return Consultation.objects.create(
        title=f"Projekt uchwały ({status})",
        status=status,
        start_at=now,
        end_at=now + timezone.timedelta(days=14),
    )


def test_group_page_links_an_announced_consultation_only(client):
    group = WorkingGroupFactory()
    announced = _consultation(Consultation.Status.PUBLISHED)
    draft = _consultation(Consultation.Status.DRAFT)
    Recommendation.objects.create(
        group=group,
        title="Dłuższe konsultacje",
        text="30 dni",
        topic=group.topic,
        consultation=announced,
    )
    Recommendation.objects.create(
        group=group,
        title="Konsultacje online",
        text="Formularz",
        topic=group.topic,
        consultation=draft,
    )

    content = client.get(group.get_absolute_url()).content.decode()

    assert f'href="{announced.get_absolute_url()}"' in content
    assert draft.title not in content
