"""The header on a desktop screen, the account menu, and the grants lists on a phone."""

import pytest

from tests.a11y import assert_accessible, login, tab_to
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory, OfferFactory
from tests.ngos.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "haslo-testowe-123"
LONG = "Organizacja wypoczynku letniego dla dzieci i młodzieży z terenu Radlina " * 2


def _header_rows(page) -> int:
    """How many lines the header's visible items take."""
    return page.evaluate(
        """() => {
          const items = [...document.querySelectorAll(
            'header .navbar-brand, header .nav-link, header .language-switch')]
            .filter(e => e.offsetParent);
          const rows = [];
          for (const e of items) {
            const r = e.getBoundingClientRect();
            if (!rows.some(([top, bottom]) => r.top < bottom && r.bottom > top))
              rows.push([r.top, r.bottom]);
          }
          return rows.length;
        }"""
    )


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_header_of_a_clerk_fits_one_line_at_1280_px(page, live_server, language):
    clerk = UserFactory(
        email="naglowek@example.org",
        is_staff=True,
        first_name="Anna",
        last_name="Nowak",
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    login(page, live_server, clerk, PASSWORD)
    for path in ["/", "/konkursy/", "/oferty/"]:
        page.goto(live_server.url + path)
        assert page.locator("header .nav-link:visible").count() >= 6, path
        assert _header_rows(page) == 1, path
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, path


def test_the_account_menu_works_with_the_keyboard(page, live_server):
    user = UserFactory(email="menu@example.org")
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, live_server, user, PASSWORD)
    page.goto(live_server.url + "/konkursy/")
    tab_to(page, "#account-menu")
    page.keyboard.press("Enter")
    assert page.locator("#account-menu").get_attribute("aria-expanded") == "true"
    assert_accessible(page)
    logout = page.locator("header .dropdown-menu button", has_text="Wyloguj")
    for _ in range(6):
        page.keyboard.press("ArrowDown")
        if logout.evaluate("el => el === document.activeElement"):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(live_server.url + "/oferty/")
    assert "/konto/login/" in page.url


def test_competitions_and_offers_do_not_scroll_sideways_on_a_phone(page, live_server):
    user = UserFactory(email="telefon@example.org")
    organisation = OrganisationFactory(name="Fundacja " + LONG[:120])
    MembershipFactory(user=user, organisation=organisation)
    competition = CompetitionFactory(title=LONG[:200], announced=True)
    OfferFactory(competition=competition, organisation=organisation, title=LONG[:200])
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, live_server, user, PASSWORD)
    for path in ["/konkursy/", "/oferty/"]:
        page.goto(live_server.url + path)
        assert page.locator("table").count() == 1, path
        assert page.evaluate("document.documentElement.scrollWidth") <= 376, path
        region = page.locator(".table-responsive")
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("aria-labelledby")
        assert_accessible(page)


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_the_header_of_a_visitor_fits_one_line_at_1280_px(
    page, live_server, language, who
):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    if who == "resident":
        login(
            page,
            live_server,
            UserFactory(
                email="mieszkanka@example.org",
                first_name="Katarzyna",
                last_name="Wielkopolska-Nowakowska",
            ),
            PASSWORD,
        )
    for path in ["/", "/organizacje/", "/konsultacje/", "/warsztaty/", "/konto/login/"]:
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language, path
        assert page.locator("header .nav-link:visible").count() >= 5, path
        assert _header_rows(page) == 1, path
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, path
