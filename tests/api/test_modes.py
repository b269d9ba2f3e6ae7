"""``/api/v1/small-grants/``, ``/local-initiatives/`` and ``/annual-reports/``, and the
lists beside them: public records only, as anonymous and with a token, paged to the
end against the database, at a constant number of queries, with conditional GET."""

import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate

from consultations.models import Comment, Consultation
from cooperation.evaluation.models import AnnualReport
from cooperation.programme.models import Programme
from grants.models import (
    Competition,
    Contract,
    InitiativeApplication,
    Offer,
    SmallGrantOffer,
)
from ngos.models import Organisation, PublicBenefitSphere
from tests.api import records
from tests.grants.factories import PriorityFactory, ProgrammeFactory
from workshops.models import Event

pytestmark = pytest.mark.django_db

NEW = ["small-grants", "local-initiatives", "annual-reports"]


def _expected_counts():
    """How many records each list should hold, counted from the database by the
    rules of the public pages (written here independently of the API's querysets)."""
    return {
        "organisations": Organisation.objects.filter(
            is_public=True, verified_at__isnull=False
        ).count(),
        "spheres": PublicBenefitSphere.objects.count(),
        "competitions": Competition.objects.exclude(status="draft").count(),
        "results": Offer.objects.filter(
            competition__status="results_published",
            status__in=["selected", "not_selected", "formally_rejected", "withdrawn"],
        ).count(),
        "contracts": Contract.objects.exclude(signed_on=None).count(),
        "small-grants": SmallGrantOffer.objects.filter(
            status__in=["published", "comments_closed", "contracted"]
        ).count(),
        "local-initiatives": InitiativeApplication.objects.filter(
            status__in=["accepted", "agreement", "done"]
        ).count(),
        "consultations": Consultation.objects.exclude(status="draft").count(),
        "comments": Comment.objects.filter(hidden_at=None)
        .exclude(consultation__status="draft")
        .count(),
        "events": Event.objects.exclude(status="draft").count(),
        "programmes": Programme.objects.exclude(status="drafting").count(),
        "annual-reports": AnnualReport.objects.filter(status="published").count(),
    }


def _walk(client, name):
    """Every record of a list, following ``next`` one record a page to the end."""
    found, url, pages = [], f"/api/v1/{name}/?page_size=1", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        data = response.json()
        found += data["results"]
        url = data["next"]
        pages += 1
        assert pages < 200
    assert pages == max(len(found), 1)
    assert len(found) == data["count"]
    return found


def test_the_schema_describes_the_new_lists_and_validates(client, capsys):
    schema = client.get("/api/v1/schema/").json()
    validate(schema)
    assert "Warning" not in capsys.readouterr().err
    for name in NEW:
        assert f"/api/v1/{name}/" in schema["paths"]
    detail = {
        "small-grants": "/api/v1/small-grants/{id}/",
        "local-initiatives": "/api/v1/local-initiatives/{id}/",
        "annual-reports": "/api/v1/annual-reports/{year}/",
    }
    for path in detail.values():
        assert path in schema["paths"]
    components = schema["components"]["schemas"]
    grant = components["SmallGrant"]["properties"]
    assert grant["requested_grant"]["format"] == "decimal"
    assert grant["comments_until"]["format"] == "date"
    totals = components["ReportTotals"]["properties"]
    assert totals["funds_granted"]["format"] == "decimal"
    assert totals["small_grants_received"]["type"] == "integer"
    for forbidden in ("contact_name", "contact_email", "offeror_bank_account"):
        assert forbidden not in grant
    initiative = components["LocalInitiative"]["properties"]
    for forbidden in ("leader_name", "leader_email", "co_applicants", "total_points"):
        assert forbidden not in initiative


@pytest.mark.parametrize("who", ["anonymous", "token"])
def test_every_list_pages_to_the_end_with_the_databases_count(
    request, client, published, who
):
    if who == "token":
        client = request.getfixturevalue("token_client")
    expected = _expected_counts()
    assert expected["small-grants"] and expected["local-initiatives"]
    for name, count in expected.items():
        assert len(_walk(client, name)) == count, name


@pytest.mark.parametrize("who", ["anonymous", "token"])
def test_the_new_lists_hold_public_records_only_and_nothing_personal(
    request, client, published, who
):
    if who == "token":
        client = request.getfixturevalue("token_client")
    for name in NEW:
        key = "year" if name == "annual-reports" else "id"
        shown = _walk(client, name)
        assert {r[key] for r in shown} == {
            getattr(o, key) for o in published["public"][name]
        }, name
        for hidden in published["private"][name]:
            response = client.get(f"/api/v1/{name}/{getattr(hidden, key)}/")
            assert response.status_code == 404, (name, hidden)
        for public in published["public"][name]:
            response = client.get(f"/api/v1/{name}/{getattr(public, key)}/")
            assert response.status_code == 200
            shown.append(response.json())
        text = json.dumps(shown, ensure_ascii=False)
        for personal in (
            records.CONTACT_NAME,
            records.CONTACT_EMAIL,
            records.BANK_ACCOUNT,
            records.LEADER_NAME,
            records.LEADER_EMAIL,
            records.CO_APPLICANT,
            records.COMMENTER,
            records.CLERK_NOTE,
            "600100200",
            "Wulgaryzmy",
            "niejawn",
        ):
            assert personal not in text, (name, personal)


def test_a_small_grant_shows_its_amounts_comment_period_and_outcome(client, published):
    open_small, _closed, contracted, unsigned = published["public"]["small-grants"]
    record = client.get(f"/api/v1/small-grants/{open_small.pk}/").json()
    assert record["status"] == "published"
    assert record["requested_grant"] == "5000.00"
    assert record["total_costs"] == "5000.00"
    assert record["costs"] == [{"name": "Nagłośnienie", "total": "5000.00"}]
    assert record["comments_from"] == open_small.published_on.isoformat()
    assert record["comments_until"] == open_small.last_comment_day.isoformat()
    assert record["comment_count"] == 1
    assert record["contract"] is None
    assert record["page"].endswith(f"/male-granty/{open_small.pk}/")
    signed = client.get(f"/api/v1/small-grants/{contracted.pk}/").json()
    assert signed["status"] == "contracted"
    assert signed["contract"]["grant"] == "5000.00"
    assert signed["contract"]["transferred"] == "2000.00"
    assert signed["organisation"]["slug"] == contracted.organisation.slug
    assert client.get(signed["contract"]["url"]).status_code == 200
    draft_contract = client.get(f"/api/v1/small-grants/{unsigned.pk}/").json()
    assert draft_contract["contract"] is None
    listed = client.get("/api/v1/small-grants/?status=contracted").json()
    assert {r["id"] for r in listed["results"]} == {contracted.pk, unsigned.pk}


def test_a_signed_small_grant_contract_is_among_the_contracts(client, published):
    contracted = published["public"]["small-grants"][2]
    contracts = client.get("/api/v1/contracts/").json()["results"]
    (record,) = [c for c in contracts if c["title"] == contracted.title]
    assert record["grant"] == "5000.00"
    assert record["transferred"] == "2000.00"
    assert record["competition"] is None and record["result"] is None
    assert record["small_grant"].endswith(f"/api/v1/small-grants/{contracted.pk}/")
    assert record["organisation"]["slug"] == contracted.organisation.slug
    assert records.BANK_ACCOUNT not in str(contracts)
    assert records.CONTACT_NAME not in str(contracts)


def test_an_initiative_shows_both_contributions_and_its_agreement(client, published):
    accepted, agreed, _done = published["public"]["local-initiatives"]
    record = client.get(f"/api/v1/local-initiatives/{agreed.pk}/").json()
    assert record["place"] == "Skwer przy ul. Mariańskiej"
    assert record["social_work_hours"] == 40
    assert record["social_work_value"] == "1200.00"
    assert record["residents_contribution"] == "1950.00"
    assert record["municipality_amount"] == "3000.00"
    assert record["agreement"] == {
        "number": agreed.agreement.number,
        "concluded_on": agreed.agreement.concluded_on.isoformat(),
        "starts_on": "2027-05-01",
        "ends_on": "2027-06-30",
    }
    assert (
        client.get(f"/api/v1/local-initiatives/{accepted.pk}/").json()["agreement"]
        is None
    )


def test_a_report_shows_its_kept_figures_as_corrected(client, published):
    (report,) = published["public"]["annual-reports"]
    record = client.get("/api/v1/annual-reports/2027/").json()
    assert record["published_on"] == "2028-05-10"
    assert record["totals"]["small_grants_received"] == 7
    kept = report.figures["modes"]["small_grants_received"]
    assert kept != 7
    assert record["corrections"] == [
        {
            "key": "modes.small_grants_received",
            "label": "Oferty w trybie art. 19a",
            "computed": f"{kept}.00",
            "value": "7.00",
            "reason": "Dwie oferty złożone na papierze.",
        }
    ]
    planned = sum(p.planned_funds for p in report.programme.priorities.all())
    assert record["totals"]["planned_in_programme"] == f"{planned:.2f}"
    assert {p["priority"] for p in record["priorities"]} == set(
        report.programme.priorities.values_list("title", flat=True)
    )
    assert record["programme"].endswith("/api/v1/programmes/2027/")
    assert record["pdf"].endswith("/program-wspolpracy/2027/sprawozdanie.pdf")


# --- Query counts at 1 and N rows -------------------------------------------------


def _more_small_grants(n):
    task = PriorityFactory(programme=ProgrammeFactory(year=2027))
    for _ in range(n):
        offer = records.small_grant(task, "contracted")
        records.small_grant_comment(offer)
        records.contract_for(offer, signed=True, paid="100.00")


def _more_initiatives(n):
    for _ in range(n):
        records.initiative("agreement", agreement=True)


def _more_reports(n, start=[2000]):  # noqa: B006 - the years given so far
    for _ in range(n):
        start[0] += 1
        programme = ProgrammeFactory(year=start[0], status="closed")
        PriorityFactory(programme=programme)
        records.annual_report(start[0], "published", programme, correct=True)


def _more_contracts(n):
    task = PriorityFactory(programme=ProgrammeFactory(year=2027))
    for _ in range(n):
        records.contract_for(
            records.small_grant(task, "contracted"), signed=True, paid="100.00"
        )


def _more_programmes(n, start=[2100]):  # noqa: B006 - the years given so far
    for _ in range(n):
        start[0] += 1
        PriorityFactory(programme=ProgrammeFactory(year=start[0], status="in_force"))


GROW = {
    "small-grants": _more_small_grants,
    "local-initiatives": _more_initiatives,
    "annual-reports": _more_reports,
    "contracts": _more_contracts,
    "programmes": _more_programmes,
}


@pytest.mark.parametrize("name", list(GROW))
def test_a_list_reads_as_many_queries_for_one_record_as_for_ten(client, name):
    def queries(path):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, response.content[:300]
        return len(captured), response.json()

    GROW[name](1)
    one, data = queries(f"/api/v1/{name}/?page_size=50")
    assert data["count"] == 1
    key = "year" if name in ("annual-reports", "programmes") else "id"
    detail_one, _ = queries(f"/api/v1/{name}/{data['results'][0][key]}/")
    GROW[name](9)
    ten, data = queries(f"/api/v1/{name}/?page_size=50")
    assert data["count"] == 10
    assert ten == one
    detail_ten, _ = queries(f"/api/v1/{name}/{data['results'][0][key]}/")
    assert detail_ten == detail_one


# --- Conditional GET ----------------------------------------------------------------


def _change(name, obj):
    with TestCase.captureOnCommitCallbacks(execute=True):
        if name == "annual-reports":
            obj.summary = "Nowe podsumowanie."
        else:
            obj.title = f"{obj.title} (zmieniony)"
        obj.save()


@pytest.mark.parametrize("name", NEW)
def test_an_unchanged_list_or_record_answers_not_modified(client, published, name):
    obj = published["public"][name][0]
    key = obj.year if name == "annual-reports" else obj.pk
    for path in (f"/api/v1/{name}/", f"/api/v1/{name}/{key}/"):
        first = client.get(path)
        etag = first["ETag"]
        assert etag
        with CaptureQueriesContext(connection) as captured:
            again = client.get(path, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304
        assert len(captured) == 0
    modified = client.get(f"/api/v1/{name}/{key}/")["Last-Modified"]
    assert (
        client.get(
            f"/api/v1/{name}/{key}/", HTTP_IF_MODIFIED_SINCE=modified
        ).status_code
        == 304
    )
    etag = client.get(f"/api/v1/{name}/")["ETag"]
    _change(name, obj)
    changed = client.get(f"/api/v1/{name}/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_transfer_or_a_new_comment_changes_the_small_grants_etag(client, published):
    contracted = published["public"]["small-grants"][2]
    etag = client.get("/api/v1/small-grants/")["ETag"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        records.Payment.objects.create(
            contract=contracted.contract,
            instalment=2,
            paid_on=contracted.contract.signed_on,
            amount="500.00",
        )
    changed = client.get("/api/v1/small-grants/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    (record,) = [r for r in changed.json()["results"] if r["id"] == contracted.pk]
    assert record["contract"]["transferred"] == "2500.00"
    detail = f"/api/v1/small-grants/{contracted.pk}/"
    etag = client.get(detail)["ETag"]
    assert client.get(detail, HTTP_IF_NONE_MATCH=etag).status_code == 304
    with TestCase.captureOnCommitCallbacks(execute=True):
        records.small_grant_comment(contracted)
    changed = client.get(detail, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["comment_count"] == 1


def test_an_initiative_shows_what_the_residents_delivered_so_far(client, published):
    from django.core.files.base import ContentFile

    from grants.models import ContributionKind, InitiativeContribution

    _accepted, agreed, _done = published["public"]["local-initiatives"]
    before = client.get(f"/api/v1/local-initiatives/{agreed.pk}/").json()
    assert (before["delivered_hours"], before["delivered_value"]) == (0, "0.00")
    for kind, hours, amount in (
        (ContributionKind.WORK, 12, Decimal("360.00")),
        (ContributionKind.WORK, 3, Decimal("90.00")),
        (ContributionKind.CASH, 0, Decimal("150.50")),
    ):
        contribution = InitiativeContribution(
            application=agreed,
            kind=kind,
            delivered_on=agreed.start_date,
            description="Sprzątanie skweru",
            hours=hours,
            hour_rate=Decimal("30.00") if hours else Decimal("0.00"),
            amount=amount,
            evidence_sha256="0" * 64,
        )
        contribution.evidence.save("lista.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        contribution.save()
    after = client.get(f"/api/v1/local-initiatives/{agreed.pk}/").json()
    assert (after["delivered_hours"], after["delivered_value"]) == (15, "600.50")
