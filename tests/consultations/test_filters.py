"""The public consultation list's filters: ``/konsultacje/?phase=&kind=&year=&q=``."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _titles(client, query: str) -> set[str]:
    response = client.get(f"/konsultacje/{query}")
    assert response.status_code == 200
    return {c.title for c in response.context["page"].object_list}


@pytest.fixture
def four(consultation_factory):
    """Open, closed, upcoming and one reported two years ago; the years they start."""
    now = timezone.now()
    long_ago = now - timedelta(days=800)
    open_one = consultation_factory(
        published=True, title="Otwarta uchwała", summary="lokale"
    )
    consultation_factory(
        ended=True, title="Zamknięte zarządzenie", act_kind="ordinance"
    )
    consultation_factory(
        published=True,
        title="Zapowiedziany program",
        act_kind="programme",
        start_at=now + timedelta(days=5),
        end_at=now + timedelta(days=30),
    )
    consultation_factory(
        status="report_published",
        title="Dawna uchwała",
        start_at=long_ago,
        end_at=long_ago + timedelta(days=14),
    )
    consultation_factory(title="Szkic")  # a draft is never listed
    return SimpleNamespace(
        open_year=timezone.localtime(open_one.start_at).year,
        old_year=timezone.localtime(long_ago).year,
    )


ALL = {
    "Otwarta uchwała",
    "Zamknięte zarządzenie",
    "Zapowiedziany program",
    "Dawna uchwała",
}


def test_consultation_list_filters_by_phase(client, four):
    assert _titles(client, "") == ALL
    assert _titles(client, "?phase=open") == {"Otwarta uchwała"}
    assert _titles(client, "?phase=closed") == {"Zamknięte zarządzenie"}
    assert _titles(client, "?phase=upcoming") == {"Zapowiedziany program"}
    assert _titles(client, "?phase=reported") == {"Dawna uchwała"}
    assert _titles(client, "?phase=cancelled") == set()


def test_consultation_list_filters_by_kind_year_and_search(client, four):
    assert _titles(client, "?kind=ordinance") == {"Zamknięte zarządzenie"}
    assert _titles(client, f"?year={four.old_year}") == {"Dawna uchwała"}
    # The title or the summary, in any case.
    assert _titles(client, "?q=UCHWAŁA") == {"Otwarta uchwała", "Dawna uchwała"}
    assert _titles(client, "?q=lokale") == {"Otwarta uchwała"}
    assert _titles(client, "?q=uchwała&kind=resolution&phase=open") == {
        "Otwarta uchwała"
    }


def test_consultation_list_form_shows_the_filters_in_effect(client, four):
    html = client.get(
        f"/konsultacje/?phase=open&year={four.open_year}"
    ).content.decode()
    assert '<option value="open" selected>' in html
    assert f'<option value="{four.open_year}" selected>' in html
    assert 'class="form-select"' in html and 'class="form-control"' in html


@pytest.mark.parametrize(
    "query",
    [
        "?phase=draft",
        "?phase=everything",
        "?kind=law",
        "?year=abc",
        "?year=99999",
        "?year=1990",
        "?q=" + "x" * 101,
        "?q=%20%20",
        "?strona=x",
    ],
)
def test_consultation_list_ignores_a_value_that_does_not_fit(client, four, query):
    assert _titles(client, query) == ALL


def test_consultation_list_ignores_only_the_value_that_does_not_fit(client, four):
    assert _titles(client, "?year=abc&phase=open") == {"Otwarta uchwała"}


def test_consultation_list_queries_constant_with_every_filter(
    client, four, django_assert_num_queries
):
    # Queries: years for the filter (1), count for the paginator (1), the page with
    # comment counts (1).
    with django_assert_num_queries(3):
        client.get(
            f"/konsultacje/?phase=open&kind=resolution&year={four.open_year}&q=a"
        )
