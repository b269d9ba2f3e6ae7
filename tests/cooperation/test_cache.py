"""The cache of rendered public pages for anonymous visitors (cooperation/core/cache.py)."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cooperation.core import cache as public
from tests.cooperation.factories import UserFactory
from tests.ngos.factories import OrganisationFactory

PUBLIC_PAGES = [
    "/",
    "/deklaracja-dostepnosci/",
    "/ochrona-danych/",
    "/organizacje/",
    "/organizacje/?q=stowarzyszenie",
    "/organizacje/partnerzy/",
    "/konkursy/",
    "/konsultacje/",
    "/warsztaty/",
    "/warsztaty/kalendarz/",
    "/program-wspolpracy/",
]


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _queries(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_second_request_is_served_from_the_cache_without_queries(client, url):
    first, rendered = _queries(client, url)
    second, cached = _queries(client, url)
    assert first["X-Public-Cache"] == "stored"
    assert second["X-Public-Cache"] == "hit"
    assert cached == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The middleware still runs for a cached page.
    assert "Content-Security-Policy" in second
    assert b"csrfmiddlewaretoken" not in second.content


@pytest.mark.django_db
def test_query_string_is_part_of_the_key(client):
    _queries(client, "/organizacje/")
    _, other = _queries(client, "/organizacje/?q=fundacja")
    assert other > 0


@pytest.mark.django_db
def test_a_change_bumps_the_generation_of_its_area_only():
    before = public.generations(["ngos", "people", "grants"])
    user = UserFactory()
    after_user = public.generations(["ngos", "people", "grants"])
    organisation = OrganisationFactory()
    after_organisation = public.generations(["ngos", "people", "grants"])
    organisation.spheres.clear()
    after_m2m = public.generation("ngos")
    user.delete()
    after_delete = public.generation("people")
    assert before["people"] < after_user["people"] < after_delete
    assert before["ngos"] == after_user["ngos"] < after_organisation["ngos"] < after_m2m
    assert before["grants"] == after_organisation["grants"]


@pytest.mark.django_db
def test_log_ins_notifications_audit_and_documents_bump_nothing(client):
    from cooperation.core.models import GeneratedDocument, Notification, StatusChange

    user = UserFactory(password="hasło-do-testu-123")
    areas = public.all_areas()
    before = public.generations(areas)
    client.post(
        "/konto/login/", {"login": user.email, "password": "hasło-do-testu-123"}
    )
    user.refresh_from_db()
    assert user.last_login is not None
    Notification.objects.create(
        recipient=user, kind="cooperation.message", occasion="t"
    )
    organisation = OrganisationFactory.build()
    assert public.areas_of(StatusChange, None, None) == ()
    assert public.areas_of(GeneratedDocument, None, None) == ()
    assert public.areas_of(type(organisation), organisation, None) == ("ngos",)
    assert public.generations(areas) == before


@pytest.mark.django_db
def test_a_draft_offer_saved_bumps_nothing_and_its_submission_bumps_grants():
    from tests.grants.factories import OfferFactory

    offer = OfferFactory()
    assert offer.status == "draft"
    before = public.generation("grants")
    offer.title = "Nowy tytuł"
    offer.save()
    assert public.generation("grants") == before
    # A transition saves the status among its fields.
    assert public.areas_of(type(offer), offer, ["status", "submitted_at"]) == (
        "grants",
    )
    offer.status = "withdrawn"
    assert public.areas_of(type(offer), offer, ["title"]) == ("grants",)


@pytest.mark.django_db
def test_a_page_stays_cached_when_another_area_changes(client):
    _queries(client, "/konkursy/")
    from tests.consultations.factories import ConsultationFactory

    ConsultationFactory()
    response, cached = _queries(client, "/konkursy/")
    assert response["X-Public-Cache"] == "hit" and cached == 0
    OrganisationFactory()  # organisation names are shown with the results
    response, _ = _queries(client, "/konkursy/")
    assert response["X-Public-Cache"] == "stored"


@pytest.mark.django_db
def test_a_cache_outage_renders_pages_and_lets_saves_through(client, settings):
    unreachable = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    with override_settings(CACHES=unreachable):
        OrganisationFactory(name="Fundacja Bez Pamięci Podręcznej")
        response = client.get("/organizacje/")
    assert response.status_code == 200
    assert "X-Public-Cache" not in response
    assert "Fundacja Bez Pamięci Podręcznej" in response.content.decode()


@pytest.mark.django_db
def test_next_request_after_a_save_renders_again(client):
    _queries(client, "/organizacje/")
    _, cached = _queries(client, "/organizacje/")
    assert cached == 0
    OrganisationFactory(name="Fundacja Zupełnie Nowa")
    response, rendered = _queries(client, "/organizacje/")
    assert rendered > 0
    _, cached = _queries(client, "/organizacje/")
    assert cached == 0


@pytest.mark.django_db
def test_generation_is_bumped_again_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        before = public.generation("ngos")
        OrganisationFactory()
        saved = public.generation("ngos")
    assert callbacks
    assert before < saved < public.generation("ngos")


@pytest.mark.django_db
def test_logged_in_users_always_get_a_fresh_page(client):
    anonymous_html = client.get("/").content
    person = UserFactory(email="jan@example.org")
    client.force_login(person)
    first = client.get("/")
    assert first.content != anonymous_html
    assert "/admin/" not in first.content.decode()
    # A change of the person's own record is seen by their next request, although
    # the record is read from the cache.
    person.is_staff = True
    person.save()
    assert "/admin/" in client.get("/").content.decode()
    # ... and what they saw is not served to anonymous visitors.
    client.logout()
    assert client.get("/").content == anonymous_html


@pytest.mark.django_db
def test_language_follows_the_visitor(client):
    polish = client.get("/ochrona-danych/").content.decode()
    english_client = Client(headers={"accept-language": "en"})
    english = english_client.get("/ochrona-danych/").content.decode()
    english_again, cached = _queries(english_client, "/ochrona-danych/")
    assert '<html lang="pl">' in polish
    assert '<html lang="en">' in english
    assert cached == 0 and english_again.content.decode() == english
    assert client.get("/ochrona-danych/").content.decode() == polish
    # The language switch works without a CSRF token (it is exempt).
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/i18n/setlang/", {"language": "en", "next": "/ochrona-danych/"}
    )
    assert response.status_code == 302
    assert '<html lang="en">' in strict.get("/ochrona-danych/").content.decode()


@pytest.mark.django_db
def test_time_to_live_bounds_staleness(client, settings):
    # The clock is moved in this process: Redis would expire on its own clock.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        settings.ACCESSIBILITY_CONTACT_NAME = "Anna Nowak"
        assert "Anna Nowak" in client.get("/deklaracja-dostepnosci/").content.decode()
        # A change the signals do not see (here a setting) waits for the timeout.
        settings.ACCESSIBILITY_CONTACT_NAME = "Ewa Kowalska"
        traveller.shift(timedelta(seconds=59))
        assert "Anna Nowak" in client.get("/deklaracja-dostepnosci/").content.decode()
        traveller.shift(timedelta(seconds=2))
        html = client.get("/deklaracja-dostepnosci/").content.decode()
        assert "Ewa Kowalska" in html


@pytest.mark.django_db
def test_timeout_zero_turns_the_cache_off(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    _queries(client, "/warsztaty/grupy/")
    _, queries = _queries(client, "/warsztaty/grupy/")
    assert queries > 0


# --- The decorator's rules, on a view that counts its renders ---------------------


class _View:
    def __init__(self, make=None):
        self.calls = 0
        self.make = make or (lambda request: HttpResponse("page"))

    def __call__(self, request):
        self.calls += 1
        return self.make(request)


def _request(method="get", path="/strona/", user=None, messages=False):
    request = getattr(RequestFactory(), method)(path)
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    if messages:
        request._messages.add(20, "Zapisano.")
    return request


def _served_twice(view, **kwargs):
    wrapped = public.public_cache(view)
    wrapped(_request(**kwargs))
    wrapped(_request(**kwargs))
    return view.calls


@pytest.mark.django_db
def test_anonymous_get_is_rendered_once():
    assert _served_twice(_View()) == 1


@pytest.mark.django_db
def test_logged_in_user_is_never_cached():
    assert _served_twice(_View(), user=UserFactory()) == 2


@pytest.mark.django_db
def test_post_is_never_cached():
    assert _served_twice(_View(), method="post") == 2


@pytest.mark.django_db
def test_pending_messages_are_not_cached():
    assert _served_twice(_View(), messages=True) == 2


@pytest.mark.django_db
def test_non_200_is_not_cached():
    view = _View(lambda request: HttpResponse("nope", status=404))
    assert _served_twice(view) == 2


@pytest.mark.django_db
def test_response_setting_a_cookie_is_not_cached():
    def make(request):
        response = HttpResponse("page")
        response.set_cookie("seen", "1")
        return response

    assert _served_twice(_View(make)) == 2


@pytest.mark.django_db
def test_page_with_a_csrf_token_is_not_cached():
    view = _View(lambda request: HttpResponse(f"token {get_token(request)}"))
    assert _served_twice(view) == 2


def test_the_redis_cache_builds_no_client_per_command(monkeypatch):
    import redis
    from django.core.cache import caches

    from cooperation.core.cache_backend import TolerantRedisCache

    store = caches["default"]
    if not isinstance(store, TolerantRedisCache):
        pytest.fail("the tests run with REDIS_URL, as CI does")
    store.get("warm-up")
    built = []
    original = redis.Redis.__init__

    def counted(self, *args, **kwargs):
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counted)
    for i in range(5):
        store.set(f"k{i}", i)
        assert store.get(f"k{i}") == i
    assert store.get_many(["k1", "k2"]) == {"k1": 1, "k2": 2}
    assert built == []
