"""Pages of non-financial cooperation: who sees what, forms, feeds, PDFs, query counts."""

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone
from icalendar import Calendar

from cooperation.nonfinancial import services
from cooperation.nonfinancial.models import Booking, Patronage, TaskProposal
from tests.conftest import pdf_text
from tests.permissions import assert_matrix

from .factories import PROPOSAL, ResourceFactory, at, booking_kwargs, representative

pytestmark = pytest.mark.django_db

EVERYONE_200 = dict.fromkeys(
    ("anonymous", "resident", "member_a", "member_b", "committee", "clerk"), 200
)
REPRESENTATIVES_200 = {
    "anonymous": 302,
    "resident": 403,
    "committee": 403,
    "member_a": 200,
    "member_b": 200,
}


@pytest.fixture
def world(roles, clerk):
    resource = ResourceFactory(slug="sala-mok")
    booking = services.booking_request(
        actor=roles.member_a,
        organisation=roles.org_a,
        **booking_kwargs(resource, days=10),
        weekly_until=timezone.localdate() + timedelta(weeks=3, days=10),
    )
    services.booking_grant(booking=booking, actor=roles.clerk)
    letter = services.letter_request(
        actor=roles.member_a,
        organisation=roles.org_a,
        addressee="Fundacja Wspólnota",
        purpose="Wniosek o grant",
        cooperation="Zadania 2025",
    )
    services.letter_issue(
        recommendationletter=letter,
        actor=roles.clerk,
        letter_text="Rekomenduję Stowarzyszenie A jako rzetelnego partnera.",
        number="OR.0710.7.2026",
    )
    waiting = services.proposal_submit(
        actor=roles.member_a, organisation=roles.org_a, **PROPOSAL
    )
    answered = services.proposal_submit(
        actor=roles.member_a, organisation=roles.org_a, **PROPOSAL
    )
    services.proposal_decide_not_worthwhile(
        taskproposal=answered, actor=roles.clerk, answer="Brak środków."
    )
    return SimpleNamespace(
        **vars(roles),
        booking=booking,
        letter=letter,
        waiting=waiting,
        answered=answered,
    )


MATRIX = [
    ("/wspolpraca/", EVERYONE_200),
    ("/wspolpraca/patronaty/", EVERYONE_200),
    ("/wspolpraca/lokale/", EVERYONE_200),
    ("/wspolpraca/lokale/sala-mok/", EVERYONE_200),
    ("/wspolpraca/lokale/brak/", {"anonymous": 404, "clerk": 404}),
    ("/wspolpraca/promocja/", EVERYONE_200),
    ("/wspolpraca/wnioski-wlasne/", EVERYONE_200),
    (lambda w: w.answered.get_absolute_url(), EVERYONE_200),
    (
        lambda w: w.waiting.get_absolute_url(),
        {
            "anonymous": 404,
            "resident": 404,
            "member_b": 404,
            "member_a": 200,
            "editor_a": 200,
            "clerk": 200,
        },
    ),
    ("/wspolpraca/patronaty/wniosek/", REPRESENTATIVES_200),
    ("/wspolpraca/lokale/sala-mok/rezerwacja/", REPRESENTATIVES_200),
    ("/wspolpraca/promocja/wniosek/", REPRESENTATIVES_200),
    ("/wspolpraca/rekomendacje/wniosek/", REPRESENTATIVES_200),
    ("/wspolpraca/wnioski-wlasne/nowy/", REPRESENTATIVES_200),
    (
        "/wspolpraca/moje-wnioski/",
        {"anonymous": 302, "resident": 200, "member_a": 200, "clerk": 200},
    ),
    (
        lambda w: f"/wspolpraca/rezerwacje/{w.booking.pk}/umowa-uzyczenia.pdf",
        {
            "anonymous": 302,
            "resident": 404,
            "member_b": 404,
            "member_a": 200,
            "editor_a": 200,
            "clerk": 200,
        },
    ),
    (
        lambda w: f"/wspolpraca/rekomendacje/{w.letter.pk}/list.pdf",
        {"anonymous": 302, "resident": 404, "member_b": 404, "member_a": 200},
    ),
]


def test_nonfinancial_permission_matrix(client, world):
    assert_matrix(client, world, MATRIX)


def test_lending_agreement_pdf_names_the_parties_and_every_date(
    client, world, tmp_path
):
    client.force_login(world.member_a)
    response = client.get(
        f"/wspolpraca/rezerwacje/{world.booking.pk}/umowa-uzyczenia.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    path = tmp_path / "umowa.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    text = " ".join(pdf_text(path).split())
    assert f"Umowa użyczenia nr {world.booking.pk}" in text
    assert "Stowarzyszenie A" in text
    assert "art. 710 Kodeksu cywilnego" in text
    for slot in world.booking.slots.all():
        assert timezone.localtime(slot.starts_at).strftime("%d.%m.%Y %H:%M") in text


def test_letter_pdf_has_the_number_and_the_text(client, world, tmp_path):
    client.force_login(world.member_a)
    response = client.get(f"/wspolpraca/rekomendacje/{world.letter.pk}/list.pdf")
    path = tmp_path / "list.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    text = " ".join(pdf_text(path).split())
    assert "List rekomendacyjny" in text
    assert "OR.0710.7.2026" in text
    assert "Rekomenduję Stowarzyszenie A jako rzetelnego partnera." in text


def test_availability_page_shows_the_lent_times_and_the_feed_has_them(client, world):
    page = client.get("/wspolpraca/lokale/sala-mok/").content.decode()
    # The page shows the next four weeks: the weekly booking's dates on days 10,
    # 17 and 24, not the one on day 31.
    soon = world.booking.slots.filter(starts_at__lt=timezone.now() + timedelta(days=28))
    assert soon.count() == 3
    assert page.count("Stowarzyszenie A") == 3
    cal = Calendar.from_ical(client.get("/kalendarz.ics").content)
    uids = {str(e["uid"]) for e in cal.walk("VEVENT")}
    for slot in world.booking.slots.all():
        assert f"nonfinancial-slot-{slot.pk}@portal" in uids


def test_a_refused_or_waiting_booking_is_not_in_the_availability_or_feed(client, clerk):
    user, organisation = representative()
    resource = ResourceFactory(slug="namiot")
    booking = services.booking_request(
        actor=user, organisation=organisation, **booking_kwargs(resource)
    )
    assert (
        organisation.name
        not in client.get("/wspolpraca/lokale/namiot/").content.decode()
    )
    services.booking_refuse(booking=booking, actor=clerk, reason="Remont sali")
    cal = Calendar.from_ical(client.get("/kalendarz.ics").content)
    assert not [e for e in cal.walk("VEVENT") if "nonfinancial-slot" in str(e["uid"])]


def test_approved_promotion_is_on_the_home_page_and_in_the_calendar(client, clerk):
    user, organisation = representative()
    promotion = services.promotion_request(
        actor=user,
        organisation=organisation,
        kind="event",
        title="Festyn na Głożynach",
        text="Zapraszamy całe rodziny.",
        starts_at=at(6, 15),
    )
    assert "Festyn na Głożynach" not in client.get("/").content.decode()
    services.promotion_approve(promotion=promotion, actor=clerk)
    assert "Festyn na Głożynach" in client.get("/").content.decode()
    cal = Calendar.from_ical(client.get("/kalendarz.ics").content)
    summaries = {str(e["summary"]) for e in cal.walk("VEVENT")}
    assert "Festyn na Głożynach" in summaries


def test_granted_patronage_is_listed_publicly_and_a_refused_one_is_not(client, clerk):
    user, organisation = representative()
    today = timezone.localdate()
    for title in ("Bieg Radlińskiej Dziesiątki", "Turniej odrzucony"):
        services.patronage_request(
            actor=user,
            organisation=organisation,
            event_title=title,
            description="…",
            starts_on=today + timedelta(days=9),
            ends_on=today + timedelta(days=9),
            place="Stadion",
            audience="Biegacze",
            publicity="Logo",
        )
    granted, refused = Patronage.objects.order_by("pk")
    services.patronage_grant(patronage=granted, actor=clerk)
    services.patronage_refuse(
        patronage=refused, actor=clerk, reason="Impreza komercyjna"
    )
    page = client.get("/wspolpraca/patronaty/").content.decode()
    assert "Bieg Radlińskiej Dziesiątki" in page
    assert "Turniej odrzucony" not in page


def test_booking_form_sends_a_weekly_request(client):
    user, organisation = representative()
    resource = ResourceFactory(slug="sala-b")
    client.force_login(user)
    day = timezone.localdate() + timedelta(days=4)
    response = client.post(
        "/wspolpraca/lokale/sala-b/rezerwacja/",
        {
            "organisation": organisation.pk,
            "day": day.isoformat(),
            "start_time": "17:00",
            "end_time": "19:00",
            "purpose": "Próby zespołu",
            "participants": "12",
            "weekly": "on",
            "repeat_until": (day + timedelta(weeks=2)).isoformat(),
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get(resource=resource)
    assert booking.slots.count() == 3
    assert booking.recurrence == "weekly"


def test_booking_form_refusal_keeps_what_was_typed(client, clerk):
    user, organisation = representative()
    resource = ResourceFactory(slug="sala-c")
    taken = services.booking_request(
        actor=user, organisation=organisation, **booking_kwargs(resource, days=4)
    )
    services.booking_grant(booking=taken, actor=clerk)
    client.force_login(user)
    response = client.post(
        "/wspolpraca/lokale/sala-c/rezerwacja/",
        {
            "organisation": organisation.pk,
            "day": (timezone.localdate() + timedelta(days=4)).isoformat(),
            "start_time": "11:00",
            "end_time": "13:00",
            "purpose": "Walne zebranie członków",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "jest już użyczony" in page
    assert "Walne zebranie członków" in page
    assert Booking.objects.filter(resource=resource).count() == 1


def test_proposal_form_parses_the_amount_strictly(client):
    user, organisation = representative()
    client.force_login(user)
    data = {
        "organisation": organisation.pk,
        "title": "Klub seniora",
        "description": "Zajęcia",
        "cost_estimate": "1e5",
    }
    response = client.post("/wspolpraca/wnioski-wlasne/nowy/", data)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    response = client.post(
        "/wspolpraca/wnioski-wlasne/nowy/", {**data, "cost_estimate": "12 500,50"}
    )
    assert response.status_code == 302
    assert TaskProposal.objects.get(organisation=organisation).cost_estimate == Decimal(
        "12500.50"
    )


def _scale(n: int, clerk) -> None:
    today = timezone.localdate()
    for i in range(n):
        user, organisation = representative()
        resource = ResourceFactory()
        booking = services.booking_request(
            actor=user,
            organisation=organisation,
            **booking_kwargs(resource, days=3 + i),
        )
        services.booking_grant(booking=booking, actor=clerk)
        patronage = services.patronage_request(
            actor=user,
            organisation=organisation,
            event_title=f"Wydarzenie {i}",
            description="…",
            starts_on=today + timedelta(days=5),
            ends_on=today + timedelta(days=5),
            place="MOK",
            audience="Wszyscy",
            publicity="Logo",
        )
        services.patronage_grant(patronage=patronage, actor=clerk)
        promotion = services.promotion_request(
            actor=user,
            organisation=organisation,
            kind="event",
            title=f"Festyn {i}",
            text="…",
            starts_at=at(5, 10),
        )
        services.promotion_approve(promotion=promotion, actor=clerk)
        proposal = services.proposal_submit(
            actor=user, organisation=organisation, **PROPOSAL
        )
        services.proposal_decide_not_worthwhile(
            taskproposal=proposal, actor=clerk, answer="Nie"
        )


@pytest.mark.parametrize("scale", [1, 8])
@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # 1 the granted patronages with their organisations.
        ("/wspolpraca/patronaty/", 1),
        # 1 the rooms and items that may be borrowed.
        ("/wspolpraca/lokale/", 1),
        # 1 the approved promotions with their organisations.
        ("/wspolpraca/promocja/", 1),
        # 1 the answered proposals with their organisations and spheres.
        ("/wspolpraca/wnioski-wlasne/", 1),
    ],
)
def test_public_list_query_count_is_constant(
    client, clerk, scale, path, queries, django_assert_num_queries
):
    _scale(scale, clerk)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("scale", [1, 8])
def test_availability_query_count_is_constant(
    client, clerk, scale, django_assert_num_queries
):
    _scale(scale, clerk)
    resource = ResourceFactory(slug="duza-sala")
    user, organisation = representative()
    for day in range(scale):
        booking = services.booking_request(
            actor=user,
            organisation=organisation,
            **booking_kwargs(resource, days=2 + day),
        )
        services.booking_grant(booking=booking, actor=clerk)
    # 1 the resource, 2 its lent times with their bookings and organisations.
    with django_assert_num_queries(2):
        assert client.get("/wspolpraca/lokale/duza-sala/").status_code == 200


@pytest.mark.parametrize("scale", [1, 8])
def test_my_requests_query_count_is_constant(
    client, clerk, scale, django_assert_num_queries
):
    user, organisation = representative()
    for _n in range(scale):
        services.booking_request(
            actor=user,
            organisation=organisation,
            **booking_kwargs(ResourceFactory()),
        )
        services.proposal_submit(actor=user, organisation=organisation, **PROPOSAL)
    client.force_login(user)
    # 1 session, 2 user, 3 the user's groups (is the viewer a clerk?), then one query
    # for each kind of request (patronages, bookings with their resources,
    # promotions, letters, proposals, planned activities, joint teams proposed),
    # each with the organisations the person may see as a subquery.
    with django_assert_num_queries(10):
        assert client.get("/wspolpraca/moje-wnioski/").status_code == 200
