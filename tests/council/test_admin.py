"""The clerk's administration of the council: lists, pages, transitions and the
appointments that go through the services."""

import pytest
from django.utils import timezone

from cooperation.council.models import Council, CreationRequest, Member, Side, Term

from .factories import active_term, submitted_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, clerk):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=clerk, type=Authenticator.Type.TOTP, defaults={"data": {}}
    )
    client.force_login(clerk)
    return client


MODELS = [
    "creationrequest",
    "council",
    "term",
    "member",
    "candidate",
    "election",
    "meeting",
    "resolution",
    "opinion",
]


@pytest.mark.parametrize("model", MODELS)
def test_every_list_opens(staff, clerk, model):
    active_term(clerk)
    assert staff.get(f"/admin/council/{model}/").status_code == 200


def test_the_council_is_created_with_the_button_of_the_request(staff, clerk):
    request = submitted_request(clerk)
    page = staff.get(f"/admin/council/creationrequest/{request.pk}/change/")
    assert 'step/create/"' in page.content.decode()
    step = f"/admin/council/creationrequest/{request.pk}/step/create/"
    response = staff.post(
        step,
        {"ordinance_number": "0050.7.2026", "created_on": timezone.localdate()},
    )
    assert response.status_code == 302
    assert CreationRequest.objects.get(pk=request.pk).status == "created"
    council = Council.objects.get(request=request)
    assert council.terms.get().status == Term.Status.FORMING


def test_an_appointment_breaking_the_composition_is_refused_in_the_admin(staff, clerk):
    term = active_term(clerk, ngo=2, council=1, executive=1)
    response = staff.post(
        "/admin/council/member/add/",
        {
            "term": term.pk,
            "name": "Radny Trzeci",
            "side": Side.COUNCIL,
            "function": "member",
            "since": timezone.localdate(),
        },
    )
    assert response.status_code == 200
    assert "41f" in response.content.decode()
    assert not Member.objects.filter(name="Radny Trzeci").exists()


def test_council_seats_short_of_half_are_refused_in_the_admin(staff, clerk):
    term = active_term(clerk)
    council = term.council
    page = staff.get(f"/admin/council/council/{council.pk}/change/")
    assert page.status_code == 200
    response = staff.post(
        f"/admin/council/council/{council.pk}/change/",
        {
            "name": council.name,
            "ordinance_number": council.ordinance_number,
            "created_on": council.created_on,
            "selection_method": "vote",
            "council_seats": 3,
            "executive_seats": 2,
            "ngo_seats": 4,
            "statuschange_set-TOTAL_FORMS": 0,
            "statuschange_set-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "co najmniej połowę miejsc" in response.content.decode()
    assert Council.objects.get(pk=council.pk).council_seats == 2


def test_a_departure_breaking_the_composition_is_a_message(staff, clerk):
    term = active_term(clerk, ngo=2, council=1, executive=1)
    ngo = term.members.filter(side=Side.NGO).first()
    response = staff.post(
        "/admin/council/member/",
        {"action": "leave", "_selected_action": [ngo.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "41f" in response.content.decode()
    assert Member.objects.get(pk=ngo.pk).until is None
