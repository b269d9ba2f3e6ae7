"""The organisations' part through the pages: signing the request, nominating and
voting, each refusal of the services shown as a message."""

import pytest

from cooperation.council.models import CreationRequest, Vote
from tests.cooperation.factories import UserFactory

from .factories import active_term, open_election, representative

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


def test_the_page_is_for_representatives(client):
    assert client.get("/wspolpraca/rada/udzial/").status_code == 302
    _as(client, UserFactory())
    assert client.get("/wspolpraca/rada/udzial/").status_code == 403


def test_five_organisations_sign_and_submit_the_request(client):
    starter, first = representative()
    page = _as(client, starter).get("/wspolpraca/rada/udzial/")
    assert page.status_code == 200
    client.post(
        "/wspolpraca/rada/wniosek/",
        {"start-organisation": first.pk, "start-justification": "Chcemy rady."},
    )
    request = CreationRequest.objects.get()
    response = client.post(f"/wspolpraca/rada/wniosek/{request.pk}/zloz/", follow=True)
    assert "co najmniej 5 organizacji" in response.content.decode()
    for _n in range(4):
        user, organisation = representative()
        _as(client, user).post(
            f"/wspolpraca/rada/wniosek/{request.pk}/podpis/",
            {f"sign{request.pk}-organisation": organisation.pk},
        )
    assert request.signatures.count() == 5
    _as(client, starter).post(f"/wspolpraca/rada/wniosek/{request.pk}/zloz/")
    request.refresh_from_db()
    assert request.status == "submitted" and request.due_on is not None


def test_signing_for_an_organisation_one_does_not_represent_is_refused(client):
    starter, first = representative()
    _as(client, starter).post(
        "/wspolpraca/rada/wniosek/", {"start-organisation": first.pk}
    )
    request = CreationRequest.objects.get()
    _stranger, other = representative()
    client.post(
        f"/wspolpraca/rada/wniosek/{request.pk}/podpis/",
        {f"sign{request.pk}-organisation": other.pk},
    )
    assert request.signatures.count() == 1


def test_nominate_then_vote_once(client, clerk):
    term = active_term(clerk)
    election = open_election(clerk, term, seats=1)
    user, organisation = representative()
    _as(client, user).post(
        f"/wspolpraca/rada/wybory/{election.pk}/zgloszenie/",
        {
            f"nominate{election.pk}-organisation": organisation.pk,
            f"nominate{election.pk}-name": "Ala Nowak",
        },
    )
    candidate = election.candidates.get()
    assert candidate.name == "Ala Nowak"
    from cooperation.council import services

    services.election_close(election=election, actor=clerk)
    page = client.get("/wspolpraca/rada/udzial/").content.decode()
    assert "Ala Nowak" in page
    data = {
        f"vote{election.pk}-organisation": organisation.pk,
        f"vote{election.pk}-candidate": candidate.pk,
    }
    client.post(f"/wspolpraca/rada/wybory/{election.pk}/glos/", data)
    again = client.post(
        f"/wspolpraca/rada/wybory/{election.pk}/glos/", data, follow=True
    )
    assert f"{organisation.name} już oddała głos." in again.content.decode()
    assert Vote.objects.filter(election=election).count() == 1
