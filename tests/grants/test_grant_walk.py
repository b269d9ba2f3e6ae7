"""A grant walked on PostgreSQL from the published results to a settled case.

Results → the update (returned once, then accepted) → the contract → two instalments
→ a partial report on call → an annex → the final report with a round of corrections
→ the unused part returned partly late, with interest for a given history of rates →
settled, shown on the competition's public page. Every transition is read back from
the audit trail and every document's text from its PDF with pypdf.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone, translation

from cooperation.core.exceptions import DomainError
from cooperation.core.workflow import history
from grants import contract_documents, documents, report_documents, services
from grants.models import Offer, Refund, TaxInterestRate
from grants.services.contracts import schedule
from grants.services.reports import is_settled, refund_due_now
from grants.services.settlement import final_report_due, unused_return_due
from ngos.models import Representation, Representative
from tests.grants import test_award, test_contracts
from tests.grants.test_award import _fit
from tests.grants.test_contracts import pdf_text, upload

pytestmark = pytest.mark.django_db
awarded = test_award.awarded
templates = test_contracts.templates


def _steps(obj) -> list[tuple[str, str]]:
    return [(c.from_status, c.to_status) for c in history(obj)]


def _board(organisation) -> None:
    Representation.objects.filter(organisation=organisation).delete()
    representation = Representation.objects.create(
        organisation=organisation,
        organ="Zarząd",
        manner="Dwóch członków Zarządu działających łącznie.",
        signatures_required=2,
    )
    for n, (name, function) in enumerate(
        [("Anna Nowak", "Prezes Zarządu"), ("Jan Kowalski", "Skarbnik")]
    ):
        Representative.objects.create(
            representation=representation, name=name, function=function, position=n
        )


def _final_content(report, *, grant_used: Decimal, own: Decimal) -> dict:
    costs = [{**row, "incurred": row["planned"]} for row in report.content["costs"]]
    total = sum(Decimal(r["incurred"]) for r in costs)
    return {
        "costs": costs,
        "results": [
            {**r, "achieved": r["target_value"]} for r in report.content["results"]
        ],
        "actions": [
            {**a, "done": "Zajęcia przeprowadzono zgodnie z harmonogramem."}
            for a in report.content["actions"]
        ],
        "lasting_results": "Uczestnicy trenują dalej w klubie.",
        "funding": [
            {"name": "Dotacja", "amount": str(grant_used), "grant": True},
            {"name": "Środki własne", "amount": str(own), "own": True},
            {"name": "Wpłaty uczestników", "amount": str(total - grant_used - own)},
        ],
    }


def test_a_grant_from_results_to_settled_on_postgresql(
    awarded, clerk, templates, client, django_assert_num_queries
):
    assert connection.vendor == "postgresql"
    member = awarded.member_a
    offer = awarded.chosen
    assert offer.granted_amount < offer.requested_grant

    # The update: returned once with a reason, then accepted.
    update = services.offer_update_start(offer=offer, actor=member)
    _fit(update, member)
    services.offer_update_submit(offerupdate=update, actor=member)
    services.offer_update_return(
        offerupdate=update, actor=clerk, reason="Proszę poprawić harmonogram."
    )
    update.refresh_from_db()
    _fit(update, member)
    services.offer_update_submit(offerupdate=update, actor=member)
    services.offer_update_accept(offerupdate=update, actor=clerk)
    update.refresh_from_db()
    assert [to for _from, to in _steps(update)] == [
        "draft",
        "submitted",
        "returned",
        "submitted",
        "accepted",
    ]

    # The contract with two instalments, signed and started.
    _board(awarded.org_a)
    Offer.objects.filter(pk=offer.pk).update(
        offeror_bank_account="61109010140000071219812874"
    )
    offer = Offer.objects.get(pk=offer.pk)
    start, end = offer.start_date, offer.end_date
    halfway = start + timedelta(days=10)
    contract = services.contract_create(
        offer=offer, actor=clerk, instalments=[(start, "3 600,00"), (halfway, "3600")]
    )
    services.contract_to_signature(contract=contract, actor=clerk)
    upload(contract)
    services.contract_sign(
        contract=contract, actor=clerk, signed_on=timezone.localdate()
    )
    services.contract_start(contract=contract, actor=clerk)
    contract.refresh_from_db()
    for number, day in ((1, start), (2, halfway)):
        services.payment_record(
            contract=contract,
            actor=clerk,
            instalment=number,
            paid_on=day,
            amount="3600",
        )
    contract.refresh_from_db()
    assert [(r["paid"], r["due"]) for r in schedule(contract)] == [
        (Decimal("3600.00"), Decimal("0.00")),
        (Decimal("3600.00"), Decimal("0.00")),
    ]

    # A partial report on call: the deadline at least 30 days from the call.
    today = timezone.localdate()
    with pytest.raises(DomainError) as too_soon:
        services.report_call(
            contract=contract,
            actor=clerk,
            due_on=today + timedelta(days=29),
            period_end=halfway,
        )
    assert too_soon.value.field == "due_on"
    partial = services.report_call(
        contract=contract,
        actor=clerk,
        due_on=today + timedelta(days=30),
        period_end=halfway,
    )
    assert partial.called_on == today and partial.status == "called"
    services.report_save(
        report=partial,
        content={"part_three": "Zajęcia trwają zgodnie z planem."},
    )
    services.report_submit(report=partial, actor=member)
    services.report_accept(report=partial, actor=clerk)

    # An annex: two weeks longer and a cost item moved beyond the permitted shift.
    later = end + timedelta(days=14)
    costs = [dict(c) for c in contract.current_terms()["costs"]]
    costs[0]["total"], costs[1]["total"] = "4500.00", "2700.00"
    annex = services.annex_create(
        contract=contract,
        actor=clerk,
        reason="Przedłużenie zajęć o dwa tygodnie.",
        changes={"end_date": later, "costs": costs},
    )
    upload(annex, "aneks.pdf")
    services.annex_sign(contractannex=annex, actor=clerk, signed_on=today)
    contract.refresh_from_db()
    assert contract.current_terms()["end_date"] == later.isoformat()

    # The final report on the annexed terms, with one round of corrections.
    final = services.report_open_final(contract=contract, actor=member)
    assert final.period_end == later
    assert final.due_on == final_report_due(later)
    assert [c["planned"] for c in final.content["costs"]][:2] == ["4500.00", "2700.00"]
    services.report_save(
        report=final,
        content=_final_content(final, grant_used=Decimal(7000), own=Decimal(800)),
    )
    services.report_submit(report=final, actor=member)
    services.report_request_corrections(
        report=final,
        actor=clerk,
        request="Proszę wyjaśnić koszt sprzętu.",
        due_on=today + timedelta(days=7),
    )
    services.report_save(
        report=final, content={"part_three": "Sprzęt kupiono w marcu."}
    )
    services.report_submit(report=final, actor=member)
    services.report_accept(report=final, actor=clerk)

    # 200 zł unused, due by art. 251; 100 zł returned on time, the rest 21 days
    # late, over a change of the rate.
    refund = services.refund_unused(contract=contract, actor=clerk)
    assert refund.amount == Decimal("200.00")
    assert refund.due_on == unused_return_due(start, later)
    assert not is_settled(contract)
    TaxInterestRate.objects.all().delete()
    TaxInterestRate.objects.bulk_create(
        [
            TaxInterestRate(valid_from=date(2016, 1, 1), rate=Decimal("8.00")),
            TaxInterestRate(
                valid_from=refund.due_on + timedelta(days=11), rate=Decimal("16.00")
            ),
        ]
    )
    services.refund_receive(refund=refund, actor=clerk, on=refund.due_on, amount="100")
    late = refund.due_on + timedelta(days=21)
    refund = Refund.objects.get(pk=refund.pk)
    # 100 zł × (10 days × 8 % + 10 days × 16 %) / 365 = 0,66 → 1 zł.
    assert refund_due_now(refund, late) == (Decimal("100.00"), Decimal(1))
    with pytest.raises(DomainError):
        services.refund_receive(refund=refund, actor=clerk, on=late, amount="10,5,0")
    services.refund_receive(refund=refund, actor=clerk, on=late, amount="100,00")
    refund.refresh_from_db()
    # The transfer paid the interest first: 1 zł of the amount is still due.
    assert refund.status == "due"
    assert refund_due_now(refund, late) == (Decimal("1.00"), Decimal(0))
    # The competition's page, kept in the cache, shows no settlement yet.
    cache.clear()
    url = awarded.competition.get_absolute_url()
    assert "Rozliczenie dotacji" not in client.get(url).content.decode()
    services.refund_receive(refund=refund, actor=clerk, on=late, amount="1,00")
    refund.refresh_from_db()
    assert refund.status == "settled"
    assert is_settled(contract)

    # Every transition audited.
    assert _steps(contract) == [
        ("", "draft"),
        ("draft", "ready"),
        ("ready", "signed"),
        ("signed", "in_progress"),
    ]
    assert _steps(annex) == [("", "draft"), ("draft", "signed")]
    assert [to for _f, to in _steps(partial)] == ["called", "submitted", "accepted"]
    assert [to for _f, to in _steps(final)] == [
        "draft",
        "submitted",
        "corrections",
        "submitted",
        "accepted",
    ]
    assert _steps(refund) == [
        ("", "due"),
        ("", "due"),
        ("", "due"),
        ("", "due"),
        ("due", "settled"),
    ]
    assert all(c.actor == clerk for c in history(refund))

    # Every document's text.
    with translation.override("pl"):
        update_text = pdf_text(documents.offer_update(update))
        contract_text = pdf_text(contract_documents.contract_pdf(contract))
        annex_text = pdf_text(contract_documents.annex_pdf(annex))
        partial.refresh_from_db()
        final.refresh_from_db()
        partial_text = pdf_text(report_documents.report_pdf(partial))
        final_text = pdf_text(report_documents.report_pdf(final))
        settlement_text = pdf_text(report_documents.settlement_pdf(contract))
    assert "Dz.U. 2018 poz. 2057" in update_text and "Trener" in update_text
    for expected in (
        contract.number,
        "3 600,00 PLN",
        "Anna Nowak",
        "Jan Kowalski",
        f"Oferta nr {offer.number}",
    ):
        assert expected in contract_text, expected
    for expected in ("Aneks nr 1", contract.number, "Przedłużenie zajęć", "2 700,00"):
        assert expected in annex_text, expected
    assert contract.number in partial_text
    assert "Zajęcia trwają zgodnie z planem." in partial_text
    for expected in (
        contract.number,
        "7 000,00",
        "Wpłaty uczestników",
        "Sprzęt kupiono w marcu.",
        "Uczestnicy trenują dalej w klubie.",
        "Anna Nowak",
    ):
        assert expected in final_text, expected
    for expected in (
        contract.number,
        "7 200,00 PLN",  # paid
        "7 000,00 PLN",  # properly used
        "200,00",  # unused, returned
        "16.00",  # the second rate
        "8.00",
    ):
        assert expected in settlement_text, expected
    assert "tak: sprawozdanie końcowe przyjęte i nic nie pozostaje do zapłaty" in (
        settlement_text
    )

    # The competition's page: what was transferred and used, once settled (the
    # settling transfer made the kept page stale).
    page = " ".join(client.get(url).content.decode().split())
    assert "Rozliczenie dotacji" in page
    assert "Wszystkie dotacje z tego konkursu są rozliczone." in page
    assert "7 200,00 PLN</td><td>7 000,00 PLN</td><td>200,00 PLN" in page
    # Rendered from nothing, the settlement costs the page no query of its own (the
    # pin of ``test_views._detail_queries``).
    cache.clear()
    with django_assert_num_queries(7):
        client.get(url)
