"""The council's public page and the programme's part "how it was made"."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from cooperation.council import services
from cooperation.council.models import Opinion, Side
from cooperation.programme.demo import create_programme
from cooperation.programme.models import Programme
from tests.ngos.factories import SphereFactory

from .factories import active_term, open_election, representative, seat

pytestmark = pytest.mark.django_db


def _populate(clerk, scale: int):
    """A term with ``scale`` times more of everything the page lists."""
    term = active_term(clerk, ngo=2 * scale, council=scale, executive=scale)
    election = open_election(clerk, term, seats=scale)
    candidates = []
    for n in range(scale + 1):
        user, organisation = representative()
        candidates.append(
            services.candidate_nominate(
                actor=user, election=election, organisation=organisation, name=f"K{n}"
            )
        )
    services.election_close(election=election, actor=clerk)
    for n in range(scale):
        for _vote in range(2):
            user, organisation = representative()
            services.vote_cast(
                actor=user,
                election=election,
                organisation=organisation,
                candidate=candidates[n],
            )
    services.election_publish(election=election, actor=clerk)
    seat(clerk, term, Side.NGO, 0)
    for n in range(scale):
        day = timezone.localdate() - timedelta(days=n + 1)
        meeting = services.meeting_schedule(
            actor=clerk,
            term=term,
            starts_at=datetime.combine(
                day, time(16), tzinfo=timezone.get_current_timezone()
            ),
            place="Sala sesyjna",
            agenda=f"Porządek {n}",
        )
        services.meeting_hold(meeting=meeting, actor=clerk, minutes=f"Protokół {n}")
        services.resolution_adopt(
            actor=clerk,
            meeting=meeting,
            number=f"{n}/2026",
            title=f"Uchwała {n}",
            text="Treść.",
        )
        opinion = services.opinion_draft(
            actor=clerk,
            term=term,
            meeting=meeting,
            subject=Opinion.Subject.STRATEGY,
            title=f"Strategia {n}",
            text=f"Opinia o strategii {n}.",
        )
        services.opinion_publish(opinion=opinion, actor=clerk)
    return term


def test_the_page_without_a_council(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/wspolpraca/rada/")
    assert response.status_code == 200
    assert "Rada nie została jeszcze utworzona." in response.content.decode()


def test_the_page_shows_members_term_meetings_resolutions_and_opinions(client, clerk):
    term = _populate(clerk, 1)
    page = client.get("/wspolpraca/rada/").content.decode()
    for text in (
        term.members.filter(side=Side.NGO).first().name,
        term.members.filter(side=Side.NGO).first().organisation.name,
        term.starts_on.strftime("%Y-%m-%d"),
        term.ends_on.strftime("%Y-%m-%d"),
        "Porządek 0",
        "Protokół 0",
        "Uchwała 0",
        "Opinia o strategii 0.",
        "K0",
    ):
        assert text in page, text


def test_draft_opinions_and_cancelled_meetings_are_not_shown(client, clerk):
    term = active_term(clerk)
    services.opinion_draft(
        actor=clerk, term=term, subject="strategy", title="Szkic", text="Tajne."
    )
    meeting = services.meeting_schedule(
        actor=clerk,
        term=term,
        starts_at=timezone.now() + timedelta(days=3),
        place="Sala",
        agenda="Odwołane posiedzenie",
    )
    services.meeting_cancel(meeting=meeting, actor=clerk)
    page = client.get("/wspolpraca/rada/").content.decode()
    assert "Tajne." not in page and "Odwołane posiedzenie" not in page


@pytest.mark.parametrize("scale", [1, 4])
def test_the_page_query_count_is_constant(
    client, clerk, scale, django_assert_num_queries
):
    _populate(clerk, scale)
    # The council (1), its terms (1), the current members with their organisations
    # (1), meetings (1) with resolutions (1), published opinions (1), the published
    # election (1) with its candidates (1) and their nominating organisations (1).
    with django_assert_num_queries(9):
        assert client.get("/wspolpraca/rada/").status_code == 200


def test_an_opinion_on_the_draft_programme_is_in_how_it_was_made(client, clerk):
    SphereFactory(code="c-sphere")
    programme = create_programme(2027)
    Programme.objects.filter(pk=programme.pk).update(status="in_consultation")
    term = active_term(clerk)
    opinion = services.opinion_draft(
        actor=clerk,
        term=term,
        subject=Opinion.Subject.PROGRAMME,
        programme=programme,
        delivered_on=date(2026, 10, 1),
        text="Rada proponuje więcej środków na seniorów.",
    )
    assert opinion.title == str(programme)
    page = client.get("/program-wspolpracy/2027/").content.decode()
    assert "Rada proponuje więcej środków na seniorów." not in page
    services.opinion_publish(opinion=opinion, actor=clerk, given_on=date(2026, 10, 10))
    page = client.get("/program-wspolpracy/2027/").content.decode()
    part = page.split('id="czesc-10"', 1)[1].split('id="czesc-11"', 1)[0]
    assert "Rada proponuje więcej środków na seniorów." in part
    assert "/wspolpraca/rada/#opinion-" in part
    # Published while the draft was in consultation, it is attached to the draft.
    programme.refresh_from_db()
    assert programme.status == Programme.Status.COUNCIL_OPINION
    assert programme.council_opinion == opinion.text
    assert programme.council_opinion_on == date(2026, 10, 10)
    council_page = client.get("/wspolpraca/rada/").content.decode()
    assert 'href="/program-wspolpracy/2027/"' in council_page


def test_an_opinion_on_a_programme_already_submitted_leaves_its_state(clerk):
    SphereFactory(code="d-sphere")
    programme = create_programme(2028)
    Programme.objects.filter(pk=programme.pk).update(status="submitted")
    opinion = services.opinion_draft(
        actor=clerk,
        term=active_term(clerk),
        subject=Opinion.Subject.PROGRAMME,
        programme=programme,
        text="Opinia po terminie.",
    )
    services.opinion_publish(opinion=opinion, actor=clerk)
    programme.refresh_from_db()
    assert programme.status == "submitted" and programme.council_opinion == ""


def test_meetings_are_in_the_calendar_feed_but_not_cancelled_ones(client, clerk):
    from icalendar import Calendar

    term = active_term(clerk)
    kept = services.meeting_schedule(
        actor=clerk,
        term=term,
        starts_at=timezone.now() + timedelta(days=5),
        place="Sala sesyjna",
        agenda="Opinia o strategii",
    )
    dropped = services.meeting_schedule(
        actor=clerk,
        term=term,
        starts_at=timezone.now() + timedelta(days=9),
        place="Sala sesyjna",
        agenda="Odwołane",
    )
    services.meeting_cancel(meeting=dropped, actor=clerk)
    cal = Calendar.from_ical(client.get("/kalendarz.ics").content)
    uids = {str(e["uid"]).split("@")[0] for e in cal.walk("VEVENT")}
    assert f"council-meeting-{kept.pk}" in uids
    assert f"council-meeting-{dropped.pk}" not in uids


def test_the_page_lists_every_term_once_there_are_several(client, clerk):
    term = active_term(clerk)
    services.term_end_now(term=term, actor=clerk)
    second = services.term_create(
        actor=clerk, council=term.council, starts_on=term.ends_on + timedelta(days=1)
    )
    page = client.get("/wspolpraca/rada/").content.decode()
    assert "Kadencja 1:" in page and "Kadencja 2:" in page
    assert second.ends_on.strftime("%Y-%m-%d") in page
