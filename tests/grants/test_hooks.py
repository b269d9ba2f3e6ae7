import io
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench import pages as bench_pages
from cooperation.core.models import Notification
from cooperation.core.reminders import sweep_reminders
from grants import demo, personal_data, reminders, site
from grants.models import CommitteeMember, Competition, Offer
from ngos.validators import validate_bank_account
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory, OfferFactory, complete_offer
from tests.grants.worlds import freeze
from tests.ngos.factories import MembershipFactory, OrganisationFactory, SphereFactory

pytestmark = pytest.mark.django_db


def _drafts(n, competition):
    for _ in range(n):
        offer = OfferFactory(competition=competition)
        MembershipFactory(organisation=offer.organisation)
        MembershipFactory(organisation=offer.organisation, editor=True)


def test_offer_deadline_reminders_3_and_1_days_before(django_assert_num_queries):
    competition = CompetitionFactory(announced=True)
    _drafts(2, competition)
    submitted = freeze(
        complete_offer(competition=competition), status="submitted", sequence=1
    )
    MembershipFactory(organisation=submitted.organisation)
    deadline = competition.offers_deadline
    assert reminders.offer_deadline_reminders(deadline - timedelta(days=4)) == []
    ContentType.objects.get_for_model(
        Offer
    )  # cached for the process after the first use
    # 1 drafts in competitions closing soon, 2 representatives of their organisations.
    with django_assert_num_queries(2):
        three = reminders.offer_deadline_reminders(deadline - timedelta(days=3))
    assert len(three) == 2 and all(
        m.occasion.startswith("offer-deadline-3d:") for m in three
    )
    _drafts(8, competition)
    with django_assert_num_queries(2):
        one = reminders.offer_deadline_reminders(deadline - timedelta(hours=20))
    assert len(one) == 10 and all(
        m.occasion.startswith("offer-deadline-1d:") for m in one
    )
    assert reminders.offer_deadline_reminders(deadline + timedelta(seconds=1)) == []


def test_reminder_sweep_is_idempotent(mailoutbox, django_capture_on_commit_callbacks):
    competition = CompetitionFactory(announced=True)
    _drafts(1, competition)
    now = competition.offers_deadline - timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        sweep_reminders(now=now)
        sweep_reminders(now=now)
    assert Notification.objects.filter(kind="grants.offer_deadline").count() == 1
    assert any(competition.title in m.body for m in mailoutbox)


def test_scoring_reminder_to_members_who_have_not_scored():
    competition = CompetitionFactory(
        status="committee_review", scoring_date=timezone.localdate() + timedelta(days=2)
    )
    freeze(
        complete_offer(competition=competition), status="formally_accepted", sequence=1
    )
    lazy = CommitteeMember.objects.create(
        competition=competition, user=UserFactory(), declared_at=timezone.now()
    )
    messages = reminders.scoring_reminders(timezone.now())
    assert [m.recipient_id for m in messages] == [lazy.user_id]
    assert reminders.scoring_reminders(timezone.now() - timedelta(days=3)) == []


def test_home_section_calendar_and_export(rf):
    competition = CompetitionFactory(announced=True)
    request = rf.get("/")
    section = site.home_section(request)
    assert section["competitions"] == [competition]
    entries = list(
        site.calendar_entries(timezone.now(), timezone.now() + timedelta(days=60))
    )
    assert [e.uid for e in entries] == [f"grants-competition-{competition.pk}-deadline"]
    user = MembershipFactory().user
    offer = OfferFactory(
        competition=competition,
        organisation=user.memberships.get().organisation,
        created_by=user,
    )
    data = personal_data.export(user)
    assert (
        data["offers"][0]["title"] == offer.title and data["offers"][0]["created_by_me"]
    )


def test_seed_demo_has_a_competition_in_each_state_and_runs_twice():
    from cooperation.core.demo import seed_people
    from ngos import demo as ngos_demo

    # A transactional test run before this one may have flushed the seeded spheres.
    for code in ("3", "13"):
        SphereFactory(code=code, number=int(code))
    out = io.StringIO()
    seed_people(out)
    ngos_demo.seed_demo(out)
    demo.seed_demo(out)
    demo.seed_demo(out)
    states = set(Competition.objects.values_list("status", flat=True))
    assert states == {s.value for s in Competition.Status}
    assert Competition.objects.count() == 8
    assert Offer.objects.filter(
        status="draft", competition__status="announced"
    ).exists()
    for account in Offer.objects.values_list("offeror_bank_account", flat=True):
        validate_bank_account(account)
        assert account
    _demo_obeys_the_committee_rules()
    _demo_offers_are_signed_as_represented()
    _demo_carries_a_grant_to_its_refund()
    _demo_small_grants_obey_the_rules()


def _demo_carries_a_grant_to_its_refund():
    from cooperation.core.workflow import history
    from grants.models import Contract
    from grants.services.reports import refund_due_now

    contract = Contract.objects.get(offer__isnull=False)
    assert contract.status == "in_progress"
    assert contract.payments.count() == 2
    assert sum(p.amount for p in contract.payments.all()) == contract.grant
    assert [(r.kind, r.status) for r in contract.reports.order_by("pk")] == [
        ("partial", "accepted"),
        ("final", "submitted"),
    ]
    refund = contract.refunds.get()
    assert refund.kind == "misused" and refund.status == "due"
    assert refund_due_now(refund, refund.due_on)[1] > 0
    for obj in (contract, refund, *contract.reports.all()):
        assert list(history(obj)), obj


def _demo_small_grants_obey_the_rules():
    from grants.models import Contract, SmallGrantOffer
    from grants.services import small_grants

    contracted = SmallGrantOffer.objects.get(status="contracted")
    published = SmallGrantOffer.objects.get(status="published")
    assert Contract.objects.get(small_grant=contracted).source == contracted
    assert published.comments_open_on(timezone.localdate())
    assert published.comments.filter(hidden_at__isnull=True).count() == 1
    for offer in (contracted, published):
        assert small_grants.problems(offer) == []
        assert offer.checksum == small_grants.checksum(offer)
        assert offer.decided_on <= offer.published_on <= small_grants.publish_by(offer)
        assert offer.bip_published_on == offer.published_on
    assert contracted.comments_until <= timezone.localdate()


def _demo_offers_are_signed_as_represented():
    from grants.selectors import offers_with_rows
    from grants.services.signing import signature_problems
    from ngos.models import Organisation, Representation

    verified = Organisation.objects.filter(verified_at__isnull=False)
    assert (
        verified.count()
        == Representation.objects.filter(organisation__in=verified).count()
    )
    sent = offers_with_rows().exclude(status="draft")
    assert sent.exists()
    for offer in sent:
        # Register data, and the representatives' confirmations of what was sent.
        assert offer.offeror_legal_form and offer.offeror_register, offer
        assert signature_problems(offer, offer.checksum) == [], offer
        assert offer.confirmations.filter(checksum=offer.checksum).count() >= (
            offer.organisation.representation.signatures_required
        )
    assert Representation.objects.filter(signatures_required=2).exists()


def _demo_obeys_the_committee_rules():
    from grants.committee import committee_work_missing, composition_problems

    reviewed = Competition.objects.filter(
        status__in=["committee_review", "decision", "results_published"]
    )
    assert reviewed.count() == 3
    for competition in reviewed:
        assert composition_problems(competition) == [], competition
        # Never a committee of one.
        assert competition.committee.exclude(kind="expert").count() >= 2
        kinds = set(competition.committee.values_list("kind", flat=True))
        assert "nominee" in kinds or competition.officials_only_reason
        assert all(
            "Art. 24 § 1. Pracownik organu" in m.declaration_text
            for m in competition.committee.all()
        )
        if competition.status == "committee_review":
            continue
        assert committee_work_missing(competition) == [], competition
        assert competition.protocol_signed_at and competition.protocol_place
        assert competition.committee.filter(attended=True).exists()
        assert competition.decision_ordinance_number
        assert competition.decision_ordinance_date <= competition.selection_date
    for offer in Offer.objects.filter(granted_amount__isnull=False):
        assert offer.granted_amount <= offer.requested_grant or (
            offer.over_request_reason
        )


def test_seed_bench_step_and_pages(client):
    for _ in range(3):
        OrganisationFactory()
    demo.seed_bench(1, io.StringIO())
    assert Competition.objects.count() == 300 and Offer.objects.count() == 1500
    for _label, path in bench_pages.grants():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        assert len(queries) <= 12, (path, len(queries))


def test_demo_competitions_published_in_the_past_with_varied_contacts(sphere_factory):
    from cooperation.core.demo import seed_people
    from ngos import demo as ngos_demo

    for code in ("3", "13"):
        sphere_factory(code=code, number=int(code))
    out = io.StringIO()
    seed_people(out)
    ngos_demo.seed_demo(out)
    demo.seed_demo(out)
    announced = Competition.objects.get(status="announced")
    assert announced.announced_at < timezone.now()
    names = set(Offer.objects.values_list("contact_name", flat=True))
    assert len(names) > 1


def test_seed_demo_competitions_obey_the_announcement_rules(clerk):
    from cooperation.core.demo import seed_people
    from grants import services
    from grants.models.competition import statutory_points_for
    from ngos import demo as ngos_demo

    for code in ("3", "13"):
        SphereFactory(code=code, number=int(code))
    out = io.StringIO()
    seed_people(out)
    ngos_demo.seed_demo(out)
    demo.seed_demo(out)
    for competition in Competition.objects.all():
        competition.full_clean()
        assert competition.ordinance_number and competition.ordinance_date
        programme = competition.priority.programme
        assert programme.resolution_number and programme.resolution_date
        last = competition.last_publication
        assert last is not None, competition
        assert timezone.localdate(
            competition.offers_deadline
        ) >= services.earliest_deadline(last)
        points = set(competition.criteria.values_list("statutory_point", flat=True))
        assert set(statutory_points_for(competition.form)) <= points
        assert all(entry.is_stated for entry in competition.same_type_summary)
        for year in competition.same_type_years.all():
            year.full_clean()
    draft = Competition.objects.get(status="draft")
    services.competition_publish(competition=draft, actor=clerk)
    assert draft.status == "announced"


def test_seed_demo_updates_the_offer_granted_less_than_requested(clerk):
    from cooperation.core.demo import seed_people
    from cooperation.core.workflow import history
    from grants.award import update_problems
    from grants.models import OfferUpdate
    from ngos import demo as ngos_demo

    for code in ("3", "13"):
        SphereFactory(code=code, number=int(code))
    out = io.StringIO()
    seed_people(out)
    ngos_demo.seed_demo(out)
    demo.seed_demo(out)
    update = OfferUpdate.objects.select_related("offer").get()
    assert update.status == "accepted"
    assert update.granted_amount < update.offer.requested_grant
    assert update_problems(update) == []
    assert update.as_offer().total_funding == update.as_offer().total_costs
    assert [c.to_status for c in history(update)] == ["draft", "submitted", "accepted"]
