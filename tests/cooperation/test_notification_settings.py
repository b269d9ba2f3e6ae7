"""The person's notification settings page (/konto/powiadomienia/)."""

import re

import pytest
from django.urls import reverse

from cooperation.core.following import subscription_follow
from cooperation.core.models import NotificationPreference
from cooperation.core.notifications import delivery
from cooperation.core.registry import optional_notifications
from tests.cooperation.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/konto/powiadomienia/"


def _all(value: str) -> dict[str, str]:
    return {
        kind.replace(".", "__"): value
        for kind, _label in optional_notifications.items()
    }


def test_the_page_offers_four_ways_for_each_optional_kind_and_fixes_the_statutory(
    client,
):
    me = UserFactory()
    client.force_login(me)
    assert reverse("account-notification-settings") == URL
    html = client.get(URL).content.decode()
    for kind, _label in optional_notifications.items():
        name = kind.replace(".", "__")
        values = re.findall(rf'name="{name}" value="(\w+)"', html)
        assert values == ["immediate", "daily", "weekly", "none"]
    assert "w dziennym zestawieniu" in html and "nie e-mailem (tylko w portalu)" in html
    # The statutory notices are listed as always sent at once, with no choice.
    statutory = html.split('id="settings-statutory"')[1].split("</section>")[0]
    assert "Wezwanie do poprawienia oferty mojej organizacji" in statutory
    assert "Rozstrzygnięcia w sprawie moich ofert" in statutory
    assert "Terminy moich sprawozdań" in statutory
    assert statutory.count("e-mailem od razu") >= 5
    assert "<input" not in statutory
    assert 'name="grants__results"' not in html


def test_a_wrong_choice_is_refused_in_polish_and_keeps_the_other_choices(client):
    me = UserFactory()
    client.force_login(me)
    data = {
        **_all("weekly"),
        "grants__competition_announced": "hourly",
        "grants__followed_results": "",
    }
    data.pop("workshops__followed_meeting")
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nie zapisano ustawień. Popraw zaznaczone wybory." in html
    assert "Wybierz jeden z oferowanych sposobów otrzymywania tych wiadomości." in html
    assert html.count("Wybierz, jak mają do Ciebie docierać te wiadomości.") == 2
    # What the person chose elsewhere is still chosen; nothing is saved.
    assert re.search(
        r'name="consultations__followed_report" value="weekly"[^>]*checked', html
    )
    assert not NotificationPreference.objects.exists()


def test_saving_the_page_sets_each_kind_and_a_statutory_kind_cannot_be_slipped_in(
    client,
):
    me = UserFactory()
    client.force_login(me)
    data = {
        **_all("immediate"),
        "grants__competition_announced": "daily",
        "workshops__followed_meeting": "none",
        "grants__results": "none",
    }
    response = client.post(URL, data)
    assert response.status_code == 302 and response["Location"] == URL
    assert delivery(me, "grants.competition_announced") == "daily"
    assert delivery(me, "workshops.followed_meeting") == "none"
    assert delivery(me, "grants.results") == "immediate"
    assert not NotificationPreference.objects.filter(kind="grants.results").exists()
    html = client.get(URL).content.decode()
    assert "Zapisano ustawienia powiadomień." in html
    assert re.search(
        r'name="grants__competition_announced" value="daily"[^>]*checked', html
    )


def test_the_page_needs_an_account(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def _follow_many(user, count: int) -> None:
    from tests.grants.factories import CompetitionFactory
    from tests.workshops.factories import WorkingGroupFactory

    for _ in range(count):
        subscription_follow(user=user, slug="grupa", pk=WorkingGroupFactory().pk)
        subscription_follow(
            user=user, slug="konkurs", pk=CompetitionFactory(announced=True).pk
        )


def test_the_settings_page_keeps_its_query_count(client, django_assert_num_queries):
    from django.core.cache import cache

    me = UserFactory()
    client.force_login(me)
    NotificationPreference.objects.create(
        user=me, kind="grants.competition_announced", delivery="weekly"
    )
    _follow_many(me, 1)
    client.get(URL)  # the session and the person are kept after the first page
    cache.clear()
    # session, person, the follows with their content types, the competitions
    # followed, the groups followed, the person's settings, the unread messages
    # (the header)
    with django_assert_num_queries(7):
        assert client.get(URL).status_code == 200
    _follow_many(me, 9)
    cache.clear()
    with django_assert_num_queries(7):
        html = client.get(URL).content.decode()
    assert html.count("Przestań obserwować") == 20
