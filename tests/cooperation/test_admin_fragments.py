"""The administration's lists, navigation and permissions come from the cache while
what they show is unchanged, and show every change at once."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from cooperation.core.cache import record_areas
from tests.conftest import redis_commands
from tests.cooperation.factories import UserFactory, with_totp
from tests.grants.factories import OfferFactory

pytestmark = pytest.mark.django_db

OFFERS = "/admin/grants/offer/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode(), [q["sql"] for q in queries]


def _reads_offers(queries):
    return [q for q in queries if q.startswith('SELECT "grants_offer"."id"')]


def test_a_second_visit_takes_the_rows_from_the_cache(client, clerk):
    OfferFactory(title="Półkolonie nad Odrą")
    client.force_login(clerk)
    first, queries = _get(client, OFFERS)
    assert "Półkolonie nad Odrą" in first
    assert _reads_offers(queries)
    second, queries = _get(client, OFFERS)
    assert not _reads_offers(queries)
    assert "Półkolonie nad Odrą" in second
    # The count of rows on the page is still given without reading them.
    assert "Wybrano 0 z 1" in second


def test_a_changed_row_is_shown_at_once(client, clerk):
    offer = OfferFactory(title="Półkolonie nad Odrą")
    client.force_login(clerk)
    _get(client, OFFERS)
    with TestCase.captureOnCommitCallbacks(execute=True):
        offer.title = "Obóz w Beskidach"
        offer.save()
    html, _queries = _get(client, OFFERS)
    assert "Obóz w Beskidach" in html


def test_a_changed_organisation_name_is_shown_in_the_offers_list(client, clerk):
    offer = OfferFactory()
    client.force_login(clerk)
    _get(client, OFFERS)
    organisation = offer.organisation
    with TestCase.captureOnCommitCallbacks(execute=True):
        organisation.name = "Stowarzyszenie Nowa Nazwa"
        organisation.save()
    html, _queries = _get(client, OFFERS)
    assert "Stowarzyszenie Nowa Nazwa" in html


def test_a_change_without_signals_is_shown_after_an_action(client, clerk):
    offer = OfferFactory(title="Półkolonie nad Odrą")
    client.force_login(clerk)
    _get(client, OFFERS)
    type(offer).objects.filter(pk=offer.pk).update(title="Zmienione w bazie")
    # Any action posted to the list (here one with nothing selected) renews its rows.
    client.post(OFFERS, {"action": "delete_selected", "index": 0})
    html, _queries = _get(client, OFFERS)
    assert "Zmienione w bazie" in html


def test_the_rows_of_one_filter_are_not_shown_for_another(client, clerk):
    OfferFactory(title="Szkic oferty")
    client.force_login(clerk)
    _get(client, OFFERS + "?status__exact=draft")
    html, _queries = _get(client, OFFERS + "?status__exact=submitted")
    assert "Szkic oferty" not in html


def test_notifications_and_logins_leave_the_offers_list_cached():
    areas = record_areas(OfferFactory._meta.model)
    assert "staff:grants.offer" in areas
    assert "staff:ngos.organisation" in areas
    assert "staff:cooperation.notification" not in areas
    assert "staff:cooperation.statuschange" not in areas


def test_permissions_are_read_from_the_cache_and_a_change_is_seen_at_once():
    group = Group.objects.create(name="readers")
    person = UserFactory(is_staff=True)
    person.groups.add(group)
    from cooperation.core.auth_backends import PermissionsCacheBackend

    backend = PermissionsCacheBackend()
    person = type(person).objects.get(pk=person.pk)
    assert backend.get_all_permissions(person) == set()
    with TestCase.captureOnCommitCallbacks(execute=True):
        group.permissions.add(Permission.objects.get(codename="view_offer"))
    fresh = type(person).objects.get(pk=person.pk)
    with CaptureQueriesContext(connection) as queries:
        assert backend.get_all_permissions(fresh) == {"grants.view_offer"}
    assert len(queries) == 2
    again = type(person).objects.get(pk=person.pk)
    with CaptureQueriesContext(connection) as queries:
        assert backend.get_all_permissions(again) == {"grants.view_offer"}
    assert len(queries) == 0


def test_a_person_who_loses_a_group_loses_its_permissions_at_once():
    from cooperation.core.auth_backends import PermissionsCacheBackend

    group = Group.objects.create(name="readers")
    group.permissions.add(Permission.objects.get(codename="view_offer"))
    person = UserFactory(is_staff=True)
    person.groups.add(group)
    backend = PermissionsCacheBackend()
    assert backend.has_perm(type(person).objects.get(pk=person.pk), "grants.view_offer")
    with TestCase.captureOnCommitCallbacks(execute=True):
        person.groups.remove(group)
    assert not backend.has_perm(
        type(person).objects.get(pk=person.pk), "grants.view_offer"
    )


def test_group_names_are_read_from_the_cache_and_a_change_is_seen_at_once():
    clerks = Group.objects.get_or_create(name="clerks")[0]
    person = UserFactory(is_staff=True)
    assert not type(person).objects.get(pk=person.pk).is_clerk
    with CaptureQueriesContext(connection) as queries:
        assert not type(person).objects.get(pk=person.pk).is_clerk
    assert len(queries) == 1  # the person; their groups come from the cache
    with TestCase.captureOnCommitCallbacks(execute=True):
        person.groups.add(clerks)
    assert type(person).objects.get(pk=person.pk).is_clerk
    with TestCase.captureOnCommitCallbacks(execute=True):
        person.groups.remove(clerks)
    assert not type(person).objects.get(pk=person.pk).is_clerk


def test_the_navigation_follows_the_persons_permissions(client):
    group = Group.objects.create(name="readers")
    group.permissions.add(Permission.objects.get(codename="view_offer"))
    person = UserFactory(is_staff=True)
    person.groups.add(group)
    client.force_login(with_totp(person))
    html, _queries = _get(client, "/admin/grants/offer/")
    assert 'href="/admin/grants/offer/"' in html
    assert 'href="/admin/ngos/organisation/"' not in html
    with TestCase.captureOnCommitCallbacks(execute=True):
        group.permissions.add(Permission.objects.get(codename="view_organisation"))
    html, _queries = _get(client, "/admin/grants/offer/")
    assert 'href="/admin/ngos/organisation/"' in html


def test_a_lists_count_is_kept_and_follows_a_new_row(client, clerk):
    OfferFactory(title="Półkolonie nad Odrą")
    client.force_login(clerk)
    _get(client, OFFERS)
    html, queries = _get(client, OFFERS)
    assert "Wybrano 0 z 1" in html
    assert not [q for q in queries if q.startswith("SELECT COUNT(")]
    with TestCase.captureOnCommitCallbacks(execute=True):
        OfferFactory(title="Obóz w Beskidach")
    html, queries = _get(client, OFFERS)
    assert "Wybrano 0 z 2" in html


def test_a_filters_choices_are_read_only_when_the_filters_are_rendered(client, clerk):
    offer = OfferFactory(title="Półkolonie nad Odrą")
    client.force_login(clerk)
    first, queries = _get(client, OFFERS)
    assert offer.competition.title in first
    assert [q for q in queries if 'FROM "grants_competition"' in q]
    second, queries = _get(client, OFFERS)
    assert offer.competition.title in second
    assert not [q for q in queries if 'FROM "grants_competition"' in q]


def test_a_removed_authenticator_closes_the_administration_at_the_next_request(
    client, clerk
):
    from allauth.mfa.models import Authenticator

    client.force_login(clerk)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/").status_code == 200
    with TestCase.captureOnCommitCallbacks(execute=True):
        Authenticator.objects.filter(user=clerk).delete()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/" not in response["Location"]


def test_the_desk_shows_the_persons_latest_action_at_once(client, clerk):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    offer = OfferFactory(title="Półkolonie nad Odrą")
    client.force_login(clerk)
    html, _ = _get(client, "/admin/")
    assert "Półkolonie nad Odrą" not in html
    _, queries = _get(client, "/admin/")
    assert not [q for q in queries if "django_admin_log" in q]
    LogEntry.objects.log_actions(
        user_id=clerk.pk, queryset=[offer], action_flag=CHANGE, single_object=True
    )
    assert ContentType.objects.get_for_model(offer)
    html, _ = _get(client, "/admin/")
    assert str(offer) in html


def _cache_commands(client, path):
    with redis_commands() as commands:
        assert client.get(path).status_code == 200
    return commands


@pytest.mark.parametrize(("path", "trips"), [(OFFERS, 4), ("/admin/", 3)])
def test_a_list_or_the_desk_read_again_reads_the_cache_in_few_round_trips(
    client, clerk, path, trips
):
    """The session; the person's records; then a list's navigation, and its count,
    rows and filters together; or the desk, its applications and the person's recent
    actions together."""
    OfferFactory(title="Półkolonie nad Odrą")
    client.force_login(clerk)
    client.get(path)
    client.get(path)
    commands = _cache_commands(client, path)
    assert len(commands) <= trips, commands


def _form_token(html, form_id):
    import re

    form = html[html.index(f'id="{form_id}"') :]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def test_a_kept_list_page_carries_each_visitors_own_csrf_token(clerk):
    """The page is kept whole, yet each browser posts its actions and its logout
    with the token of its own CSRF cookie."""
    from django.test import Client

    OfferFactory(title="Półkolonie nad Odrą")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(clerk)
    second.force_login(clerk)
    html_first, _ = _get(first, OFFERS)
    html_second, queries = _get(second, OFFERS)
    assert not _reads_offers(queries)
    assert "csrf-token-of-the-request" not in html_second
    assert _form_token(html_first, "changelist-form") != _form_token(
        html_second, "changelist-form"
    )
    response = second.post(
        OFFERS,
        {
            "csrfmiddlewaretoken": _form_token(html_second, "changelist-form"),
            "action": "delete_selected",
            "index": 0,
        },
    )
    assert response.status_code == 302
    response = second.post(
        "/admin/logout/",
        {"csrfmiddlewaretoken": _form_token(html_second, "logout-form")},
    )
    assert response.status_code == 302
    assert second.get(OFFERS).status_code == 302


def test_a_message_is_shown_on_a_kept_list_page(client, clerk):
    offer = OfferFactory(title="Półkolonie nad Odrą")
    client.force_login(clerk)
    _get(client, OFFERS)
    _get(client, OFFERS)
    response = client.post(
        OFFERS, {"action": "delete_selected", "index": 0}, follow=True
    )
    assert "Wykonanie akcji wymaga wybrania obiektów" in response.content.decode()
    html, _ = _get(client, OFFERS)
    assert "Wykonanie akcji wymaga wybrania obiektów" not in html
    assert str(offer.title) in html


def test_a_renamed_person_sees_the_new_name_on_a_kept_list_page(client, clerk):
    client.force_login(clerk)
    _get(client, OFFERS)
    clerk.first_name = "Bożena"
    clerk.save()
    html, _ = _get(client, OFFERS)
    assert "Bożena" in html
