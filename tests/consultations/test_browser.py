"""axe-core and keyboard checks of the consultation, comment and programme pages."""

import os

import pytest

from consultations.models import Comment
from cooperation.programme.demo import create_programme
from cooperation.programme.models import Programme
from tests.a11y import assert_accessible, login, tab_to
from tests.consultations.factories import (
    CommentFactory,
    ConsultationFactory,
    QuestionFactory,
    SurveyFactory,
)
from tests.ngos.factories import SphereFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "haslo-testowe-123"


@pytest.fixture
def consultation(roles):
    c = ConsultationFactory(
        published=True, with_text=True, title="Projekt uchwały o lokalach"
    )
    unit = c.versions.get().units.get(label="§ 2")
    CommentFactory(
        consultation=c, unit=unit, organisation=roles.org_a, author=roles.member_a
    )
    CommentFactory(consultation=c, justification="Uwaga ogólna mieszkańca.")
    return c


def test_consultation_pages_are_accessible(page, live_server, consultation, roles):
    from consultations import services
    from tests.consultations.factories import DRAFT

    page.goto(f"{live_server.url}/konsultacje/")
    assert_accessible(page)
    page.goto(f"{live_server.url}{consultation.get_absolute_url()}")
    page.locator("details summary").first.click()
    assert_accessible(page)
    services.version_create(
        consultation=consultation,
        text=DRAFT.replace("nieodpłatnie", "za opłatą"),
        actor=roles.clerk,
    )
    page.goto(f"{live_server.url}/konsultacje/{consultation.pk}/zmiany/")
    assert page.locator("del").count() >= 1
    assert_accessible(page)


def test_comment_form_is_accessible_and_works_by_keyboard(
    page, live_server, consultation, roles
):
    login(
        page,
        live_server,
        roles.member_a,
        PASSWORD,
        next_url=f"/konsultacje/{consultation.pk}/uwagi/nowa/",
    )
    assert "/uwagi/nowa/" in page.url
    assert_accessible(page)
    tab_to(page, "#id_justification")
    page.keyboard.type("Uzasadnienie wpisane z klawiatury: zażółć gęślą jaźń.")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Comment.objects.filter(
        justification__startswith="Uzasadnienie wpisane z klawiatury"
    ).exists(), page.content()[-6000:]
    assert_accessible(page)
    # The form with an error message is accessible too.
    page.goto(f"{live_server.url}/konsultacje/{consultation.pk}/uwagi/nowa/")
    page.locator("main button[type=submit]").click()
    assert page.locator(".errorlist").count() >= 1
    assert_accessible(page)


def test_report_and_survey_pages_are_accessible(page, live_server, roles):
    c = ConsultationFactory(ended=True, with_text=True, status="report_published")
    CommentFactory(
        consultation=c,
        decision="rejected",
        decision_justification="Niezgodne z ustawą.",
    )
    survey = SurveyFactory(consultation=None, title="Ocena programu")
    QuestionFactory(survey=survey)
    QuestionFactory(survey=survey, kind="choice", choices="tak\nnie")
    QuestionFactory(survey=survey, kind="text", required=False)
    page.goto(f"{live_server.url}{c.get_absolute_url()}")
    assert_accessible(page)
    page.goto(f"{live_server.url}/konsultacje/ankiety/{survey.pk}/wyniki/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/konsultacje/ankiety/")
    assert_accessible(page)
    login(
        page,
        live_server,
        roles.resident,
        PASSWORD,
        next_url=f"/konsultacje/ankiety/{survey.pk}/",
    )
    assert_accessible(page)


def test_programme_pages_are_accessible(page, live_server):
    SphereFactory(code="axe-sphere")
    programme = create_programme(2027)
    Programme.objects.filter(pk=programme.pk).update(
        status="in_force", resolution_number="XX/150/2026"
    )
    page.goto(f"{live_server.url}/program-wspolpracy/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/program-wspolpracy/2027/")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_wording_concerned_follows_the_provision_chosen_in_the_form(
    page, live_server, consultation, roles, language
):
    units = list(consultation.versions.get().units.exclude(kind="preamble"))
    first, second = units[0], units[1]
    page.context.set_extra_http_headers({"Accept-Language": language})
    login(
        page,
        live_server,
        roles.resident,
        PASSWORD,
        next_url=f"/konsultacje/{consultation.pk}/uwagi/nowa/?jednostka={first.pk}",
    )
    wording = page.locator("#id_current_wording")
    assert wording.input_value() == first.text
    page.locator("#id_unit").select_option(str(second.pk))
    assert wording.input_value() == second.text
    # What the person wrote is never replaced.
    wording.fill("Tylko te słowa")
    page.locator("#id_unit").select_option(str(first.pk))
    assert wording.input_value() == "Tylko te słowa"
    assert_accessible(page)


def test_a_visitor_logs_in_from_a_provision_and_comes_back_to_it(
    page, live_server, consultation, roles
):
    unit = consultation.versions.get().units.get(label="§ 2")
    page.context.set_extra_http_headers({"Accept-Language": "pl"})
    page.goto(f"{live_server.url}{consultation.get_absolute_url()}")
    link = page.locator(f"#jednostka-{unit.pk} a", has_text="Zaloguj się")
    assert link.count() == 1
    assert_accessible(page)
    link.click()
    page.fill("#id_login", roles.resident.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.url.endswith(f"{consultation.get_absolute_url()}#jednostka-{unit.pk}")
    assert page.locator(f"#jednostka-{unit.pk} a", has_text="Zgłoś uwagę").count() == 1


def test_the_clerks_check_of_the_split_is_accessible(page, live_server, roles):
    from pathlib import Path

    from django.conf import settings
    from django.test import Client

    from consultations import services

    acts = Path(__file__).parent.parent / "data" / "acts"
    consultation = ConsultationFactory(title="Projekt programu współpracy")
    services.version_create(
        consultation=consultation,
        text=(acts / "9lib-polkowice-projekt-programu-2022.txt").read_text()
        + "\n"
        + (acts / "bip-wyszogrod-zarzadzenie-18-2015.txt").read_text(),
        actor=roles.clerk,
    )
    client = Client()
    client.force_login(roles.clerk)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"{live_server.url}/konsultacje/{consultation.pk}/podzial/")
    assert page.locator("tbody tr").count() > 5
    assert page.locator("tbody th", has_text="Zał. § 1").count() == 1
    assert "(2)" in page.locator("pre").inner_text()
    assert_accessible(page)
    # A version whose units miss a word shows the difference as an alert.
    version = consultation.versions.get()
    unit = version.units.get(label="Zał. § 1")
    unit.text = unit.text.replace("mieszkańców. ", "")
    unit.save()
    services.version_check(version=version, actor=roles.clerk)
    page.goto(f"{live_server.url}/konsultacje/{consultation.pk}/podzial/")
    assert "mieszkańców" in page.locator("[role=alert]").inner_text()
    assert_accessible(page)
    tab_to(page, "main a[href*='/admin/consultations/draftversion/']")
