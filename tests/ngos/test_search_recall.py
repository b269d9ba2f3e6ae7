"""Recall of the directory's search on real organisation names and real queries.

tests/data/ngo_search holds 39 names of real organisations (with the pages they
come from) and 47 queries typed as residents type them: lower case, without
Polish letters, inflected. A query counts as found when every organisation it
means is among the results. PostgreSQL (Polish dictionary, migration 0004) must
find at least 90 %, the SQLite fallback (pystempel stems) at least 75 %."""

import json
from pathlib import Path

import pytest
from django.db import connection

from ngos.filters import accent_variants, search
from ngos.models import Organisation
from ngos.services import organisation_refresh_search
from tests.ngos.factories import OrganisationFactory

DATA = Path(__file__).parent.parent / "data" / "ngo_search"
pytestmark = pytest.mark.django_db


def _recall() -> tuple[float, list[str]]:
    organisations = json.loads((DATA / "organisations.json").read_text())[
        "organisations"
    ]
    for entry in organisations:
        organisation_refresh_search(
            organisation=OrganisationFactory(name=entry["name"], description="")
        )
    queries = json.loads((DATA / "queries.json").read_text())["queries"]
    missed = []
    for query in queries:
        found = set(
            search(Organisation.objects.all(), query["q"]).values_list(
                "name", flat=True
            )
        )
        if not set(query["means"]) <= found:
            missed.append(query["q"])
    return 1 - len(missed) / len(queries), missed


def test_inflected_queries_without_polish_letters_find_what_they_mean():
    recall, missed = _recall()
    threshold = 0.90 if connection.vendor == "postgresql" else 0.75
    print(f"recall on {connection.vendor}: {recall:.1%}; missed: {missed}")
    assert recall >= threshold, (recall, missed)


def test_strazy_pozarnej_finds_the_fire_brigades():
    for name in ("Ochotnicza Straż Pożarna w Radłowie", "Koło Gospodyń Wiejskich"):
        organisation_refresh_search(organisation=OrganisationFactory(name=name))
    found = list(
        search(Organisation.objects.all(), "strazy pozarnej").values_list(
            "name", flat=True
        )
    )
    assert found == ["Ochotnicza Straż Pożarna w Radłowie"]


def test_accent_variants_hold_the_polish_spelling():
    assert "straży" in accent_variants("strazy")
    assert "pożarnej" in accent_variants("pozarnej")
    assert accent_variants("Straży") == ["straży"]
