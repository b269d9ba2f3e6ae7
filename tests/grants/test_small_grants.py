"""Small grants (art. 19a): every statutory limit at its edge and the publication days."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.models import StatusChange
from cooperation.core.workflow import history
from grants.models import SmallGrantOffer, SmallGrantPool, SmallGrantStatus
from grants.services import small_grants as services
from tests.cooperation.factories import UserFactory
from tests.grants import small_grant_helpers as helpers
from tests.grants.factories import PriorityFactory, ProgrammeFactory
from tests.grants.signing_helpers import board
from tests.ngos.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

YEAR = 2027
WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.fixture
def priority():
    return PriorityFactory(programme=ProgrammeFactory(year=YEAR))


@pytest.fixture
def pool():
    return SmallGrantPool.objects.create(year=YEAR, planned_grants=Decimal("500000"))


def offer(priority, organisation=None, *, grant="5000.00", days=30, start=None, **kw):
    """A complete offer: every required field, the costs equal to the grant."""
    start = start or date(YEAR, 5, 1)
    organisation = organisation or OrganisationFactory()
    return SmallGrantOffer.objects.create(
        organisation=organisation,
        priority=priority,
        title="Festyn sąsiedzki",
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        requested_grant=Decimal(grant),
        **{
            "addressed_to": "Burmistrz Miasta Radlin",
            "offeror_name": organisation.name,
            "offeror_legal_form": "stowarzyszenie",
            "offeror_register": "KRS 0000123456",
            "offeror_address": "ul. Rybnicka 1, 44-310 Radlin",
            "offeror_email": "biuro@example.org",
            "offeror_bank_account": "61109010140000071219812874",
            "contact_name": "Anna Nowak",
            "place": "Park Miejski w Radlinie",
            "description": "Festyn dla mieszkańców dzielnicy.",
            "results": "200 uczestników.",
            "experience": "Festyny od 2015 r.",
            "resources": "Dziesięcioro wolontariuszy.",
            "costs": [{"name": "Nagłośnienie", "total": grant}],
            "character": "local",
            "statements_confirmed": True,
            **kw,
        },
    )


def test_grant_of_exactly_10000_passes_and_one_grosz_more_is_refused(priority, pool):
    assert services.problems(offer(priority, grant="10000.00")) == []
    found = services.problems(offer(priority, grant="10000.01"))
    assert any("art. 19a ust. 1 pkt 1" in p for p in found)


def test_90_days_pass_and_91_are_refused(priority, pool):
    assert services.problems(offer(priority, days=90)) == []
    found = services.problems(offer(priority, days=91))
    assert any("90" in p and "91" in p for p in found)


def test_20000_a_year_over_two_offers_and_the_year_boundary(priority, pool):
    organisation = OrganisationFactory()
    offer(priority, organisation, grant="10000.00", status=SmallGrantStatus.SUBMITTED)
    assert services.problems(offer(priority, organisation, grant="10000.00")) == []
    third = offer(priority, organisation, grant="0.01")
    SmallGrantOffer.objects.exclude(pk=third.pk).update(
        status=SmallGrantStatus.SUBMITTED
    )
    assert any("art. 19a ust. 4" in p for p in services.problems(third))
    next_priority = PriorityFactory(programme=ProgrammeFactory(year=YEAR + 1))
    SmallGrantPool.objects.create(year=YEAR + 1, planned_grants=Decimal("500000"))
    january = offer(
        next_priority, organisation, grant="10000.00", start=date(YEAR + 1, 1, 1)
    )
    assert services.problems(january) == []


def test_the_20_percent_pool(priority):
    SmallGrantPool.objects.create(year=YEAR, planned_grants=Decimal("50000.00"))
    offer(priority, grant="5000.00", status=SmallGrantStatus.SUBMITTED)
    assert services.problems(offer(priority, grant="5000.00")) == []
    found = services.problems(offer(priority, grant="5000.01"))
    assert any("art. 19a ust. 5" in p for p in found)


def test_without_the_planned_budget_the_pool_cannot_be_checked(priority):
    assert any(
        "budżecie" in p or "budget" in p for p in services.problems(offer(priority))
    )


def test_task_outside_the_years_programme_and_character_undeclared(priority, pool):
    other = PriorityFactory(programme=ProgrammeFactory(year=YEAR - 1))
    found = services.problems(offer(other, character=""))
    assert len(found) >= 2


def test_publication_counts_working_days_over_a_weekend_and_a_holiday():
    # Friday 6 November 2026; 11 November (Wednesday) is a public holiday.
    assert services.working_days_after(date(2026, 11, 6), 3) == date(2026, 11, 12)
    assert services.working_days_after(date(2026, 11, 6), 2) == date(2026, 11, 10)


def test_walk_from_offer_to_comments_closed_audited(priority, pool, clerk):
    organisation = OrganisationFactory()
    (rep,) = board(organisation, [("Anna Nowak", "prezes")], required=1)
    small = offer(priority, organisation)
    with time_machine.travel(date(YEAR, 4, 2)):  # Friday
        services.small_grant_confirm(
            offer=small, actor=rep, digest=services.checksum(small)
        )
        services.small_grant_submit(offer=small, actor=rep)
        small.refresh_from_db()
        assert small.status == SmallGrantStatus.SUBMITTED
        services.small_grant_find_worthwhile(smallgrantoffer=small, actor=clerk)
    small.refresh_from_db()
    with time_machine.travel(date(YEAR, 4, 14)):
        with pytest.raises(DomainError):
            services.small_grant_publish(
                smallgrantoffer=small, actor=clerk, on=date(YEAR, 4, 14)
            )
        services.small_grant_publish(
            smallgrantoffer=small, actor=clerk, on=date(YEAR, 4, 13)
        )
    small.refresh_from_db()
    assert small.comments_until == date(YEAR, 4, 20)
    with time_machine.travel(date(YEAR, 4, 20)):
        services.small_grant_close_comments(smallgrantoffer=small, actor=clerk)
    assert list(
        StatusChange.objects.filter(
            object_id=small.pk, content_type__model="smallgrantoffer"
        )
        .order_by("pk")
        .values_list("to_status", flat=True)
    ) == ["confirmed", "submitted", "worthwhile", "published", "comments_closed"]


def test_refusal_needs_a_reason(priority, pool, clerk):
    small = offer(priority, status=SmallGrantStatus.SUBMITTED)
    with pytest.raises(DomainError):
        services.small_grant_refuse(smallgrantoffer=small, actor=clerk, reason=" ")


# --- The offer's signatures, comments, the sweep and the contract ----------------


@pytest.fixture
def today_in_april():
    # Tuesday 6 April 2027: the task of May is in the programme of 2027.
    with time_machine.travel(datetime(YEAR, 4, 6, 10, tzinfo=WARSAW), tick=False):
        yield date(YEAR, 4, 6)


def test_submission_needs_the_representatives_confirmation_and_keeps_the_draft(
    priority, pool, today_in_april
):
    organisation = OrganisationFactory()
    first, second = board(
        organisation, [("Anna Nowak", "prezes"), ("Jan Kos", "skarbnik")], required=2
    )
    small = helpers.draft(priority, organisation)
    services.small_grant_confirm(
        offer=small, actor=first, digest=services.checksum(small)
    )
    with pytest.raises(DomainError) as refused:
        services.small_grant_submit(offer=small, actor=first)
    assert "Jan Kos" in refused.value.message
    small.refresh_from_db()
    assert small.status == SmallGrantStatus.DRAFT and small.title == "Festyn sąsiedzki"
    services.small_grant_confirm(
        offer=small, actor=second, digest=services.checksum(small)
    )
    services.small_grant_submit(offer=small, actor=first)
    small.refresh_from_db()
    assert small.status == SmallGrantStatus.SUBMITTED
    assert small.checksum == services.checksum(small)
    assert small.received_on == today_in_april and small.number.startswith("MG/")


def test_a_change_after_the_confirmation_voids_it(priority, pool, today_in_april):
    organisation = OrganisationFactory()
    (rep,) = board(organisation, [("Anna Nowak", "prezes")], required=1)
    small = helpers.draft(priority, organisation)
    read = services.checksum(small)
    services.small_grant_save(offer=small, actor=rep, fields={"title": "Inny festyn"})
    with pytest.raises(DomainError):
        services.small_grant_confirm(offer=small, actor=rep, digest=read)
    services.small_grant_confirm(
        offer=small, actor=rep, digest=services.checksum(small)
    )
    services.small_grant_save(offer=small, actor=rep, fields={"title": "Trzeci festyn"})
    with pytest.raises(DomainError) as refused:
        services.small_grant_submit(offer=small, actor=rep)
    assert "Anna Nowak" in refused.value.message


def test_an_editor_neither_confirms_nor_submits(priority, pool):
    from tests.ngos.factories import MembershipFactory

    editor = MembershipFactory(editor=True).user
    organisation = editor.memberships.get().organisation
    small = helpers.draft(priority, organisation)
    with pytest.raises(PermissionDeniedError):
        services.small_grant_submit(offer=small, actor=editor)
    with pytest.raises(PermissionDeniedError):
        services.small_grant_confirm(
            offer=small, actor=editor, digest=services.checksum(small)
        )


def test_the_costs_must_equal_the_grant_with_the_other_sources(priority, pool):
    small = helpers.draft(
        priority, costs=[{"name": "Nagłośnienie", "total": "4000.00"}]
    )
    assert any("V.A" in p for p in services.problems(small))
    small.own_financial = Decimal("0")
    small.costs = []
    assert any("V.A" in p for p in services.problems(small))


def test_a_submitted_offer_is_frozen(priority, pool, today_in_april):
    small, rep = helpers.submitted(priority)
    with pytest.raises(DomainError):
        services.small_grant_save(offer=small, actor=rep, fields={"title": "Zmiana"})


def test_the_problems_are_in_english_for_an_english_reader(priority, pool):
    from django.utils import translation

    small = helpers.draft(priority, grant="10000.01")
    with translation.override("pl"):
        polish = services.problems(small)
    with translation.override("en"):
        english = services.problems(small)
    assert any("Dotacja w trybie małych grantów wynosi najwyżej" in p for p in polish)
    assert any("A small grant is at most" in p for p in english)


def test_comments_are_taken_within_the_7_days_only_and_audited(
    priority, pool, clerk, today_in_april
):
    small, _rep = helpers.published(priority, clerk)
    resident = UserFactory()
    comment = services.small_grant_comment(
        offer=small, author=resident, author_name="Ewa Lis", text="Dobry pomysł."
    )
    assert comment.email == resident.email and comment.email_confirmed_at
    assert list(history(comment).order_by("pk"))[-1].to_status == "submitted"
    with time_machine.travel(
        datetime(YEAR, 4, 12, 23, 59, tzinfo=WARSAW), tick=False
    ):  # the 7th day
        services.small_grant_comment(
            offer=small, author=resident, author_name="Ewa Lis", text="Jeszcze jedno."
        )
    with time_machine.travel(datetime(YEAR, 4, 13, 0, 1, tzinfo=WARSAW), tick=False):
        with pytest.raises(DomainError):
            services.small_grant_comment(
                offer=small, author=resident, author_name="Ewa Lis", text="Za późno."
            )
    assert small.last_comment_day == date(YEAR, 4, 12)


def test_anyone_comments_only_where_the_municipality_allows_it(
    priority, pool, clerk, settings, today_in_april
):
    from django.contrib.auth.models import AnonymousUser

    small, _rep = helpers.published(priority, clerk)
    settings.SMALL_GRANT_ANONYMOUS_COMMENTS = False
    with pytest.raises(PermissionDeniedError):
        services.small_grant_comment(
            offer=small, author=AnonymousUser(), author_name="Ktoś", text="Uwaga."
        )
    settings.SMALL_GRANT_ANONYMOUS_COMMENTS = True
    with pytest.raises(DomainError):
        services.small_grant_comment(
            offer=small, author=AnonymousUser(), author_name="Ktoś", text="Uwaga."
        )
    comment = services.small_grant_comment(
        offer=small,
        author=AnonymousUser(),
        author_name="Ktoś",
        text="Uwaga.",
        email="ktos@example.org",
    )
    assert comment.author is None and comment.email_confirmed_at is None


def test_a_comment_is_hidden_and_considered_by_a_clerk_only_audited(
    priority, pool, clerk, today_in_april
):
    small, rep = helpers.published(priority, clerk)
    comment = services.small_grant_comment(
        offer=small, author=rep, author_name="Anna", text="Uwaga."
    )
    with pytest.raises(PermissionDeniedError):
        services.small_grant_comment_hide(comment=comment, actor=rep, reason="spam")
    with pytest.raises(DomainError):
        services.small_grant_comment_consider(
            comment=comment, actor=clerk, consideration=" "
        )
    services.small_grant_comment_consider(
        comment=comment, actor=clerk, consideration="Uwzględniono w umowie."
    )
    services.small_grant_comment_hide(
        comment=comment, actor=clerk, reason="Dane osobowe"
    )
    assert [c.to_status for c in history(comment).order_by("pk")] == [
        "submitted",
        "considered",
        "hidden",
    ]


def test_the_sweep_closes_the_comments_once_the_7_days_have_passed(
    priority, pool, clerk, today_in_april
):
    from grants.tasks import small_grant_close_comments_due_task

    small, _rep = helpers.published(priority, clerk)
    with time_machine.travel(datetime(YEAR, 4, 12, 23, tzinfo=WARSAW), tick=False):
        assert small_grant_close_comments_due_task() == 0
    with time_machine.travel(datetime(YEAR, 4, 13, 0, 30, tzinfo=WARSAW), tick=False):
        assert small_grant_close_comments_due_task() == 1
        assert small_grant_close_comments_due_task() == 0
    small.refresh_from_db()
    assert small.status == SmallGrantStatus.COMMENTS_CLOSED
    last = list(history(small).order_by("pk"))[-1]
    assert (last.from_status, last.to_status, last.actor) == (
        "published",
        "comments_closed",
        None,
    )


def _closed(priority, clerk, **kw):
    small, rep = helpers.published(priority, clerk, **kw)
    with time_machine.travel(small.comments_until, tick=False):
        services.small_grant_close_comments(smallgrantoffer=small, actor=clerk)
    small.refresh_from_db()
    return small


def test_the_contract_is_made_of_the_small_grant_audited(
    priority, pool, clerk, today_in_april
):
    from grants.models import Contract
    from grants.services import small_grant_contract

    helpers.contract_template()
    small = helpers.published(priority, clerk)[0]
    with pytest.raises(DomainError):
        small_grant_contract(smallgrantoffer=small, actor=clerk)
    small = _closed(priority, clerk)
    with pytest.raises(PermissionDeniedError):
        small_grant_contract(smallgrantoffer=small, actor=UserFactory())
    contract = small_grant_contract(smallgrantoffer=small, actor=clerk)
    contract = Contract.objects.get(pk=contract.pk)
    assert contract.source == small and contract.offer_id is None
    assert contract.grant == Decimal("5000.00") and contract.form == "support"
    assert contract.terms["instalments"] == [
        {"number": 1, "due_on": f"{YEAR}-05-01", "amount": "5000.00"}
    ]
    assert contract.number in contract.body and "Festyn" in contract.body
    assert [c.to_status for c in history(contract).order_by("pk")] == ["draft"]
    small.refresh_from_db()
    assert small.status == SmallGrantStatus.CONTRACTED
    assert list(history(small).order_by("pk"))[-1].note == contract.number
    with pytest.raises(DomainError):
        small_grant_contract(smallgrantoffer=small, actor=clerk)


def test_a_task_across_the_new_year_is_paid_in_each_budget_year(clerk, settings):
    from grants.services.contracts import small_grant_terms, terms_problems

    priority = helpers.year_of(YEAR)
    small = helpers.draft(priority, grant="9000.00", start=date(YEAR, 12, 2), days=60)
    terms = small_grant_terms(small)
    assert [(y["year"], y["amount"]) for y in terms["years"]] == [
        (YEAR, "4500.00"),
        (YEAR + 1, "4500.00"),
    ]
    assert terms_problems(terms, Decimal("9000.00")) == []


def test_the_contract_form_is_support_or_entrust(priority, pool, clerk, today_in_april):
    from grants.services import small_grant_contract

    helpers.contract_template()
    small = _closed(priority, clerk)
    with pytest.raises(DomainError):
        small_grant_contract(smallgrantoffer=small, actor=clerk, form="gift")
    assert (
        small_grant_contract(smallgrantoffer=small, actor=clerk, form="entrust").form
        == "entrust"
    )


def test_the_days_of_receipt_decision_publication_and_closing_are_in_order(
    priority, pool, clerk, today_in_april
):
    organisation = OrganisationFactory()
    (rep,) = board(organisation, [("Anna Nowak", "prezes")], required=1)
    small = helpers.draft(priority, organisation)
    services.small_grant_confirm(
        offer=small, actor=rep, digest=services.checksum(small)
    )
    with pytest.raises(DomainError):
        services.small_grant_submit(
            offer=small, actor=rep, received_on=today_in_april + timedelta(days=1)
        )
    received = date(YEAR, 3, 22)
    small = services.small_grant_submit(offer=small, actor=rep, received_on=received)
    assert small.received_on == received
    with pytest.raises(DomainError):
        services.small_grant_find_worthwhile(
            smallgrantoffer=small, actor=clerk, on=date(YEAR, 3, 21)
        )
    services.small_grant_find_worthwhile(
        smallgrantoffer=small, actor=clerk, on=date(YEAR, 3, 23)
    )
    small.refresh_from_db()
    with pytest.raises(DomainError):
        services.small_grant_publish(
            smallgrantoffer=small, actor=clerk, on=date(YEAR, 3, 22)
        )
    services.small_grant_publish(
        smallgrantoffer=small, actor=clerk, on=date(YEAR, 3, 24)
    )
    small.refresh_from_db()
    with pytest.raises(DomainError):
        services.small_grant_close_comments(
            smallgrantoffer=small, actor=clerk, on=date(YEAR, 3, 30)
        )
    with pytest.raises(DomainError):
        services.small_grant_close_comments(
            smallgrantoffer=small, actor=clerk, on=today_in_april + timedelta(days=3)
        )
    services.small_grant_close_comments(
        smallgrantoffer=small, actor=clerk, on=date(YEAR, 3, 31)
    )


def test_a_comment_longer_than_its_limit_is_refused_by_the_service(
    priority, pool, clerk, today_in_april
):
    from cooperation.core.limits import text_limit

    small, rep = helpers.published(priority, clerk)
    with pytest.raises(DomainError) as refused:
        services.small_grant_comment(
            offer=small,
            author=rep,
            author_name="Anna",
            text="a" * (text_limit("comment") + 1),
        )
    assert refused.value.field == "text"
    with pytest.raises(DomainError):
        services.small_grant_comment(
            offer=small, author=rep, author_name="A" * 301, text="Uwaga."
        )
    assert not small.comments.exists()


# --- The limits at their edges, as settings --------------------------------------


def test_the_limits_are_settings_with_the_statutory_defaults(settings):
    from django.conf import settings as configured

    from cooperation import settings as defaults

    assert Decimal(defaults.SMALL_GRANT_MAX_AMOUNT) == Decimal("10000.00")
    assert defaults.SMALL_GRANT_MAX_DAYS == 90
    assert Decimal(defaults.SMALL_GRANT_YEARLY_LIMIT) == Decimal("20000.00")
    assert defaults.SMALL_GRANT_POOL_PERCENT == 20
    assert defaults.SMALL_GRANT_COMMENT_DAYS == 7
    assert configured.SMALL_GRANT_MAX_DAYS == 90


def test_a_lower_limit_set_by_the_municipality_is_applied(priority, pool, settings):
    settings.SMALL_GRANT_MAX_AMOUNT = "8000.00"
    settings.SMALL_GRANT_MAX_DAYS = 60
    found = services.problems(offer(priority, grant="8000.01", days=61))
    assert any("art. 19a ust. 1 pkt 1" in p and "8" in p for p in found)
    assert any("60" in p and "61" in p for p in found)
    assert services.problems(offer(priority, grant="8000.00", days=60)) == []


def test_the_yearly_20000_counts_the_year_the_task_starts_in(priority, pool):
    organisation = OrganisationFactory()
    # Two offers of the year, the second crossing into the next one.
    offer(priority, organisation, grant="10000.00", status=SmallGrantStatus.CONTRACTED)
    offer(
        priority,
        organisation,
        grant="5000.00",
        start=date(YEAR, 12, 1),
        days=60,
        status=SmallGrantStatus.PUBLISHED,
    )
    last_day = offer(priority, organisation, grant="5000.00", start=date(YEAR, 12, 31))
    assert services.problems(last_day) == []  # 20,000.00 exactly
    over = offer(priority, organisation, grant="5000.01", start=date(YEAR, 12, 31))
    (problem,) = [p for p in services.problems(over) if "art. 19a ust. 4" in p]
    assert "20" in problem and str(YEAR) in problem
    next_year = PriorityFactory(programme=ProgrammeFactory(year=YEAR + 1))
    SmallGrantPool.objects.create(year=YEAR + 1, planned_grants=Decimal("500000"))
    january = offer(
        next_year, organisation, grant="10000.00", start=date(YEAR + 1, 1, 1)
    )
    assert services.problems(january) == []


def test_refused_offers_and_drafts_do_not_count_towards_the_limits(priority):
    SmallGrantPool.objects.create(year=YEAR, planned_grants=Decimal("100000.00"))
    organisation = OrganisationFactory()
    offer(priority, organisation, grant="10000.00", status=SmallGrantStatus.REFUSED)
    offer(priority, organisation, grant="10000.00", status=SmallGrantStatus.DRAFT)
    offer(priority, organisation, grant="10000.00", status=SmallGrantStatus.SUBMITTED)
    assert services.problems(offer(priority, organisation, grant="10000.00")) == []


def test_the_pool_is_the_percent_of_the_planned_grants_at_its_edge(priority, settings):
    SmallGrantPool.objects.create(year=YEAR, planned_grants=Decimal("100000.00"))
    offer(priority, grant="9000.00", status=SmallGrantStatus.CONTRACTED)
    offer(priority, grant="9000.00", status=SmallGrantStatus.PUBLISHED)
    assert services.problems(offer(priority, grant="2000.00")) == []  # 20,000.00
    (problem,) = [
        p
        for p in services.problems(offer(priority, grant="2000.01"))
        if "art. 19a ust. 5" in p
    ]
    assert "20%" in problem
    settings.SMALL_GRANT_POOL_PERCENT = 25
    assert services.problems(offer(priority, grant="7000.00")) == []
    assert any(
        "art. 19a ust. 5" in p
        for p in services.problems(offer(priority, grant="7000.01"))
    )


def test_character_and_programme_each_have_their_message(priority, pool):
    from django.utils import translation

    other_year = PriorityFactory(programme=ProgrammeFactory(year=YEAR - 1))
    with translation.override("pl"):
        assert any(
            str(YEAR) in p and "program" in p.lower()
            for p in services.problems(offer(other_year))
        )
        assert any(
            "lokaln" in p and "regionaln" in p
            for p in services.problems(offer(priority, character=""))
        )
    regional = offer(priority, character="regional")
    assert services.problems(regional) == []
    # Every task of the programme is within a sphere of public benefit (art. 4).
    assert regional.priority.sphere_id is not None


# --- The outbox and moderation ---------------------------------------------------


def test_the_organisation_is_told_of_the_decision_and_the_publication(
    priority, pool, clerk, today_in_april
):
    from cooperation.core.models import Notification
    from cooperation.core.notifications import render_email

    worthwhile, rep = helpers.submitted(priority)
    services.small_grant_find_worthwhile(smallgrantoffer=worthwhile, actor=clerk)
    worthwhile.refresh_from_db()
    services.small_grant_publish(smallgrantoffer=worthwhile, actor=clerk)
    refused, other = helpers.submitted(priority)
    services.small_grant_refuse(
        smallgrantoffer=refused,
        actor=clerk,
        reason="Zadanie nie ma charakteru lokalnego.",
    )
    kinds = dict(
        Notification.objects.filter(recipient=rep).values_list("kind", "occasion")
    )
    assert set(kinds) == {
        "grants.small_grant_worthwhile",
        "grants.small_grant_published",
    }
    published = Notification.objects.get(
        recipient=rep, kind="grants.small_grant_published"
    )
    mail = render_email(published)
    assert worthwhile.number in mail.subject
    assert worthwhile.get_public_url() in mail.body and "12" in mail.body
    refusal = render_email(
        Notification.objects.get(recipient=other, kind="grants.small_grant_refused")
    )
    assert "Zadanie nie ma charakteru lokalnego." in refusal.body


def test_a_hidden_comment_is_shown_again_audited(priority, pool, clerk, today_in_april):
    small, rep = helpers.published(priority, clerk)
    comment = services.small_grant_comment(
        offer=small, author=rep, author_name="Anna", text="Uwaga."
    )
    services.small_grant_comment_hide(comment=comment, actor=clerk, reason="Pomyłka")
    with pytest.raises(PermissionDeniedError):
        services.small_grant_comment_unhide(comment=comment, actor=rep)
    services.small_grant_comment_unhide(comment=comment, actor=clerk)
    comment.refresh_from_db()
    assert comment.hidden_at is None and comment.hidden_reason == ""
    assert [c.to_status for c in history(comment).order_by("pk")] == [
        "submitted",
        "hidden",
        "shown",
    ]
