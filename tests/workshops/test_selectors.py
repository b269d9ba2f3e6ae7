from datetime import timedelta

import pytest
from django.utils import timezone

from tests.cooperation.factories import UserFactory
from tests.workshops.factories import (
    AdviceSlotFactory,
    EventFactory,
    RecommendationFactory,
    RegistrationFactory,
    WorkingGroupFactory,
)
from workshops import selectors
from workshops.models import Recommendation

pytestmark = pytest.mark.django_db


def make_events(scale: int):
    """``scale`` × (3 events with 4 registrations each, one group with a meeting)."""
    events = []
    for _ in range(scale):
        group = WorkingGroupFactory()
        for n in range(3):
            event = EventFactory(working_group=group if n == 0 else None)
            for _k in range(4):
                RegistrationFactory(event=event)
            events.append(event)
    return events


@pytest.mark.parametrize("scale", [1, 10])
def test_event_list_query_count_is_constant(client, scale, django_assert_num_queries):
    make_events(scale)
    # 1 count of the filtered events (paginator), 2 the page of events with their
    # working group and registration counts.
    with django_assert_num_queries(2):
        assert client.get("/warsztaty/").status_code == 200


@pytest.mark.parametrize("scale", [1, 10])
def test_event_list_logged_in_query_count_is_constant(
    client, scale, django_assert_num_queries
):
    make_events(scale)
    user = UserFactory()
    client.force_login(user)
    # 1 the person (then kept in the cache; the session is read from its copy there),
    # 2 the person's groups (is the viewer a clerk?), 3 their unread messages (the
    # header), 4 count of events, 5 the page of events.
    with django_assert_num_queries(5):
        assert client.get("/warsztaty/").status_code == 200


@pytest.mark.parametrize("scale", [1, 10])
def test_event_detail_query_count_is_constant(client, scale, django_assert_num_queries):
    events = make_events(scale)
    event = events[0]
    user = UserFactory()
    RegistrationFactory(event=event, user=user)
    client.force_login(user)
    # 1 the person (then kept in the cache; the session is read from its copy there),
    # 2 the person's groups (is the viewer a clerk?), 3 their unread messages (the
    # header), 4 the event with its group, coordinator and counts, 5 public documents,
    # 6 the viewer's registration.
    with django_assert_num_queries(6):
        assert client.get(event.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("slots", [2, 12])
def test_advice_hour_detail_query_count_is_constant(
    client, slots, django_assert_num_queries
):
    event = AdviceSlotFactory().event
    for _ in range(slots - 1):
        AdviceSlotFactory(event=event)
    # 1 the event with counts, 2 documents, 3 slots with their bookings.
    with django_assert_num_queries(3):
        assert client.get(event.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("scale", [1, 10])
def test_calendar_and_groups_query_counts_are_constant(
    client, scale, django_assert_num_queries
):
    make_events(scale)
    for _ in range(scale):
        RecommendationFactory(group=WorkingGroupFactory(), accepted=True)
    # 1 the events of the weeks shown.
    with django_assert_num_queries(1):
        assert client.get("/warsztaty/kalendarz/").status_code == 200
    # 1 the groups with coordinator and counts.
    with django_assert_num_queries(1):
        assert client.get("/warsztaty/grupy/").status_code == 200


@pytest.mark.parametrize("scale", [1, 10])
def test_group_page_query_count_is_constant(client, scale, django_assert_num_queries):
    group = WorkingGroupFactory()
    for _ in range(scale):
        EventFactory(working_group=group)
        RecommendationFactory(group=group, accepted=True)
    # 1 the group with its coordinator, 2 members, 3 meetings, 4 recommendations.
    with django_assert_num_queries(4):
        assert client.get(group.get_absolute_url()).status_code == 200


def test_accepted_recommendations_for_year():
    this_year = timezone.localdate().year
    accepted = RecommendationFactory(accepted=True)
    partly = RecommendationFactory(
        accepted=True, status=Recommendation.Status.PARTLY_ACCEPTED
    )
    RecommendationFactory(accepted=True, status=Recommendation.Status.REJECTED)
    RecommendationFactory(submitted=True)
    RecommendationFactory(
        accepted=True, answered_at=timezone.now() - timedelta(days=400)
    )
    result = selectors.accepted_recommendations_for_year(this_year)
    assert set(result) == {accepted, partly}


def test_accepted_recommendations_selector_is_one_query(django_assert_num_queries):
    for _ in range(5):
        RecommendationFactory(accepted=True)
    # 1 recommendations with group and priority.
    with django_assert_num_queries(1):
        rows = list(
            selectors.accepted_recommendations_for_year(timezone.localdate().year)
        )
        [(r.group.name, r.priority) for r in rows]


def test_month_calendar_places_events_on_their_local_day():
    event = EventFactory()
    local = timezone.localtime(event.starts_at)
    weeks = selectors.month_calendar(local.year, local.month, None)
    days = [d for week in weeks for d in week if event in d.events]
    assert [d.day for d in days] == [local.date()]
