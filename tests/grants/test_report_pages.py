"""The organisation's report pages: who may see and fill them, each step saved, the
checks that block submission, the representatives' confirmations, the submission
through the service and a round of corrections."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import formats, timezone

from cooperation.core.workflow import history
from grants import services
from grants.models import Report, ReportAttachment
from grants.services import report_signing
from ngos.models import Representative
from tests.grants import test_contracts, test_reports
from tests.ngos.factories import MembershipFactory

pytestmark = pytest.mark.django_db
awarded = test_contracts.awarded
accepted = test_contracts.accepted
templates = test_contracts.templates
report_template = test_reports.report_template

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(accepted, clerk, report_template):
    """A signed contract of org A, its final report open, and the two board members
    who sign together linked to their accounts (Anna Nowak is member A)."""
    contract = test_contracts._signed(accepted, clerk)
    services.contract_start(contract=contract, actor=clerk)
    second = MembershipFactory(
        organisation=accepted.org_a, user__email="jan@example.org", signs=False
    ).user
    anna = Representative.objects.get(name="Anna Nowak")
    anna.user = accepted.member_a
    anna.save()
    jan = Representative.objects.get(name="Jan Kowalski")
    jan.user = second
    jan.save()
    report = services.report_open_final(contract=contract, actor=accepted.member_a)
    accepted.contract, accepted.report, accepted.second = contract, report, second
    return accepted


def _step(report, n):
    return reverse("grants:report-step", args=[report.pk, n])


def _part_one(report, **override):
    data = {
        "results-TOTAL_FORMS": len(report.content["results"]),
        "results-INITIAL_FORMS": len(report.content["results"]),
        "actions-TOTAL_FORMS": len(report.content["actions"]),
        "actions-INITIAL_FORMS": len(report.content["actions"]),
        "lasting_results": "Grupa seniorów spotyka się dalej.",
    }
    for n, row in enumerate(report.content["results"]):
        data[f"results-{n}-achieved"] = row["target_value"]
        data[f"results-{n}-measured_by"] = "lista obecności"
    for n, _row in enumerate(report.content["actions"]):
        data[f"actions-{n}-done"] = "Zrealizowane zgodnie z harmonogramem."
        data[f"actions-{n}-deviations"] = ""
        data[f"actions-{n}-by_non_party"] = ""
    data.update(override)
    return data


def _part_two(report, grant="7200,00", own="800,00", **override):
    costs = report.content["costs"]
    year = report.period_end.year
    data = {
        "costs-TOTAL_FORMS": len(costs),
        "costs-INITIAL_FORMS": len(costs),
        "funding-grant": grant,
        "funding-own_financial": own,
        "funding-own_non_financial": "0",
        "funding-recipient_payments": "0",
        "other_income": "Brak.",
        "recipient_payments": "Nie pobierano.",
    }
    for n, row in enumerate(costs):
        data[f"costs-{n}-incurred_{year}"] = str(row["planned"]).replace(".", ",")
    data.update(override)
    return data


def _fill(client, report):
    assert client.post(_step(report, 2), _part_one(report)).status_code == 302
    total = sum(Decimal(c["planned"]) for c in report.content["costs"])
    own = Decimal("800.00")
    data = _part_two(
        report,
        grant=str(total - own).replace(".", ","),
        own=str(own).replace(".", ","),
    )
    assert client.post(_step(report, 3), data).status_code == 302
    assert client.post(_step(report, 4), {"part_three": "Bez uwag."}).status_code == 302


def test_another_organisations_person_gets_404_and_a_non_representative_403(
    world, client
):
    report = world.report
    client.force_login(world.member_b)
    for url in (
        _step(report, 1),
        reverse("grants:report-detail", args=[report.pk]),
        reverse("grants:report-documents", args=[report.pk]),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("grants:report-submit", args=[report.pk])).status_code
        == 404
    )
    client.force_login(world.editor_a)
    assert client.get(_step(report, 2)).status_code == 403
    assert client.post(_step(report, 4), {"part_three": "x"}).status_code == 403
    report.refresh_from_db()
    assert report.content["part_three"] == ""
    # The editor may read the report, not submit it.
    assert (
        client.get(reverse("grants:report-detail", args=[report.pk])).status_code == 200
    )
    assert (
        client.post(reverse("grants:report-submit", args=[report.pk])).status_code
        == 403
    )


def test_each_step_saves_and_an_error_keeps_what_was_typed(world, client):
    report = world.report
    client.force_login(world.member_a)
    page = client.get(_step(report, 1))
    assert world.contract.number in page.content.decode()
    response = client.post(_step(report, 1), {"next": "1"})
    assert response.headers["Location"] == _step(report, 2)

    response = client.post(_step(report, 2), {**_part_one(report), "next": "1"})
    assert response.headers["Location"] == _step(report, 3)
    report.refresh_from_db()
    assert report.content["lasting_results"] == "Grupa seniorów spotyka się dalej."
    assert all(r["measured_by"] == "lista obecności" for r in report.content["results"])
    assert report.content["results"][0]["name"], "the contract's result stays named"

    bad = _part_two(report, grant="12,345", other_income="Sponsor: 100 zł")
    response = client.post(_step(report, 3), bad)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Sponsor: 100 zł" in text and 'value="12,345"' in text
    report.refresh_from_db()
    assert report.content["funding"] == []

    response = client.post(_step(report, 3), _part_two(report))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.content["funding"][0] == {
        "key": "grant",
        "name": "Dotacja",
        "amount": "7200.00",
        "grant": True,
    }
    assert (
        report.content["costs"][0]["incurred"] == report.content["costs"][0]["planned"]
    )
    assert report.content["other_income"] == "Brak."

    response = client.post(_step(report, 4), {"part_three": "Bez uwag.", "next": "1"})
    assert response.headers["Location"] == reverse(
        "grants:report-documents", args=[report.pk]
    )
    report.refresh_from_db()
    assert report.content["part_three"] == "Bez uwag."


def test_part_two_is_prefilled_from_the_contract(world, client):
    report = world.report
    client.force_login(world.member_a)
    text = client.get(_step(report, 3)).content.decode()
    terms = world.contract.current_terms()
    assert terms["costs"][0]["name"] in text
    assert 'name="funding-own_financial" value="800,00"' in text


def test_documents_with_files_and_their_limits(world, client, settings):
    report = world.report
    client.force_login(world.member_a)
    url = reverse("grants:report-documents", args=[report.pk])
    response = client.post(
        url,
        {"name": "Faktura 1/2026", "file": SimpleUploadedFile("f.pdf", PDF)},
    )
    assert response.status_code == 302
    document = ReportAttachment.objects.get(report=report)
    assert document.size == len(PDF)
    assert client.get(document.file.url).status_code == 200
    client.force_login(world.member_b)
    assert client.get(document.file.url).status_code == 404

    client.force_login(world.member_a)
    response = client.post(
        url, {"name": "Program", "file": SimpleUploadedFile("a.html", b"<html>")}
    )
    assert response.status_code == 400
    settings.UPLOAD_MAX_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    response = client.post(
        url, {"name": "Duży skan", "file": SimpleUploadedFile("big.pdf", big)}
    )
    assert response.status_code == 400
    assert "Duży skan" in response.content.decode()
    assert ReportAttachment.objects.filter(report=report).count() == 1
    remove = reverse("grants:report-document-remove", args=[report.pk, document.pk])
    assert client.post(remove).status_code == 302
    assert not ReportAttachment.objects.filter(report=report).exists()


def test_problems_and_missing_signatures_block_submission(world, client):
    report = world.report
    client.force_login(world.member_a)
    detail = reverse("grants:report-detail", args=[report.pk])
    text = client.get(detail).content.decode()
    assert "Część I: podaj, co osiągnięto w rezultacie" in text
    client.post(reverse("grants:report-submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "draft"

    # Costs beyond the permitted shift and sources that do not add up.
    client.post(_step(report, 2), _part_one(report))
    costs = report.content["costs"]
    year = report.period_end.year
    over = Decimal(costs[0]["planned"]) * 2
    client.post(
        _step(report, 3),
        _part_two(report, **{f"costs-0-incurred_{year}": str(over).replace(".", ",")}),
    )
    report.refresh_from_db()
    problems = report_signing.report_all_problems(report)
    assert any(
        p.startswith("Pozycja kosztorysu") and "przesunię" in p for p in problems
    )
    assert any("sumy muszą być równe" in p for p in problems)
    text = client.get(detail).content.decode()
    assert "sumy muszą być równe" in text
    response = client.post(reverse("grants:report-submit", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "draft"

    # It adds up now, but one of the two representatives has not confirmed.
    _fill(client, report)
    report.refresh_from_db()
    assert report_signing.report_all_problems(report) == []
    checksum = report_signing.report_checksum(report)
    client.post(
        reverse("grants:report-confirm", args=[report.pk]), {"checksum": checksum}
    )
    client.post(reverse("grants:report-submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "draft"
    assert report_signing.report_signature_problems(report) == [
        "Potrzebne jest jeszcze 1 potwierdzenie przedstawiciela (wymagane: 2); "
        "potwierdzić mają jeszcze: Jan Kowalski (Skarbnik)."
    ]


def test_a_change_after_a_confirmation_voids_it(world, client):
    report = world.report
    client.force_login(world.member_a)
    _fill(client, report)
    report.refresh_from_db()
    checksum = report_signing.report_checksum(report)
    client.post(
        reverse("grants:report-confirm", args=[report.pk]), {"checksum": checksum}
    )
    client.post(_step(report, 4), {"part_three": "Zmiana po potwierdzeniu."})
    report.refresh_from_db()
    assert report_signing.report_signature_status(report).confirmed == []
    client.force_login(world.second)
    client.post(
        reverse("grants:report-confirm", args=[report.pk]), {"checksum": checksum}
    )
    report.refresh_from_db()
    assert report_signing.report_signature_status(report).confirmed == []


def _sign_and_submit(client, world, report):
    checksum = report_signing.report_checksum(report)
    for user in (world.member_a, world.second):
        client.force_login(user)
        response = client.post(
            reverse("grants:report-confirm", args=[report.pk]), {"checksum": checksum}
        )
        assert response.status_code == 302
    return client.post(reverse("grants:report-submit", args=[report.pk]))


def test_submission_goes_through_the_service_and_a_correction_round(
    world, client, clerk
):
    report = world.report
    client.force_login(world.member_a)
    _fill(client, report)
    report.refresh_from_db()
    assert _sign_and_submit(client, world, report).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.submitted_on == timezone.localdate()
    assert report.signed_for_organisation == (
        "Anna Nowak (Prezes Zarządu), Jan Kowalski (Skarbnik)"
    )
    changes = list(history(report))
    assert changes[-1].to_status == "submitted"
    assert changes[-1].actor == world.second
    assert [c.to_status for c in changes].count("confirmed") == 2
    # Frozen now: the steps say so.
    response = client.get(_step(report, 2))
    assert response.headers["Location"] == reverse(
        "grants:report-detail", args=[report.pk]
    )

    due = timezone.localdate() + timedelta(days=7)
    services.report_request_corrections(
        report=report, actor=clerk, request="Proszę wyjaśnić koszt trenera.", due_on=due
    )
    client.force_login(world.member_a)
    deadline = formats.date_format(due, "DATE_FORMAT")
    for url in (
        reverse("grants:my-contracts"),
        _step(report, 1),
        _step(report, 3),
        reverse("grants:report-detail", args=[report.pk]),
    ):
        text = client.get(url).content.decode()
        assert "Proszę wyjaśnić koszt trenera." in text, url
        assert deadline in text, url
    client.post(_step(report, 4), {"part_three": "Trener prowadził 10 godzin."})
    report.refresh_from_db()
    assert report.status == "corrections"
    assert report_signing.report_signature_status(report).confirmed == []
    assert _sign_and_submit(client, world, report).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.content["part_three"] == "Trener prowadził 10 godzin."
    assert [c.to_status for c in history(report) if c.to_status != "confirmed"] == [
        "draft",
        "submitted",
        "corrections",
        "submitted",
    ]


def test_my_contracts_lists_the_reports_with_what_is_due_next(world, client):
    report = world.report
    client.force_login(world.member_a)
    text = client.get(reverse("grants:my-contracts")).content.decode()
    assert _step(report, 1) in text
    assert report.due_on.strftime("%Y") in text
    client.force_login(world.editor_a)
    text = client.get(reverse("grants:my-contracts")).content.decode()
    assert _step(report, 1) not in text
    assert reverse("grants:report-detail", args=[report.pk]) in text


def test_a_representative_starts_the_final_report_from_my_contracts(
    accepted, clerk, client, report_template
):
    contract = test_contracts._signed(accepted, clerk)
    client.force_login(accepted.member_a)
    assert (
        "Start the final report"
        in client.get(reverse("grants:my-contracts")).content.decode()
        or "sprawozdanie końcowe"
        in client.get(reverse("grants:my-contracts")).content.decode()
    )
    client.force_login(accepted.editor_a)
    url = reverse("grants:report-open", args=[contract.pk])
    assert client.post(url).status_code == 403
    client.force_login(accepted.member_a)
    response = client.post(url)
    report = Report.objects.get(contract=contract)
    assert report.kind == "final"
    assert response.headers["Location"] == _step(report, 1)
    client.post(url)
    assert Report.objects.filter(contract=contract).count() == 1


def test_pinned_queries_of_the_list_and_the_step_pages(
    world, client, django_assert_num_queries
):
    report = world.report
    client.force_login(world.member_a)
    url = reverse("grants:my-contracts")
    client.get(url)
    # The contracts with their offers, their payments, annexes, reports and refunds,
    # their history, and the chosen offers still without a contract; the session,
    # the person and their roles come from the cache after the first visit.
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
    for n in (1, 2, 3, 4):
        client.get(_step(report, n))
        # The report with its contract (the session, the person and their roles come
        # from the cache).
        with django_assert_num_queries(1):
            assert client.get(_step(report, n)).status_code == 200
    detail = reverse("grants:report-detail", args=[report.pk])
    client.get(detail)
    # The report with its contract, its documents (listed and in the checksum), the
    # representation with its members and the representatives' memberships (the
    # session, the person and their roles come from the cache).
    with django_assert_num_queries(5):
        assert client.get(detail).status_code == 200


def test_the_clerk_sees_the_documents_listed_with_the_report_in_the_admin(
    world, client, clerk
):
    from allauth.mfa.models import Authenticator

    report = world.report
    client.force_login(world.member_a)
    client.post(
        reverse("grants:report-documents", args=[report.pk]),
        {"name": "Faktura 7/2026", "file": SimpleUploadedFile("f.pdf", PDF)},
    )
    Authenticator.objects.get_or_create(
        user=clerk, type=Authenticator.Type.TOTP, defaults={"data": {}}
    )
    client.force_login(clerk)
    page = client.get(reverse("admin:grants_report_change", args=[report.pk]))
    assert page.status_code == 200
    assert "Faktura 7/2026" in page.content.decode()


def test_costs_of_a_multi_year_task_are_reported_by_year():
    from datetime import date

    from grants.report_forms import StepForms, report_years

    report = Report(
        kind="yearly",
        period_start=date(2026, 3, 1),
        period_end=date(2027, 6, 30),
        terms={
            "years": [
                {"year": 2026, "amount": "1000.00"},
                {"year": 2027, "amount": "500.00"},
            ],
            "own_financial": "100.00",
        },
        content={
            "costs": [
                {"number": "1.", "name": "Trener", "planned": "1600.00"},
            ],
            "funding": [],
        },
    )
    assert report_years(report) == [2026, 2027]
    unbound = StepForms(report, 3)
    assert unbound.funding.initial["grant"] == Decimal("1500.00")
    assert unbound.funding.initial["own_financial"] == Decimal("100.00")
    data = {
        "costs-TOTAL_FORMS": 1,
        "costs-INITIAL_FORMS": 1,
        "costs-0-incurred_2026": "1 000,50",
        "costs-0-incurred_2027": "599,50",
        "funding-grant": "1500",
        "funding-own_financial": "100",
        "funding-own_non_financial": "0",
        "funding-recipient_payments": "0",
    }
    parts = StepForms(report, 3, data)
    assert parts.is_valid(), parts.errors()
    row = parts.content()["costs"][0]
    assert row["incurred"] == "1600.00"
    assert row["incurred_by_year"] == {"2026": "1000.50", "2027": "599.50"}
    assert row["name"] == "Trener"
    # A table of the contract's rows: no row is added by the posted data.
    more = StepForms(report, 3, {**data, "costs-TOTAL_FORMS": 2})
    assert not more.is_valid()


def test_the_summary_shows_the_shares_of_the_sources(world, client):
    report = world.report
    client.force_login(world.member_a)
    _fill(client, report)
    report.refresh_from_db()
    total = sum(Decimal(c["incurred"]) for c in report.content["costs"])
    own = Decimal(report.content["funding"][1]["amount"])
    share = (own * 100 / total).quantize(Decimal("0.01"))
    text = client.get(reverse("grants:report-detail", args=[report.pk])).content
    assert f"{share}".replace(".", ",") in text.decode()
    assert "Sprawozdanie jest zgodne z umową." in text.decode()


def test_a_yearly_report_of_a_multi_year_task_is_started_from_my_contracts(
    world, client
):
    contract = world.contract
    start = contract.terms["start_date"]
    first = int(start[:4])
    contract.terms = {
        **contract.terms,
        "years": [
            {"year": first, "amount": "3600.00"},
            {"year": first + 1, "amount": "3600.00"},
        ],
    }
    contract.save(update_fields=["terms"])
    client.force_login(world.member_a)
    text = client.get(reverse("grants:my-contracts")).content.decode()
    assert f'name="year" value="{first}"' in text
    assert f'name="year" value="{first + 1}"' not in text, "not for the last year"
    url = reverse("grants:report-open", args=[contract.pk])
    response = client.post(url, {"year": str(first)})
    report = Report.objects.get(contract=contract, kind="yearly")
    assert response.headers["Location"] == _step(report, 1)
    assert report.period_end.year == first
    client.post(url, {"year": str(first)})
    assert Report.objects.filter(contract=contract, kind="yearly").count() == 1
    text = client.get(reverse("grants:my-contracts")).content.decode()
    assert f'name="year" value="{first}"' not in text
