"""The transition tables, and the admin's buttons and bulk actions built from them."""

import inspect
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from consultations import services as consultation_services
from cooperation.core.workflow import Transition, Workflow, history
from cooperation.council import services as council_services
from cooperation.evaluation.quality import services as quality_services
from cooperation.programme import services as programme_services
from grants import services as grant_services
from grants.models import Competition
from ngos import services as ngo_services
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory
from tests.ngos.factories import MembershipFactory
from workshops import services as workshop_services

pytestmark = pytest.mark.django_db

APPS = {
    "ngos": ngo_services,
    "grants": grant_services,
    "consultations": consultation_services,
    "workshops": workshop_services,
    "programme": programme_services,
    "quality": quality_services,
    "council": council_services,
}
WORKFLOWS = [
    pytest.param(workflow, id=workflow.model.__name__)
    for module in APPS.values()
    for workflow in module.TRANSITIONS.workflows()
]


def test_every_app_names_its_table_transitions():
    models = {
        w.model.__name__ for m in APPS.values() for w in m.TRANSITIONS.workflows()
    }
    assert models == {
        "Membership",
        "Competition",
        "Offer",
        "OfferUpdate",
        "Contract",
        "ContractAnnex",
        "Report",
        "Refund",
        "SmallGrantOffer",
        "InitiativeApplication",
        "ReasonsRequest",
        "Consultation",
        "Event",
        "Registration",
        "Recommendation",
        "Programme",
        "Assessment",
        "CreationRequest",
        "Term",
        "Election",
        "Meeting",
        "Opinion",
    }


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_transitions_cover_every_status_choice(workflow):
    assert workflow.states | workflow.initial == set(workflow.choices)
    targets = {t.target for t in workflow}
    assert set(workflow.choices) - workflow.initial <= targets


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_every_transition_names_a_service_that_takes_its_inputs(workflow):
    subject = workflow.model._meta.model_name
    for step in workflow:
        if not step.service:
            continue
        parameters = inspect.signature(import_string(step.service)).parameters
        given = {subject, "actor", *step.arguments, *(i.name for i in step.inputs)}
        assert given <= set(parameters), (step.key, given - set(parameters))
        required = {
            name
            for name, p in parameters.items()
            if p.default is inspect.Parameter.empty
        }
        assert required <= given, (step.key, required - given)


def test_a_table_naming_a_state_the_model_lacks_is_refused():
    with pytest.raises(ImproperlyConfigured):
        Workflow(
            Competition,
            Transition("dream", "draft", "funded", "Dream", service="x.y"),
        )


# --- the admin ---------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    """Log a staff member in past the second-factor requirement."""
    from allauth.mfa.models import Authenticator

    from cooperation.core.signals import sync_clerk_permissions

    # A transactional test may have flushed the permissions the migrations gave.
    sync_clerk_permissions(sender=None)

    def login(user):
        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {}}
        )
        client.force_login(user)
        return client

    return login


def step_keys(page: str) -> set[str]:
    return set(re.findall(r'href="/admin/[a-z]+/[a-z]+/\d+/step/([a-z_]+)/"', page))


@pytest.mark.parametrize(
    ("status", "steps"),
    [
        ("draft", {"publish"}),
        ("announced", {"close"}),
        ("closed", {"start_formal_review", "annul"}),
        ("formal_review", {"start_committee_review", "annul"}),
        ("committee_review", set()),
        ("decision", {"publish_results"}),
        ("results_published", set()),
        ("annulled", set()),
    ],
)
def test_clerk_sees_a_button_for_each_allowed_transition(
    staff_client, clerk, status, steps
):
    competition = CompetitionFactory(status=status)
    page = (
        staff_client(clerk)
        .get(f"/admin/grants/competition/{competition.pk}/change/")
        .content.decode()
    )
    assert step_keys(page) == steps


def test_a_transition_taken_on_its_own_page_links_there(staff_client, clerk):
    competition = CompetitionFactory(status="committee_review")
    page = (
        staff_client(clerk)
        .get(f"/admin/grants/competition/{competition.pk}/change/")
        .content.decode()
    )
    assert f'href="/konkursy/{competition.pk}/rozstrzygniecie/"' in page


def test_staff_without_the_clerk_role_gets_no_buttons(staff_client):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_competition", "change_competition"]
        )
    )
    competition = CompetitionFactory()
    client = staff_client(editor)
    page = client.get(f"/admin/grants/competition/{competition.pk}/change/")
    assert page.status_code == 200
    assert step_keys(page.content.decode()) == set()
    step = f"/admin/grants/competition/{competition.pk}/step/publish/"
    assert client.get(step).status_code == 403
    assert client.post(step).status_code == 403
    assert Competition.objects.get(pk=competition.pk).status == "draft"


def test_clerk_with_view_permission_only_gets_no_buttons(staff_client):
    viewer = UserFactory(is_staff=True, groups=["clerks"])
    viewer.user_permissions.add(*Permission.objects.filter(codename="view_competition"))
    from django.contrib.auth.models import Group

    Group.objects.get(name="clerks").permissions.remove(
        *Permission.objects.filter(codename="change_competition")
    )
    competition = CompetitionFactory()
    client = staff_client(viewer)
    page = client.get(f"/admin/grants/competition/{competition.pk}/change/")
    assert page.status_code == 200
    assert step_keys(page.content.decode()) == set()
    assert (
        client.post(f"/admin/grants/competition/{competition.pk}/step/publish/")
    ).status_code == 403


def test_button_asks_for_the_reason_and_runs_the_service(staff_client, clerk):
    competition = CompetitionFactory(status="closed")
    client = staff_client(clerk)
    step = f"/admin/grants/competition/{competition.pk}/step/annul/"
    asked = client.get(step)
    assert asked.status_code == 200
    assert 'name="reason"' in asked.content.decode()
    missing = client.post(step, {"reason": ""})
    assert missing.status_code == 200 and missing.context["form"].errors["reason"]
    assert Competition.objects.get(pk=competition.pk).status == "closed"
    done = client.post(step, {"reason": "Nie wpłynęła żadna oferta."})
    assert done.status_code == 302
    competition.refresh_from_db()
    assert competition.status == "annulled"
    assert competition.annulment_reason == "Nie wpłynęła żadna oferta."
    [change] = history(competition)
    assert (change.from_status, change.to_status) == ("closed", "annulled")
    assert change.actor == clerk and change.note == "Nie wpłynęła żadna oferta."


def test_button_shows_the_services_refusal_on_its_page(staff_client, clerk):
    competition = CompetitionFactory(status="closed")
    response = staff_client(clerk).post(
        f"/admin/grants/competition/{competition.pk}/step/start_formal_review/"
    )
    assert response.status_code == 200
    assert "18a" in str(response.context["form"].non_field_errors())
    assert Competition.objects.get(pk=competition.pk).status == "closed"
    assert list(history(competition)) == []


def test_refusing_a_membership_needs_the_reason(staff_client, clerk):
    membership = MembershipFactory(pending=True)
    step = f"/admin/ngos/membership/{membership.pk}/step/refuse/"
    response = staff_client(clerk).post(step, {"reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert list(history(membership)) == []


def test_step_from_a_state_the_table_does_not_allow_goes_back_with_a_message(
    staff_client, clerk
):
    competition = CompetitionFactory(status="announced")
    response = staff_client(clerk).post(
        f"/admin/grants/competition/{competition.pk}/step/publish/", follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("nie jest możliwy" in m or "is not possible" in m for m in messages)
    assert Competition.objects.get(pk=competition.pk).status == "announced"


def test_bulk_action_refuses_a_disallowed_transition_with_a_message(
    staff_client, clerk
):
    announced = CompetitionFactory(announced=True)
    draft = CompetitionFactory()
    response = staff_client(clerk).post(
        "/admin/grants/competition/",
        {"action": "publish", "_selected_action": [announced.pk, draft.pk]},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any(
        str(announced) in m and ("ogłoszony" in m or "announced" in m) for m in messages
    ), messages
    assert Competition.objects.get(pk=announced.pk).status == "announced"
    assert list(history(announced)) == []
    assert Competition.objects.get(pk=draft.pk).status == "announced"
    assert [c.to_status for c in history(draft)] == ["announced"]


def test_bulk_actions_are_the_transitions_needing_nothing_more(staff_client, clerk):
    response = staff_client(clerk).get("/admin/grants/competition/")
    choices = response.context["action_form"].fields["action"].choices
    actions = {name for name, _label in choices if name}
    # "decide" is taken on its own page; "fill_same_type_tasks" is not a transition.
    assert actions == {
        "delete_selected",
        "fill_same_type_tasks",
        "publish",
        "close",
        "start_formal_review",
        "start_committee_review",
        "publish_results",
        "annul",
    }
