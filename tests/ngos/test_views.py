import re

import pytest
import requests
from django.urls import reverse

from ngos.models import Membership, Organisation
from tests.ngos.factories import (
    AreaFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerSearchFactory,
    SphereFactory,
)

pytestmark = pytest.mark.django_db

CREATE = "/organizacje/nowa/"


def form_data(**overrides):
    data = {
        "name": "Stowarzyszenie Sąsiedzi z Obszarów",
        "short_name": "Sąsiedzi",
        "legal_form": "association",
        "krs": "0000413516",
        "nip": "9721237317",
        "regon": "302046830",
        "street": "ul. Rybnicka 1",
        "postal_code": "44-310",
        "city": "Radlin",
        "email": "sasiedzi@example.org",
        "description": "Opis, którego nie wolno zgubić.",
        "is_public": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("nip", "9721237318", "NIP"),
        ("regon", "123456784", "REGON"),
        ("krs", "12345678901", "KRS"),
    ],
)
def test_invalid_identifier_names_the_field_and_keeps_the_rest(
    client, resident, field, value, label
):
    client.force_login(resident)
    response = client.post(CREATE, form_data(**{field: value}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert label in errors[field][0]
    content = response.content.decode()
    assert "Opis, którego nie wolno zgubić." in content
    assert 'value="sasiedzi@example.org"' in content
    assert Organisation.objects.count() == 0


def test_invalid_identifier_message_is_polish_by_default(client, resident):
    client.force_login(resident)
    response = client.post(CREATE, form_data(nip="123"))
    assert "NIP" in response.context["form"].errors["nip"][0]


def test_register_creates_unverified_organisation_and_pending_representative(
    client, resident
):
    sphere = SphereFactory()
    area = AreaFactory()
    client.force_login(resident)
    response = client.post(
        CREATE, form_data(krs="413516", spheres=[sphere.pk], areas=[area.pk])
    )
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "ngos:organisation-panel", args=[organisation.slug]
    )
    assert organisation.krs == "0000413516"
    assert organisation.verified_at is None
    assert list(organisation.spheres.all()) == [sphere]
    assert Membership.objects.get().status == "pending"
    # The creator sees the unverified profile and panel; the public does not.
    assert client.get(organisation.get_absolute_url()).status_code == 200
    assert client.get(response["Location"]).status_code == 200
    client.logout()
    assert client.get(organisation.get_absolute_url()).status_code == 404


def test_duplicate_points_to_existing_profile_and_join(client, resident):
    existing = OrganisationFactory(nip="9721237317", slug="istniejace")
    client.force_login(resident)
    response = client.post(CREATE, form_data())
    assert response.status_code == 200
    content = response.content.decode()
    assert existing.get_absolute_url() in content
    assert reverse("ngos:membership-request", args=["istniejace"]) in content
    assert "Opis, którego nie wolno zgubić." in content


def test_krs_prefill_fills_empty_fields_and_keeps_typed_ones(client, resident, krs_api):
    client.force_login(resident)
    response = client.post(
        CREATE,
        form_data(name="", nip="", regon="", street="", krs="413516", krs_prefill="1"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["name"] == "Swlex spółka z ograniczoną odpowiedzialnością"
    assert form.initial["nip"] == "9721237317"
    assert form.initial["regon"] == "302046830"
    assert form.initial["street"] == "ul. Szelągowska 49"
    assert form.initial["description"] == "Opis, którego nie wolno zgubić."
    assert Organisation.objects.count() == 0
    content = response.content.decode()
    # The representation of dział 2 is shown, with what the clerk must settle.
    assert "W PRZYPADKU POWOŁANIA ZARZĄDU WIELOOSOBOWEGO" in content


def test_registration_after_krs_prefill_records_the_representation(
    client, resident, krs_api
):
    from ngos.models import Representation

    client.force_login(resident)
    client.post(CREATE, form_data(krs="0000121862", nip="", krs_prefill="1"))
    response = client.post(CREATE, form_data(krs="0000121862", nip="5260202393"))
    assert response.status_code == 302, response.content.decode()[-3000:]
    representation = Representation.objects.get(organisation__krs="0000121862")
    assert representation.source == "krs"
    assert representation.signatures_required == 1
    assert representation.manner.endswith("KAŻDY Z CZŁONKÓW ZARZĄDU SAMODZIELNIE.")
    assert [m.function for m in representation.members.all()] == ["Prezes Zarządu"]


def test_krs_outage_says_so_and_keeps_everything(client, resident, krs_api):
    krs_api.error = requests.Timeout("slow")
    client.force_login(resident)
    response = client.post(
        CREATE, form_data(krs_prefill="1"), HTTP_ACCEPT_LANGUAGE="en"
    )
    content = response.content.decode()
    assert "KRS register cannot be reached" in content and "by hand" in content
    assert "Opis, którego nie wolno zgubić." in content
    assert response.context["form"].initial["email"] == "sasiedzi@example.org"


def test_directory_lists_only_verified_public_organisations(client):
    OrganisationFactory(name="Widoczna")
    OrganisationFactory(name="Niezweryfikowana", unverified=True)
    OrganisationFactory(name="Ukryta", is_public=False)
    names = [o.name for o in client.get("/organizacje/").context["organisations"]]
    assert names == ["Widoczna"]


def test_directory_filters_by_sphere_legal_form_opp_and_area(client):
    sphere, area = SphereFactory(), AreaFactory()
    match = OrganisationFactory(name="Pasuje", legal_form="foundation", is_opp=True)
    match.spheres.add(sphere)
    match.areas.add(area)
    OrganisationFactory(name="Inna", legal_form="foundation", is_opp=True)
    response = client.get(
        "/organizacje/",
        {"sphere": sphere.pk, "legal_form": "foundation", "opp": "1", "area": area.pk},
    )
    assert [o.name for o in response.context["organisations"]] == ["Pasuje"]


def test_directory_sorts_and_paginates(client):
    for i in range(25):
        OrganisationFactory(name=f"Organizacja {i:02d}")
    first = client.get("/organizacje/", {"sort": "-name"})
    assert first.context["organisations"][0].name == "Organizacja 24"
    second = client.get("/organizacje/", {"sort": "-name", "page": 2})
    assert [o.name for o in second.context["organisations"]] == [
        f"Organizacja {i:02d}" for i in range(4, -1, -1)
    ]


def test_directory_search_without_postgres_matches_substrings(client):
    from django.db import connection

    if connection.vendor == "postgresql":
        pytest.skip("the substring fallback is for databases without full-text search")
    OrganisationFactory(name="Klub Szachowy", description="Szachy dla dzieci")
    OrganisationFactory(name="Chór", description="Śpiew")
    names = [
        o.name
        for o in client.get("/organizacje/", {"q": "szach"}).context["organisations"]
    ]
    assert names == ["Klub Szachowy"]


def test_representative_approves_editor_in_panel(client):
    representative = MembershipFactory()
    request = MembershipFactory(
        organisation=representative.organisation, editor=True, pending=True
    )
    client.force_login(representative.user)
    panel = client.get(
        reverse("ngos:organisation-panel", args=[representative.organisation.slug])
    )
    assert request.user.email in panel.content.decode()
    url = reverse(
        "ngos:membership-approve", args=[representative.organisation.slug, request.pk]
    )
    assert client.post(url).status_code == 302
    request.refresh_from_db()
    assert request.status == "approved"


def test_refusal_in_panel_without_reason_keeps_request_pending(client):
    representative = MembershipFactory()
    request = MembershipFactory(
        organisation=representative.organisation, editor=True, pending=True
    )
    client.force_login(representative.user)
    url = reverse(
        "ngos:membership-refuse", args=[representative.organisation.slug, request.pk]
    )
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert Membership.objects.get(pk=request.pk).status == "pending"


def test_ask_to_join_creates_pending_request(client, resident):
    organisation = OrganisationFactory()
    client.force_login(resident)
    response = client.post(
        reverse("ngos:membership-request", args=[organisation.slug]), {"role": "editor"}
    )
    assert response.status_code == 302
    assert Membership.objects.get(user=resident).status == "pending"
    again = client.post(
        reverse("ngos:membership-request", args=[organisation.slug]), {"role": "editor"}
    )
    assert again.status_code == 200 and again.context["form"].non_field_errors()


def test_expired_partner_search_is_hidden(client):
    PartnerSearchFactory(title="Aktualne")
    expired = PartnerSearchFactory(title="Stare", expired=True)
    titles = [
        s.title for s in client.get("/organizacje/partnerzy/").context["searches"]
    ]
    assert titles == ["Aktualne"]
    assert client.get(expired.get_absolute_url()).status_code == 404


def test_answer_through_portal_reaches_the_poster(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    poster = MembershipFactory()
    search = PartnerSearchFactory(organisation=poster.organisation, author=poster.user)
    answering = MembershipFactory(editor=True)
    client.force_login(answering.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            search.get_absolute_url(),
            {"organisation": answering.organisation.pk, "message": "Zapraszamy!"},
        )
    assert response.status_code == 302
    assert mailoutbox[0].to == [poster.user.email]


def test_post_partner_search(client):
    member = MembershipFactory(editor=True)
    sphere = SphereFactory()
    client.force_login(member.user)
    response = client.post(
        "/organizacje/partnerzy/nowe/",
        {
            "organisation": member.organisation.pk,
            "title": "Wspólna oferta na półkolonie",
            "description": "Szukamy partnera",
            "sphere": sphere.pk,
            "ends_on": "2000-01-01",
        },
    )
    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors
    assert 'value="Wspólna oferta na półkolonie"' in response.content.decode()


def test_home_shows_newest_partner_searches(client):
    PartnerSearchFactory(title="Szukamy partnera do festynu")
    assert "Szukamy partnera do festynu" in client.get("/").content.decode()


def test_edit_prefill_from_krs_keeps_description(client, krs_api):
    member = MembershipFactory(editor=True)
    organisation = member.organisation
    client.force_login(member.user)
    url = reverse("ngos:organisation-edit", args=[organisation.slug])
    response = client.post(
        url,
        form_data(
            name=organisation.name,
            krs="0000121862",
            nip="",
            regon="",
            street="",
            krs_prefill="1",
        ),
    )
    form = response.context["form"]
    assert form.initial["nip"] == "5260202393"
    assert form.initial["street"] == "ul. Inflancka 4A"
    assert form.initial["name"] == organisation.name
    assert form.initial["description"] == "Opis, którego nie wolno zgubić."


def test_editor_saves_profile_and_search_text_follows(client):
    member = MembershipFactory(editor=True)
    sphere = SphereFactory(name_pl="turystyka i krajoznawstwo")
    client.force_login(member.user)
    url = reverse("ngos:organisation-edit", args=[member.organisation.slug])
    response = client.post(
        url,
        form_data(
            krs="", nip="", regon="", other_register="Ewidencja", spheres=[sphere.pk]
        ),
    )
    assert response.status_code == 302
    member.organisation.refresh_from_db()
    assert "turystyka" in member.organisation.search_text


def _submit_buttons(html: str) -> list[str]:
    form = html[html.index('<form method="post" enctype="multipart/form-data"') :]
    form = form[: form.index("</form>")]
    return re.findall(r"<button[^>]*type=\"submit\"[^>]*>", form)


@pytest.mark.parametrize("editing", [False, True])
def test_enter_in_the_profile_form_saves_instead_of_the_krs_lookup(
    client, editing, membership_factory
):
    membership = membership_factory()
    client.force_login(membership.user)
    if editing:
        url = reverse("ngos:organisation-edit", args=[membership.organisation.slug])
    else:
        url = CREATE
    buttons = _submit_buttons(client.get(url).content.decode())
    assert len(buttons) >= 3
    first = buttons[0]
    # The default button (the first one) is the plain save, kept out of the tab
    # order and hidden from assistive technology, which use the visible one.
    assert "krs_prefill" not in first
    assert 'tabindex="-1"' in first and 'aria-hidden="true"' in first
    assert any("krs_prefill" in b for b in buttons[1:])


def test_membership_request_needs_an_explicit_role(client, resident, organisation):
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


def test_registering_a_taken_name_says_so_on_the_name_and_keeps_the_form(client):
    existing = OrganisationFactory(name="Stowarzyszenie Sąsiedzi z Obszarów")
    client.force_login(MembershipFactory().user)
    response = client.post(
        CREATE,
        form_data(name="stowarzyszenie „Sąsiedzi z obszarów”", krs="", nip=""),
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "already registered" in errors["name"][0]
    assert response.context["duplicate"] == existing
    assert "Opis, którego nie wolno zgubić." in response.content.decode()
