"""The longest parts of the public pages come from the cache, for every visitor, and
show a change at once: a save bumps the generation of its area after the commit."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from cooperation.programme.demo import create_programme
from cooperation.programme.models import Programme
from tests.conftest import redis_commands
from tests.consultations.factories import SurveyFactory
from tests.grants.factories import CompetitionFactory
from tests.ngos.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnerSearchFactory,
)
from tests.workshops.factories import EventFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode(), len(queries)


@pytest.mark.parametrize(
    "path", ["/", "/konkursy/", "/konsultacje/", "/warsztaty/", "/warsztaty/kalendarz/"]
)
def test_a_second_visit_reads_the_list_from_the_cache(client, path):
    _get(client, path)
    _html, queries = _get(client, path)
    assert queries == 0


def test_a_new_competition_is_listed_at_once(client):
    with TestCase.captureOnCommitCallbacks(execute=True):
        CompetitionFactory(title="Konkurs pierwszy", announced=True)
    first, _ = _get(client, "/konkursy/")
    assert "Konkurs pierwszy" in first
    with TestCase.captureOnCommitCallbacks(execute=True):
        CompetitionFactory(title="Konkurs drugi", announced=True)
    second, _ = _get(client, "/konkursy/")
    assert "Konkurs drugi" in second


def test_each_filter_has_its_own_copy(client):
    with TestCase.captureOnCommitCallbacks(execute=True):
        CompetitionFactory(title="Konkurs ogłoszony", announced=True)
    everything, _ = _get(client, "/konkursy/")
    annulled, _ = _get(client, "/konkursy/?stan=decided")
    assert "Konkurs ogłoszony" in everything
    assert "Konkurs ogłoszony" not in annulled


def test_a_clerk_sees_draft_events_and_the_public_never_does(client, clerk):
    with TestCase.captureOnCommitCallbacks(execute=True):
        EventFactory(title="Szkolenie w przygotowaniu", draft=True)
    public, _ = _get(client, "/warsztaty/")
    client.force_login(clerk)
    as_clerk, _ = _get(client, "/warsztaty/")
    client.logout()
    public_again, _ = _get(client, "/warsztaty/")
    assert "Szkolenie w przygotowaniu" in as_clerk
    assert "Szkolenie w przygotowaniu" not in public
    assert "Szkolenie w przygotowaniu" not in public_again


def test_a_profile_is_shared_but_the_members_part_is_each_visitors_own(
    client, resident
):
    organisation = OrganisationFactory(name="Stowarzyszenie Wspólna Sprawa")
    MembershipFactory(user=resident, organisation=organisation)
    path = organisation.get_absolute_url()
    anonymous, _ = _get(client, path)
    client.force_login(resident)
    member, _ = _get(client, path)
    assert "Stowarzyszenie Wspólna Sprawa" in anonymous
    assert f"{path}panel/" not in anonymous
    assert f"{path}panel/" in member


# --- Pages whose record and list are kept: rendered fresh, without the page cache --


@pytest.fixture
def fresh(settings):
    """Every request renders its page: only the fragments and records are kept."""
    settings.PUBLIC_CACHE_SECONDS = 0


@pytest.mark.parametrize(
    ("path", "factory", "field", "names"),
    [
        (
            "/konsultacje/ankiety/",
            SurveyFactory,
            "title",
            ("Ocena programu współpracy", "Ocena konsultacji uchwały"),
        ),
        (
            "/organizacje/partnerzy/",
            PartnerSearchFactory,
            "title",
            ("Festyn na Głożynach", "Bieg uliczny"),
        ),
        (
            "/warsztaty/grupy/",
            WorkingGroupFactory,
            "name",
            ("Grupa do spraw seniorów", "Grupa do spraw sportu"),
        ),
    ],
)
def test_a_kept_list_shows_a_new_entry_at_once(
    client, fresh, path, factory, field, names
):
    first_name, second_name = names
    with TestCase.captureOnCommitCallbacks(execute=True):
        factory(**{field: first_name})
    first, _ = _get(client, path)
    _, queries = _get(client, path)
    with TestCase.captureOnCommitCallbacks(execute=True):
        factory(**{field: second_name})
    second, _ = _get(client, path)
    assert first_name in first
    assert queries == 0
    assert second_name in second


def test_a_renamed_organisation_shows_its_new_name_at_once(client, fresh):
    with TestCase.captureOnCommitCallbacks(execute=True):
        organisation = OrganisationFactory(name="Stowarzyszenie Stara Nazwa")
    path = organisation.get_absolute_url()
    first, _ = _get(client, path)
    _, queries = _get(client, path)
    with TestCase.captureOnCommitCallbacks(execute=True):
        organisation.name = "Stowarzyszenie Nowa Nazwa"
        organisation.save()
    second, _ = _get(client, path)
    assert "Stowarzyszenie Stara Nazwa" in first
    assert queries == 0
    assert "Stowarzyszenie Nowa Nazwa" in second
    assert "Stowarzyszenie Stara Nazwa" not in second


def test_a_kept_programme_is_still_the_office_s_own_while_drafted(client, fresh, clerk):
    with TestCase.captureOnCommitCallbacks(execute=True):
        programme = create_programme(2031)
    path = f"/program-wspolpracy/{programme.year}/"
    client.force_login(clerk)
    as_clerk, _ = _get(client, path)
    listed, _ = _get(client, "/program-wspolpracy/")
    client.logout()
    assert client.get(path).status_code == 404
    public_list, _ = _get(client, "/program-wspolpracy/")
    with TestCase.captureOnCommitCallbacks(execute=True):
        programme.status = Programme.Status.IN_CONSULTATION
        programme.save()
    public, _ = _get(client, path)
    _, queries = _get(client, path)
    assert "2031" in as_clerk
    assert path in listed
    assert path not in public_list
    assert "2031" in public
    assert queries == 0


@pytest.mark.parametrize("kind", ["competition", "event"])
def test_a_detail_page_read_again_reads_the_cache_once(client, fresh, kind):
    """The record as visitors see it and the page's fragments, in one round trip."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        if kind == "competition":
            record = CompetitionFactory(announced=True)
        else:
            record = EventFactory()
    path = record.get_absolute_url()
    _get(client, path)
    _get(client, path)
    with redis_commands() as commands:
        _html, queries = _get(client, path)
    assert queries == 0
    assert len(commands) == 1, commands
