"""The public competition list's filters: ``/konkursy/?sfera=&rok=&stan=``."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _titles(client, query: str) -> set[str]:
    response = client.get(f"/konkursy/{query}")
    assert response.status_code == 200
    return {c.title for c in response.context["page"].object_list}


@pytest.fixture
def three(competition_factory):
    """Open (this year's deadline), closed under review, and decided (a past year)."""
    now = timezone.now()
    open_c = competition_factory(announced=True, title="Otwarty")
    closed = competition_factory(
        status="formal_review",
        title="Zamknięty",
        announced_at=now - timedelta(days=40),
        offers_deadline=now - timedelta(days=10),
    )
    decided = competition_factory(
        status="results_published",
        title="Rozstrzygnięty",
        announced_at=now - timedelta(days=800),
        offers_deadline=now - timedelta(days=760),
    )
    competition_factory(title="Szkic")  # a draft is never listed
    return open_c, closed, decided


def test_competition_list_filters_by_stage(client, three):
    assert _titles(client, "") == {"Otwarty", "Zamknięty", "Rozstrzygnięty"}
    assert _titles(client, "?stan=open") == {"Otwarty"}
    assert _titles(client, "?stan=closed") == {"Zamknięty"}
    assert _titles(client, "?stan=decided") == {"Rozstrzygnięty"}


def test_competition_list_filters_by_sphere_and_year_together(client, three):
    open_c, closed, decided = three
    sphere = open_c.priority.sphere_id
    assert _titles(client, f"?sfera={sphere}") == {"Otwarty"}
    year = timezone.localtime(decided.offers_deadline).year
    assert _titles(client, f"?rok={year}") == {"Rozstrzygnięty"}
    assert _titles(client, f"?sfera={sphere}&rok={year}") == set()


def test_competition_list_shows_the_filters_in_effect_and_keeps_them_in_links(
    client, three, competition_factory
):
    for _ in range(20):
        competition_factory(announced=True, priority=three[0].priority)
    sphere = three[0].priority.sphere_id
    response = client.get(f"/konkursy/?sfera={sphere}&stan=open")
    assert response.context["filters"] == {
        "sphere": sphere,
        "year": None,
        "state": "open",
    }
    html = response.content.decode()
    assert f'<option value="{sphere}" selected>' in html
    assert '<option value="open" selected>' in html
    assert f"?sfera={sphere}&amp;stan=open&amp;strona=2" in html


@pytest.mark.parametrize(
    "query",
    [
        "?sfera=abc",
        "?sfera=1.5",
        "?sfera=-3",
        "?sfera=0",
        "?sfera=99999999999999999999",
        "?rok=dwa",
        "?rok=99999",
        "?rok=0",
        "?stan=everything",
        "?stan=",
        "?strona=x",
        "?strona=999",
    ],
)
def test_competition_list_ignores_a_value_that_does_not_fit(client, three, query):
    assert _titles(client, query) == {"Otwarty", "Zamknięty", "Rozstrzygnięty"}


def test_competition_list_ignores_only_the_value_that_does_not_fit(client, three):
    assert _titles(client, "?rok=abc&stan=open") == {"Otwarty"}


def test_competition_list_queries_constant_with_every_filter(
    client, three, django_assert_num_queries
):
    open_c = three[0]
    year = timezone.localtime(open_c.offers_deadline).year
    # 1 competitions page (with the offer count), 2 its count for the paginator,
    # 3 the spheres of the filter, 4 the years of the filter: the sphere is not
    # looked up to be validated.
    with django_assert_num_queries(4):
        client.get(f"/konkursy/?sfera={open_c.priority.sphere_id}&rok={year}&stan=open")
