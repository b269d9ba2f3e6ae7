"""Local initiatives (art. 19b-19h): the application, the assessment on the council's
criteria, the decision, the agreement and its PDF, the pages, the admin and the desk."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.core.exceptions import (
    DomainError,
    PermissionDeniedError,
    TransitionNotAllowed,
)
from cooperation.core.models import StatusChange
from cooperation.core.workflow import history
from grants import demo
from grants.desk import initiative_items
from grants.initiative_act import ART_19B_1_POINTS
from grants.initiative_documents import agreement_pdf
from grants.models import (
    InitiativeAgreement,
    InitiativeApplication,
    InitiativeCriterion,
    InitiativeResolution,
    InitiativeStatus,
    InitiativeTask,
)
from grants.services import initiatives as services
from tests.conftest import pdf_text
from tests.cooperation.factories import UserFactory
from tests.ngos.factories import MembershipFactory

pytestmark = pytest.mark.django_db
S = InitiativeStatus


@pytest.fixture
def resolution():
    return make_resolution()


def make_resolution():
    """The council's resolution: social work 40, purpose 30, lasting effects 10."""
    resolution = InitiativeResolution.objects.create(
        number="XII/101/2026",
        adopted_on=date(2026, 3, 26),
        title="Tryb i kryteria oceny wniosków",
        procedure="Wnioski przez cały rok.",
        required_documents="Lista poparcia mieszkańców.",
        hour_rate=Decimal("30.50"),
    )
    for order, (name, weight, social) in enumerate(
        [
            ("Praca społeczna", 40, True),
            ("Celowość", 30, False),
            ("Trwałość", 10, False),
        ]
    ):
        InitiativeCriterion.objects.create(
            resolution=resolution,
            name=name,
            weight=weight,
            social_work=social,
            order=order,
        )
    return resolution


def application_data(**changes):
    start = timezone.localdate() + timedelta(days=10)
    data = {
        "applicant_kind": "residents",
        "leader_name": "Ewa Mieszkańska",
        "leader_email": "ewa@example.org",
        "co_applicants": "Piotr Sąsiad",
        "task": InitiativeTask.NATURE,
        "title": "Skwer sąsiedzki",
        "place": "ul. Rydułtowska",
        "beneficiaries": "Mieszkańcy osiedla",
        "description": "Nasadzenia i ławki.",
        "schedule": "Maj: teren. Czerwiec: nasadzenia.",
        "start_date": start,
        "end_date": start + timedelta(days=60),
        "cost_estimate": Decimal("18500.00"),
        "social_work_hours": 240,
        "social_work": "Przygotowanie terenu.",
        "in_kind_value": Decimal("1200.00"),
        "in_kind": "Narzędzia.",
        "financial_contribution": Decimal("500.00"),
        "requested_support": "Zakup ławek.",
    }
    data.update(changes)
    return data


def apply(actor, resolution, **changes):
    return services.initiative_apply(
        actor=actor, resolution=resolution, **application_data(**changes)
    )


def scores(resolution, *points):
    return {c.pk: p for c, p in zip(resolution.criteria.all(), points, strict=True)}


def checked(clerk, application):
    return services.initiative_formal_check(
        initiativeapplication=application, actor=clerk, note="Wniosek kompletny."
    )


def assessed(clerk, application, *, worthwhile=True):
    if application.status == S.SUBMITTED:
        checked(clerk, application)
    return services.initiative_assess(
        initiativeapplication=application,
        actor=clerk,
        scores=scores(application.resolution, 36, 25, 8),
        worthwhile=worthwhile,
        note="Duży wkład pracy.",
    )


def agreed(clerk, application, number="IL/2026/1"):
    assessed(clerk, application)
    services.initiative_accept(
        initiativeapplication=application,
        actor=clerk,
        reasons="Potrzebne osiedlu.",
        contribution="Trzy ławki.",
        amount="9 800,00",
    )
    today = timezone.localdate()
    return services.initiative_conclude(
        initiativeapplication=application,
        actor=clerk,
        number=number,
        concluded_on=today,
        starts_on=today + timedelta(days=10),
        ends_on=today + timedelta(days=70),
    )


# --- Services ---------------------------------------------------------------------


def test_residents_apply_directly_and_the_filing_is_audited(resident, resolution):
    application = apply(resident, resolution)
    assert application.status == S.SUBMITTED
    assert application.number == f"IL/{timezone.localdate().year}/{application.pk}"
    assert application.received_on == timezone.localdate()
    assert application.organisation is None
    # 240 h × 30,50 zł + 1 200 zł in kind + 500 zł.
    assert application.social_work_value == Decimal("7320.00")
    assert application.residents_contribution == Decimal("9020.00")
    assert [c.to_status for c in history(application)] == [S.SUBMITTED]
    assert history(application)[0].actor == resident


def test_applying_needs_a_logged_in_person(resolution):
    with pytest.raises(PermissionDeniedError):
        apply(None, resolution)


def test_applying_through_an_organisation_needs_its_representative(
    resident, resolution
):
    membership = MembershipFactory()
    with pytest.raises(PermissionDeniedError):
        apply(
            resident,
            resolution,
            applicant_kind="organisation",
            organisation=membership.organisation,
        )
    with pytest.raises(DomainError) as error:
        apply(membership.user, resolution, applicant_kind="organisation")
    assert error.value.field == "organisation"
    application = apply(
        membership.user,
        resolution,
        applicant_kind="organisation",
        organisation=membership.organisation,
    )
    assert application.organisation == membership.organisation


def test_an_organisation_given_with_residents_applying_directly_is_dropped(
    resolution,
):
    membership = MembershipFactory()
    application = apply(
        membership.user, resolution, organisation=membership.organisation
    )
    assert application.organisation is None


def test_applying_refuses_without_any_contribution_of_the_residents(
    resident, resolution
):
    with pytest.raises(DomainError) as error:
        apply(
            resident,
            resolution,
            social_work_hours=0,
            in_kind_value=Decimal(0),
            financial_contribution=Decimal(0),
        )
    assert error.value.field == "social_work_hours"
    assert not InitiativeApplication.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"social_work": ""}, "social_work"),
        ({"in_kind": ""}, "in_kind"),
        ({"task": "roads"}, "task"),
        ({"title": "  "}, "title"),
        ({"schedule": ""}, "schedule"),
        ({"cost_estimate": Decimal(0)}, "cost_estimate"),
        ({"cost_estimate": "18 500,005"}, "cost_estimate"),
        ({"financial_contribution": "-5"}, "financial_contribution"),
        ({"in_kind_value": Decimal("1.001")}, "in_kind_value"),
        ({"title": "x" * 301}, "title"),
    ],
)
def test_applying_refuses_what_is_missing_or_out_of_range(
    resident, resolution, changes, field
):
    with pytest.raises(DomainError) as error:
        apply(resident, resolution, **changes)
    assert error.value.field == field


def test_amounts_typed_the_polish_way_are_taken_to_the_grosz(resident, resolution):
    application = apply(resident, resolution, cost_estimate="18 500,50")
    assert application.cost_estimate == Decimal("18500.50")


def test_the_term_must_not_end_before_it_starts_nor_start_in_the_past(
    resident, resolution
):
    today = timezone.localdate()
    with pytest.raises(DomainError) as error:
        apply(
            resident,
            resolution,
            start_date=today + timedelta(days=5),
            end_date=today + timedelta(days=4),
        )
    assert error.value.field == "end_date"
    with pytest.raises(DomainError) as error:
        apply(resident, resolution, start_date=today - timedelta(days=1))
    assert error.value.field == "start_date"


def test_assessment_scores_every_criterion_within_its_weight(
    resident, clerk, resolution
):
    application = apply(resident, resolution)
    checked(clerk, application)
    social, purpose, lasting = resolution.criteria.all()
    with pytest.raises(DomainError) as error:
        services.initiative_assess(
            initiativeapplication=application,
            actor=clerk,
            scores={social.pk: 41, purpose.pk: 10, lasting.pk: 5},
            worthwhile=True,
            note="Ocena.",
        )
    assert error.value.field == f"criterion_{social.pk}"
    with pytest.raises(DomainError) as error:
        services.initiative_assess(
            initiativeapplication=application,
            actor=clerk,
            scores={social.pk: 40, purpose.pk: 10},
            worthwhile=True,
            note="Ocena.",
        )
    assert error.value.field == f"criterion_{lasting.pk}"
    with pytest.raises(DomainError):
        services.initiative_assess(
            initiativeapplication=application,
            actor=clerk,
            scores={social.pk: 40, purpose.pk: 10, lasting.pk: 0},
            worthwhile=True,
            note=" ",
        )
    application.refresh_from_db()
    assert application.status == S.CHECKED
    assessed(clerk, application)
    application.refresh_from_db()
    assert application.status == S.ASSESSED
    assert application.total_points == 36 + 25 + 8
    assert application.assessed_by == clerk
    assert {s.criterion.name: s.points for s in application.scores.all()} == {
        "Praca społeczna": 36,
        "Celowość": 25,
        "Trwałość": 8,
    }
    assert history(application).last().note == "Duży wkład pracy."


def test_only_a_clerk_assesses_and_decides(resident, resolution):
    application = apply(resident, resolution)
    with pytest.raises(PermissionDeniedError):
        assessed(resident, application)
    with pytest.raises(PermissionDeniedError):
        services.initiative_refuse(
            initiativeapplication=application, actor=resident, reason="Nie."
        )


def test_an_initiative_assessed_as_not_worthwhile_can_only_be_refused(
    resident, clerk, resolution
):
    application = apply(resident, resolution)
    assessed(clerk, application, worthwhile=False)
    with pytest.raises(DomainError):
        services.initiative_accept(
            initiativeapplication=application,
            actor=clerk,
            reasons="Tak.",
            contribution="Ławki.",
            amount="100",
        )
    services.initiative_refuse(
        initiativeapplication=application, actor=clerk, reason="Niecelowa."
    )
    application.refresh_from_db()
    assert application.status == S.REFUSED
    assert application.refusal_reason == "Niecelowa."


def test_refusal_needs_a_reason_and_may_come_before_the_assessment(
    resident, clerk, resolution
):
    application = apply(resident, resolution)
    with pytest.raises(DomainError) as error:
        services.initiative_refuse(
            initiativeapplication=application, actor=clerk, reason=" "
        )
    assert error.value.field == "refusal_reason"
    services.initiative_refuse(
        initiativeapplication=application,
        actor=clerk,
        reason="Poza zakresem art. 19b ust. 1.",
    )
    application.refresh_from_db()
    assert application.status == S.REFUSED
    assert application.decided_on == timezone.localdate()
    assert [c.to_status for c in history(application)] == [S.SUBMITTED, S.REFUSED]


def test_acceptance_takes_the_municipalitys_contribution_strictly(
    resident, clerk, resolution
):
    application = apply(resident, resolution)
    assessed(clerk, application)
    with pytest.raises(DomainError) as error:
        services.initiative_accept(
            initiativeapplication=application,
            actor=clerk,
            reasons="Tak.",
            contribution="Ławki.",
            amount="9.800,00",
        )
    assert error.value.field == "municipality_amount"
    with pytest.raises(DomainError) as error:
        services.initiative_accept(
            initiativeapplication=application,
            actor=clerk,
            reasons="Tak.",
            contribution=" ",
            amount="9 800,00",
        )
    assert error.value.field == "municipality_contribution"
    services.initiative_accept(
        initiativeapplication=application,
        actor=clerk,
        reasons="Potrzebne osiedlu.",
        contribution="Trzy ławki.",
        amount="9 800,00",
    )
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    assert application.municipality_amount == Decimal("9800.00")
    assert application.decision_reasons == "Potrzebne osiedlu."


def test_the_agreement_is_concluded_for_a_fixed_term(resident, clerk, resolution):
    application = apply(resident, resolution)
    assessed(clerk, application)
    services.initiative_accept(
        initiativeapplication=application,
        actor=clerk,
        reasons="Tak.",
        contribution="Ławki.",
        amount="100",
    )
    today = timezone.localdate()
    with pytest.raises(DomainError) as error:
        services.initiative_conclude(
            initiativeapplication=application,
            actor=clerk,
            number="IL/1",
            concluded_on=today,
            starts_on=today + timedelta(days=2),
            ends_on=today + timedelta(days=1),
        )
    assert error.value.field == "ends_on"
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    agreement = services.initiative_conclude(
        initiativeapplication=application,
        actor=clerk,
        number="IL/1",
        concluded_on=today,
        starts_on=today,
        ends_on=today + timedelta(days=60),
    )
    application.refresh_from_db()
    assert application.status == S.AGREEMENT
    assert agreement.applicants_representative == "Ewa Mieszkańska"
    assert agreement.municipality_representative
    assert StatusChange.objects.filter(
        object_id=agreement.pk, to_status="concluded"
    ).exists()


def test_an_agreement_number_is_not_given_twice(resident, clerk, resolution):
    agreed(clerk, apply(resident, resolution), number="IL/7")
    second = apply(resident, resolution)
    with pytest.raises(DomainError) as error:
        agreed(clerk, second, number="IL/7")
    assert error.value.field == "number"
    second.refresh_from_db()
    assert second.status == S.ACCEPTED
    assert InitiativeAgreement.objects.count() == 1


def test_a_step_the_table_does_not_allow_is_refused(resident, clerk, resolution):
    application = apply(resident, resolution)
    with pytest.raises(TransitionNotAllowed):
        services.initiative_accept(
            initiativeapplication=application,
            actor=clerk,
            reasons="Tak.",
            contribution="Ławki.",
            amount="1",
        )
    with pytest.raises(TransitionNotAllowed):
        services.initiative_complete(initiativeapplication=application, actor=clerk)


def test_the_walk_from_application_to_carried_out_is_audited(
    resident, clerk, resolution
):
    application = apply(resident, resolution)
    agreed(clerk, application)
    services.initiative_complete(
        initiativeapplication=application, actor=clerk, note="Skwer otwarty."
    )
    application.refresh_from_db()
    assert application.status == S.DONE
    assert application.completed_on == timezone.localdate()
    assert [(c.from_status, c.to_status) for c in history(application)] == [
        ("", S.SUBMITTED),
        (S.SUBMITTED, S.CHECKED),
        (S.CHECKED, S.ASSESSED),
        (S.ASSESSED, S.ACCEPTED),
        (S.ACCEPTED, S.AGREEMENT),
        (S.AGREEMENT, S.DONE),
    ]


def test_the_agreement_pdf_is_stored_and_holds_the_terms(resident, clerk, resolution):
    application = apply(resident, resolution)
    agreement = agreed(clerk, application, number="IL/2026/15")
    application = InitiativeApplication.objects.get(pk=application.pk)
    doc = agreement_pdf(application)
    assert doc.status == doc.Status.READY
    assert agreement_pdf(application).pk == doc.pk
    text = " ".join(pdf_text(doc.file.path).split())
    assert "IL/2026/15" in text
    assert "Skwer sąsiedzki" in text
    assert "Trzy ławki." in text
    assert "9 800,00" in text
    assert "7 320,00" in text
    assert agreement.applicants_representative in text
    assert ART_19B_1_POINTS[InitiativeTask.NATURE][1][:30] in text


# --- Pages ------------------------------------------------------------------------


def test_how_to_apply_shows_the_resolution_its_criteria_and_the_act(client, resolution):
    page = client.get(reverse("grants:initiative-index")).content.decode()
    assert "XII/101/2026" in page
    assert "Praca społeczna" in page
    assert "Lista poparcia mieszkańców." in page
    assert "obiektów małej architektury" in page
    assert "przede wszystkim wkład pracy społecznej" in page


def test_how_to_apply_says_so_when_there_is_no_resolution(client):
    response = client.get(reverse("grants:initiative-index"))
    assert response.status_code == 200
    assert reverse("grants:initiative-apply") in response.content.decode()


def test_the_form_is_for_a_logged_in_person(client, resolution):
    response = client.get(reverse("grants:initiative-apply"))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def form_data(**changes):
    data = application_data()
    data.update(
        {
            "start_date": data["start_date"].isoformat(),
            "end_date": data["end_date"].isoformat(),
            "cost_estimate": "18 500,00",
            "in_kind_value": "1 200,00",
            "financial_contribution": "500",
            "organisation": "",
        }
    )
    data.update(changes)
    return data


def test_the_form_files_an_application(client, resident, resolution):
    client.force_login(resident)
    assert client.get(reverse("grants:initiative-apply")).status_code == 200
    response = client.post(reverse("grants:initiative-apply"), form_data())
    application = InitiativeApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == application.get_absolute_url()
    assert application.applicant == resident
    assert application.in_kind_value == Decimal("1200.00")


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(
    client, resident, resolution
):
    client.force_login(resident)
    response = client.post(
        reverse("grants:initiative-apply"),
        form_data(
            cost_estimate="18.500,00", description="Opis, który zostaje w formularzu."
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Opis, który zostaje w formularzu." in page
    assert 'id="id_cost_estimate"' in page
    assert response.context["form"].errors["cost_estimate"]
    response = client.post(
        reverse("grants:initiative-apply"),
        form_data(social_work_hours="0", in_kind_value="", financial_contribution=""),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["social_work_hours"]
    assert not InitiativeApplication.objects.exists()


def test_an_application_not_accepted_is_only_for_its_applicant_and_the_clerks(
    client, resident, clerk, resolution
):
    application = apply(resident, resolution)
    url = application.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(resident)
    response = client.get(url)
    assert response.status_code == 200
    assert "ewa@example.org" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    client.force_login(clerk)
    assert client.get(url).status_code == 200


def test_an_accepted_initiative_is_public_without_the_residents_contacts(
    client, resident, clerk, resolution
):
    application = apply(resident, resolution)
    agreed(clerk, application)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Skwer sąsiedzki" in page
    assert "Trzy ławki." in page
    assert "ewa@example.org" not in page
    assert "Piotr Sąsiad" not in page


def test_the_public_list_shows_accepted_initiatives_only(
    client, resident, clerk, resolution
):
    agreed(clerk, apply(resident, resolution, title="Skwer przyjęty"))
    apply(resident, resolution, title="Wniosek czekający")
    services.initiative_refuse(
        initiativeapplication=apply(resident, resolution, title="Wniosek odrzucony"),
        actor=clerk,
        reason="Nie.",
    )
    page = client.get(reverse("grants:initiative-list")).content.decode()
    assert "Skwer przyjęty" in page
    assert "Wniosek czekający" not in page
    assert "Wniosek odrzucony" not in page


@pytest.mark.parametrize("count", [1, 6])
def test_the_public_list_takes_one_query_at_any_size(
    client, clerk, resolution, django_assert_num_queries, count
):
    for n in range(count):
        agreed(clerk, apply(UserFactory(), resolution), number=f"IL/{n}")
    # 1. the initiatives with their resolutions, organisations and agreements
    with django_assert_num_queries(1):
        response = client.get(reverse("grants:initiative-list"))
    assert response.content.decode().count("/inicjatywa-lokalna/") >= count


@pytest.mark.parametrize("count", [1, 6])
def test_the_applicants_list_takes_a_constant_number_of_queries(
    client, resident, clerk, resolution, django_assert_num_queries, count
):
    for n in range(count):
        application = apply(resident, resolution, title=f"Inicjatywa {n}")
        if n % 2:
            agreed(clerk, application, number=f"IL/{n}")
    client.force_login(resident)
    # 1. the session, 2. the user, 3. the applications with their agreements (the
    # organisations the person acts for are a subquery)
    with django_assert_num_queries(3):
        response = client.get(reverse("grants:initiative-mine"))
    page = response.content.decode()
    assert all(f"Inicjatywa {n}" in page for n in range(count))


def test_the_applicants_list_shows_what_came_through_their_organisation(
    client, resolution
):
    membership = MembershipFactory()
    colleague = MembershipFactory(organisation=membership.organisation).user
    apply(
        membership.user,
        resolution,
        applicant_kind="organisation",
        organisation=membership.organisation,
        title="Przez stowarzyszenie",
    )
    apply(UserFactory(), resolution, title="Cudzy wniosek")
    client.force_login(colleague)
    page = client.get(reverse("grants:initiative-mine")).content.decode()
    assert "Przez stowarzyszenie" in page
    assert "Cudzy wniosek" not in page


def test_the_clerk_assesses_on_the_page(client, resident, clerk, resolution):
    application = apply(resident, resolution)
    checked(clerk, application)
    url = reverse("grants:initiative-assess", args=[application.pk])
    client.force_login(resident)
    assert client.get(url).status_code == 403
    client.force_login(clerk)
    page = client.get(url).content.decode()
    assert "Praca społeczna (0–40 points)" in page or "Praca społeczna (0–40" in page
    social, purpose, lasting = resolution.criteria.all()
    data = {
        f"criterion_{social.pk}": "45",
        f"criterion_{purpose.pk}": "20",
        f"criterion_{lasting.pk}": "5",
        "worthwhile": "yes",
        "note": "Dobra inicjatywa.",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors[f"criterion_{social.pk}"]
    data[f"criterion_{social.pk}"] = "38"
    response = client.post(url, data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.ASSESSED
    assert application.total_points == 63
    assert application.worthwhile is True


def test_the_agreement_pdf_is_for_the_applicant_and_the_clerks(
    client, resident, clerk, resolution
):
    application = apply(resident, resolution)
    agreed(clerk, application)
    url = reverse("grants:initiative-agreement-pdf", args=[application.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(resident)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


# --- Admin, desk, demo ------------------------------------------------------------


def test_the_admin_offers_the_steps_the_table_allows(
    client, resident, clerk, resolution
):
    application = apply(resident, resolution)
    client.force_login(clerk)
    page = client.get(
        reverse("admin:grants_initiativeapplication_change", args=[application.pk])
    ).content.decode()
    assert reverse("grants:initiative-assess", args=[application.pk]) not in page
    assert f"/{application.pk}/step/formal_check/" in page
    assert f"/{application.pk}/step/refuse/" in page
    assert f"/{application.pk}/step/accept/" not in page
    response = client.post(
        reverse(
            "admin:grants_initiativeapplication_transition",
            args=[application.pk, "refuse"],
        ),
        {"reason": "Poza zakresem."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.REFUSED


def test_the_admin_accepts_with_the_amount_typed_the_polish_way(
    client, resident, clerk, resolution
):
    application = apply(resident, resolution)
    assessed(clerk, application)
    client.force_login(clerk)
    url = reverse(
        "admin:grants_initiativeapplication_transition",
        args=[application.pk, "accept"],
    )
    data = {"reasons": "Tak.", "contribution": "Ławki.", "amount": "1.000,5"}
    response = client.post(url, data)
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == S.ASSESSED
    data["amount"] = "1 000,50"
    assert client.post(url, data).status_code == 302
    application.refresh_from_db()
    assert application.municipality_amount == Decimal("1000.50")


def test_the_resolution_admin_refuses_criteria_where_social_work_is_not_heaviest(
    client, clerk
):
    client.force_login(clerk)
    prefix = "criteria"
    data = {
        "number": "XIII/1/2027",
        "adopted_on": "2027-01-28",
        "title": "Tryb",
        "procedure": "",
        "required_documents": "",
        "assessment_days": "30",
        "settlement_days": "30",
        "application_deadline": "",
        "hour_rate": "25,00",
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-order": "0",
        f"{prefix}-0-name": "Praca społeczna",
        f"{prefix}-0-weight": "30",
        f"{prefix}-0-social_work": "on",
        f"{prefix}-1-order": "1",
        f"{prefix}-1-name": "Koszt",
        f"{prefix}-1-weight": "30",
    }
    url = reverse("admin:grants_initiativeresolution_add")
    response = client.post(url, data)
    assert response.status_code == 200
    assert not InitiativeResolution.objects.exists()
    data[f"{prefix}-1-weight"] = "29"
    assert client.post(url, data).status_code == 302
    resolution = InitiativeResolution.objects.get()
    resolution.check_social_work_heaviest()


def test_the_desk_counts_what_waits_for_the_office(resident, clerk, resolution):
    apply(resident, resolution)
    assessed(clerk, apply(resident, resolution))
    accepted = apply(resident, resolution)
    assessed(clerk, accepted)
    services.initiative_accept(
        initiativeapplication=accepted,
        actor=clerk,
        reasons="Tak.",
        contribution="Ławki.",
        amount="1",
    )
    ended = apply(resident, resolution)
    agreed(clerk, ended)
    yesterday = timezone.localdate() - timedelta(days=1)
    InitiativeAgreement.objects.filter(application=ended).update(
        starts_on=yesterday - timedelta(days=30), ends_on=yesterday
    )
    counts = [i.count for i in initiative_items(timezone.now())]
    assert counts == [1, 0, 1, 1, 1, 0]


def test_the_desk_reads_the_day_in_the_municipality_s_time_zone(
    resident, clerk, resolution
):
    # 23:30 UTC is already the next day in Warsaw: an agreement that ended
    # on the Warsaw day before is over, whatever the server's clock says.
    now = datetime(2026, 12, 14, 23, 30, tzinfo=UTC)
    ended = apply(resident, resolution)
    agreed(clerk, ended)
    local_day = timezone.localdate(now)
    assert local_day == date(2026, 12, 15)
    InitiativeAgreement.objects.filter(application=ended).update(
        starts_on=local_day - timedelta(days=30), ends_on=local_day - timedelta(days=1)
    )
    counts = [i.count for i in initiative_items(now)]
    assert counts[4] == 1


def test_the_demo_has_a_resolution_an_agreed_and_a_refused_initiative(db):
    from io import StringIO

    from cooperation.core.demo import seed_people

    seed_people(StringIO())
    demo.seed_initiatives(StringIO())
    demo.seed_initiatives(StringIO())
    resolution = InitiativeResolution.objects.get(number=demo.DEMO_RESOLUTION)
    resolution.check_social_work_heaviest()
    assert sorted(InitiativeApplication.objects.values_list("status", flat=True)) == [
        S.AGREEMENT,
        S.IN_PROGRESS,
        S.REFUSED,
    ]
    agreed_one = InitiativeApplication.objects.get(status=S.AGREEMENT)
    assert agreed_one.agreement.ends_on > agreed_one.agreement.starts_on
    assert len(history(agreed_one)) == 5


def test_the_persons_data_export_holds_their_applications(resident, resolution):
    from grants import personal_data

    application = apply(resident, resolution)
    apply(UserFactory(), resolution, title="Cudzy wniosek")
    rows = personal_data.export(resident)["initiative_applications"]
    assert [r["number"] for r in rows] == [application.number]
    assert rows[0]["leader_email"] == "ewa@example.org"
    assert rows[0]["co_applicants"] == "Piotr Sąsiad"


def test_the_applicant_is_told_of_the_decision_by_e_mail(
    resident, clerk, resolution, mailoutbox
):
    from cooperation.core.notifications import deliver_pending

    refused = apply(resident, resolution, title="Droga do ogródków")
    services.initiative_refuse(
        initiativeapplication=refused, actor=clerk, reason="Droga nie należy do gminy."
    )
    accepted = apply(resident, resolution, title="Skwer sąsiedzki")
    assessed(clerk, accepted)
    services.initiative_accept(
        initiativeapplication=accepted,
        actor=clerk,
        reasons="Potrzebne osiedlu.",
        contribution="Ławki.",
        amount="100",
    )
    deliver_pending()
    assert sorted(m.subject for m in mailoutbox) == [
        "Droga do ogródków: odrzucona",
        "Skwer sąsiedzki: przyjęta",
    ]
    bodies = " ".join(m.body for m in mailoutbox)
    assert "Droga nie należy do gminy." in bodies
    assert "Potrzebne osiedlu." in bodies
    assert "/inicjatywa-lokalna/moje/" in bodies
    assert {tuple(m.to) for m in mailoutbox} == {(resident.email,)}


def test_the_assessment_refuses_criteria_where_social_work_is_not_heaviest(
    resident, clerk, resolution
):
    application = apply(resident, resolution)
    checked(clerk, application)
    resolution.criteria.filter(social_work=False).update(weight=40)
    with pytest.raises(DomainError):
        services.initiative_assess(
            initiativeapplication=application,
            actor=clerk,
            scores=scores(resolution, 10, 10, 10),
            worthwhile=True,
            note="Ocena.",
        )
    application.refresh_from_db()
    assert application.status == S.CHECKED


def test_the_admin_records_the_agreement_with_its_term(
    client, resident, clerk, resolution
):
    application = apply(resident, resolution)
    assessed(clerk, application)
    services.initiative_accept(
        initiativeapplication=application,
        actor=clerk,
        reasons="Tak.",
        contribution="Ławki.",
        amount="100",
    )
    client.force_login(clerk)
    url = reverse(
        "admin:grants_initiativeapplication_transition",
        args=[application.pk, "conclude"],
    )
    data = {
        "number": "IL/2026/3",
        "concluded_on": "2026-12-10",
        "starts_on": "2027-01-10",
        "ends_on": "2027-01-09",
        "municipality_representative": "",
        "applicants_representative": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"]
    data["ends_on"] = "2027-03-31"
    assert client.post(url, data).status_code == 302
    agreement = InitiativeAgreement.objects.get(application=application)
    assert (agreement.starts_on, agreement.ends_on) == (
        date(2027, 1, 10),
        date(2027, 3, 31),
    )
    page = client.get(
        reverse("admin:grants_initiativeapplication_change", args=[application.pk])
    ).content.decode()
    assert reverse("grants:initiative-agreement-pdf", args=[application.pk]) in page
    assert f"/{application.pk}/step/complete/" in page


def test_an_application_is_assessed_only_once_found_formally_correct(
    client, resident, clerk, resolution
):
    application = apply(resident, resolution)
    with pytest.raises(TransitionNotAllowed):
        services.initiative_assess(
            initiativeapplication=application,
            actor=clerk,
            scores=scores(resolution, 30, 20, 5),
            worthwhile=True,
            note="Ocena.",
        )
    client.force_login(clerk)
    url = reverse("grants:initiative-assess", args=[application.pk])
    assert client.get(url).status_code == 302
    with pytest.raises(PermissionDeniedError):
        services.initiative_formal_check(
            initiativeapplication=application, actor=resident
        )
    response = client.post(
        reverse(
            "admin:grants_initiativeapplication_transition",
            args=[application.pk, "formal_check"],
        ),
        {"note": "Komplet dokumentów."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.CHECKED
    change = history(application).last()
    assert (change.from_status, change.to_status, change.note) == (
        S.SUBMITTED,
        S.CHECKED,
        "Komplet dokumentów.",
    )
    assert client.get(url).status_code == 200
    services.initiative_refuse(
        initiativeapplication=application, actor=clerk, reason="Brak zgody właściciela."
    )
    application.refresh_from_db()
    assert application.status == S.REFUSED
