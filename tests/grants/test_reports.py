"""Reports on a contract, their review, and the settlement with refunds and interest."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from cooperation.core.exceptions import DomainError
from cooperation.core.models import Notification
from cooperation.core.workflow import history
from grants import services
from grants.models import DocumentTemplate, Refund, Report, TaxInterestRate
from grants.services.reports import is_settled, refund_due_now
from tests.grants import test_contracts

pytestmark = pytest.mark.django_db
awarded = test_contracts.awarded
accepted = test_contracts.accepted
templates = test_contracts.templates


@pytest.fixture
def report_template(templates):
    return DocumentTemplate.objects.create(
        kind="report",
        name="Sprawozdanie z wykonania zadania publicznego",
        legal_basis="Dz.U. 2018 poz. 2057, zał. nr 5",
        version="demo-report-1",
        valid_from=date(2019, 1, 1),
        body="WZÓR DEMONSTRACYJNY\nSprawozdanie z umowy {{ umowa.numer }}",
    )


def _filled(report, grant_used, own):
    costs = [{**row, "incurred": row["planned"]} for row in report.content["costs"]]
    total = sum(Decimal(r["incurred"]) for r in costs)
    results = [{**r, "achieved": r["target_value"]} for r in report.content["results"]]
    return {
        "costs": costs,
        "results": results,
        "funding": [
            {"name": "Dotacja", "amount": str(grant_used), "grant": True},
            {"name": "Środki własne", "amount": str(own), "own": True},
            {"name": "Inne", "amount": str(total - grant_used - own)},
        ],
    }


def test_from_contract_through_reports_to_a_refund_with_interest_and_settled(
    accepted, clerk, report_template
):
    contract = test_contracts._signed(accepted, clerk)
    services.contract_start(contract=contract, actor=clerk)
    start = accepted.offer.start_date
    services.payment_record(
        contract=contract, actor=clerk, instalment=1, paid_on=start, amount="7200,00"
    )
    today = timezone.localdate()

    # A partial report on call: at least 30 days.
    with pytest.raises(DomainError) as too_soon:
        services.report_call(
            contract=contract,
            actor=clerk,
            due_on=today + timedelta(days=29),
            period_end=start + timedelta(days=5),
        )
    assert "30" in too_soon.value.message
    partial = services.report_call(
        contract=contract,
        actor=clerk,
        due_on=today + timedelta(days=30),
        period_end=start + timedelta(days=5),
    )
    assert partial.template_version == "demo-report-1"
    assert partial.content["costs"], "pre-filled from the contract's terms"
    assert Notification.objects.filter(kind="grants.report_called").exists()
    services.report_save(report=partial, content={"part_three": "Bez uwag."})
    with pytest.raises(DomainError):  # a clerk is not the organisation's representative
        services.report_submit(report=partial, actor=clerk)
    services.report_submit(report=partial, actor=accepted.member_a)
    services.report_accept(report=partial, actor=clerk)

    # The final report, with one round of corrections.
    final = services.report_open_final(contract=contract, actor=accepted.member_a)
    content = _filled(final, Decimal("7000.00"), Decimal("800.00"))
    services.report_save(report=final, content=content)
    services.report_submit(report=final, actor=accepted.member_a)
    services.report_request_corrections(
        report=final,
        actor=clerk,
        request="Proszę wyjaśnić koszt trenera.",
        due_on=today + timedelta(days=7),
    )
    assert Notification.objects.filter(kind="grants.report_corrections").exists()
    services.report_submit(report=final, actor=accepted.member_a)
    services.report_accept(report=final, actor=clerk)
    final.refresh_from_db()
    assert [c.to_status for c in history(final)] == [
        "draft",
        "submitted",
        "corrections",
        "submitted",
        "accepted",
    ]

    # 200 zł unused: due by art. 251; paid in two parts, the second late with interest.
    refund = services.refund_unused(contract=contract, actor=clerk)
    assert refund.amount == Decimal("200.00")
    assert not is_settled(contract)
    TaxInterestRate.objects.all().delete()
    TaxInterestRate.objects.create(valid_from=date(2016, 1, 1), rate=Decimal("8.00"))
    TaxInterestRate.objects.create(
        valid_from=refund.due_on + timedelta(days=11), rate=Decimal("16.00")
    )
    services.refund_receive(
        refund=refund, actor=clerk, on=refund.due_on, amount="100,00"
    )
    late = refund.due_on + timedelta(days=21)
    principal, interest = refund_due_now(Refund.objects.get(pk=refund.pk), late)
    # 100 zł × (10 days × 8% + 10 days × 16%) / 365 = 0.66 → 1 zł
    assert principal == Decimal("100.00")
    assert interest == Decimal(1)
    services.refund_receive(refund=refund, actor=clerk, on=late, amount="101,00")
    refund.refresh_from_db()
    assert refund.status == "settled"
    assert is_settled(contract)
    assert Report.objects.filter(contract=contract).count() == 2


def test_misused_refund_runs_interest_from_the_transfer(
    accepted, clerk, report_template
):
    contract = test_contracts._signed(accepted, clerk)
    refund = services.refund_for_finding(
        contract=contract,
        actor=clerk,
        kind="misused",
        amount=Decimal("365.00"),
        transferred_on=date(2023, 1, 1),
        found_on=date(2023, 12, 20),
    )
    assert refund.due_on == date(2024, 1, 4)
    TaxInterestRate.objects.all().delete()
    TaxInterestRate.objects.create(valid_from=date(2016, 1, 1), rate=Decimal("10.00"))
    _, interest = refund_due_now(refund, date(2023, 1, 11))
    assert interest == Decimal(1)  # 365 × 10 days × 10% / 365 = 1


def test_seeded_rates_include_verified_changes(db):
    assert TaxInterestRate.objects.get(valid_from=date(2022, 9, 8)).rate == Decimal(
        "16.50"
    )
    assert TaxInterestRate.objects.get(valid_from=date(2023, 10, 5)).rate == Decimal(
        "14.50"
    )


def test_report_reminders_7_and_1_days_and_late_once_each(
    accepted, clerk, report_template, django_assert_num_queries
):
    from grants.reminders import report_due_reminders

    contract = test_contracts._signed(accepted, clerk)
    report = services.report_open_final(contract=contract, actor=clerk)
    due = report.due_on
    at = lambda day: timezone.make_aware(  # noqa: E731
        timezone.datetime.combine(day, timezone.datetime.min.time())
    )
    with django_assert_num_queries(2):
        soon = report_due_reminders(at(due - timedelta(days=7)))
    assert {m.occasion for m in soon} == {f"report-due-7d:{report.pk}"}
    assert {m.occasion for m in report_due_reminders(at(due - timedelta(days=1)))} == {
        f"report-due-1d:{report.pk}"
    }
    assert {m.occasion for m in report_due_reminders(at(due + timedelta(days=1)))} == {
        f"report-due-late:{report.pk}"
    }
    assert report_due_reminders(at(due - timedelta(days=8))) == []


def test_desk_shows_reports_and_refunds(accepted, clerk, report_template):
    from grants.desk import report_items

    contract = test_contracts._signed(accepted, clerk)
    services.report_open_final(contract=contract, actor=clerk)
    items = report_items(timezone.now() + timedelta(days=3650))
    assert [i.count for i in items] == [0, 1, 0]
