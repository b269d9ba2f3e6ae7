"""The datasets and Atom feeds of small grants, local initiatives, the programmes and
their reports: public records only, read back with independent tools (csv, json,
feedparser)."""

import csv
import io
import json

import feedparser
import pytest
from django.utils import timezone

from cooperation.api import datasets
from tests.api import records

pytestmark = pytest.mark.django_db

PERSONAL = (
    records.CONTACT_NAME,
    records.CONTACT_EMAIL,
    records.BANK_ACCOUNT,
    records.LEADER_NAME,
    records.LEADER_EMAIL,
    records.CO_APPLICANT,
    records.COMMENTER,
    records.CLERK_NOTE,
    "600100200",
    "niejawn",
)


def _content(response):
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def _rows(client, slug):
    text = _content(client.get(f"/dane/{slug}.csv"))
    as_json = json.loads(_content(client.get(f"/dane/{slug}.json")))
    for personal in PERSONAL:
        assert personal not in text, (slug, personal)
        assert personal not in json.dumps(as_json, ensure_ascii=False)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [{k: str(v) for k, v in row.items()} for row in as_json["rows"]] == rows
    return rows


def test_the_small_grants_dataset_holds_the_published_offers(client, published):
    rows = _rows(client, "male-granty")
    public = published["public"]["small-grants"]
    assert {int(r["id"]) for r in rows} == {o.pk for o in public}
    by_id = {int(r["id"]): r for r in rows}
    open_small, _closed, contracted, unsigned = public
    assert by_id[open_small.pk]["requested_grant"] == "5000.00"
    assert by_id[open_small.pk]["comments_until"] == (
        open_small.last_comment_day.isoformat()
    )
    assert by_id[open_small.pk]["contract_number"] == ""
    signed = by_id[contracted.pk]
    assert signed["contract_number"] == contracted.contract.number
    assert (signed["contract_grant"], signed["transferred"]) == ("5000.00", "2000.00")
    assert by_id[unsigned.pk]["contract_number"] == ""


def test_the_initiatives_dataset_holds_the_accepted_initiatives(client, published):
    rows = _rows(client, "inicjatywy-lokalne")
    public = published["public"]["local-initiatives"]
    assert {int(r["id"]) for r in rows} == {a.pk for a in public}
    for row in rows:
        assert row["social_work_value"] == "1200.00"
        assert row["residents_contribution"] == "1950.00"
        assert row["municipality_amount"] == "3000.00"
    agreed = {int(r["id"]): r["agreement_number"] for r in rows}
    assert agreed[public[1].pk] == public[1].agreement.number
    assert agreed[public[0].pk] == ""


def test_the_programmes_dataset_holds_the_public_programmes(client, published):
    rows = _rows(client, "programy")
    (programme,) = published["public"]["programmes"]
    planned = sum(p.planned_funds for p in programme.priorities.all())
    assert [(r["year"], r["planned_funds"], r["priority_count"]) for r in rows] == [
        ("2027", f"{planned:.2f}", str(programme.priorities.count()))
    ]


def test_the_reports_dataset_holds_the_published_reports_as_corrected(
    client, published
):
    rows = _rows(client, "sprawozdania-z-programu")
    assert [r["year"] for r in rows] == ["2027"]
    assert rows[0]["small_grants_received"] == "7"
    assert rows[0]["published_on"] == "2028-05-10"
    dictionary = {
        d["column"]: d
        for d in csv.DictReader(
            io.StringIO(
                _content(client.get("/dane/sprawozdania-z-programu/slownik.csv"))
            )
        )
    }
    assert dictionary["funds_granted"]["type"] == "number"
    assert dictionary["funds_granted"]["meaning"].endswith("(PLN)")
    assert dictionary["small_grants_received"]["type"] == "integer"


def test_the_new_datasets_are_in_the_catalogue(client, published):
    catalogue = client.get("/dane/katalog.jsonld").json()
    entries = {d["dct:identifier"]: d for d in catalogue["dcat:dataset"]}
    for slug in (
        "male-granty",
        "inicjatywy-lokalne",
        "programy",
        "sprawozdania-z-programu",
    ):
        entry = entries[slug]
        assert entry["dct:title"] and entry["dct:description"]
        assert entry["dct:license"]["@id"]
        assert entry["dct:accrualPeriodicity"]["@id"].startswith(datasets.FREQUENCY)
        assert {d["dct:format"] for d in entry["dcat:distribution"]} == {"CSV", "JSON"}
        assert client.get(entry["dct:conformsTo"]["@id"]).status_code == 200


def _feed(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    for entry in feed.entries:
        assert entry.title and entry.link and entry.id and entry.updated
        assert entry.published
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    text = response.content.decode()
    for personal in PERSONAL:
        assert personal not in text
    return feed


def test_the_small_grants_feed_lists_the_offers_open_for_comments(client, published):
    open_small = published["public"]["small-grants"][0]
    feed = _feed(client, "/kanaly/male-granty.xml")
    assert [e.title for e in feed.entries] == [open_small.title]
    (entry,) = feed.entries
    assert entry.link.endswith(f"/male-granty/{open_small.pk}/")
    assert open_small.last_comment_day.isoformat() in entry.summary
    assert "5000.00" in entry.summary
    # Once the period is over, the offer leaves the feed.
    type(open_small).objects.filter(pk=open_small.pk).update(
        comments_until=timezone.localdate()
    )
    assert _feed(client, "/kanaly/male-granty.xml").entries == []


def test_the_programme_reports_feed_lists_the_published_reports(client, published):
    feed = _feed(client, "/kanaly/sprawozdania-z-programu.xml")
    assert [e.summary for e in feed.entries] == ["Podsumowanie roku 2027."]
    (entry,) = feed.entries
    assert "2027" in entry.title
    assert entry.link.endswith("/program-wspolpracy/2027/sprawozdanie/")
    assert entry.published.startswith("2028-05-10T00:00:00")


def test_the_datasets_page_links_the_new_feeds(client, published):
    html = client.get("/dane/").content.decode()
    assert "/kanaly/male-granty.xml" in html
    assert "/kanaly/sprawozdania-z-programu.xml" in html


def test_the_contracts_dataset_names_a_small_grants_offeror(client, published):
    contracted = published["public"]["small-grants"][2]
    rows = _rows(client, "umowy")
    (row,) = [r for r in rows if r["small_grant_id"] == str(contracted.pk)]
    assert row["offeror_name"] == contracted.offeror_name
    assert row["organisation_slug"] == contracted.organisation.slug
    assert row["offer_number"] == contracted.number
    assert (row["grant"], row["transferred"]) == ("5000.00", "2000.00")
    assert row["competition_id"] == ""
