"""The report's and the settlement's PDFs, the refund on termination, the personal
data of reports and refunds, and the report reminders' settings."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cooperation.core.exceptions import DomainError
from cooperation.core.models import GeneratedDocument
from cooperation.core.workflow import history
from grants import contract_documents, personal_data, report_documents, services
from grants import report_template as wording
from grants.models import DocumentTemplate, Refund, Report, TaxInterestRate
from grants.services.reports import refund_due_now
from grants.services.settlement import finding_return_due
from tests.grants import test_contracts
from tests.grants.test_contracts import pdf_text

pytestmark = pytest.mark.django_db
awarded = test_contracts.awarded
accepted = test_contracts.accepted
templates = test_contracts.templates


def _contract(accepted, clerk, paid="7200,00"):
    contract = test_contracts._signed(accepted, clerk)
    services.contract_start(contract=contract, actor=clerk)
    if paid:
        services.payment_record(
            contract=contract,
            actor=clerk,
            instalment=1,
            paid_on=accepted.offer.start_date,
            amount=paid,
        )
    return contract


def _final(contract, member, grant_used="7000.00", own="800.00") -> Report:
    report = services.report_open_final(contract=contract, actor=member)
    costs = [{**row, "incurred": row["planned"]} for row in report.content["costs"]]
    total = sum(Decimal(r["incurred"]) for r in costs)
    services.report_save(
        report=report,
        content={
            "costs": costs,
            "results": [
                {**r, "achieved": "Osiągnięto w całości"}
                for r in report.content["results"]
            ],
            "actions": [
                {**a, "done": "Zrealizowano zgodnie z harmonogramem"}
                for a in report.content["actions"]
            ],
            "lasting_results": "Grupa spotyka się nadal co tydzień.",
            "other_income": "Brak innych przychodów.",
            "part_three": "Bez uwag.",
            "funding": [
                {"name": "Dotacja", "amount": grant_used, "grant": True},
                {"name": "Środki własne", "amount": own, "own": True},
                {
                    "name": "Inne",
                    "amount": str(total - Decimal(grant_used) - Decimal(own)),
                },
            ],
            "attachments": [{"number": "FV 12/2026", "name": "Faktura za salę"}],
        },
    )
    report.refresh_from_db()
    return report


def test_the_report_template_is_seeded_with_its_source_status():
    template = DocumentTemplate.objects.get(kind="report", version=wording.VERSION)
    assert template.body.startswith("TEKST NIEZWERYFIKOWANY")
    assert "niezweryfikowany" in template.legal_basis
    for _status, clause in wording.CLAUSES:
        assert clause in template.body
    assert {status for status, _text in wording.CLAUSES} <= {
        "seen-2016",
        "seen-partial",
        "unverified",
    }
    template.full_clean()
    # A report's tables are not a contract's placeholders.
    with pytest.raises(ValidationError):
        contract_documents.check_template("{{ rezultaty }}", "contract")
    with pytest.raises(ValidationError):
        contract_documents.check_template("{{ sprawozdanie.nic }}", "report")


def test_the_report_pdf_holds_every_part_with_its_figures_and_is_stored(
    accepted, clerk, client
):
    contract = _contract(accepted, clerk)
    report = _final(contract, accepted.member_a)
    services.report_submit(
        report=report, actor=accepted.member_a, signed_by="Anna Nowak, Jan Kowalski"
    )
    report.refresh_from_db()
    url = reverse("grants:report-pdf", args=[contract.pk, report.pk])
    client.force_login(accepted.member_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    doc = GeneratedDocument.objects.get(key=f"report-{report.pk}")
    text = pdf_text(doc)
    for words in (
        "TEKST NIEZWERYFIKOWANY",
        "SPRAWOZDANIE Z WYKONANIA ZADANIA PUBLICZNEGO",
        "Rodzaj sprawozdania: końcowe",
        f"Numer umowy, o ile został nadany: {contract.number}",
        "Część I. Sprawozdanie merytoryczne",
        "Część II. Sprawozdanie z wykonania wydatków",
        "Część III. Dodatkowe informacje",
        "Oświadczam(-my), że:",
        "od daty zawarcia umowy nie zmienił się status prawny",
        "Osiągnięto w całości",
        "Zrealizowano zgodnie z harmonogramem",
        "Grupa spotyka się nadal co tydzień.",
        "Bez uwag.",
        "FV 12/2026, Faktura za salę",
        "7 000,00 PLN",
        "Anna Nowak",
        "Jan Kowalski",
        wording.VERSION,
    ):
        assert words in text.replace("\xa0", " "), words
    for cost in report.content["costs"]:
        assert cost["name"] in text
    # Unchanged, it is served from storage; changed, it is made again.
    client.get(url)
    assert GeneratedDocument.objects.filter(key=f"report-{report.pk}").count() == 1
    services.report_accept(report=report, actor=clerk)
    client.get(url)
    assert GeneratedDocument.objects.filter(key=f"report-{report.pk}").count() == 2

    # The clerk reads it too; another organisation and strangers do not.
    client.force_login(clerk)
    assert client.get(url).status_code == 200
    client.force_login(accepted.member_b)
    assert client.get(url).status_code == 404
    other = reverse("grants:report-pdf", args=[contract.pk + 1, report.pk])
    client.force_login(accepted.member_a)
    assert client.get(other).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_settlement_pdf_shows_payments_use_refunds_with_interest_and_state(
    accepted, clerk, client
):
    contract = _contract(accepted, clerk)
    report = _final(contract, accepted.member_a)
    services.report_submit(report=report, actor=accepted.member_a)
    services.report_accept(report=report, actor=clerk)
    refund = services.refund_unused(contract=contract, actor=clerk)
    assert refund.amount == Decimal("200.00")
    TaxInterestRate.objects.all().delete()
    TaxInterestRate.objects.create(valid_from=date(2016, 1, 1), rate=Decimal("8.00"))
    TaxInterestRate.objects.create(
        valid_from=refund.due_on + timedelta(days=11), rate=Decimal("16.00")
    )
    services.refund_receive(
        refund=refund, actor=clerk, on=refund.due_on, amount="100,00"
    )
    late = refund.due_on + timedelta(days=21)
    refund.refresh_from_db()
    statement = report_documents.refund_statement(
        refund, late, report_documents._rates()
    )
    assert (statement["principal_due"], statement["interest_due"]) == refund_due_now(
        refund, late
    )
    # 100 zł for 10 days at 8% and 10 days at 16%: two parts of the computation.
    assert [(p["days"], p["rate"]) for p in statement["periods"]] == [
        (10, "8.00"),
        (10, "16.00"),
    ]
    url = reverse("grants:settlement-pdf", args=[contract.pk])
    client.force_login(accepted.member_a)
    assert client.get(url).status_code == 403
    client.force_login(clerk)
    assert client.get(url).status_code == 200
    text = pdf_text(GeneratedDocument.objects.get(key=f"settlement-{contract.pk}"))
    text = text.replace("\xa0", " ")
    for words in (contract.number, "7 200,00", "7 000,00", "200,00", "100,00"):
        assert words in text, words

    services.refund_receive(refund=refund, actor=clerk, on=late, amount="101,00")
    client.get(url)
    text = pdf_text(
        GeneratedDocument.objects.filter(key=f"settlement-{contract.pk}").latest("pk")
    )
    assert "101,00" in text.replace("\xa0", " ")
    data = report_documents.settlement_data(contract)
    assert data["settled"] and data["principal_due"] == 0 == data["interest_due"]


def test_the_contract_admin_links_the_settlement(accepted, clerk, client):
    contract = _contract(accepted, clerk, paid=None)
    client.force_login(clerk)
    page = client.get(reverse("admin:grants_contract_change", args=[contract.pk]))
    assert reverse("grants:settlement-pdf", args=[contract.pk]) in page.content.decode()


def test_termination_leads_to_the_refund_due_with_audit(accepted, clerk):
    contract = _contract(accepted, clerk, paid="3000,00")
    with pytest.raises(DomainError) as too_much:
        services.contract_terminate(
            contract=contract,
            actor=clerk,
            reason="Zaprzestanie.",
            refund_amount="3000,01",
        )
    assert too_much.value.field == "refund_amount"
    services.contract_terminate(
        contract=contract, actor=clerk, reason="Zaprzestanie realizacji zadania."
    )
    contract.refresh_from_db()
    assert contract.status == "terminated"
    refund = Refund.objects.get(contract=contract)
    today = timezone.localdate()
    assert refund.kind == "misused"
    assert refund.amount == Decimal("3000.00")
    assert refund.interest_from == accepted.offer.start_date
    assert refund.found_on == today
    assert refund.due_on == finding_return_due(today)
    assert [c.to_status for c in history(refund)] == ["due"]
    assert history(refund)[0].actor == clerk
    assert "3 000,00" in list(history(contract))[-1].note.replace("\xa0", " ")


def test_termination_with_a_part_or_nothing_to_return(accepted, clerk):
    contract = _contract(accepted, clerk, paid="3000,00")
    services.contract_terminate(
        contract=contract, actor=clerk, reason="Zaprzestanie.", refund_amount="1200,50"
    )
    assert Refund.objects.get(contract=contract).amount == Decimal("1200.50")


def test_termination_before_any_payment_or_with_zero_gives_no_refund(accepted, clerk):
    contract = _contract(accepted, clerk, paid=None)
    services.contract_terminate(contract=contract, actor=clerk, reason="Rezygnacja.")
    assert not Refund.objects.filter(contract=contract).exists()


def test_reports_and_refunds_in_the_personal_data_kept_on_erasure(accepted, clerk):
    contract = _contract(accepted, clerk)
    report = _final(contract, accepted.member_a)
    services.report_submit(report=report, actor=accepted.member_a)
    services.report_accept(report=report, actor=clerk)
    services.refund_unused(contract=contract, actor=clerk)
    mine = personal_data.export(accepted.member_a)["reports"]
    assert [(r["contract"], r["my_steps"], r["kept"]) for r in mine] == [
        (contract.number, ["draft", "submitted"], "archival")
    ]
    theirs = personal_data.export(clerk)
    assert theirs["reports"][0]["reviewed_by_me"] is True
    assert [r["amount"] for r in theirs["refunds"]] == ["200.00"]
    personal_data.erase(clerk)
    report.refresh_from_db()
    assert report.reviewed_by is None and report.status == "accepted"
    assert Refund.objects.filter(contract=contract).count() == 1


def test_report_reminder_days_are_settings(accepted, clerk, settings):
    from grants.reminders import report_due_reminders

    contract = test_contracts._signed(accepted, clerk)
    report = services.report_open_final(contract=contract, actor=clerk)
    due = report.due_on
    at = lambda day: timezone.make_aware(  # noqa: E731
        timezone.datetime.combine(day, timezone.datetime.min.time())
    )
    stages = lambda day: {m.occasion for m in report_due_reminders(at(day))}  # noqa: E731
    assert settings.PORTAL_RULES["REPORT_REMINDER_DAYS"] == [7, 1]
    assert settings.PORTAL_RULES["REPORT_LATE_REMINDER_DAYS"] == 1
    rules = {
        **settings.PORTAL_RULES,
        "REPORT_REMINDER_DAYS": [10, 3],
        "REPORT_LATE_REMINDER_DAYS": 5,
    }
    with override_settings(PORTAL_RULES=rules):
        assert stages(due - timedelta(days=11)) == set()
        assert stages(due - timedelta(days=10)) == {f"report-due-10d:{report.pk}"}
        assert stages(due - timedelta(days=7)) == {f"report-due-10d:{report.pk}"}
        assert stages(due - timedelta(days=3)) == {f"report-due-3d:{report.pk}"}
        assert stages(due + timedelta(days=4)) == set()
        assert stages(due + timedelta(days=5)) == {f"report-due-late:{report.pk}"}
    with override_settings(PORTAL_RULES={**rules, "REPORT_LATE_REMINDER_DAYS": 0}):
        assert stages(due + timedelta(days=30)) == set()


def test_a_clerk_terminates_in_the_admin_with_the_amount_to_return(
    accepted, clerk, client
):
    contract = _contract(accepted, clerk, paid="3000,00")
    client.force_login(clerk)
    step = reverse("admin:grants_contract_transition", args=[contract.pk, "terminate"])
    assert "refund_amount" in client.get(step).content.decode()
    refused = client.post(step, {"reason": "Zaprzestanie.", "refund_amount": "5000"})
    assert refused.status_code == 200
    assert not Refund.objects.filter(contract=contract).exists()
    done = client.post(step, {"reason": "Zaprzestanie.", "refund_amount": "1 000,00"})
    assert done.status_code == 302
    assert Refund.objects.get(contract=contract).amount == Decimal("1000.00")


def test_the_report_template_is_restored_once_none_is_left():
    DocumentTemplate.objects.filter(kind="report").delete()
    wording.restore()
    wording.restore()
    assert list(
        DocumentTemplate.objects.filter(kind="report").values_list("version", flat=True)
    ) == [wording.VERSION]
