"""Polish full-text search on PostgreSQL (migration 0004) and the folding of the
SQLite fallback (its page is tested in test_views)."""

import pytest
from django.db import connection

from ngos import services
from ngos.filters import fold, search
from ngos.models import Organisation
from tests.ngos.factories import OrganisationFactory, SphereFactory

pytestmark = pytest.mark.django_db


def _found(text: str) -> list[str]:
    return sorted(
        search(Organisation.objects.public(), text).values_list("name", flat=True)
    )


def _indexed(**kwargs) -> Organisation:
    organisation = OrganisationFactory(**kwargs)
    services.organisation_refresh_search(organisation=organisation)
    return organisation


def test_inflected_form_is_found_from_the_basic_form(postgres):
    _indexed(
        name="Fundacja Razem",
        description="Współpracujemy ze stowarzyszeniami z całego powiatu.",
    )
    _indexed(name="Klub Sportowy", description="Piłka nożna dla dzieci.")
    assert _found("stowarzyszenie") == ["Fundacja Razem"]


@pytest.mark.parametrize("query", ["lodz", "Łódź", "łodzi", "LODZ"])
def test_diacritics_and_inflection_do_not_matter(postgres, query):
    _indexed(name="Fundacja Łódź Przyjaciół", description="Działamy w Radlinie.")
    _indexed(name="Klub Sportowy", description="Piłka nożna.")
    assert _found(query) == ["Fundacja Łódź Przyjaciół"]


def test_inflected_city_in_description_is_found_without_diacritics(postgres):
    _indexed(name="Fundacja Most", description="Wymiany młodzieży z Łodzi i Radlina.")
    assert _found("lodz") == ["Fundacja Most"]


def test_sphere_names_are_searched(postgres):
    organisation = OrganisationFactory(name="Klub Szachowy")
    organisation.spheres.add(
        SphereFactory(name_pl="wspieranie i upowszechnianie kultury fizycznej")
    )
    services.organisation_refresh_search(organisation=organisation)
    assert _found("kultura fizyczna") == ["Klub Szachowy"]


def test_directory_orders_search_results_by_relevance(client, postgres):
    _indexed(name="Stowarzyszenie Seniorów", description="Spotkania.")
    _indexed(name="Klub Seniora", description="Wspólnie ze stowarzyszeniem seniorów.")
    names = [
        o.name
        for o in client.get("/organizacje/", {"q": "stowarzyszenie"}).context[
            "organisations"
        ]
    ]
    assert names == ["Stowarzyszenie Seniorów", "Klub Seniora"]


def test_unverified_organisations_are_not_found(client, postgres):
    _indexed(name="Stowarzyszenie Ukryte", unverified=True)
    response = client.get("/organizacje/", {"q": "stowarzyszenie"})
    assert list(response.context["organisations"]) == []


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Łódź", "lodz"),
        ("GÓRNIK", "gornik"),
        ("Zażółć gęślą JAŹŃ", "zazolc gesla jazn"),
    ],
)
def test_fold_drops_case_and_diacritics(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("query", ["GÓRNIK", "górnik", "gornik", "lodz", "ŁÓDŹ"])
def test_sqlite_fallback_ignores_case_and_diacritics(query):
    if connection.vendor != "sqlite":
        pytest.skip("the fallback runs where PostgreSQL's search is not available")
    _indexed(
        name="Klub Sportowy Górnik", description="Działamy w Łodzi i w Łódź-Widzew."
    )
    _indexed(name="Fundacja Razem", description="Radlin.")
    names = list(
        search(Organisation.objects.all(), query).values_list("name", flat=True)
    )
    assert names == ["Klub Sportowy Górnik"]
