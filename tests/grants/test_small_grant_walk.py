"""A small grant walked from the offer to the settlement on PostgreSQL, each step on
its own day and through its service, every transition audited, every PDF read back
with pypdf; the publication window over a weekend and a public holiday; the offers
open for comments on the home page and in the calendar feed (read with vobject)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
import vobject
from django.urls import reverse

from cooperation.core.exceptions import DomainError
from cooperation.core.workflow import history
from grants import report_documents, services
from grants.contract_documents import contract_pdf
from grants.models import Contract, Report, SmallGrantStatus
from grants.services import report_signing
from grants.services import small_grants as small
from grants.services.reports import is_settled
from grants.small_grant_documents import offer_pdf
from tests.conftest import pdf_text
from tests.cooperation.factories import UserFactory
from tests.grants import small_grant_helpers as helpers
from tests.grants.signing_helpers import board, plain_pdf, upload
from tests.ngos.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

YEAR = 2027
WARSAW = ZoneInfo("Europe/Warsaw")
ACCOUNT = "61109010140000071219812874"


def at(day: date, hour: int = 10):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, hour, tzinfo=WARSAW), tick=False
    )


def flat(doc) -> str:
    return " ".join(pdf_text(doc.file.path).split())


def trail(obj) -> list[str]:
    return [c.to_status for c in history(obj).order_by("pk")]


def test_a_small_grant_from_the_offer_to_its_settlement_on_postgresql(
    postgres, clerk, client
):
    helpers.contract_template()
    priority = helpers.year_of(YEAR)
    organisation = OrganisationFactory(name="Stowarzyszenie Sąsiedzi z Radlina")
    (rep,) = board(organisation, [("Anna Nowak", "prezes")], required=1)
    resident = UserFactory(first_name="Ewa", last_name="Lis")
    received = date(YEAR, 4, 6)  # a Tuesday
    with at(received):
        offer = helpers.draft(
            priority,
            organisation,
            grant="5000.00",
            days=30,
            start=date(YEAR, 5, 3),
            own_financial=Decimal("500.00"),
            costs=[
                {"name": "Nagłośnienie", "total": "3000.00"},
                {"name": "Poczęstunek", "total": "2500.00"},
            ],
        )
        assert small.problems(offer) == []
        small.small_grant_confirm(offer=offer, actor=rep, digest=small.checksum(offer))
        offer = small.small_grant_submit(offer=offer, actor=rep)
        small.small_grant_find_worthwhile(
            smallgrantoffer=offer, actor=clerk, note="Zadanie celowe."
        )
        offer.refresh_from_db()
        small.small_grant_publish(smallgrantoffer=offer, actor=clerk)
        offer.refresh_from_db()
        small.small_grant_record_publication(
            offer=offer,
            actor=clerk,
            bip_published_on=received,
            bip_url="https://bip.radlin.example/male-granty/1",
            board_published_on=received,
        )
        comment = small.small_grant_comment(
            offer=offer,
            author=resident,
            author_name="Ewa Lis",
            text="Proszę o zajęcia także w sobotę.",
        )
        public = flat(offer_pdf(offer, public=True))
        whole = flat(offer_pdf(offer, public=False))
    assert offer.comments_until == date(YEAR, 4, 13)
    assert "Festyn sąsiedzki" in public and "Nagłośnienie" in public
    assert "Stowarzyszenie Sąsiedzi z Radlina" in public
    assert ACCOUNT not in public.replace(" ", "")
    assert ACCOUNT in whole.replace(" ", "")
    assert offer.checksum in whole.replace(" ", "")
    assert "Anna Nowak" in whole

    with at(date(YEAR, 4, 13), 9):
        small.small_grant_close_comments(smallgrantoffer=offer, actor=clerk)
        small.small_grant_comment_consider(
            comment=comment, actor=clerk, consideration="Uwzględniono w harmonogramie."
        )
        offer.refresh_from_db()
        contract = services.small_grant_contract(smallgrantoffer=offer, actor=clerk)
        services.contract_to_signature(contract=contract, actor=clerk)
        contract.refresh_from_db()
        contract.signed_file = upload("umowa.pdf", plain_pdf("Umowa"))
        contract.save(update_fields=["signed_file"])
        services.contract_sign(
            contract=contract, actor=clerk, signed_on=date(YEAR, 4, 13)
        )
        services.contract_start(contract=contract, actor=clerk)
        contract_text = flat(contract_pdf(contract))
    assert contract.number in contract_text and "Festyn sąsiedzki" in contract_text

    with at(date(YEAR, 5, 3)):
        services.payment_record(
            contract=contract,
            actor=clerk,
            instalment=1,
            paid_on=date(YEAR, 5, 3),
            amount="5 000,00",
        )

    with at(date(YEAR, 6, 10)):
        report = services.report_open_final(contract=contract, actor=rep)
        assert report.form == Report.Form.SIMPLIFIED
        assert report.template.kind == "simplified"
        assert report.due_on == date(YEAR, 7, 1)  # 30 days after the end, 1 June
        report_signing.report_save_part(
            report=report,
            actor=rep,
            content={"carried_out": "Festyn odbył się 15 maja w parku."},
        )
        with pytest.raises(DomainError) as refused:
            report_signing.report_submit_signed(report=report, actor=rep)
        assert "rezultaty" in refused.value.message or "results" in (
            refused.value.message
        )
        report_signing.report_save_part(
            report=report,
            actor=rep,
            content={
                "results_achieved": "210 uczestników, 6 zajęć.",
                "costs": [
                    {**c, "incurred": c["planned"]} for c in report.content["costs"]
                ][:1]
                + [{**report.content["costs"][1], "incurred": "2300.00"}],
                "funding": [
                    {
                        "key": "grant",
                        "name": "Dotacja",
                        "amount": "4800.00",
                        "grant": True,
                    },
                    {
                        "key": "own_financial",
                        "name": "Środki własne",
                        "amount": "500.00",
                        "own": True,
                    },
                ],
                "part_three": "Bez uwag.",
            },
        )
        report.refresh_from_db()
        assert report_signing.report_all_problems(report) == []
        report_signing.report_confirm(
            report=report,
            actor=rep,
            checksum=report_signing.report_checksum(report),
        )
        report_signing.report_submit_signed(report=report, actor=rep)
        report.refresh_from_db()
        services.report_accept(report=report, actor=clerk)
        report.refresh_from_db()
        report_text = flat(report_documents.report_pdf(report))
        refund = services.refund_unused(contract=contract, actor=clerk)
        assert refund.amount == Decimal("200.00")
        assert not is_settled(contract)
        services.refund_receive(
            refund=refund, actor=clerk, on=date(YEAR, 6, 10), amount="200,00"
        )
        refund.refresh_from_db()
        assert refund.status == "settled" and is_settled(contract)
        settlement = flat(report_documents.settlement_pdf(contract))
    assert "TEKST NIEZWERYFIKOWANY" in report_text
    assert "Festyn odbył się 15 maja w parku." in report_text
    assert "210 uczestników, 6 zajęć." in report_text
    assert contract.number in report_text and "Nagłośnienie" in report_text
    assert contract.number in settlement
    assert "sprawozdanie końcowe przyjęte i nic nie pozostaje do zapłaty" in settlement

    offer.refresh_from_db()
    contract = Contract.objects.get(pk=contract.pk)
    assert offer.status == SmallGrantStatus.CONTRACTED
    assert trail(offer) == [
        "confirmed",
        "submitted",
        "worthwhile",
        "published",
        "publication_recorded",
        "comments_closed",
        "contracted",
    ]
    assert trail(comment) == ["submitted", "considered"]
    assert trail(contract) == ["draft", "ready", "signed", "in_progress"]
    assert trail(report)[0] == "draft" and trail(report)[-2:] == [
        "submitted",
        "accepted",
    ]
    assert trail(refund)[0] == "due" and trail(refund)[-1] == "settled"
    assert list(history(contract.payments.get()))


# The receipt on Friday 6 November 2026: the weekend of 7–8 November and the public
# holiday of 11 November (Independence Day, a Wednesday) are not working days, so
# the 7 working days are 9, 10, 12, 13, 16, 17 and 18 November.
FRIDAY = date(2026, 11, 6)
LAST_DAY = date(2026, 11, 18)


@pytest.fixture
def received_on_friday(clerk):
    priority = helpers.year_of(2027)
    with at(FRIDAY):
        offer, _rep = helpers.submitted(priority, start=date(2027, 1, 11))
        small.small_grant_find_worthwhile(smallgrantoffer=offer, actor=clerk)
    offer.refresh_from_db()
    return offer


def test_publication_within_7_working_days_over_a_weekend_and_a_holiday(
    received_on_friday, clerk, settings
):
    offer = received_on_friday
    assert settings.SMALL_GRANT_PUBLISH_WORKING_DAYS == 7
    assert offer.received_on == FRIDAY and small.publish_by(offer) == LAST_DAY
    with at(date(2026, 11, 19)):
        with pytest.raises(DomainError) as late:
            small.small_grant_publish(
                smallgrantoffer=offer, actor=clerk, on=date(2026, 11, 19)
            )
        assert "2026-11-18" in late.value.message
        small.small_grant_publish(smallgrantoffer=offer, actor=clerk, on=LAST_DAY)
    offer.refresh_from_db()
    assert offer.published_on == LAST_DAY
    assert offer.comments_until == date(2026, 11, 25)
    assert offer.last_comment_day == date(2026, 11, 24)


def test_the_number_of_working_days_is_a_setting(received_on_friday, settings):
    settings.SMALL_GRANT_PUBLISH_WORKING_DAYS = 3
    assert small.publish_by(received_on_friday) == date(2026, 11, 12)


def test_the_home_page_and_the_calendar_show_the_open_comment_periods(
    client, clerk, settings
):
    # The days below pass by the clock alone: no cached copy of the page in between.
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    priority = helpers.year_of(YEAR)
    with at(date(YEAR, 4, 6)):
        offer, _rep = helpers.published(priority, clerk, title="Zimowe warsztaty")
        draft = helpers.draft(priority, title="Szkic niepubliczny")
        home = client.get(reverse("home")).content.decode()
        feed = client.get("/kalendarz.ics")
    assert "Zimowe warsztaty" in home and offer.get_public_url() in home
    assert "Szkic niepubliczny" not in home and draft.title
    calendar = vobject.readOne(feed.content.decode())
    (event,) = [
        e
        for e in calendar.vevent_list
        if e.uid.value.startswith(f"grants-small-grant-{offer.pk}-")
    ]
    assert "Zimowe warsztaty" in event.summary.value
    assert event.dtstart.value == date(YEAR, 4, 6)
    assert event.dtend.value == date(YEAR, 4, 13)  # all day to the 12th inclusive
    assert event.url.value.endswith(offer.get_public_url())
    with at(date(YEAR, 4, 13)):
        later = client.get(reverse("home")).content.decode()
    assert "Zimowe warsztaty" not in later


def test_the_published_offers_pdf_is_public_and_a_drafts_is_not(client, clerk):
    from io import BytesIO

    from pypdf import PdfReader

    priority = helpers.year_of(YEAR)
    with at(date(YEAR, 4, 6)):
        offer, rep = helpers.published(priority, clerk)
        draft = helpers.draft(priority)
        response = client.get(reverse("grants:small-grant-public-pdf", args=[offer.pk]))
        assert response.status_code == 200
        text = " ".join(
            page.extract_text()
            for page in PdfReader(BytesIO(b"".join(response.streaming_content))).pages
        )
        assert "Festyn sąsiedzki" in " ".join(text.split())
        detail = client.get(reverse("grants:small-grant-detail", args=[offer.pk]))
        assert reverse("grants:small-grant-public-pdf", args=[offer.pk]) in (
            detail.content.decode()
        )
        missing = client.get(reverse("grants:small-grant-public-pdf", args=[draft.pk]))
        assert missing.status_code == 404
        own = reverse("grants:small-grant-pdf", args=[draft.pk])
        assert client.get(own).status_code == 302  # to the log-in
        client.force_login(UserFactory())
        assert client.get(own).status_code == 403
        client.force_login(rep)
        assert (
            client.get(reverse("grants:small-grant-pdf", args=[offer.pk])).status_code
            == 200
        )


def test_the_contract_waits_until_every_public_comment_is_considered(clerk):
    priority = helpers.year_of(YEAR)
    helpers.contract_template()
    with at(date(YEAR, 4, 6)):
        offer, rep = helpers.published(priority, clerk)
        comment = small.small_grant_comment(
            offer=offer, author=rep, author_name="Anna", text="Uwaga."
        )
        hidden = small.small_grant_comment(
            offer=offer, author=rep, author_name="Anna", text="Spam."
        )
        small.small_grant_comment_hide(comment=hidden, actor=clerk, reason="Spam")
    with at(date(YEAR, 4, 13)):
        small.small_grant_close_comments(smallgrantoffer=offer, actor=clerk)
        offer.refresh_from_db()
        with pytest.raises(DomainError) as waiting:
            services.small_grant_contract(smallgrantoffer=offer, actor=clerk)
        assert waiting.value.code == "comments" and "1" in waiting.value.message
        small.small_grant_comment_consider(
            comment=comment, actor=clerk, consideration="Nie wymaga zmian."
        )
        assert services.small_grant_contract(smallgrantoffer=offer, actor=clerk)


def test_the_home_section_and_calendar_queries_do_not_grow(
    clerk, rf, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    from grants import site

    priority = helpers.year_of(YEAR)
    request = rf.get("/")
    request.user = AnonymousUser()
    start = datetime(YEAR, 1, 1, tzinfo=WARSAW)
    end = datetime(YEAR + 1, 1, 1, tzinfo=WARSAW)
    with at(date(YEAR, 4, 6)):
        helpers.published(priority, clerk)
        for count in (1, 4):
            with django_assert_num_queries(1):
                section = site.small_grant_home_section(request)
                assert len(section["offers"]) == count
                titles = [o.organisation.name for o in section["offers"]]
            assert len(titles) == count
            with django_assert_num_queries(1):
                assert len(list(site.small_grant_calendar_entries(start, end))) == count
            for _ in range(3 if count == 1 else 0):
                helpers.published(priority, clerk)
