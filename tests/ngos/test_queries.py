"""Query budgets of the directory and the profile: the same at 10 and 1,000 organisations."""

import pytest
from django.db import connection
from django.utils import timezone

from ngos.models import Area, Organisation
from tests.ngos.factories import (
    AreaFactory,
    PartnerSearchFactory,
    SphereFactory,
)

pytestmark = pytest.mark.django_db


def _organisations(count: int) -> Organisation:
    spheres = [SphereFactory() for _ in range(3)]
    area = AreaFactory()
    now = timezone.now()
    created = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Stowarzyszenie nr {i:04d}",
                slug=f"s-{i}",
                description="Współpracujemy ze stowarzyszeniami",
                search_text="Współpracujemy ze stowarzyszeniami",
                verified_at=now,
                city="Radlin",
            )
            for i in range(count)
        ]
    )
    Sphere = Organisation.spheres.through
    Sphere.objects.bulk_create(
        [
            Sphere(organisation_id=o.pk, publicbenefitsphere_id=s.pk)
            for o in created
            for s in spheres
        ]
    )
    Organisation.areas.through.objects.bulk_create(
        [
            Organisation.areas.through(organisation_id=o.pk, area_id=area.pk)
            for o in created
        ]
    )
    first = created[0]
    first.sphere = spheres[0]
    PartnerSearchFactory(organisation=first, sphere=spheres[0])
    return first


# Directory, anonymous, with one sphere or area chosen:
#   1. the chosen sphere or area (the filter form validates it)
#   2. count of the filtered organisations (paginator)
#   3. spheres for the filter's choices
#   4. areas for the filter's choices
#   5. the page of organisations
#   6. their spheres (prefetch)
DIRECTORY_QUERIES = 6
# With a search on PostgreSQL, one more: the stems of the words typed, looked up
# in the Polish dictionary (ngos.filters.polish_query).
SEARCH_QUERIES = DIRECTORY_QUERIES + (connection.vendor == "postgresql")
# Profile, anonymous:
#   1. the organisation
#   2. its spheres (prefetch)
#   3. its areas (prefetch)
#   4. its open partner searches with their spheres
#   5. grants it received (grants' organisation_activity)
#   6. its comments in consultations (consultations' organisation_activity)
#   7. working groups it takes part in (workshops' organisation_activity)
PROFILE_QUERIES = 7


@pytest.mark.parametrize("count", [10, 1000])
def test_directory_query_count_does_not_grow(client, django_assert_num_queries, count):
    sphere = _organisations(count).sphere
    with django_assert_num_queries(DIRECTORY_QUERIES):
        response = client.get("/organizacje/", {"sphere": sphere.pk, "sort": "name"})
    assert response.status_code == 200
    assert len(response.context["organisations"]) == min(count, 20)


@pytest.mark.parametrize("count", [10, 1000])
def test_directory_search_query_count_does_not_grow(
    client, django_assert_num_queries, count
):
    _organisations(count)
    area = Area.objects.get()
    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get(
            "/organizacje/", {"q": "stowarzyszeniami", "area": area.pk}
        )
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [10, 1000])
def test_profile_query_count_does_not_grow(client, django_assert_num_queries, count):
    first = _organisations(count)
    with django_assert_num_queries(PROFILE_QUERIES):
        response = client.get(first.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_partner_search_list_query_count_does_not_grow(
    client, django_assert_num_queries, count
):
    first = _organisations(count)
    for _ in range(count // 10):
        PartnerSearchFactory(organisation=first)
    # 1. count, 2. page of posts with organisation and sphere
    with django_assert_num_queries(2):
        response = client.get("/organizacje/partnerzy/")
    assert response.status_code == 200
