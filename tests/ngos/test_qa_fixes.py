import re

import pytest
from django.db import connection
from django.urls import reverse

from ngos import services
from ngos.filters import fold, search
from ngos.models import Membership, Organisation
from tests.ngos.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _submit_buttons(html: str) -> list[str]:
    form = html[html.index('<form method="post" enctype="multipart/form-data"') :]
    form = form[: form.index("</form>")]
    return re.findall(r"<button[^>]*type=\"submit\"[^>]*>", form)


@pytest.mark.parametrize("editing", [False, True])
def test_enter_in_the_profile_form_saves_instead_of_the_krs_lookup(client, editing):
    membership = MembershipFactory() if editing else None
    if editing:
        client.force_login(membership.user)
        url = reverse("ngos:organisation-edit", args=[membership.organisation.slug])
    else:
        client.force_login(MembershipFactory().user)
        url = "/organizacje/nowa/"
    buttons = _submit_buttons(client.get(url).content.decode())
    assert len(buttons) >= 3
    first = buttons[0]
    # The default button (the first one) is the plain save, kept out of the tab
    # order and hidden from assistive technology, which use the visible one.
    assert "krs_prefill" not in first
    assert 'tabindex="-1"' in first and 'aria-hidden="true"' in first
    assert any("krs_prefill" in b for b in buttons[1:])


def test_membership_request_needs_an_explicit_role(client, resident):
    organisation = OrganisationFactory()
    client.force_login(resident)
    url = reverse("ngos:membership-request", args=[organisation.slug])
    html = client.get(url).content.decode()
    assert "checked" not in re.sub(r"<(?!input)[^>]*>", "", html)
    response = client.post(url, {})
    assert response.status_code == 200
    assert "Wybierz rolę" in response.content.decode()
    assert not Membership.objects.filter(user=resident).exists()
    client.post(url, {"role": "representative"})
    assert Membership.objects.get(user=resident).role == "representative"


def test_directory_intro_does_not_repeat_gmina(client):
    html = client.get(reverse("ngos:organisation-list")).content.decode()
    assert "w gminie Gmina" not in html
    assert "Gmina Radlin" in html


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Łódź", "lodz"),
        ("GÓRNIK", "gornik"),
        ("Zażółć gęślą JAŹŃ", "zazolc gesla jazn"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("query", ["GÓRNIK", "górnik", "gornik", "lodz", "ŁÓDŹ"])
def test_sqlite_fallback_ignores_case_and_diacritics(query):
    if connection.vendor != "sqlite":
        pytest.skip("the fallback runs where PostgreSQL's search is not available")
    found = OrganisationFactory(
        name="Klub Sportowy Górnik", description="Działamy w Łodzi i w Łódź-Widzew."
    )
    services.organisation_refresh_search(organisation=found)
    other = OrganisationFactory(name="Fundacja Razem", description="Radlin.")
    services.organisation_refresh_search(organisation=other)
    names = list(
        search(Organisation.objects.all(), query).values_list("name", flat=True)
    )
    assert names == ["Klub Sportowy Górnik"]
