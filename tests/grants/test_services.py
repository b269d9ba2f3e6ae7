from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import formats, timezone, translation

from cooperation.core.exceptions import (
    DomainError,
    PermissionDeniedError,
    TransitionNotAllowed,
)
from cooperation.core.workflow import history
from grants import services
from grants.models import CommitteeMember, Competition, Criterion, Offer, SameTypeYear
from grants.services.offers import OfferInvalid, StaleOffer
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory, complete_offer
from tests.grants.worlds import freeze
from tests.ngos.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def representative(org):
    return MembershipFactory(organisation=org).user


def test_publish_refuses_deadline_under_21_days_naming_earliest_date(clerk):
    now = timezone.now()
    competition = CompetitionFactory(offers_deadline=now + timedelta(days=20))
    with pytest.raises(DomainError) as error:
        services.competition_publish(competition=competition, actor=clerk, now=now)
    earliest = timezone.localtime(now + timedelta(days=21))
    assert earliest.strftime("%Y") in error.value.message
    assert error.value.field == "offers_deadline"
    assert "21" in error.value.message
    competition.refresh_from_db()
    assert competition.status == "draft"


def test_publish_accepts_deadline_on_the_21st_day(clerk):
    now = timezone.now()
    competition = CompetitionFactory(offers_deadline=now + timedelta(days=21))
    services.competition_publish(competition=competition, actor=clerk, now=now)
    assert competition.status == "announced" and competition.announced_at == now


def test_publish_fills_same_type_tasks_from_chosen_offers(clerk):
    earlier = CompetitionFactory(status="results_published")
    offer = complete_offer(competition=earlier)
    Offer.objects.filter(pk=offer.pk).update(
        status="selected", granted_amount=Decimal("8000"), checksum="x"
    )
    competition = CompetitionFactory(priority__sphere=earlier.priority.sphere)
    services.competition_publish(competition=competition, actor=clerk)
    rows = list(competition.same_type_tasks.all())
    assert [(r.title, r.cost, r.organisation_name) for r in rows] == [
        (offer.title, Decimal("8000.00"), offer.organisation.name)
    ]


def test_draft_save_refuses_stale_version_and_keeps_both_versions(competition):
    org = OrganisationFactory()
    editor_1 = MembershipFactory(organisation=org, editor=True).user
    editor_2 = MembershipFactory(organisation=org, editor=True).user
    offer = services.offer_create(
        competition=competition, organisation=org, actor=editor_1
    )
    loaded = offer.version
    services.offer_save(
        offer=offer, actor=editor_1, version=loaded, fields={"title": "Pierwszy"}
    )
    stale = Offer.objects.get(pk=offer.pk)
    with pytest.raises(StaleOffer) as error:
        services.offer_save(
            offer=stale, actor=editor_2, version=loaded, fields={"title": "Drugi"}
        )
    assert error.value.current.title == "Pierwszy"
    assert Offer.objects.get(pk=offer.pk).title == "Pierwszy"


def test_offer_money_rules_name_exact_amounts(competition):
    offer = complete_offer(competition=competition)
    # Costs 10 000,00; grant above the 20 000 maximum and own contribution below 10 %.
    offer.requested_grant = Decimal("20500.00")
    offer.own_financial = Decimal("100.00")
    offer.own_non_financial = Decimal("0")
    offer.save()
    messages = dict(services.offer_validate_for_submission(offer))
    assert "20 500,00 PLN" in messages["requested_grant"].replace("\xa0", " ")
    assert "20 000,00 PLN" in messages["requested_grant"].replace("\xa0", " ")
    own = messages["own_financial"].replace("\xa0", " ")
    assert "100,00 PLN" in own and "1,00%" in own and "1 000,00 PLN" in own


def test_only_representative_submits(
    competition, mailoutbox, django_capture_on_commit_callbacks
):
    offer = complete_offer(competition=competition)
    editor = MembershipFactory(organisation=offer.organisation, editor=True).user
    with pytest.raises(PermissionDeniedError):
        services.offer_submit(offer=offer, actor=editor)
    rep = representative(offer.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_submit(offer=offer, actor=rep)
    offer.refresh_from_db()
    assert offer.status == "submitted" and len(offer.checksum) == 64
    assert offer.number.endswith("/001") and offer.submitted_by == rep
    assert offer.checksum == services.offer_checksum(offer.content)
    assert len(mailoutbox) == 1 and offer.checksum in mailoutbox[0].body
    with pytest.raises(DomainError):
        services.offer_save(
            offer=offer, actor=rep, version=offer.version, fields={"title": "x"}
        )


def test_submit_after_deadline_refused_and_draft_kept(competition):
    offer = complete_offer(competition=competition)
    rep = representative(offer.organisation)
    with time_machine.travel(competition.offers_deadline + timedelta(seconds=1)):
        with pytest.raises(DomainError) as error:
            services.offer_submit(offer=offer, actor=rep)
    assert error.value.code == "deadline"
    offer.refresh_from_db()
    assert offer.status == "draft" and offer.title


def test_incomplete_offer_lists_fields(competition):
    org = OrganisationFactory()
    rep = representative(org)
    offer = services.offer_create(competition=competition, organisation=org, actor=rep)
    with pytest.raises(OfferInvalid) as error:
        services.offer_submit(offer=offer, actor=rep)
    fields = {f for f, _m in error.value.errors}
    assert {"title", "actions", "cost_rows", "st_true"} <= fields


def test_nominee_of_offering_organisation_refused(competition, clerk):
    offer = complete_offer(competition=competition)
    services.offer_submit(offer=offer, actor=representative(offer.organisation))
    with pytest.raises(DomainError) as error:
        services.committee_appoint(
            competition=competition,
            user=UserFactory(),
            actor=clerk,
            kind=CommitteeMember.Kind.NOMINEE,
            nominated_by=offer.organisation,
        )
    assert error.value.code == "nominee-conflict"


def test_full_walk_through_every_state_with_audit(
    clerk, mailoutbox, django_capture_on_commit_callbacks
):
    competition = CompetitionFactory()
    with pytest.raises(TransitionNotAllowed) as refused:
        services.competition_publish_results(competition=competition, actor=clerk)
    # The message names the object and both states, in the person's language.
    assert competition.title in refused.value.message
    assert "wyniki ogłoszone" in refused.value.message
    services.competition_publish(competition=competition, actor=clerk)
    good, rejected, corrected = (
        complete_offer(competition=competition) for _ in range(3)
    )
    reps = {o.pk: representative(o.organisation) for o in (good, rejected, corrected)}
    for o in (good, rejected, corrected):
        services.offer_submit(offer=o, actor=reps[o.pk])
    with pytest.raises(DomainError):
        services.competition_close(competition=competition, actor=clerk)

    with time_machine.travel(competition.offers_deadline + timedelta(minutes=1)):
        services.competition_close(competition=competition, actor=clerk)
        services.competition_start_formal_review(competition=competition, actor=clerk)
        good, rejected, corrected = (
            Offer.objects.get(pk=o.pk) for o in (good, rejected, corrected)
        )
        services.offer_formal_accept(offer=good, actor=clerk)
        services.offer_formal_reject(offer=rejected, actor=clerk, reason="Brak podpisu")
        services.offer_request_correction(
            offer=corrected, actor=clerk, fields=["contact_phone"], note="Brak telefonu"
        )
        corrected.refresh_from_db()
        rep = reps[corrected.pk]
        with pytest.raises(DomainError):
            services.offer_save(
                offer=corrected,
                actor=rep,
                version=corrected.version,
                fields={"title": "Nowy"},
            )
        services.offer_save(
            offer=corrected,
            actor=rep,
            version=corrected.version,
            fields={"contact_phone": "32 111 22 33"},
        )
        services.offer_submit(offer=corrected, actor=rep)
        corrected.refresh_from_db()
        assert corrected.status == "submitted" and corrected.number.endswith("/003")
        services.offer_formal_accept(offer=corrected, actor=clerk)

        with pytest.raises(DomainError):
            services.competition_decide(
                competition=competition, actor=clerk, awards={}, reasons={}
            )
        member = services.committee_appoint(
            competition=competition, user=UserFactory(committee=True), actor=clerk
        )
        Competition.objects.filter(pk=competition.pk).update(
            committee_ordinance_number="0050.10.2026",
            committee_ordinance_date=timezone.localdate(),
            officials_only_reason="nobody",
        )
        competition.refresh_from_db()
        services.competition_start_committee_review(
            competition=competition, actor=clerk
        )
        services.committee_declare(
            member=member, actor=member.user, conflicts={corrected.pk: "krewny"}
        )
        criteria = list(competition.criteria.all())
        with pytest.raises(PermissionDeniedError):
            services.offer_score(
                member=member,
                offer=corrected,
                actor=member.user,
                scores={c.pk: (1, "") for c in criteria},
            )
        with pytest.raises(DomainError):
            services.offer_score(
                member=member,
                offer=good,
                actor=member.user,
                scores={c.pk: (c.max_points + 1, "") for c in criteria},
            )
        services.offer_score(
            member=member,
            offer=good,
            actor=member.user,
            scores={c.pk: (c.max_points, "ok") for c in criteria},
        )
        services.committee_sign_protocol(
            competition=competition,
            actor=clerk,
            date=timezone.localdate(),
            place="Urząd Miasta, sala 12",
            present=[member.pk],
        )
        with pytest.raises(DomainError):
            services.competition_decide(
                competition=competition,
                actor=clerk,
                awards={good.pk: Decimal("60000")},
                reasons={corrected.pk: "Niska ocena"},
                ordinance_number="0050.12.2026",
                ordinance_date=timezone.localdate(),
            )
        with django_capture_on_commit_callbacks(execute=True):
            services.competition_decide(
                competition=competition,
                actor=clerk,
                awards={good.pk: Decimal("9000")},
                reasons={corrected.pk: "Niska ocena"},
                ordinance_number="0050.12.2026",
                ordinance_date=competition.selection_date,
            )
            services.competition_publish_results(competition=competition, actor=clerk)

    competition.refresh_from_db()
    assert (
        competition.status == "results_published" and competition.results_published_at
    )
    statuses = [
        (c.from_status, c.to_status) for c in history(competition) if c.from_status
    ]
    assert statuses == [
        ("draft", "announced"),
        ("announced", "closed"),
        ("closed", "formal_review"),
        ("formal_review", "committee_review"),
        ("committee_review", "decision"),
        ("decision", "results_published"),
    ]
    assert all(c.actor == clerk for c in history(competition) if c.from_status)
    # Transitions only: the representatives' confirmations are events of their own.
    assert [c.to_status for c in history(corrected) if c.from_status] == [
        "submitted",
        "correction_requested",
        "submitted",
        "formally_accepted",
        "not_selected",
    ]
    assert Offer.objects.get(pk=good.pk).granted_amount == Decimal("9000.00")
    results_mail = [
        m for m in mailoutbox if "9" in m.body and m.to == [reps[good.pk].email]
    ]
    assert results_mail
    assert {m.to[0] for m in mailoutbox} >= {u.email for u in reps.values()}


def test_annulment_when_no_offer_came(clerk):
    competition = CompetitionFactory()
    services.competition_publish(competition=competition, actor=clerk)
    traveller = time_machine.travel(competition.offers_deadline + timedelta(minutes=1))
    traveller.start()
    try:
        services.competition_close(competition=competition, actor=clerk)
        with pytest.raises(DomainError):
            services.competition_start_formal_review(
                competition=competition, actor=clerk
            )
        with pytest.raises(DomainError):
            services.competition_annul(competition=competition, actor=clerk, reason=" ")
        services.competition_annul(
            competition=competition, actor=clerk, reason="Nie wpłynęła żadna oferta"
        )
    finally:
        traveller.stop()
    competition.refresh_from_db()
    assert competition.status == "annulled" and competition.annulled_at
    last = list(history(competition))[-1]
    assert (last.from_status, last.to_status, last.note, last.actor) == (
        "closed",
        "annulled",
        "Nie wpłynęła żadna oferta",
        clerk,
    )
    with pytest.raises(TransitionNotAllowed):
        services.competition_annul(competition=competition, actor=clerk, reason="again")


def test_annulment_when_every_offer_formally_rejected(clerk):
    competition = CompetitionFactory()
    services.competition_publish(competition=competition, actor=clerk)
    offer = complete_offer(competition=competition)
    services.offer_submit(offer=offer, actor=representative(offer.organisation))
    with time_machine.travel(competition.offers_deadline + timedelta(minutes=1)):
        services.competition_close(competition=competition, actor=clerk)
        with pytest.raises(DomainError):
            services.competition_annul(competition=competition, actor=clerk, reason="x")
        services.competition_start_formal_review(competition=competition, actor=clerk)
        with pytest.raises(DomainError):
            services.competition_annul(competition=competition, actor=clerk, reason="x")
        services.offer_formal_reject(
            offer=Offer.objects.get(pk=offer.pk), actor=clerk, reason="Po terminie"
        )
        with pytest.raises(DomainError):
            services.competition_start_committee_review(
                competition=competition, actor=clerk
            )
        services.competition_annul(
            competition=competition,
            actor=clerk,
            reason="Żadna oferta nie spełniła wymogów",
        )
    assert Competition.objects.get(pk=competition.pk).status == "annulled"


def test_draft_cannot_be_changed_after_the_deadline(competition):
    offer = complete_offer(competition=competition)
    rep = representative(offer.organisation)
    with time_machine.travel(competition.offers_deadline + timedelta(seconds=1)):
        with pytest.raises(DomainError) as error:
            services.offer_save(
                offer=offer, actor=rep, version=offer.version, fields={"title": "x"}
            )
    assert error.value.code == "deadline"
    assert Offer.objects.get(pk=offer.pk).title == offer.title


def test_committee_review_refused_with_a_nominee_of_an_offeror(clerk):
    competition = CompetitionFactory(status="formal_review")
    offer = complete_offer(competition=competition)
    from tests.grants.worlds import freeze

    freeze(offer, status="formally_accepted", sequence=1)
    CommitteeMember.objects.create(
        competition=competition,
        user=UserFactory(),
        kind="nominee",
        nominated_by=offer.organisation,
    )
    with pytest.raises(DomainError) as error:
        services.competition_start_committee_review(
            competition=competition, actor=clerk
        )
    assert error.value.code == "nominee-conflict"


def test_only_clerks_move_a_competition(competition):
    resident = UserFactory()
    draft = CompetitionFactory()
    with pytest.raises(PermissionDeniedError):
        services.competition_publish(competition=draft, actor=resident)
    with pytest.raises(PermissionDeniedError):
        services.competition_annul(competition=competition, actor=resident, reason="x")


def test_score_needs_a_comment_and_stays_within_the_maximum(clerk):
    from tests.grants.worlds import freeze

    competition = CompetitionFactory(status="committee_review")
    offer = freeze(
        complete_offer(competition=competition), status="formally_accepted", sequence=1
    )
    member = CommitteeMember.objects.create(
        competition=competition, user=UserFactory(), declared_at=timezone.now()
    )
    criteria = list(competition.criteria.all())
    with pytest.raises(DomainError) as error:
        services.offer_score(
            member=member,
            offer=offer,
            actor=member.user,
            scores={c.pk: (1, " ") for c in criteria},
        )
    assert error.value.field == f"comment_{criteria[0].pk}"
    services.offer_score(
        member=member,
        offer=offer,
        actor=member.user,
        scores={c.pk: (c.max_points, "dobrze") for c in criteria},
    )
    assert member.scores.count() == len(criteria)


# A member of an offering organisation neither sits on the committee nor scores it.


def test_appointing_a_member_of_an_offering_organisation_is_refused(
    clerk, offer_in_review, membership_factory
):
    competition, offer = offer_in_review()
    person = membership_factory(organisation=offer.organisation, editor=True).user
    with pytest.raises(DomainError) as error:
        services.committee_appoint(competition=competition, user=person, actor=clerk)
    assert error.value.code == "offeror-member"
    assert offer.organisation.name in error.value.message
    assert not CommitteeMember.objects.filter(user=person).exists()


def test_committee_review_refused_when_a_member_joined_an_offering_organisation(
    clerk, offer_in_review, user_factory, membership_factory
):
    competition, offer = offer_in_review()
    person = user_factory()
    CommitteeMember.objects.create(competition=competition, user=person)
    membership_factory(organisation=offer.organisation, user=person)
    with pytest.raises(DomainError) as error:
        services.competition_start_committee_review(
            competition=competition, actor=clerk
        )
    assert error.value.code == "offeror-member"


def test_member_of_the_offeror_cannot_score_it_even_without_declaring_a_conflict(
    offer_in_review, user_factory, membership_factory
):
    from grants.models import Conflict
    from grants.permissions import can_score

    competition, offer = offer_in_review(status="committee_review")
    person = user_factory(committee=True)
    member = CommitteeMember.objects.create(competition=competition, user=person)
    membership_factory(organisation=offer.organisation, user=person)
    services.committee_declare(member=member, actor=person, conflicts={})
    assert Conflict.objects.filter(member=member, offer=offer).exists()
    Conflict.objects.filter(member=member).delete()
    member.refresh_from_db()
    criteria = list(competition.criteria.all())
    with pytest.raises(PermissionDeniedError):
        services.offer_score(
            member=member,
            offer=offer,
            actor=person,
            scores={c.pk: (1, "ok") for c in criteria},
        )
    offer.competition = competition
    assert not can_score(member, offer)


# Checks of the offer at submission, each naming its field.


def test_submission_check_names_legal_form_register_account_dates_and_schedule(world):
    from grants.services.offers import offer_validate_for_submission

    offer = world.g.draft_a
    offer.offeror_legal_form = ""
    offer.offeror_register = ""
    offer.offeror_bank_account = "61 1090 1014 0000 0712 1981 2875"
    offer.end_date = offer.start_date - timedelta(days=1)
    action = offer.actions.first()
    action.start, action.end = offer.start_date, offer.start_date - timedelta(days=2)
    action.save()
    fields = {f for f, _m in offer_validate_for_submission(offer)}
    assert {
        "offeror_legal_form",
        "offeror_register",
        "offeror_bank_account",
        "end_date",
        "actions",
    } <= fields


def test_a_second_offer_of_the_organisation_cannot_be_submitted(world):
    from tests.grants.worlds import freeze

    competition = world.g.draft_a.competition
    first = freeze(
        complete_offer(competition=competition, organisation=world.org_a),
        status="submitted",
        sequence=5,
    )
    with pytest.raises(DomainError) as error:
        services.offer_submit(offer=world.g.draft_a, actor=world.member_a)
    assert error.value.code == "exists"
    assert first.organisation.name in error.value.message


# The announcement (art. 11, 13 and 15 ust. 1) -----------------------------------


def test_publish_is_refused_until_all_three_publications_are_recorded(clerk):
    competition = CompetitionFactory(board_published_on=None, website_published_on=None)
    with translation.override("pl"), pytest.raises(DomainError) as error:
        services.competition_publish(competition=competition, actor=clerk)
    assert "tablicy ogłoszeń" in error.value.message
    assert "stronie internetowej" in error.value.message
    assert "BIP" not in error.value.message
    assert Competition.objects.get(pk=competition.pk).status == "draft"


def test_the_21_days_count_from_the_last_of_the_three_publications(clerk):
    today = timezone.localdate()
    competition = CompetitionFactory(
        bip_published_on=today - timedelta(days=5),
        board_published_on=today,
        website_published_on=today + timedelta(days=3),
        offers_deadline=timezone.now() + timedelta(days=23),
    )
    with translation.override("pl"), pytest.raises(DomainError) as error:
        services.competition_publish(competition=competition, actor=clerk)
    earliest = today + timedelta(days=24)
    assert error.value.field == "offers_deadline"
    assert formats.date_format(earliest, "DATE_FORMAT") in error.value.message
    competition.offers_deadline = timezone.now() + timedelta(days=24)
    competition.save()
    services.competition_publish(competition=competition, actor=clerk)
    assert competition.status == "announced"


def test_publish_needs_the_ordinance_and_the_programme_resolution(clerk):
    competition = CompetitionFactory(
        ordinance_date=None, priority__programme__resolution_number=""
    )
    with translation.override("pl"), pytest.raises(DomainError) as error:
        services.competition_publish(competition=competition, actor=clerk)
    assert "zarządzenia ogłaszającego konkurs" in error.value.message
    assert "uchwały przyjmującej program" in error.value.message


def test_publish_needs_every_art_15_criterion_that_applies(clerk):
    supporting = CompetitionFactory()
    supporting.criteria.filter(statutory_point=4).delete()
    with translation.override("pl"), pytest.raises(DomainError) as error:
        services.competition_publish(competition=supporting, actor=clerk)
    assert "pkt 4" in error.value.message and error.value.code == "criteria"

    entrusting = CompetitionFactory(
        form=Competition.Form.ENTRUST, min_own_contribution=Decimal(0)
    )
    assert not entrusting.criteria.filter(statutory_point=4).exists()
    services.competition_publish(competition=entrusting, actor=clerk)
    assert entrusting.status == "announced"


def test_own_funds_criterion_is_refused_when_entrusting(clerk):
    entrusting = CompetitionFactory(
        form=Competition.Form.ENTRUST, min_own_contribution=Decimal(0)
    )
    Criterion.objects.create(
        competition=entrusting, name="Udział środków własnych", statutory_point=4
    )
    with pytest.raises(DomainError) as error:
        services.competition_publish(competition=entrusting, actor=clerk)
    assert error.value.code == "criteria" and "pkt 4" in error.value.message


def test_point_7_year_without_data_needs_the_clerks_figures(clerk):
    competition = CompetitionFactory(same_type_years=False)
    year = competition.year
    with translation.override("pl"), pytest.raises(DomainError) as error:
        services.competition_publish(competition=competition, actor=clerk)
    assert error.value.code == "same-type"
    assert str(year) in error.value.message and str(year - 1) in error.value.message
    SameTypeYear.objects.create(
        competition=competition, year=year - 1, total_cost=Decimal("30000")
    )
    with pytest.raises(DomainError) as error:
        services.competition_publish(competition=competition, actor=clerk)
    assert str(year) in error.value.message and str(year - 1) not in error.value.message
    SameTypeYear.objects.create(
        competition=competition, year=year, none_carried_out=True
    )
    services.competition_publish(competition=competition, actor=clerk)
    assert competition.status == "announced"


def test_fill_takes_tasks_of_the_same_type_not_of_the_same_sphere():
    def chosen(**competition):
        earlier = CompetitionFactory(status="results_published", **competition)
        offer = complete_offer(competition=earlier)
        Offer.objects.filter(pk=offer.pk).update(
            status="selected", granted_amount=Decimal("8000"), checksum="x"
        )
        return earlier, offer

    same_sphere, _ = chosen(task_type="Remont świetlicy")
    _, same_type = chosen(
        task_type="organizacja wypoczynku letniego dla dzieci i młodzieży"
    )
    competition = CompetitionFactory(priority__sphere=same_sphere.priority.sphere)
    assert services.competition_fill_same_type_tasks(competition=competition) == 1
    row = competition.same_type_tasks.get()
    assert row.source_offer_id == same_type.pk
    assert row.task_type == "organizacja wypoczynku letniego dla dzieci i młodzieży"


def test_decision_waits_for_the_budget_resolution_when_announced_on_the_draft(clerk):
    competition = CompetitionFactory(status="committee_review", on_draft_budget=True)
    with translation.override("pl"), pytest.raises(DomainError) as error:
        services.competition_decide(
            competition=competition, actor=clerk, awards={}, reasons={}
        )
    assert error.value.code == "budget-resolution"
    assert "uchwał" in error.value.message
    with pytest.raises(DomainError):
        services.competition_record_budget_resolution(
            competition=competition, actor=clerk, number=" ", adopted_on=None
        )
    services.competition_record_budget_resolution(
        competition=competition,
        actor=clerk,
        number="XV/120/2026",
        adopted_on=timezone.localdate(),
    )
    assert "XV/120/2026" in list(history(competition))[-1].note
    competition.refresh_from_db()
    assert not competition.budget_resolution_pending
    try:
        services.competition_decide(
            competition=competition, actor=clerk, awards={}, reasons={}
        )
    except DomainError as later:
        assert later.code != "budget-resolution"


def test_budget_resolution_is_recorded_only_by_a_clerk_and_only_on_the_draft(
    clerk, resident
):
    competition = CompetitionFactory(status="committee_review")
    with pytest.raises(DomainError) as error:
        services.competition_record_budget_resolution(
            competition=competition,
            actor=clerk,
            number="XV/120/2026",
            adopted_on=timezone.localdate(),
        )
    assert error.value.code == "not-draft-budget"
    with pytest.raises(PermissionDeniedError):
        services.competition_record_budget_resolution(
            competition=CompetitionFactory(on_draft_budget=True),
            actor=resident,
            number="XV/120/2026",
            adopted_on=timezone.localdate(),
        )


def test_supporting_needs_an_own_contribution_even_without_a_minimum():
    supporting = CompetitionFactory(announced=True, min_own_contribution=Decimal(0))
    offer = complete_offer(
        competition=supporting,
        own_financial=Decimal(0),
        own_non_financial=Decimal(0),
    )
    offer = Offer.objects.get(pk=offer.pk)
    offer.requested_grant = offer.total_costs
    fields = [f for f, _m in services.offer_validate_for_submission(offer)]
    assert "own_financial" in fields
    entrusting = CompetitionFactory(
        announced=True, form=Competition.Form.ENTRUST, min_own_contribution=Decimal(0)
    )
    offer.competition = entrusting
    fields = [f for f, _m in services.offer_validate_for_submission(offer)]
    assert "own_financial" not in fields


# The 2018 form (issue #9) --------------------------------------------------------


def _multi_year_offer():
    """A task of 2027–2028: one activity a year, a cost under each, one administrative."""
    from datetime import date

    from grants.models import CostRow, ScheduleAction

    competition = CompetitionFactory(
        announced=True, task_start=date(2027, 3, 1), task_end=date(2028, 6, 30)
    )
    offer = complete_offer(
        competition=competition,
        start_date=date(2027, 3, 1),
        end_date=date(2028, 6, 30),
    )
    offer.actions.all().delete()
    first = ScheduleAction.objects.create(
        offer=offer,
        position=1,
        name="Zajęcia 2027",
        start=date(2027, 3, 1),
        end=date(2027, 12, 31),
    )
    second = ScheduleAction.objects.create(
        offer=offer,
        position=2,
        name="Zajęcia 2028",
        start=date(2028, 1, 2),
        end=date(2028, 6, 30),
    )
    CostRow.objects.filter(offer=offer, name="Trener").update(action=first)
    CostRow.objects.filter(offer=offer, name="Sprzęt").update(action=second)
    CostRow.objects.filter(offer=offer, category="administrative").update(year=2028)
    assert first.costs.count() == 1
    return offer


def test_cost_table_numbers_costs_under_their_activity_and_administrative_from_ii_1():
    offer = Offer.objects.prefetch_related("actions", "cost_rows").get(
        pk=complete_offer().pk
    )
    numbered = [(line.number, line.label) for line in offer.cost_table() if line.number]
    assert numbered == [
        ("I.", "Koszty realizacji działań"),
        ("I.1.", "Zajęcia sportowe"),
        ("I.1.1.", "Trener"),
        ("I.1.2.", "Sprzęt"),
        ("II.", "Koszty administracyjne"),
        ("II.1.", "Księgowość"),
    ]
    totals = {line.label: line.total for line in offer.cost_table() if not line.number}
    assert totals["Suma kosztów realizacji zadania"] == Decimal("9000.00")
    assert totals["Suma kosztów administracyjnych"] == Decimal("1000.00")


def test_multi_year_task_has_a_value_per_budget_year_and_a_schedule_per_year():
    offer = Offer.objects.prefetch_related("actions", "cost_rows").get(
        pk=_multi_year_offer().pk
    )
    assert offer.budget_years == [2027, 2028]
    lines = {line.number or line.label: line for line in offer.cost_table()}
    assert lines["I.1."].per_year == [Decimal("6000.00"), Decimal("0.00")]
    assert lines["I.2.1."].per_year == [Decimal("0.00"), Decimal("3000.00")]
    assert lines["II.1."].per_year == [Decimal("0.00"), Decimal("1000.00")]
    assert lines["Suma wszystkich kosztów realizacji zadania"].per_year == [
        Decimal("6000.00"),
        Decimal("4000.00"),
    ]
    assert [(y, [n for n, _a in rows]) for y, rows in offer.actions_by_year()] == [
        (2027, [1]),
        (2028, [2]),
    ]
    content = services.offer_content(offer)
    assert content["years"] == [2027, 2028]
    assert [(c["number"], c["per_year"]) for c in content["cost_rows"]] == [
        ("I.1.1.", ["6000.00", "0.00"]),
        ("I.2.1.", ["0.00", "3000.00"]),
        ("II.1.", ["0.00", "1000.00"]),
    ]


def _submission_errors(offer):
    offer = Offer.objects.get(pk=offer.pk)
    rep = representative(offer.organisation)
    with pytest.raises(OfferInvalid) as invalid:
        services.offer_submit(offer=offer, actor=rep)
    return " ".join(m for _f, m in invalid.value.errors)


def test_submission_refuses_an_activity_spanning_two_budget_years():
    from datetime import date

    offer = _multi_year_offer()
    offer.actions.filter(position=1).update(end=date(2028, 1, 15))
    assert "art. 221" in _submission_errors(offer)


def test_submission_refuses_an_activity_outside_the_task_dates():
    offer = complete_offer()
    offer.actions.update(end=offer.end_date + timedelta(days=1))
    assert "nie może się kończyć po zakończeniu zadania" in _submission_errors(offer)
    offer.actions.update(start=offer.start_date - timedelta(days=1), end=offer.end_date)
    assert "nie może się zaczynać przed rozpoczęciem zadania" in (
        _submission_errors(offer)
    )


def test_submission_refuses_an_activity_cost_without_an_activity():
    offer = complete_offer()
    offer.cost_rows.filter(name="Trener").update(action=None)
    assert "„Trener”: wybierz działanie z III.4" in _submission_errors(offer)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("offeror_phone", "32 45 67"),
        ("contact_phone", "tel. 601-234-567"),
        ("offeror_email", "biuro(at)example.org"),
        ("contact_email", "zofia@"),
    ],
)
def test_submission_refuses_a_malformed_phone_or_e_mail(field, value):
    offer = complete_offer()
    Offer.objects.filter(pk=offer.pk).update(**{field: value})
    errors = _submission_errors(offer)
    assert "numer telefonu" in errors or "adres e-mail" in errors


@pytest.mark.parametrize("phone", ["32 456 78 90", "+48 601 234 567", "601234567"])
def test_polish_phone_numbers_pass(phone):
    from grants.validators import phone_valid

    assert phone_valid(phone)


def test_withdraw_before_the_deadline_is_audited_and_frees_the_competition():
    offer = complete_offer()
    rep = representative(offer.organisation)
    services.offer_submit(offer=offer, actor=rep)
    services.offer_withdraw(offer=offer, actor=rep, note="błąd w kosztorysie")
    offer.refresh_from_db()
    assert offer.status == "withdrawn"
    change = history(offer).last()
    assert (change.from_status, change.to_status, change.actor) == (
        "submitted",
        "withdrawn",
        rep,
    )
    assert change.note == "błąd w kosztorysie"
    # The organisation may start (and submit) another offer in the competition.
    again = services.offer_create(
        competition=offer.competition, organisation=offer.organisation, actor=rep
    )
    assert again.pk != offer.pk


def test_withdraw_after_the_deadline_or_by_an_editor_is_refused():
    offer = complete_offer()
    rep = representative(offer.organisation)
    services.offer_submit(offer=offer, actor=rep)
    editor = MembershipFactory(organisation=offer.organisation, editor=True).user
    with pytest.raises(PermissionDeniedError):
        services.offer_withdraw(offer=offer, actor=editor)
    with time_machine.travel(offer.competition.offers_deadline + timedelta(minutes=1)):
        with pytest.raises(DomainError) as late:
            services.offer_withdraw(offer=offer, actor=rep)
    assert late.value.code == "deadline"
    assert Offer.objects.get(pk=offer.pk).status == "submitted"


def test_withdraw_is_a_transition_of_the_table_for_the_representative():
    table = services.TRANSITIONS[Offer]
    move = table.get("withdraw_submitted")
    assert (move.sources, move.target) == (("submitted",), "withdrawn")
    assert move.service == "grants.services.offer_withdraw"
    with pytest.raises(TransitionNotAllowed):
        draft = complete_offer()
        services.offer_withdraw(offer=draft, actor=representative(draft.organisation))


def test_migration_places_group_i_costs_under_the_first_activity():
    import importlib

    from django.apps import apps

    from grants.models import CostRow, ScheduleAction

    offer = complete_offer()
    ScheduleAction.objects.create(offer=offer, position=0, name="Przygotowanie")
    CostRow.objects.filter(offer=offer).update(action=None)
    first = offer.actions.order_by("position", "pk").first()
    migration = importlib.import_module("grants.migrations.0012_offer_form")
    migration.place_costs(apps, None)
    placed = dict(CostRow.objects.filter(offer=offer).values_list("name", "action"))
    assert placed == {"Trener": first.pk, "Sprzęt": first.pk, "Księgowość": None}


@pytest.mark.parametrize(
    "field", ["requested_grant", "cost_rows", "actions", "results"]
)
def test_a_correction_cannot_touch_the_budget_activities_or_results(
    clerk, competition_factory, field
):
    """Art. 15: a correction mends formal defects only (equal treatment)."""
    competition = competition_factory(
        status="formal_review",
        corrections_allowed=True,
        announced_at=timezone.now() - timedelta(days=40),
        offers_deadline=timezone.now() - timedelta(days=10),
    )
    offer = freeze(
        complete_offer(competition=competition), status="submitted", sequence=1
    )
    with pytest.raises(DomainError) as refused:
        services.offer_request_correction(
            offer=offer, actor=clerk, fields=["offeror_phone", field], note="Braki"
        )
    assert refused.value.code == "substantive"
    offer.refresh_from_db()
    assert offer.status == "submitted" and offer.correction_fields == []
    services.offer_request_correction(
        offer=offer, actor=clerk, fields=["offeror_phone", "st_true"], note="Braki"
    )
    offer.refresh_from_db()
    assert offer.correction_fields == ["offeror_phone", "st_true"]
