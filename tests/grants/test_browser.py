"""Competition pages and every step of the offer form in Chromium: axe-core and keyboard."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from grants.models import Offer
from tests.a11y import assert_accessible, login, tab_to
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory, complete_offer
from tests.grants.worlds import freeze
from tests.ngos.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "haslo-testowe-123"


def test_competition_pages_and_offer_steps_pass_axe(page, live_server):
    open_c = CompetitionFactory(announced=True)
    published = CompetitionFactory(
        status="results_published", results_published_at=timezone.now()
    )
    freeze(
        complete_offer(competition=published),
        status="selected",
        sequence=1,
        granted_amount=Decimal("5000"),
    )
    org = OrganisationFactory()
    rep = MembershipFactory(
        organisation=org, user=UserFactory(email="rep@example.org")
    ).user
    offer = complete_offer(competition=open_c, organisation=org, is_joint=True)
    for path in (
        "/konkursy/",
        "/konkursy/?stan=decided",
        open_c.get_absolute_url(),
        published.get_absolute_url(),
    ):
        page.goto(live_server.url + path)
        assert_accessible(page)
    login(page, live_server, rep, PASSWORD)
    page.goto(live_server.url + open_c.get_absolute_url())
    assert_accessible(page)
    for step in range(1, 7):
        page.goto(f"{live_server.url}/oferty/{offer.pk}/krok/{step}/")
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    page.goto(live_server.url + offer.get_absolute_url())
    assert_accessible(page)
    page.goto(live_server.url + "/oferty/")
    assert_accessible(page)


def _type(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def _us_date(value) -> str:
    """What one types into Chromium's date field in the en-US layout: mm, dd, yyyy."""
    return value.strftime("%m%d%Y")


def _next(page) -> None:
    tab_to(page, "button[name=next]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_offer_filled_in_and_submitted_with_the_keyboard_alone(page, live_server):
    competition = CompetitionFactory(
        announced=True, offers_deadline=timezone.now() + timedelta(days=25)
    )
    org = OrganisationFactory(name="Stowarzyszenie Klawiatura", street="ul. Rybnicka 5")
    rep = MembershipFactory(
        organisation=org, user=UserFactory(email="klawiatura@example.org")
    ).user
    login(page, live_server, rep, PASSWORD, next_url=competition.get_absolute_url())

    tab_to(page, "form[action$='nowa-oferta/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/krok/1/" in page.url
    # I–II are filled in from the organisation's profile, which has no register number.
    _type(page, "#id_offeror_register", "KRS 0000123456")
    _next(page)

    start = competition.task_start
    _type(page, "#id_title", "Bieg po zdrowie")
    _type(page, "#id_start_date", _us_date(start))
    _type(page, "#id_end_date", _us_date(start + timedelta(days=10)))
    _type(page, "#id_place", "Radlin, stadion")
    _type(page, "#id_target_group", "Młodzież szkolna")
    _type(page, "#id_method", "Treningi")
    _type(page, "#id_expected_change", "Sprawniejsza młodzież")
    _next(page)

    _type(page, "#id_actions-0-name", "Treningi biegowe")
    _type(page, "#id_actions-0-start", _us_date(start))
    _type(page, "#id_actions-0-end", _us_date(start + timedelta(days=10)))
    _next(page)

    _type(page, "#id_previous_activity", "Biegi od 2015 r.")
    _type(page, "#id_resources", "Trenerzy i stadion")
    _next(page)

    # The cost goes under activity I.1, the first choice after the empty one.
    tab_to(page, "#id_cost_rows-0-activity")
    page.keyboard.press("ArrowDown")
    for selector, text in (
        ("#id_requested_grant", "900"),
        ("#id_own_financial", "100"),
        ("#id_cost_rows-0-name", "Trener"),
        ("#id_cost_rows-0-unit", "godz."),
        ("#id_cost_rows-0-unit_cost", "50"),
        ("#id_cost_rows-0-units", "20"),
    ):
        tab_to(page, selector)
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
    _next(page)

    for name in (
        "st_public_benefit",
        "st_payments",
        "st_no_tax_arrears",
        "st_no_zus_arrears",
        "st_register",
        "st_true",
        "st_personal_data",
    ):
        tab_to(page, f"#id_{name}")
        page.keyboard.press("Space")
    _next(page)

    assert page.locator("#submit-heading ~ ul").count() == 0, page.locator(
        "main"
    ).inner_text()[:1500]
    tab_to(page, "form[action$='zloz/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    offer = Offer.objects.get(organisation=org)
    assert offer.status == "submitted" and offer.total_costs == Decimal("1000.00")
    assert offer.cost_rows.get().action == offer.actions.get()
    assert offer.checksum in page.content()
    assert_accessible(page)

    # The steps of the submitted offer say why they are closed.
    page.goto(f"{live_server.url}/oferty/{offer.pk}/krok/5/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    page.goto(live_server.url + offer.get_absolute_url())
    tab_to(page, "form[action$='wycofaj/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    offer.refresh_from_db()
    assert offer.status == "withdrawn"
    assert_accessible(page)


def test_committee_pages_pass_axe(page, live_server):
    from grants.models import CommitteeMember

    competition = CompetitionFactory(status="committee_review")
    offer = freeze(
        complete_offer(competition=competition), status="formally_accepted", sequence=1
    )
    member_user = UserFactory(email="komisja-axe@example.org", committee=True)
    member = CommitteeMember.objects.create(competition=competition, user=member_user)
    login(page, live_server, member_user, PASSWORD)
    page.goto(f"{live_server.url}/konkursy/{competition.pk}/komisja/")
    assert_accessible(page)  # the declaration of impartiality
    assert "Art. 24 § 1. Pracownik organu" in page.locator("#kpa-24-1").inner_text()
    assert "§ 3. Bezpośredni przełożony" in page.locator("#kpa-24-3").inner_text()
    # Signed with the keyboard alone: both statements, then the button.
    tab_to(page, "#id_impartial")
    page.keyboard.press("Space")
    tab_to(page, "#id_no_doubts")
    page.keyboard.press("Space")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    member.refresh_from_db()
    assert member.declared_at and "§ 3." in member.declaration_text
    page.goto(f"{live_server.url}/konkursy/{competition.pk}/komisja/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/oferty/{offer.pk}/ocena/")
    assert_accessible(page)


def test_competition_page_fits_a_phone_and_step_five_errors_pass_axe(page, live_server):
    published = CompetitionFactory(
        status="results_published", results_published_at=timezone.now()
    )
    freeze(
        complete_offer(competition=published),
        status="selected",
        sequence=1,
        granted_amount=Decimal("5000"),
    )
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + published.get_absolute_url())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width
    assert_accessible(page)
    # A negative unit cost in step V: the error is shown, named and accessible.
    page.set_viewport_size({"width": 1280, "height": 900})
    org = OrganisationFactory()
    rep = MembershipFactory(
        organisation=org, user=UserFactory(email="rep5@example.org")
    ).user
    open_c = CompetitionFactory(announced=True)
    offer = complete_offer(competition=open_c, organisation=org)
    login(page, live_server, rep, PASSWORD)
    page.goto(f"{live_server.url}/oferty/{offer.pk}/krok/5/")
    page.fill("#id_cost_rows-0-unit_cost", "-10")
    with page.expect_navigation():
        page.click("button[name=save]")
    assert page.locator("#form-errors").is_visible()
    assert page.locator("#id_cost_rows-0-unit_cost_error").is_visible()
    assert page.input_value("#id_cost_rows-0-unit_cost") == "-10"
    assert_accessible(page)


def _as_clerk(page, live_server):
    from django.conf import settings
    from django.test import Client

    clerk = UserFactory(email="urzednik-axe@example.org", clerk=True)
    client = Client()
    client.force_login(clerk)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return clerk


def test_protocol_and_decision_pages_pass_axe_and_work_with_the_keyboard(
    page, live_server
):
    from grants import services
    from tests.grants.worlds import review, score_all

    competition, offers, members = review()
    for m in members:
        services.committee_declare(member=m, actor=m.user)
    for m in members[:2]:
        score_all(m, offers)
    _as_clerk(page, live_server)
    page.goto(f"{live_server.url}/konkursy/{competition.pk}/protokol/")
    assert_accessible(page)
    tab_to(page, "#id_date")
    page.keyboard.type(timezone.localdate().strftime("%m%d%Y"))
    tab_to(page, "#id_place")
    page.keyboard.type("Urząd Miasta, sala 12")
    tab_to(page, f"#id_proposed_{offers[0].pk}")
    page.keyboard.type("4 000,00")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    competition.refresh_from_db()
    assert competition.protocol_signed_at and competition.protocol_place
    assert page.url.endswith(f"/konkursy/{competition.pk}/rozstrzygniecie/")
    assert_accessible(page)
    page.locator("main button[type=submit]").click()
    assert page.locator(".alert-danger").count() == 1
    assert_accessible(page)  # the refusal


def test_reasons_request_page_passes_axe_and_works_with_the_keyboard(page, live_server):
    from grants.models import ReasonsRequest

    competition = CompetitionFactory(
        status="results_published",
        announced_at=timezone.now() - timedelta(days=90),
        offers_deadline=timezone.now() - timedelta(days=60),
        results_published_at=timezone.now(),
    )
    offer = freeze(
        complete_offer(competition=competition),
        status="selected",
        sequence=1,
        granted_amount=Decimal("5000.00"),
    )
    person = UserFactory(email="pytajacy@example.org")
    path = f"/konkursy/{competition.pk}/uzasadnienie/"
    login(page, live_server, person, PASSWORD, next_url=path)
    assert page.url.endswith(path)
    assert_accessible(page)
    tab_to(page, "#id_offer")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_question")
    page.keyboard.type("Dlaczego ta kwota?")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    request = ReasonsRequest.objects.get()
    assert (request.offer, request.question) == (offer, "Dlaczego ta kwota?")
    page.goto(live_server.url + path)
    page.locator("#id_question").fill("")
    page.locator("main button[type=submit]").click()
    assert_accessible(page)  # the errors


def test_attachments_confirmation_and_formal_checklist_with_the_keyboard_alone(
    page, live_server, tmp_path
):
    from grants.models import OfferConfirmation, RequiredAttachment
    from tests.grants.signing_helpers import board, plain_pdf

    competition = CompetitionFactory(
        announced=True, offers_deadline=timezone.now() + timedelta(days=25)
    )
    RequiredAttachment.objects.create(competition=competition, name="Statut")
    offer = complete_offer(competition=competition)
    anna, jan = board(
        offer.organisation,
        [("Anna Nowak", "Prezes Zarządu"), ("Jan Kowalski", "Skarbnik")],
        required=2,
    )
    for person in (anna, jan):
        person.set_password(PASSWORD)
        person.save()
    statute = tmp_path / "statut.pdf"
    statute.write_bytes(plain_pdf("Statut"))

    login(page, live_server, anna, PASSWORD)
    page.goto(f"{live_server.url}/oferty/{offer.pk}/zalaczniki/")
    assert_accessible(page)
    tab_to(page, "#id_requirement")
    tab_to(page, "#id_file")
    page.locator("#id_file").set_input_files(str(statute))
    tab_to(page, "button[name=upload]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("table").get_by_text("statut", exact=False).count() >= 1
    assert_accessible(page)
    # Anna sends the offer: her confirmation counts, Jan's is still missing.
    page.goto(live_server.url + offer.get_absolute_url())
    assert_accessible(page)
    tab_to(page, "form[action$='/zloz/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Jan Kowalski" in page.locator("main").inner_text()
    assert_accessible(page)
    page.context.clear_cookies()

    login(page, live_server, jan, PASSWORD)
    page.goto(live_server.url + offer.get_absolute_url())
    tab_to(page, "form[action$='/potwierdz/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert OfferConfirmation.objects.filter(offer=offer, user=jan).exists()
    assert_accessible(page)
    tab_to(page, "form[action$='/zloz/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    offer.refresh_from_db()
    assert offer.status == "submitted"
    page.context.clear_cookies()

    type(competition).objects.filter(pk=competition.pk).update(status="formal_review")
    _as_clerk(page, live_server)
    page.goto(f"{live_server.url}/oferty/{offer.pk}/ocena-formalna/")
    assert_accessible(page)
    for n in range(1, len(competition.formal_checklist()) + 1):
        tab_to(page, f"#id_met_{n}")
        page.keyboard.press("Space")
    tab_to(page, "#id_decision_0")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    offer.refresh_from_db()
    assert offer.status == "formally_accepted"
    assert offer.formal_items.filter(met=True).count() == len(
        competition.formal_checklist()
    )


def test_an_unticked_requirement_without_a_reason_is_refused_accessibly(
    page, live_server
):
    competition = CompetitionFactory(status="formal_review")
    offer = freeze(
        complete_offer(competition=competition), status="submitted", sequence=1
    )
    _as_clerk(page, live_server)
    page.goto(f"{live_server.url}/oferty/{offer.pk}/ocena-formalna/")
    page.locator("#id_decision_0").check()
    page.locator("main form button[type=submit]").click()
    assert page.locator(".invalid-feedback").count() >= 1
    assert_accessible(page)
    assert Offer.objects.get(pk=offer.pk).status == "submitted"


def _replace(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_offer_update_pages_pass_axe_and_the_update_is_sent_with_the_keyboard(
    page, live_server
):
    from grants.models import OfferUpdate

    published = CompetitionFactory(
        status="results_published",
        announced_at=timezone.now() - timedelta(days=90),
        offers_deadline=timezone.now() - timedelta(days=60),
        results_published_at=timezone.now(),
    )
    org = OrganisationFactory(name="Stowarzyszenie Aktualizacja")
    rep = MembershipFactory(
        organisation=org, user=UserFactory(email="aktualizacja@example.org")
    ).user
    offer = freeze(
        complete_offer(competition=published, organisation=org),
        status="selected",
        sequence=1,
        granted_amount=Decimal("7200.00"),
    )
    login(page, live_server, rep, PASSWORD)
    page.goto(f"{live_server.url}/oferty/{offer.pk}/aktualizacja/")
    assert_accessible(page)
    tab_to(page, "form button.btn-primary")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for step in (1, 2, 3):
        page.goto(f"{live_server.url}/oferty/{offer.pk}/aktualizacja/krok/{step}/")
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    _replace(page, "#id_own_financial", "800,00")
    _replace(page, "#id_own_non_financial", "0")
    _replace(page, "#id_cost_rows-0-units", "32")
    _replace(page, "#id_cost_rows-1-unit_cost", "2400,00")
    _replace(page, "#id_cost_rows-2-unit_cost", "400,00")
    _next(page)
    assert page.url.endswith(f"/oferty/{offer.pk}/aktualizacja/")
    assert_accessible(page)
    tab_to(page, "form[action$='/aktualizacja/zloz/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    update = OfferUpdate.objects.get(offer=offer)
    assert update.status == "submitted"
    assert update.content["totals"]["total"] == "8000.00"
    assert_accessible(page)


def test_small_grant_pages_pass_axe_and_a_comment_is_sent_with_the_keyboard(
    page, live_server
):
    from django.utils import timezone as tz

    from grants.models import SmallGrantComment
    from tests.grants import small_grant_helpers as small
    from tests.grants.signing_helpers import board

    year = tz.localdate().year
    priority = small.year_of(year)
    clerk = UserFactory(email="urzednik-mg@example.org", clerk=True)
    offer, _rep = small.published(priority, clerk)
    organisation = OrganisationFactory(name="Stowarzyszenie Szkic")
    (writer,) = board(organisation, [("Olga Pióro", "prezes")], required=1)
    draft = small.draft(priority, organisation, grant="10000.01")
    for path in ("/male-granty/", f"/male-granty/{offer.pk}/"):
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    resident = UserFactory(email="mieszkanka@example.org")
    login(page, live_server, resident, PASSWORD)
    page.goto(f"{live_server.url}/male-granty/{offer.pk}/")
    assert_accessible(page)
    _type(page, "#id_text", "Proszę o zajęcia także w sobotę.")
    tab_to(page, "#comment-form-heading ~ form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert SmallGrantComment.objects.get(offer=offer).author == resident
    assert "Proszę o zajęcia także w sobotę." in page.content()
    assert_accessible(page)
    page.context.clear_cookies()
    login(page, live_server, writer, PASSWORD)
    page.goto(live_server.url + "/male-granty/nowa-oferta/")
    assert_accessible(page)
    for step in range(1, 7):
        page.goto(f"{live_server.url}/male-granty/oferty/{draft.pk}/krok/{step}/")
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    page.goto(f"{live_server.url}/male-granty/oferty/{draft.pk}/")
    assert "art. 19a ust. 1 pkt 1" in page.content()
    assert_accessible(page)
    page.goto(live_server.url + "/oferty/")
    assert_accessible(page)
