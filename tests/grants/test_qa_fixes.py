"""Regression tests for the defects QA found on the demo."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from grants import services
from grants.models import CommitteeMember, Conflict
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory, complete_offer
from tests.grants.worlds import freeze
from tests.ngos.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _review(status="formal_review"):
    competition = CompetitionFactory(
        status=status,
        announced_at=timezone.now() - timedelta(days=40),
        offers_deadline=timezone.now() - timedelta(days=10),
    )
    offer = freeze(
        complete_offer(competition=competition), status="formally_accepted", sequence=1
    )
    return competition, offer


# 1. A member of an offering organisation neither sits on the committee nor scores it.


def test_member_of_an_offering_organisation_is_refused_at_appointment(clerk):
    competition, offer = _review()
    person = MembershipFactory(organisation=offer.organisation, editor=True).user
    with pytest.raises(DomainError) as error:
        services.committee_appoint(competition=competition, user=person, actor=clerk)
    assert error.value.code == "offeror-member"
    assert offer.organisation.name in error.value.message
    assert not CommitteeMember.objects.filter(user=person).exists()


def test_committee_review_rechecks_members_of_offering_organisations(clerk):
    competition, offer = _review()
    person = UserFactory()
    CommitteeMember.objects.create(competition=competition, user=person)
    MembershipFactory(organisation=offer.organisation, user=person)
    with pytest.raises(DomainError) as error:
        services.competition_start_committee_review(
            competition=competition, actor=clerk
        )
    assert error.value.code == "offeror-member"


def test_member_of_the_offeror_cannot_score_it_even_without_declaring_a_conflict():
    competition, offer = _review(status="committee_review")
    person = UserFactory(committee=True)
    member = CommitteeMember.objects.create(competition=competition, user=person)
    MembershipFactory(organisation=offer.organisation, user=person)
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
    from grants.permissions import can_score

    offer.competition = competition
    assert not can_score(member, offer)


# 5 and 8. The declaration lists only the offers to score and explains a missing tick.


def test_declaration_lists_only_accepted_offers_and_shows_the_missing_tick(client):
    competition, accepted = _review(status="committee_review")
    rejected = freeze(
        complete_offer(competition=competition),
        status="formally_rejected",
        sequence=2,
    )
    person = UserFactory(committee=True)
    CommitteeMember.objects.create(competition=competition, user=person)
    client.force_login(person)
    url = reverse("grants:committee", kwargs={"pk": competition.pk})
    page = client.get(url).content.decode()
    assert f"conflict_{accepted.pk}" in page
    assert f"conflict_{rejected.pk}" not in page
    response = client.post(url, {f"conflict_{accepted.pk}": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_impartial_error"' in html
    assert "novalidate" in html
    assert 'role="alert"' in html


# 2. Step V shows every error next to its field and keeps what was typed.


@pytest.fixture
def world(roles):
    from tests.grants.worlds import grants_world

    roles.g = grants_world(roles)
    return roles


def test_step_five_with_a_negative_unit_cost_shows_the_error_and_keeps_values(
    world, client
):
    from grants.models import Offer

    offer = world.g.draft_a
    before = list(offer.cost_rows.values_list("name", flat=True))
    client.force_login(world.member_a)
    url = reverse("grants:offer-step", args=[offer.pk, 5])
    data = {
        "version": offer.version,
        "requested_grant": "1000,00",
        "own_financial": "0",
        "own_non_financial": "0",
        "recipient_payments": "0",
        "cost_rows-TOTAL_FORMS": "1",
        "cost_rows-INITIAL_FORMS": "0",
        "cost_rows-0-category": "activity",
        "cost_rows-0-name": "Wynajem sali ujemnej",
        "cost_rows-0-unit": "godz.",
        "cost_rows-0-unit_cost": "-125,50",
        "cost_rows-0-units": "4",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="form-errors"' in html
    assert 'id="id_cost_rows-0-unit_cost_error"' in html
    assert 'href="#id_cost_rows-0-unit_cost"' in html
    assert "Wynajem sali ujemnej" in html and "-125,50" in html
    assert list(offer.cost_rows.values_list("name", flat=True)) == before
    assert Offer.objects.get(pk=offer.pk).version == offer.version
    # The breadcrumb names the section, not just its number.
    assert "V. " in html.split('aria-current="page">')[1][:80]


# 6. Checks of the offer, each naming its field.


def test_bank_account_checksum_and_nrb_length():
    from grants.services.offers import bank_account_error

    assert bank_account_error("61 1090 1014 0000 0712 1981 2874") is None
    assert bank_account_error("PL61109010140000071219812874") is None
    assert bank_account_error("61 1090 1014 0000 0712 1981 2875")
    assert bank_account_error("61 1090 1014")


def test_submission_requires_legal_form_register_and_a_valid_account(world):
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


def test_steps_refuse_wrong_dates_and_account_naming_the_field(world, client):
    offer = world.g.draft_a
    client.force_login(world.member_a)
    step1 = client.get(reverse("grants:offer-step", args=[offer.pk, 1]))
    data = {k: v for k, v in step1.context["form"].initial.items() if v is not None}
    data.update(version=offer.version, offeror_bank_account="1234")
    response = client.post(reverse("grants:offer-step", args=[offer.pk, 1]), data)
    assert response.status_code == 200
    assert "offeror_bank_account" in response.context["form"].errors
    step2 = reverse("grants:offer-step", args=[offer.pk, 2])
    competition = offer.competition
    data = {
        "version": offer.version,
        "title": offer.title,
        "start_date": competition.task_start.isoformat(),
        "end_date": (competition.task_start - timedelta(days=1)).isoformat(),
    }
    response = client.post(step2, data)
    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    if competition.task_end:
        data["end_date"] = (competition.task_end + timedelta(days=1)).isoformat()
        response = client.post(step2, data)
        assert "end_date" in response.context["form"].errors
    step3 = reverse("grants:offer-step", args=[offer.pk, 3])
    response = client.post(
        step3,
        {
            "version": offer.version,
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-name": "Zajęcia",
            "actions-0-start": "2026-06-10",
            "actions-0-end": "2026-06-01",
            "results-TOTAL_FORMS": "0",
            "results-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert 'id="id_actions-0-end_error"' in response.content.decode()


def test_one_offer_per_organisation_second_start_opens_the_draft(world, client):
    from grants.services.offers import OfferExists

    offer = world.g.draft_a
    with pytest.raises(OfferExists) as exists:
        services.offer_create(
            competition=offer.competition,
            organisation=world.org_a,
            actor=world.member_a,
        )
    assert exists.value.offer.organisation_id == world.org_a.pk
    client.force_login(world.member_a)
    response = client.post(
        reverse("grants:offer-start", args=[offer.competition_id]),
        {"organisation": world.org_a.pk},
    )
    assert response.status_code == 302
    assert "/krok/1/" in response["Location"]
    page = client.get(offer.competition.get_absolute_url()).content.decode()
    assert 'id="own-offers"' in page
    assert reverse("grants:offer-step", args=[offer.pk, 1]) in page


# 9. A draft's heading has no empty number.


def test_draft_heading_has_no_empty_number(world, client):
    client.force_login(world.member_a)
    html = client.get(world.g.draft_a.get_absolute_url()).content.decode()
    heading = html.split("<h1>")[1].split("</h1>")[0]
    assert " :" not in heading


# 3. The offeror's people hear of a correction request and of the results.


def test_correction_request_notifies_representatives_and_editors_with_fields_and_deadline(
    clerk,
):
    from cooperation.core.models import Notification
    from cooperation.core.notifications import render_email

    competition = CompetitionFactory(
        status="formal_review",
        corrections_allowed=True,
        announced_at=timezone.now() - timedelta(days=40),
        offers_deadline=timezone.now() - timedelta(days=10),
    )
    offer = freeze(
        complete_offer(competition=competition), status="submitted", sequence=1
    )
    rep = MembershipFactory(organisation=offer.organisation).user
    editor = MembershipFactory(organisation=offer.organisation, editor=True).user
    services.offer_request_correction(
        offer=offer,
        actor=clerk,
        fields=["offeror_phone", "cost_rows"],
        note="Brak numeru telefonu",
    )
    sent = Notification.objects.filter(kind="grants.correction_requested")
    assert {n.recipient_id for n in sent} == {rep.pk, editor.pk}
    body = render_email(sent.get(recipient=rep)).body
    assert "Brak numeru telefonu" in body
    assert "telefon" in body and "V.A" in body
    offer.refresh_from_db()
    assert str(timezone.localtime(offer.correction_deadline).year) in body


def test_publishing_results_notifies_every_offeror(clerk):
    from cooperation.core.models import Notification
    from cooperation.core.notifications import render_email
    from grants.models import CoOfferor
    from tests.ngos.factories import OrganisationFactory

    competition = CompetitionFactory(
        status="decision",
        announced_at=timezone.now() - timedelta(days=60),
        offers_deadline=timezone.now() - timedelta(days=30),
    )
    chosen = freeze(
        complete_offer(competition=competition),
        status="selected",
        sequence=1,
        granted_amount=5000,
    )
    rejected = freeze(
        complete_offer(competition=competition),
        status="formally_rejected",
        sequence=2,
        formal_note="Po terminie",
    )
    partner = OrganisationFactory()
    CoOfferor.objects.create(offer=chosen, organisation=partner, name=partner.name)
    people = {
        "chosen": MembershipFactory(organisation=chosen.organisation).user,
        "rejected": MembershipFactory(organisation=rejected.organisation).user,
        "partner": MembershipFactory(organisation=partner, editor=True).user,
    }
    services.competition_publish_results(competition=competition, actor=clerk)
    sent = Notification.objects.filter(kind="grants.results")
    assert {n.recipient_id for n in sent} == {u.pk for u in people.values()}
    assert "Po terminie" in render_email(sent.get(recipient=people["rejected"])).body
    assert "5" in render_email(sent.get(recipient=people["chosen"])).body


# 4. The protocol's ranking fits on the page: every criterion column and the total.


def test_protocol_pdf_shows_every_criterion_column_and_the_total():
    from django.utils import translation

    from grants import documents
    from grants.models import Criterion, Score
    from tests.conftest import pdf_text

    competition, offer = _review(status="committee_review")
    competition.criteria.all().delete()
    criteria = Criterion.objects.bulk_create(
        [
            Criterion(
                competition=competition,
                name=f"Kryterium oceny numer {i} o bardzo długiej nazwie opisowej",
                max_points=10 + i,
                position=i,
            )
            for i in range(1, 8)
        ]
    )
    member = CommitteeMember.objects.create(
        competition=competition, user=UserFactory(), declared_at=timezone.now()
    )
    Score.objects.bulk_create(
        [
            Score(member=member, offer=offer, criterion=c, points=i + 1, comment="ok")
            for i, c in enumerate(criteria)
        ]
    )
    with translation.override("en"):
        doc = documents.protocol(competition)
    text = pdf_text(doc.file.path)
    words = text.split()
    flat = " ".join(words)
    assert "Total (average)" in flat
    for n in range(1, 8):
        assert f"C{n}" in words, n
        assert f"≤ {10 + n}" in " ".join(words) or f"(≤ {10 + n})" in text
    # The last criterion's points (7) and the total (1 + … + 7 = 28) are on the page.
    assert "28" in flat
    assert "Kryterium oceny numer 7" in flat


# 9. Demo data: published in the past; contacts are the organisations' own people.


def test_demo_competitions_published_in_the_past_with_varied_contacts():
    import io

    from cooperation.core.demo import seed_people
    from grants import demo
    from grants.models import Competition, Offer
    from ngos import demo as ngos_demo
    from tests.ngos.factories import SphereFactory

    for code in ("3", "13"):
        SphereFactory(code=code, number=int(code))
    out = io.StringIO()
    seed_people(out)
    ngos_demo.seed_demo(out)
    demo.seed_demo(out)
    announced = Competition.objects.get(status="announced")
    assert announced.announced_at < timezone.now()
    names = set(Offer.objects.values_list("contact_name", flat=True))
    assert len(names) > 1


# 9. Admin labels: the priority names its year; the committee reads well in Polish.


def test_admin_priority_label_has_the_year_and_committee_plural():
    from django.utils import translation

    from grants.admin import PriorityChoiceField
    from grants.models import CommitteeMember, Competition

    competition = CompetitionFactory()
    priority = competition.priority
    field = PriorityChoiceField(queryset=type(priority).objects.all())
    assert str(priority.programme.year) in field.label_from_instance(priority)
    with translation.override("pl"):
        assert str(CommitteeMember._meta.verbose_name_plural) == (
            "członkowie komisji konkursowej"
        )
    assert Competition  # the model the admin form edits


# 9. Wide tables scroll in a labelled, focusable region.


def test_competition_page_tables_scroll_in_labelled_regions(client):
    competition = CompetitionFactory(announced=True)
    html = client.get(competition.get_absolute_url()).content.decode()
    assert html.count('class="table-responsive" tabindex="0" role="region"') >= 1
    assert html.count("<table") == html.count('class="table-responsive"')


# 7. The offeror's name is labelled "Nazwa", not a person's name.


def test_offer_section_two_labels_the_organisation_name(world, client):
    client.force_login(world.member_a)
    html = client.get(world.g.draft_a.get_absolute_url()).content.decode()
    assert "<dt>Nazwa</dt>" in html
    assert "<dt>Imię i nazwisko</dt>" not in html


def test_a_second_offer_of_the_organisation_cannot_be_submitted(world):
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
