"""The registry's pages in a real browser: axe-core and the keyboard."""

import pytest

from tests.a11y import assert_accessible, login
from tests.cooperation.factories import UserFactory
from tests.ngos.factories import (
    AreaFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerSearchFactory,
    SphereFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "haslo-testowe-123"


@pytest.fixture
def world():
    sphere = SphereFactory(
        name_pl="kultura, sztuka, ochrona dóbr kultury", name_en="culture and art"
    )
    area = AreaFactory(name="Biertułtowy")
    organisation = OrganisationFactory(
        name="Stowarzyszenie Przyjaciół Biertułtów",
        slug="razem",
        krs="0000413516",
        nip="9721237317",
        regon="302046830",
        is_opp=True,
        street="ul. Świerklańska 12",
        phone="32 455 12 34",
        website="https://razem.example.org",
        description="Festyny, kronika dzielnicy i spotkania mieszkańców.",
    )
    organisation.spheres.add(sphere)
    organisation.areas.add(area)
    for i in range(3):
        OrganisationFactory(name=f"Fundacja nr {i}", legal_form="foundation")
    search = PartnerSearchFactory(
        organisation=organisation, sphere=sphere, title="Partner do festynu"
    )
    representative = MembershipFactory(
        organisation=organisation, user__email="prezes@example.org"
    )
    MembershipFactory(
        organisation=organisation,
        editor=True,
        pending=True,
        user__email="nowy@example.org",
    )
    other = MembershipFactory(user__email="inna@example.org")
    return {
        "organisation": organisation,
        "search": search,
        "representative": representative.user,
        "other": other.user,
    }


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize(
    "path",
    [
        "/organizacje/",
        "/organizacje/?q=festyn&legal_form=association&opp=1&sort=-name",
        "/organizacje/?q=nicniepasuje",
        "/organizacje/?sphere=abc",
        "/organizacje/razem/",
        "/organizacje/partnerzy/",
    ],
)
def test_public_pages_have_no_axe_violations(page, live_server, world, path, language):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_partner_search_detail_has_no_axe_violations(page, live_server, world):
    page.goto(live_server.url + world["search"].get_absolute_url())
    assert_accessible(page)


def test_member_pages_and_forms_have_no_axe_violations(page, live_server, world):
    login(page, live_server, world["representative"], PASSWORD)
    for path in [
        "/organizacje/razem/panel/",
        "/organizacje/razem/edytuj/",
        "/organizacje/partnerzy/nowe/",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)


def test_register_form_with_errors_keeps_input_and_passes_axe(page, live_server, world):
    login(page, live_server, UserFactory(email="nowa@example.org"), PASSWORD)
    page.goto(live_server.url + "/organizacje/nowa/")
    assert_accessible(page)
    page.fill("#id_name", "Nowe Stowarzyszenie")
    page.fill("#id_nip", "123-456-78-90")
    page.fill("#id_description", "Opis, który zostaje.")
    page.click("main button.btn-primary[type=submit]")
    assert page.locator("#id_nip_error").is_visible()
    assert page.input_value("#id_description") == "Opis, który zostaje."
    assert page.input_value("#id_name") == "Nowe Stowarzyszenie"
    assert_accessible(page)


def test_answer_form_and_join_form_pass_axe(page, live_server, world):
    login(page, live_server, world["other"], PASSWORD)
    page.goto(live_server.url + world["search"].get_absolute_url())
    assert page.locator("#id_message").count() == 1
    assert_accessible(page)
    page.goto(live_server.url + "/organizacje/razem/dolacz/")
    assert_accessible(page)


def test_enter_in_the_profile_form_saves(page, live_server, world):
    login(page, live_server, world["representative"], PASSWORD)
    page.goto(live_server.url + "/organizacje/razem/edytuj/")
    page.fill("#id_short_name", "Przyjaciele")
    page.focus("#id_short_name")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/organizacje/razem/panel/")
    from ngos.models import Organisation

    assert Organisation.objects.get(slug="razem").short_name == "Przyjaciele"
