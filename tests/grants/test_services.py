from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from cooperation.core.exceptions import (
    DomainError,
    PermissionDeniedError,
    TransitionNotAllowed,
)
from cooperation.core.workflow import history
from grants import services
from grants.models import CommitteeMember, Competition, Offer
from grants.services.offers import OfferInvalid, StaleOffer
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory, complete_offer
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
    assert [c.to_status for c in history(corrected)] == [
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
