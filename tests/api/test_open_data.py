"""Bulk downloads with their data dictionary and DCAT-AP catalogue, and Atom feeds."""

import csv
import io
import json

import feedparser
import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from consultations.models import Comment
from cooperation.api import datasets
from cooperation.api.models import DatasetFile
from grants.models import Offer
from ngos.models import Organisation
from tests.ngos.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _csv(response):
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def _json(response):
    return json.loads(b"".join(response.streaming_content))


@pytest.mark.parametrize("dataset", datasets.DATASETS, ids=lambda d: d.slug)
def test_each_dataset_downloads_as_csv_and_json_with_its_dictionary(
    client, published, dataset
):
    as_csv = client.get(f"/dane/{dataset.slug}.csv")
    assert as_csv.status_code == 200
    assert as_csv["Content-Type"].startswith("text/csv")
    rows = _csv(as_csv)
    as_json = _json(client.get(f"/dane/{dataset.slug}.json"))
    names = [c.name for c in dataset.columns]
    assert as_json["columns"] == names
    assert len(as_json["rows"]) == len(rows)
    if rows:
        assert list(rows[0]) == names
    dictionary = _csv(client.get(f"/dane/{dataset.slug}/slownik.csv"))
    assert [d["column"] for d in dictionary] == names
    assert all(d["type"] and d["meaning"] for d in dictionary)


def test_the_downloads_hold_exactly_the_public_records(client, published):
    organisations = {r["name"] for r in _csv(client.get("/dane/organizacje.csv"))}
    assert organisations == set(
        Organisation.objects.public().values_list("name", flat=True)
    )
    grants = _csv(client.get("/dane/dotacje.csv"))
    assert [(g["number"], g["granted_amount"]) for g in grants] == [
        ("1/2026", "8000.00")
    ]
    assert Offer.objects.filter(status="selected").count() == 1
    comments = _csv(client.get("/dane/uwagi.csv"))
    assert [int(c["id"]) for c in comments] == list(
        Comment.objects.visible().values_list("pk", flat=True)
    )
    assert "Tekst ukryty przez urząd" not in str(comments)


def test_an_unchanged_dataset_is_served_from_storage_and_a_change_rebuilds_it(
    client, published
):
    client.get("/dane/organizacje.csv")
    stored = DatasetFile.objects.get(dataset="organizacje", format="csv")
    with CaptureQueriesContext(connection) as queries:
        client.get("/dane/organizacje.csv")
    assert not any('FROM "ngos_organisation"' in q["sql"] for q in queries)
    assert DatasetFile.objects.get(pk=stored.pk).generated_at == stored.generated_at
    with TestCase.captureOnCommitCallbacks(execute=True):
        OrganisationFactory(name="Stowarzyszenie Nowe")
    assert not datasets.is_current(datasets.BY_SLUG["organizacje"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.get("/dane/organizacje.csv")
    assert "Stowarzyszenie Nowe" in {
        r["name"] for r in _csv(client.get("/dane/organizacje.csv"))
    }


def test_the_catalogue_describes_every_dataset_in_dcat_ap(client, published):
    client.get("/dane/organizacje.csv")
    response = client.get("/dane/katalog.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    catalogue = response.json()
    assert catalogue["@type"] == "dcat:Catalog"
    entries = {d["dct:identifier"]: d for d in catalogue["dcat:dataset"]}
    assert set(entries) == {d.slug for d in datasets.DATASETS}
    organisations = entries["organizacje"]
    for key in (
        "dct:title",
        "dct:description",
        "dct:license",
        "dct:accrualPeriodicity",
    ):
        assert organisations[key]
    formats = {d["dct:format"] for d in organisations["dcat:distribution"]}
    assert formats == {"CSV", "JSON"}
    csv_distribution = next(
        d for d in organisations["dcat:distribution"] if d["dct:format"] == "CSV"
    )
    assert csv_distribution["dcat:byteSize"] > 0
    assert client.get(csv_distribution["dcat:downloadURL"]["@id"]).status_code == 200


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/kanaly/konkursy.xml", "Konkurs ogłoszony"),
        ("/kanaly/wyniki.xml", "Konkurs rozstrzygnięty"),
        ("/kanaly/konsultacje.xml", None),
    ],
)
def test_the_feeds_are_atom_read_by_a_feed_reader(client, published, path, title):
    response = client.get(path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.entries
    for entry in feed.entries:
        assert entry.title and entry.link and entry.id and entry.updated
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids))
    if title:
        assert any(title in e.title for e in feed.entries)
    assert "Konkurs w przygotowaniu" not in response.content.decode()


def test_the_reports_feed_lists_published_reports(client, published):
    consultation = published["public"]["consultations"][0]
    type(consultation).objects.filter(pk=consultation.pk).update(
        status="report_published",
        report_published_at=consultation.end_at,
        report_summary="Uwzględniono dwie uwagi.",
    )
    feed = feedparser.parse(client.get("/kanaly/sprawozdania.xml").content)
    assert not feed.bozo
    assert [e.summary for e in feed.entries] == ["Uwzględniono dwie uwagi."]
