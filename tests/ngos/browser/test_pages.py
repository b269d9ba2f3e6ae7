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


BOXES = """(name) => [...document.querySelectorAll(`input[name="${name}"]`)].map(box => {
  const label = document.querySelector(`label[for="${box.id}"]`);
  const b = box.getBoundingClientRect(), l = label.getBoundingClientRect();
  const line = parseFloat(getComputedStyle(label).lineHeight);
  return {box: [b.left, b.top, b.right, b.bottom], label: [l.left, l.top, l.right, l.bottom], line};
})"""


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("width", [1280, 375])
def test_sphere_checkboxes_line_up_with_their_labels(
    page, live_server, world, language, width
):
    for i in range(6):
        SphereFactory(
            name_pl=f"działalność na rzecz osób w wieku emerytalnym, grupa {i}",
            name_en=f"activities for people of retirement age, group {i}",
        )
    page.set_viewport_size({"width": width, "height": 900})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    login(page, live_server, world["representative"], PASSWORD)
    page.goto(live_server.url + "/organizacje/nowa/")
    for name in ("spheres", "areas"):
        pairs = page.evaluate(BOXES, name)
        assert pairs, name
        for pair in pairs:
            (_, bt, br, bb), (ll, lt, _, lb) = pair["box"], pair["label"]
            # The box stands just left of its label, in the same column …
            assert br <= ll <= br + 12, pair
            # … beside the label's first line, centred on it within 3 px.
            first_line_middle = lt + pair["line"] / 2
            assert abs((bt + bb) / 2 - first_line_middle) <= 3, pair
            assert lb > bt and lt < bb, pair
    assert_accessible(page)
