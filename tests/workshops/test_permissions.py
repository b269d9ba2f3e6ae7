"""Every workshops URL × every role (tests/permissions.py)."""

from types import SimpleNamespace

import pytest

from tests.permissions import assert_matrix
from tests.workshops.factories import (
    AdviceSlotFactory,
    EventFactory,
    GroupMemberFactory,
    RecommendationFactory,
    RegistrationFactory,
    WorkingGroupFactory,
)
from workshops.models import Event

pytestmark = pytest.mark.django_db

EVERYONE_200 = dict.fromkeys(
    ("anonymous", "resident", "member_a", "member_b", "committee", "clerk"), 200
)
LOGGED_IN_200 = {"anonymous": 302, "resident": 200, "member_a": 200, "clerk": 200}
CLERKS_ONLY = {
    "anonymous": 302,
    "resident": 403,
    "member_a": 403,
    "member_b": 403,
    "committee": 403,
    "clerk": 200,
}


@pytest.fixture
def world(roles):
    group = WorkingGroupFactory(coordinator=roles.member_a)
    GroupMemberFactory(group=group, user=roles.member_a, organisation=roles.org_a)
    held = EventFactory(held=True)
    attended = RegistrationFactory(event=held, user=roles.member_a, attended=True)
    return SimpleNamespace(
        **vars(roles),
        event=EventFactory(),
        draft=EventFactory(draft=True),
        ngo_event=EventFactory(audience=Event.Audience.NGO),
        group_meeting=EventFactory(
            kind=Event.Kind.GROUP_MEETING,
            audience=Event.Audience.GROUP,
            working_group=group,
        ),
        advice=AdviceSlotFactory().event,
        held=held,
        attended=attended,
        group=group,
        recommendation=RecommendationFactory(group=group, accepted=True),
    )


MATRIX = [
    ("/warsztaty/", EVERYONE_200),
    ("/warsztaty/?when=past", EVERYONE_200),
    ("/warsztaty/kalendarz/", EVERYONE_200),
    ("/warsztaty/kalendarz/2026/12/", EVERYONE_200),
    ("/warsztaty/grupy/", EVERYONE_200),
    (lambda w: w.group.get_absolute_url(), EVERYONE_200),
    ("/kalendarz.ics", EVERYONE_200),
    (lambda w: w.event.get_absolute_url(), EVERYONE_200),
    (lambda w: w.held.get_absolute_url(), EVERYONE_200),
    (
        lambda w: w.draft.get_absolute_url(),
        {"anonymous": 404, "resident": 404, "member_a": 404, "clerk": 200},
    ),
    ("/warsztaty/moje-zapisy/", LOGGED_IN_200),
    (
        lambda w: f"/warsztaty/{w.event.pk}/zapisy/",
        {
            "anonymous": 302,
            "resident": 200,
            "member_a": 200,
            "committee": 200,
            "clerk": 200,
        },
    ),
    (
        lambda w: f"/warsztaty/{w.advice.pk}/zapisy/",
        {"anonymous": 302, "resident": 200, "member_b": 200},
    ),
    (
        lambda w: f"/warsztaty/{w.draft.pk}/zapisy/",
        {"anonymous": 302, "resident": 404, "member_a": 404},
    ),
    # Only representatives of organisations may sign up for NGO events.
    (
        lambda w: f"/warsztaty/{w.ngo_event.pk}/zapisy/",
        {
            "anonymous": 302,
            "resident": 403,
            "committee": 403,
            "member_a": 200,
            "editor_a": 200,
            "member_b": 200,
        },
    ),
    # Only members of the working group may sign up for its meetings.
    (
        lambda w: f"/warsztaty/{w.group_meeting.pk}/zapisy/",
        {"anonymous": 302, "resident": 403, "member_b": 403, "member_a": 200},
    ),
    # Cancelling: only a person with a registration (others get 404).
    (
        lambda w: f"/warsztaty/{w.event.pk}/rezygnacja/",
        {"anonymous": 302, "resident": 404, "clerk": 404},
        "post",
    ),
    # The confirmation page: only for a person with a registration, too.
    (
        lambda w: f"/warsztaty/{w.event.pk}/rezygnacja/",
        {"anonymous": 302, "resident": 404, "clerk": 404},
    ),
    # Attendance data: the list for clerks, a certificate for the person and clerks.
    (lambda w: f"/warsztaty/{w.held.pk}/lista-obecnosci.pdf", CLERKS_ONLY),
    (
        lambda w: f"/warsztaty/zapisy/{w.attended.pk}/zaswiadczenie.pdf",
        {
            "anonymous": 302,
            "resident": 403,
            "editor_a": 403,
            "member_b": 403,
            "committee": 403,
            "member_a": 200,
            "clerk": 200,
        },
    ),
]


def test_workshops_permission_matrix(world, client):
    assert_matrix(client, world, MATRIX)


def test_attendance_is_not_on_public_pages(world, client):
    """Who attended is personal data: the public event page does not show names."""
    content = client.get(world.held.get_absolute_url()).content.decode()
    assert world.member_a.email not in content
    assert str(world.member_a) not in content
