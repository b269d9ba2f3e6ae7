"""The local initiative pages in Chromium: axe-core, public and logged in."""

import pytest

from tests.a11y import assert_accessible, login
from tests.cooperation.factories import UserFactory
from tests.grants import test_initiative_applications as flow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
resolution = flow.resolution
PASSWORD = "haslo-testowe-123"


def _initiatives(resolution):
    clerk = UserFactory(clerk=True)
    resident = UserFactory()
    agreed = flow.apply(resident, resolution, title="Skwer sąsiedzki")
    flow.agreed(clerk, agreed)
    flow.apply(resident, resolution, title="Wniosek czekający")
    return resident, agreed


def test_the_public_initiative_pages_have_no_axe_violations(
    page, live_server, resolution
):
    _resident, agreed = _initiatives(resolution)
    for path in (
        "/inicjatywa-lokalna/",
        "/inicjatywa-lokalna/przyjete/",
        agreed.get_absolute_url(),
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        assert_accessible(page)


def test_the_form_and_the_applicants_list_have_no_axe_violations(
    page, live_server, resolution
):
    resident, agreed = _initiatives(resolution)
    login(page, live_server, resident, PASSWORD)
    for path in (
        "/inicjatywa-lokalna/wniosek/",
        "/inicjatywa-lokalna/moje/",
        agreed.get_absolute_url(),
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    page.goto(live_server.url + "/inicjatywa-lokalna/wniosek/")
    page.fill("#id_title", "Ogród deszczowy")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator(".invalid-feedback, .is-invalid").count() > 0
    assert page.input_value("#id_title") == "Ogród deszczowy"
    assert_accessible(page)


def test_the_log_of_contributions_and_a_completed_initiative_have_no_axe_violations(
    page, live_server, resolution, tmp_path
):
    from django.utils import timezone

    from grants.services import initiatives as services
    from tests.a11y import tab_to
    from tests.grants import test_initiative_delivery as delivered

    clerk = UserFactory(clerk=True)
    resident = UserFactory()
    application = delivered.under_agreement(clerk, resident, resolution)
    delivered.log(application, resident, description="Wykop pod ogród.")
    login(page, live_server, resident, PASSWORD)
    url = live_server.url + f"/inicjatywa-lokalna/{application.pk}/wklad/"
    response = page.goto(url)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    # A contribution logged with the keyboard; the evidence chosen as a file.
    evidence = tmp_path / "paragon.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    tab_to(page, "#id_kind_0")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#id_kind_1")
    tab_to(page, "#id_delivered_on")
    page.fill("#id_delivered_on", timezone.localdate().isoformat())
    tab_to(page, "#id_description")
    page.keyboard.type("Zbiórka na sadzonki.")
    tab_to(page, "#id_amount")
    page.keyboard.type("1.000,5")
    page.set_input_files("#id_evidence", str(evidence))
    tab_to(page, "#contribution-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#form-errors").count() == 1
    assert page.input_value("#id_description") == "Zbiórka na sadzonki."
    assert_accessible(page)
    page.fill("#id_amount", "1 000,50")
    page.set_input_files("#id_evidence", str(evidence))
    tab_to(page, "#contribution-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("text=Zbiórka na sadzonki.").count() == 1
    services.initiative_complete(initiativeapplication=application, actor=clerk)
    delivered.settle(application, clerk)
    for path in (application.get_absolute_url(), "/inicjatywa-lokalna/przyjete/", "/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        assert_accessible(page)


def test_the_invitation_page_has_no_axe_violations(page, live_server, resolution):
    from grants.services import initiative_invitations

    leader = UserFactory()
    application = flow.apply(leader, resolution, title="Ogród przy szkole")
    invited = UserFactory(email="sasiadka@example.org")
    invitation = initiative_invitations.initiative_invite(
        application=application,
        actor=leader,
        name="Anna Sąsiadka",
        email=invited.email,
    )
    login(page, live_server, invited, PASSWORD)
    response = page.goto(live_server.url + invitation.get_absolute_url())
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith(application.get_absolute_url())
    assert_accessible(page)


def test_a_submitted_application_with_its_forms_has_no_axe_violations(
    page, live_server, resolution, tmp_path
):
    from tests.a11y import tab_to

    resident = UserFactory()
    application = flow.apply(resident, resolution, title="Ogród deszczowy")
    login(page, live_server, resident, PASSWORD)
    response = page.goto(live_server.url + application.get_absolute_url())
    assert response.status == 200
    assert page.locator("#attach-form").count() == 1
    assert page.locator("#invite-form").count() == 1
    assert_accessible(page)
    document = tmp_path / "lista.pdf"
    document.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    tab_to(page, "#attach-form input[name=name]")
    page.keyboard.type("Lista poparcia")
    page.set_input_files("#attach-form input[type=file]", str(document))
    tab_to(page, "#attach-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("text=Lista poparcia").count() >= 1
    tab_to(page, "#invite-form input[name=name]")
    page.keyboard.type("Anna Sąsiadka")
    tab_to(page, "#invite-form input[name=email]")
    page.keyboard.type("nie-adres")
    tab_to(page, "#invite-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#invite-errors").count() == 1
    assert page.input_value("#invite-form input[name=name]") == "Anna Sąsiadka"
    assert_accessible(page)
