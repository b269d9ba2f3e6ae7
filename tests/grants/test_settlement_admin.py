"""The clerk's side of the settlement: the list of contracts with what is overdue, the
steps that call for a partial report and record refunds, and the reminders of reports
sent once each through the outbox."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.core.models import Notification
from cooperation.core.reminders import sweep_reminders
from cooperation.core.workflow import history
from grants import services
from grants.models import Contract, Refund, Report
from tests.grants import test_contracts, test_reports
from tests.grants.factories import complete_offer
from tests.grants.worlds import freeze
from tests.ngos.factories import MembershipFactory

pytestmark = pytest.mark.django_db
awarded = test_contracts.awarded
accepted = test_contracts.accepted
templates = test_contracts.templates
report_template = test_reports.report_template


@pytest.fixture
def staff(client, clerk):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=clerk, type=Authenticator.Type.TOTP, defaults={"data": {}}
    )
    client.force_login(clerk)
    return client


@pytest.fixture
def running(accepted, clerk, report_template):
    contract = test_contracts._signed(accepted, clerk)
    services.contract_start(contract=contract, actor=clerk)
    services.payment_record(
        contract=contract,
        actor=clerk,
        instalment=1,
        paid_on=accepted.offer.start_date,
        amount="7200,00",
    )
    contract.refresh_from_db()
    accepted.contract = contract
    return accepted


def _copies(contract: Contract, n: int) -> list[Contract]:
    """More contracts of the same organisation, each for an offer of its own."""
    made = []
    for i in range(n):
        offer = freeze(
            complete_offer(
                competition=contract.offer.competition,
                organisation=contract.offer.organisation,
            ),
            status="selected",
            sequence=100 + i,
            granted_amount=Decimal("1000.00"),
        )
        fields = {
            f.name: getattr(contract, f.name)
            for f in Contract._meta.concrete_fields
            if f.name not in ("id", "offer", "number", "sequence", "created_at")
        }
        made.append(
            Contract.objects.create(
                **fields,
                offer=offer,
                number=f"{900 + i}/{contract.year}/OPP",
                sequence=900 + i,
            )
        )
    return made


def _step(contract, key):
    return reverse("admin:grants_contract_transition", args=[contract.pk, key])


def test_the_list_says_what_is_overdue_and_exports_it(
    running, clerk, staff, django_assert_num_queries
):
    contract = running.contract
    today = timezone.localdate()
    report = services.report_open_final(contract=contract, actor=clerk)
    Report.objects.filter(pk=report.pk).update(due_on=today - timedelta(days=1))
    url = reverse("admin:grants_contract_changelist")
    page = staff.get(url + "?overdue=report").content.decode()
    assert contract.number in page
    assert contract.number not in staff.get(url + "?overdue=refund").content.decode()
    assert contract.number in staff.get(url + "?overdue=yes").content.decode()
    assert contract.number not in staff.get(url + "?overdue=no").content.decode()

    # Returned for corrections with a deadline that has passed: still overdue.
    Report.objects.filter(pk=report.pk).update(
        status="corrections",
        due_on=today + timedelta(days=30),
        corrections_due_on=today - timedelta(days=2),
    )
    assert contract.number in staff.get(url + "?overdue=report").content.decode()

    # A refund past its deadline.
    Refund.objects.create(
        contract=contract,
        kind="misused",
        amount=Decimal("100.00"),
        due_on=today - timedelta(days=1),
        interest_from=today - timedelta(days=20),
    )
    assert contract.number in staff.get(url + "?overdue=refund").content.decode()

    response = staff.get(
        reverse("admin:grants_contract_export_csv") + "?overdue=refund"
    )
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    assert row["numer umowy"] == contract.number
    assert row["po terminie"] == "sprawozdanie, zwrot dotacji"
    assert row["organizacja"] == contract.offer.organisation.name
    assert row["przekazano (zł)"].replace("\xa0", " ") in ("7 200,00", "7200,00")

    # The same number of queries for one contract and for several: the count, the
    # rows with what is overdue and transferred, the competitions of the filter.
    staff.get(url + "?overdue=no")
    with django_assert_num_queries(3):
        one = staff.get(url + "?status__exact=in_progress")
    assert one.context["cl"].result_count == 1
    _copies(contract, 4)
    with django_assert_num_queries(3):
        five = staff.get(url + "?status__exact=in_progress")
    assert five.context["cl"].result_count == 5


def test_a_clerk_calls_for_a_partial_report_at_least_30_days_ahead(running, staff):
    contract = running.contract
    today = timezone.localdate()
    end = (running.offer.start_date + timedelta(days=5)).isoformat()
    refused = staff.post(
        _step(contract, "call_report"),
        {"period_end": end, "due_on": (today + timedelta(days=29)).isoformat()},
    )
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "nie wcześniej niż" in text or "30 dni" in text
    assert (today + timedelta(days=29)).isoformat() in text  # nothing typed is lost
    assert not contract.reports.exists()
    done = staff.post(
        _step(contract, "call_report"),
        {"period_end": end, "due_on": (today + timedelta(days=30)).isoformat()},
    )
    assert done.status_code == 302
    report = contract.reports.get()
    assert (report.kind, report.status, report.called_on) == (
        "partial",
        "called",
        today,
    )
    assert report.due_on == today + timedelta(days=30)
    assert [c.to_status for c in history(report)] == ["called"]
    assert Notification.objects.filter(
        recipient=running.member_a, kind="grants.report_called"
    ).exists()


def test_a_clerk_settles_the_unused_part_and_records_the_refund_received(
    running, clerk, staff
):
    contract = running.contract
    final = services.report_open_final(contract=contract, actor=running.member_a)
    services.report_save(
        report=final, content=test_reports._filled(final, Decimal(7000), Decimal(800))
    )
    services.report_submit(report=final, actor=running.member_a)
    services.report_accept(report=final, actor=clerk)
    assert staff.post(_step(contract, "refund_unused")).status_code == 302
    refund = contract.refunds.get()
    assert refund.amount == Decimal("200.00")
    again = staff.post(_step(contract, "refund_unused"), follow=True)
    assert "jest już zapisana" in again.content.decode()
    assert contract.refunds.count() == 1

    receive = reverse("admin:grants_refund_transition", args=[refund.pk, "receive"])
    on = refund.due_on.isoformat()
    bad = staff.post(receive, {"on": on, "amount": "1.000,5"})
    assert bad.status_code == 200
    assert "1.000,5" in bad.content.decode()
    assert Refund.objects.get(pk=refund.pk).received == []
    assert staff.post(receive, {"on": on, "amount": "150,00"}).status_code == 302
    assert Refund.objects.get(pk=refund.pk).status == "due"
    page = staff.get(
        reverse("admin:grants_refund_change", args=[refund.pk])
    ).content.decode()
    assert "50,00 PLN" in page  # still due
    assert staff.post(receive, {"on": on, "amount": "50"}).status_code == 302
    refund.refresh_from_db()
    assert refund.status == "settled"
    assert [c.to_status for c in history(refund)] == ["due", "due", "due", "settled"]
    assert staff.get(receive).status_code == 302  # nothing more to receive


def test_a_clerk_records_a_part_misused_or_collected_excessively(running, staff):
    contract = running.contract
    today = timezone.localdate()
    data = {
        "amount": "365,00",
        "transferred_on": (today - timedelta(days=40)).isoformat(),
        "found_on": today.isoformat(),
        "note": "Faktura za sprzęt niezwiązany z zadaniem.",
    }
    assert staff.post(_step(contract, "refund_misused"), data).status_code == 302
    assert staff.post(_step(contract, "refund_excessive"), data).status_code == 302
    misused, excessive = contract.refunds.order_by("pk")
    assert (misused.kind, excessive.kind) == ("misused", "excessive")
    # Art. 252: a misused part bears interest from the transfer, an excessive one
    # from the day after its deadline (15 days from the finding).
    assert misused.interest_from == today - timedelta(days=40)
    assert excessive.interest_from == excessive.due_on + timedelta(days=1)
    assert misused.due_on == excessive.due_on >= today + timedelta(days=15)
    bad = staff.post(_step(contract, "refund_misused"), {**data, "amount": "abc"})
    assert bad.status_code == 200 and "abc" in bad.content.decode()
    assert contract.refunds.count() == 2


def test_report_reminders_go_through_the_outbox_once_each(running, clerk):
    contract = running.contract
    MembershipFactory(organisation=running.org_a)  # a second representative
    report = services.report_open_final(contract=contract, actor=clerk)
    due = report.due_on

    def sweep(day):
        sweep_reminders(
            now=timezone.make_aware(
                timezone.datetime.combine(day, timezone.datetime.min.time())
            )
        )

    def sent(prefix):
        return list(
            Notification.objects.filter(occasion__startswith=prefix)
            .order_by("occasion", "recipient_id")
            .values_list("occasion", "recipient_id")
        )

    people = sorted(
        running.org_a.memberships.filter(
            status="approved", role="representative"
        ).values_list("user_id", flat=True)
    )
    assert len(people) >= 2
    for day in (due - timedelta(days=8), due - timedelta(days=7)):
        sweep(day)
    sweep(due - timedelta(days=7))
    sweep(due - timedelta(days=3))
    assert sent("report-due-") == [(f"report-due-7d:{report.pk}", p) for p in people]
    for day in (due - timedelta(days=1), due, due + timedelta(days=1)):
        sweep(day)
        sweep(day)
    sweep(due + timedelta(days=30))
    assert sent("report-due-") == sorted(
        [
            (f"report-due-{stage}:{report.pk}", p)
            for stage in ("7d", "1d", "late")
            for p in people
        ]
    )

    # Submitted, then returned for corrections: the corrections' deadline is reminded
    # of the same way, once per round.
    services.report_save(
        report=report,
        content=test_reports._filled(report, Decimal(7200), Decimal(800)),
    )
    services.report_submit(report=report, actor=running.member_a)
    corrections_due = timezone.localdate() + timedelta(days=10)
    services.report_request_corrections(
        report=report, actor=clerk, request="Proszę wyjaśnić.", due_on=corrections_due
    )
    sweep(corrections_due - timedelta(days=7))
    sweep(corrections_due - timedelta(days=7))
    sweep(corrections_due + timedelta(days=2))
    key = f"{report.pk}:{corrections_due.isoformat()}"
    assert sent("report-corrections-") == sorted(
        [
            (f"report-corrections-{stage}:{key}", p)
            for stage in ("7d", "late")
            for p in people
        ]
    )
    from django.utils import translation

    from cooperation.core.notifications import render_email

    with translation.override("pl"):
        email = render_email(
            Notification.objects.filter(occasion=f"report-corrections-7d:{key}").first()
        )
    assert contract.number in email.body and "poprawienia" in email.body
    assert reverse("grants:report-detail", args=[report.pk]) in email.body


def test_my_contracts_reads_the_same_queries_for_one_contract_and_for_five(
    running, clerk, client, django_assert_num_queries
):
    services.report_open_final(contract=running.contract, actor=clerk)
    client.force_login(running.member_a)
    url = reverse("grants:my-contracts")

    def pinned(count):
        client.get(url)
        # The contracts with their offers, their payments, annexes, reports and
        # refunds, their history, and the chosen offers still without a contract;
        # the session, the person and their roles come from the cache.
        with django_assert_num_queries(7):
            response = client.get(url)
        assert len(response.context["rows"]) == count
        return response.content.decode()

    assert running.contract.number in pinned(1)
    copies = _copies(running.contract, 4)
    page = pinned(5)
    assert all(c.number in page for c in copies)


def test_my_contracts_says_what_is_due_before_and_under_a_contract(
    awarded, clerk, templates, client
):
    from tests.grants.test_award import _fit

    client.force_login(awarded.member_a)
    url = reverse("grants:my-contracts")
    update_url = reverse("grants:offer-update", args=[awarded.chosen.pk])
    page = client.get(url).content.decode()
    assert update_url in page and "zaktualizuj ofertę" in page

    update = services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    _fit(update, awarded.member_a)
    services.offer_update_submit(offerupdate=update, actor=awarded.member_a)
    assert "aktualizacja jest w urzędzie" in client.get(url).content.decode()
    services.offer_update_accept(offerupdate=update, actor=clerk)
    assert "urząd przygotowuje umowę" in client.get(url).content.decode()


def test_my_contracts_shows_the_refunds_and_the_history(running, clerk, client):
    contract = running.contract
    today = timezone.localdate()
    services.refund_for_finding(
        contract=contract,
        actor=clerk,
        kind="misused",
        amount="365,00",
        transferred_on=today - timedelta(days=40),
        found_on=today - timedelta(days=30),
    )
    client.force_login(running.member_a)
    page = " ".join(client.get(reverse("grants:my-contracts")).content.decode().split())
    assert "365,00 PLN" in page
    assert "Zwroty dotacji z umowy" in page and "z odsetkami" in page
    assert f"Historia umowy {contract.number}" in page
    assert "w realizacji" in page.lower()


def test_no_contract_while_the_budget_is_not_adopted(accepted, clerk):
    from cooperation.core.exceptions import DomainError
    from grants.models import Competition

    Competition.objects.filter(pk=accepted.competition.pk).update(
        on_draft_budget=True, budget_resolution_number="", budget_resolution_date=None
    )
    with pytest.raises(DomainError) as error:
        services.contract_create(offer=accepted.offer, actor=clerk)
    assert error.value.code == "budget-resolution"
    Competition.objects.filter(pk=accepted.competition.pk).update(
        budget_resolution_number="XII/120/2026",
        budget_resolution_date=timezone.localdate(),
    )
    assert services.contract_create(offer=accepted.offer, actor=clerk).number
