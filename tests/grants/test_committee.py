"""The committee's opinion before the decision (art. 15 ust. 2a–2f), and the decision."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.workflow import history
from grants import services
from grants.committee import declaration_text
from grants.models import Competition, Offer
from tests.grants.factories import CompetitionFactory, complete_offer
from tests.grants.worlds import decide, freeze, ready, review, score_all, sign
from tests.ngos.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_decision_refused_until_every_member_declared_and_scored(clerk):
    competition, offers, (official, nominee, expert) = review()
    services.committee_declare(member=official, actor=official.user)
    score_all(official, offers)
    with pytest.raises(DomainError) as refused:
        sign(competition, clerk, [official, nominee])
    assert refused.value.code == "committee-incomplete"
    assert nominee.user.document_name in refused.value.message
    services.committee_declare(member=nominee, actor=nominee.user)
    score_all(nominee, offers[:1])
    with pytest.raises(DomainError) as refused:
        sign(competition, clerk, [official, nominee])
    assert offers[1].number in refused.value.message
    # The expert neither declares nor scores for the opinion to be complete.
    with pytest.raises(DomainError) as refused:
        decide(competition, clerk, offers)
    assert refused.value.code == "committee-incomplete"
    score_all(nominee, offers[1:])
    with pytest.raises(DomainError) as refused:
        decide(competition, clerk, offers)
    assert refused.value.code == "protocol"
    sign(competition, clerk, [official, nominee])
    decide(competition, clerk, offers)
    competition.refresh_from_db()
    assert competition.status == "decision"


def test_a_conflicted_or_excluded_member_owes_no_score(clerk):
    competition, offers, (official, nominee, _expert) = review()
    services.committee_declare(
        member=official, actor=official.user, conflicts={offers[1].pk: "brat prezesa"}
    )
    score_all(official, offers[:1])
    services.committee_exclude(
        member=nominee, actor=clerk, reason="Nie złożył oświadczenia"
    )
    Competition.objects.filter(pk=competition.pk).update(
        officials_only_reason="excluded"
    )
    sign(competition, clerk, [official])
    decide(competition, clerk, offers)
    events = [c.to_status for c in history(competition)]
    assert events.index("committee-member-excluded") < events.index("protocol-signed")
    with pytest.raises(PermissionDeniedError):
        services.committee_declare(member=nominee, actor=nominee.user)


def test_expert_has_an_advisory_vote_and_cannot_score(clerk):
    competition, offers, (_official, _nominee, expert) = review()
    services.committee_declare(member=expert, actor=expert.user)
    with pytest.raises(PermissionDeniedError, match="2e"):
        score_all(expert, offers[:1])


def test_protocol_records_date_place_and_attendance(clerk):
    competition, offers, members = ready(clerk)
    competition.refresh_from_db()
    assert competition.protocol_place == "Urząd Miasta, sala 12"
    assert competition.protocol_date == timezone.localdate()
    assert [m.attended for m in competition.committee.order_by("pk")] == [
        True,
        True,
        True,
    ]


def test_protocol_needs_a_date_a_place_and_someone_present(clerk):
    competition, offers, members = review()
    for m in members:
        services.committee_declare(member=m, actor=m.user)
    for m in members[:2]:
        score_all(m, offers)
    with pytest.raises(DomainError) as refused:
        services.committee_sign_protocol(
            competition=competition, actor=clerk, date=None, place="x", present=[]
        )
    assert refused.value.field == "date"
    with pytest.raises(DomainError) as refused:
        services.committee_sign_protocol(
            competition=competition,
            actor=clerk,
            date=timezone.localdate(),
            place=" ",
            present=[],
        )
    assert refused.value.field == "place"
    with pytest.raises(DomainError) as refused:
        sign(competition, clerk, [members[2]])
    assert refused.value.field == "present"


def test_officials_only_committee_needs_the_reason_of_ust_2da(clerk):
    competition, offers, (official, nominee, expert) = review()
    nominee.delete()
    Competition.objects.filter(pk=competition.pk).update(status="formal_review")
    with pytest.raises(DomainError, match="2da") as refused:
        services.competition_start_committee_review(
            competition=competition, actor=clerk
        )
    assert refused.value.code == "composition"
    Competition.objects.filter(pk=competition.pk).update(officials_only_reason="nobody")
    competition.refresh_from_db()
    services.competition_start_committee_review(competition=competition, actor=clerk)
    # The reason can be removed afterwards in the admin: the decision checks again.
    Competition.objects.filter(pk=competition.pk).update(officials_only_reason="")
    with pytest.raises(DomainError, match="2da"):
        decide(competition, clerk, offers)


def test_committee_review_needs_the_appointing_ordinance(clerk):
    competition, _offers, _members = review(committee_ordinance_number="")
    Competition.objects.filter(pk=competition.pk).update(status="formal_review")
    with pytest.raises(DomainError, match="2a") as refused:
        services.competition_start_committee_review(
            competition=competition, actor=clerk
        )
    assert refused.value.code == "composition"


def test_member_of_offering_organisation_is_excluded_under_ust_2f(clerk):
    competition = CompetitionFactory(announced=True)
    offer = complete_offer(competition=competition)
    freeze(offer, status="submitted", sequence=1)
    person = MembershipFactory(organisation=offer.organisation).user
    with pytest.raises(DomainError, match="ust. 2f") as refused:
        services.committee_appoint(competition=competition, user=person, actor=clerk)
    assert "2d" not in refused.value.message


def test_decision_needs_ordinance_number_and_date(clerk):
    competition, offers, _members = ready(clerk)
    with pytest.raises(DomainError) as refused:
        decide(competition, clerk, offers, ordinance_date=None)
    assert refused.value.code == "ordinance"
    with pytest.raises(DomainError) as refused:
        decide(competition, clerk, offers, ordinance_number=" ")
    assert refused.value.code == "ordinance"


def test_decision_after_the_announced_date_needs_a_reason(clerk):
    competition, offers, _members = ready(clerk)
    late = competition.selection_date + timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        decide(competition, clerk, offers, ordinance_date=late)
    assert refused.value.field == "date_reason"
    decide(
        competition,
        clerk,
        offers,
        ordinance_date=late,
        date_reason="Korekta budżetu przez radę",
    )
    competition.refresh_from_db()
    assert competition.decision_ordinance_date == late
    assert competition.decision_date_reason == "Korekta budżetu przez radę"


def test_amount_above_the_request_needs_a_reason_per_offer(clerk):
    competition, offers, _members = ready(clerk)
    above = offers[0].requested_grant + Decimal("100")
    with pytest.raises(DomainError) as refused:
        decide(competition, clerk, offers, awards={offers[0].pk: above})
    assert refused.value.code == "over-request"
    decide(
        competition,
        clerk,
        offers,
        awards={offers[0].pk: above},
        over_request_reasons={offers[0].pk: "Rozszerzony zakres na wniosek komisji"},
    )
    chosen = Offer.objects.get(pk=offers[0].pk)
    assert chosen.granted_amount == above
    assert chosen.over_request_reason == "Rozszerzony zakres na wniosek komisji"


def test_committee_proposes_amounts_chair_or_clerk_only(clerk):
    competition, offers, (official, nominee, _expert) = review()
    with pytest.raises(PermissionDeniedError):
        services.committee_propose_amounts(
            competition=competition,
            actor=nominee.user,
            amounts={offers[0].pk: Decimal("4000")},
        )
    services.committee_propose_amounts(
        competition=competition,
        actor=official.user,
        amounts={offers[0].pk: Decimal("4000"), offers[1].pk: None},
    )
    assert [
        o.proposed_amount
        for o in Offer.objects.filter(pk__in=[offers[0].pk, offers[1].pk]).order_by(
            "sequence"
        )
    ] == [Decimal("4000.00"), None]
    assert "committee-amounts-proposed" in [c.to_status for c in history(competition)]


def test_declaration_quotes_kpa_article_24_and_is_stored_with_the_signature(clerk):
    competition, _offers, (official, _nominee, _expert) = review()
    services.committee_declare(member=official, actor=official.user)
    official.refresh_from_db()
    text = official.declaration_text
    assert text == declaration_text()
    assert "Art. 24 § 1. Pracownik organu administracji publicznej podlega" in text
    assert "7) w której jedną ze stron jest osoba pozostająca wobec niego" in text
    assert "§ 2. Powody wyłączenia pracownika" in text
    assert "§ 3. Bezpośredni przełożony pracownika" in text
    assert "art. 15 ust. 2f" in text
