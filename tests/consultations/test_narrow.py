"""At 375 px (a phone) no consultation or programme page scrolls sideways."""

import os

import pytest

from cooperation.programme.demo import create_programme
from cooperation.programme.models import Programme
from tests.a11y import assert_accessible, login
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

# Which element sticks out to the right, to name it in the failure.
WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && !el.closest('.table-responsive')) {
      out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
    }
  }
  return out.slice(0, 8);
}"""


def assert_fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 376, (page.url, width, page.evaluate(WIDEST))
    assert_accessible(page)


@pytest.fixture
def narrow(page):
    page.set_viewport_size({"width": 375, "height": 812})
    return page


def test_consultation_pages_fit_a_phone(narrow, live_server, roles):
    from consultations import services
    from tests.consultations.factories import DRAFT

    page = narrow
    open_one = ConsultationFactory(
        published=True, with_text=True, title="Projekt uchwały o lokalach"
    )
    unit = open_one.versions.get().units.get(label="§ 2")
    CommentFactory(
        consultation=open_one,
        unit=unit,
        organisation=roles.org_a,
        author=roles.member_a,
        proposed_wording="Nowe brzmienie " * 20,
    )
    services.version_create(
        consultation=open_one,
        text=DRAFT.replace("nieodpłatnie", "za opłatą"),
        actor=roles.clerk,
    )
    reported = ConsultationFactory(
        ended=True, with_text=True, status="report_published"
    )
    CommentFactory(
        consultation=reported,
        decision="rejected",
        decision_justification="Niezgodne z ustawą.",
    )
    survey = SurveyFactory(consultation=None, title="Ocena programu")
    QuestionFactory(survey=survey)
    QuestionFactory(survey=survey, kind="choice", choices="tak\nnie")
    QuestionFactory(survey=survey, kind="text", required=False)
    for path in (
        "/konsultacje/",
        open_one.get_absolute_url(),
        f"/konsultacje/{open_one.pk}/zmiany/",
        reported.get_absolute_url(),
        "/konsultacje/ankiety/",
        f"/konsultacje/ankiety/{survey.pk}/wyniki/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert_fits(page)
    login(
        page,
        live_server,
        roles.member_a,
        PASSWORD,
        next_url=f"/konsultacje/{open_one.pk}/uwagi/nowa/",
    )
    assert_fits(page)
    page.goto(f"{live_server.url}/konsultacje/ankiety/{survey.pk}/")
    assert_fits(page)


def test_programme_pages_fit_a_phone(narrow, live_server):
    page = narrow
    SphereFactory(code="narrow-sphere")
    programme = create_programme(2027, with_priorities=8)
    Programme.objects.filter(pk=programme.pk).update(
        status="in_force", resolution_number="XX/150/2026"
    )
    for path in ("/program-wspolpracy/", "/program-wspolpracy/2027/"):
        page.goto(f"{live_server.url}{path}")
        assert_fits(page)
