"""``/api/v1/``: every list and record, paged to the end, public records only."""

import pytest
import time_machine
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate

from tests.grants.factories import CompetitionFactory
from tests.ngos.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "organisations",
    "spheres",
    "competitions",
    "results",
    "consultations",
    "comments",
    "events",
    "programmes",
    "contracts",
    "small-grants",
    "local-initiatives",
    "annual-reports",
]


def _all(client, path):
    """Every record of a list, following ``next`` to the last page."""
    records, url, pages = [], f"/api/v1/{path}/?page_size=2", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        data = response.json()
        records += data["results"]
        url = data["next"]
        pages += 1
        assert pages < 500
    assert len(records) == data["count"]
    return records


def test_the_schema_is_valid_openapi(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    paths = set(schema["paths"])
    for name in LISTS:
        assert f"/api/v1/{name}/" in paths


@pytest.mark.parametrize("who", ["anonymous", "token"])
def test_lists_hold_the_public_records_and_nothing_else(
    request, client, published, who
):
    if who == "token":
        client = request.getfixturevalue("token_client")
    for name in ["organisations", "competitions", "consultations", "events"]:
        titles = {r.get("name") or r.get("title") for r in _all(client, name)}
        for obj in published["public"][name]:
            assert getattr(obj, "name", None) or obj.title in titles, (name, obj)
        for obj in published["private"][name]:
            assert (getattr(obj, "name", None) or obj.title) not in titles, (name, obj)
    numbers = {r["number"] for r in _all(client, "results")}
    assert numbers == {o.number for o in published["public"]["results"]}
    comments = _all(client, "comments")
    assert [c["id"] for c in comments] == [published["public"]["comments"][0].pk]
    assert "Tekst ukryty przez urząd" not in str(comments)
    years = {p["year"] for p in _all(client, "programmes")}
    assert years == {2027}


def test_nothing_personal_is_shown(client, published):
    comment = published["public"]["comments"][0]
    data = client.get(
        f"/api/v1/comments/?consultation={comment.consultation_id}"
    ).json()
    record = data["results"][0]
    assert record["author"] == "mieszkaniec (imię i nazwisko niepodane)" or record[
        "author"
    ].startswith("mieszka")
    assert comment.author_name not in str(data)
    for forbidden in ("email", "author_id", "hidden_reason", "entered_by"):
        assert forbidden not in record
    offer = client.get("/api/v1/results/").json()["results"][0]
    for forbidden in (
        "contact_email",
        "contact_phone",
        "offeror_bank_account",
        "content",
    ):
        assert forbidden not in offer


def test_unpublished_records_are_not_found(client, published):
    hidden = published["private"]["organisations"][0]
    assert client.get(f"/api/v1/organisations/{hidden.slug}/").status_code == 404
    draft = published["private"]["competitions"][0]
    assert client.get(f"/api/v1/competitions/{draft.pk}/").status_code == 404
    assert client.get("/api/v1/programmes/2028/").status_code == 404


def test_results_appear_only_once_published(client, published):
    decided, open_one = (
        published["public"]["competitions"][1],
        published["public"]["competitions"][0],
    )
    assert [
        r["number"]
        for r in client.get(f"/api/v1/competitions/{decided.pk}/").json()["results"]
    ] == [
        "1/2026",
        "2/2026",
    ]
    assert client.get(f"/api/v1/competitions/{open_one.pk}/").json()["results"] == []


def test_writes_are_refused(client, token_client, published):
    for c in (client, token_client):
        assert (
            c.post(
                "/api/v1/organisations/", {}, content_type="application/json"
            ).status_code
            == 405
        )
        organisation = published["public"]["organisations"][0]
        assert (
            c.delete(f"/api/v1/organisations/{organisation.slug}/").status_code == 405
        )


def test_filters_and_ordering(client, published):
    data = client.get("/api/v1/results/?status=selected").json()
    assert [r["number"] for r in data["results"]] == ["1/2026"]
    data = client.get("/api/v1/competitions/?status=results_published").json()
    assert [r["title"] for r in data["results"]] == ["Konkurs rozstrzygnięty"]
    names = [
        r["name"]
        for r in client.get("/api/v1/organisations/?ordering=-name").json()["results"]
    ]
    assert names == sorted(names, reverse=True)


@pytest.mark.parametrize("path", [f"/api/v1/{name}/" for name in LISTS])
def test_a_list_reads_the_same_number_of_queries_for_more_records(client, path):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path + "?page_size=50").status_code == 200
        return len(queries)

    OrganisationFactory()
    CompetitionFactory(announced=True)
    few = count()
    for _ in range(5):
        OrganisationFactory()
        CompetitionFactory(announced=True)
    from django.core.cache import cache

    cache.clear()
    assert count() == few


def test_an_unchanged_list_answers_not_modified_without_a_query(client, published):
    first = client.get("/api/v1/organisations/")
    etag = first["ETag"]
    assert etag
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/organisations/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert len(queries) == 0
    organisation = published["public"]["organisations"][0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        organisation.description = "Nowy opis"
        organisation.save()
    changed = client.get("/api/v1/organisations/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_record_carries_last_modified(client, published):
    organisation = published["public"]["organisations"][0]
    response = client.get(f"/api/v1/organisations/{organisation.slug}/")
    assert response.status_code == 200
    modified = response["Last-Modified"]
    assert (
        client.get(
            f"/api/v1/organisations/{organisation.slug}/",
            HTTP_IF_MODIFIED_SINCE=modified,
        ).status_code
        == 304
    )


def test_clients_are_limited_per_minute_and_a_token_has_its_own_limit(
    client, token_client, settings, published
):
    settings.API_RATE_ANONYMOUS = "3/min"
    settings.API_RATE_TOKEN = "5/min"
    anonymous = client.__class__()
    with time_machine.travel("2026-12-02 10:00:05", tick=False):
        codes = [anonymous.get("/api/v1/spheres/").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        codes = [token_client.get("/api/v1/spheres/").status_code for _ in range(6)]
        assert codes == [200] * 5 + [429]
        refused = anonymous.get("/api/v1/spheres/")
        assert refused.status_code == 429
        assert int(refused["Retry-After"]) == 55
    # The next minute counts afresh.
    with time_machine.travel("2026-12-02 10:01:00", tick=False):
        assert anonymous.get("/api/v1/spheres/").status_code == 200


def test_an_anonymous_client_is_held_to_its_own_limit_only(client, settings, published):
    settings.API_RATE_ANONYMOUS = "5/min"
    settings.API_RATE_TOKEN = "2/min"
    with time_machine.travel("2026-12-02 10:00:05", tick=False):
        codes = [client.get("/api/v1/spheres/").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


def test_a_clients_count_is_one_number_whatever_its_rate(client, settings, published):
    from django.core.cache import cache

    settings.API_RATE_ANONYMOUS = "10000000/min"
    with time_machine.travel("2026-12-02 10:00:05", tick=False):
        for _ in range(30):
            assert client.get("/api/v1/spheres/").status_code == 200
        keys = list(cache._cache.get_client().keys("*throttle_anonymous*"))
    assert len(keys) == 1
    assert int(cache._cache.get_client().get(keys[0])) == 30


def test_a_bad_token_is_refused(client, published):
    response = client.get("/api/v1/spheres/", HTTP_AUTHORIZATION="Token nieprawidlowy")
    assert response.status_code == 401


def test_the_documentation_lists_every_endpoint_and_field(client):
    response = client.get("/api/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in LISTS:
        assert f"GET /api/v1/{name}/" in html
    assert "granted_amount" in html
    assert "Organizacje" in html
