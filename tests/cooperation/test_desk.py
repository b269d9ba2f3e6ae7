"""The administration's first page is the clerk's desk: what waits, by deadline."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.utils import timezone

from cooperation.core.desk import desk_items
from tests.cooperation.factories import UserFactory, with_totp
from tests.grants.factories import CompetitionFactory, OfferFactory
from tests.ngos.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _waiting(n):
    competition = CompetitionFactory(announced=True)
    for i in range(n):
        OfferFactory(
            competition=competition,
            status="submitted",
            number=f"{i + 1}/2026",
            sequence=i + 1,
            checksum="a" * 64,
        )
        OrganisationFactory(unverified=True)
        MembershipFactory(pending=True)


def test_the_desk_lists_what_waits_with_counts_and_links(client, clerk):
    _waiting(3)
    client.force_login(clerk)
    html = client.get("/admin/").content.decode()
    assert "Oferty czekające na ocenę formalną" in html
    assert 'href="/admin/grants/offer/?status__exact=submitted"' in html
    assert "Organizacje czekające na weryfikację" in html
    assert 'href="/admin/ngos/organisation/?verified=no"' in html
    # The counts stand beside the models in the list of applications too.
    assert "(3 czeka)" in html or "(3 czekają)" in html


def _counted_afresh(client):
    """The desk's queries when nothing of it is in the cache but the person's session."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)


def test_the_desks_queries_do_not_grow_with_the_data(
    client, clerk, django_assert_num_queries
):
    client.force_login(clerk)
    _waiting(1)
    client.get("/admin/")
    few = _counted_afresh(client)
    _waiting(5)
    # Non-financial cooperation's joint teams count the teams proposed or past their
    # term, and the meetings without minutes; local initiatives are counted in one,
    # small grants in two, the public benefit council's requests, nominations and
    # opinions in three.
    assert _counted_afresh(client) == few == 27
    # Unchanged records: the counts, the person and their rights come from the cache.
    client.get("/admin/")
    with django_assert_num_queries(0):
        client.get("/admin/")


def test_the_desk_counts_again_after_any_change_it_counts(client, clerk):
    from django.test import TestCase

    client.force_login(clerk)
    with TestCase.captureOnCommitCallbacks(execute=True):
        _waiting(1)
    assert "(1 czeka)" in client.get("/admin/").content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        _waiting(1)
    assert "(2 czekają)" in client.get("/admin/").content.decode()


def test_a_person_sees_only_the_items_of_what_they_may_view(clerk):
    _waiting(1)
    readers = Group.objects.create(name="readers")
    readers.permissions.add(Permission.objects.get(codename="view_membership"))
    person = UserFactory(is_staff=True)
    person.groups.add(readers)
    person = type(person).objects.get(pk=person.pk)
    assert {i.model for i in desk_items(person)} == {"ngos.membership"}
    clerk = type(clerk).objects.get(pk=clerk.pk)
    assert {"grants.offer", "ngos.organisation", "ngos.membership"} <= {
        i.model for i in desk_items(clerk)
    }


def test_items_come_nearest_deadline_first_and_overdue_ones_are_marked(client, clerk):
    _waiting(1)
    with time_machine.travel(
        datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("Europe/Warsaw"))
    ):
        items = desk_items(type(clerk).objects.get(pk=clerk.pk))
        dated = [i.due_date for i in items if i.due_date]
        assert dated == sorted(dated)
        client.force_login(clerk)
        html = client.get("/admin/").content.decode()
    # Next year's programme is not adopted and 30 November has passed.
    assert "Program współpracy na 2027 r." in html or "2027" in html
    assert "po terminie" in html


def test_nothing_waiting_says_so(client, admin_user):
    from cooperation.nonfinancial.models import AnnualPlan

    # The year's plan of competitions is published (art. 5 ust. 2 pkt 1).
    AnnualPlan.objects.create(year=2026, status="published")
    client.force_login(with_totp(admin_user))
    with time_machine.travel(datetime(2026, 5, 2, 9, tzinfo=ZoneInfo("Europe/Warsaw"))):
        html = client.get("/admin/").content.decode()
    assert timezone.localdate() is not None
    assert "Nic nie czeka na urząd." in html
