import pytest
from django.test import override_settings

from cooperation.site import views as site_views


@pytest.fixture
def no_sections(monkeypatch):
    """The home page as it is before any app has something open."""
    monkeypatch.setattr(site_views, "HOME_SECTIONS", ())


@pytest.mark.django_db
def test_home_is_polish_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="pl">' in response.content


@pytest.mark.django_db
def test_home_shows_friendly_empty_state(client, no_sections):
    response = client.get("/")
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Obecnie nic nie jest otwarte" in html or "Nothing is open" in html
    assert "/konto/signup/" in html


@pytest.mark.django_db
def test_home_lays_out_its_sections(client, settings, monkeypatch):
    engine = {**settings.TEMPLATES[0], "APP_DIRS": False}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "loaders": [
            (
                "django.template.loaders.locmem.Loader",
                {"_section.html": "<section><h2>{{ section.title }}</h2></section>"},
            ),
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    }
    settings.TEMPLATES = [engine]
    monkeypatch.setattr(
        site_views,
        "HOME_SECTIONS",
        (
            lambda request: {"template": "_section.html", "title": "Otwarte"},
            lambda request: None,
        ),
    )
    html = client.get("/").content.decode()
    assert "<h2>Otwarte</h2>" in html
    assert "nothing-open" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/deklaracja-dostepnosci/", "/ochrona-danych/", "/konto/login/"]
)
def test_every_page_has_landmarks_and_a_language_switch(client, url):
    html = client.get(url).content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert 'action="/i18n/setlang/"' in html
    assert 'name="language" value="en"' in html
    assert 'href="/deklaracja-dostepnosci/"' in html
    assert 'href="/ochrona-danych/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/deklaracja-dostepnosci/", "/ochrona-danych/"])
def test_footer_pages_render(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.count(b"<h1") == 1
    assert b'aria-label="' in response.content
    assert b"breadcrumb" in response.content


@pytest.mark.django_db
@override_settings(
    ACCESSIBILITY_CONTACT_EMAIL="a11y@gmina.example",
    ACCESSIBILITY_CONTACT_NAME="Anna Nowak",
)
def test_accessibility_statement_names_dates_status_and_contact(client):
    html = client.get("/deklaracja-dostepnosci/").content.decode()
    assert 'datetime="2026-11-01"' in html
    assert "a11y@gmina.example" in html
    assert "Anna Nowak" in html
    assert "WCAG" in html


@pytest.mark.django_db
@override_settings(
    DPO_EMAIL="iod@gmina.example", MUNICIPALITY_OFFICE="Urząd Gminy Testowo"
)
def test_privacy_page_names_controller_and_dpo(client):
    html = client.get("/ochrona-danych/").content.decode()
    assert "iod@gmina.example" in html
    assert "Urząd Gminy Testowo" in html


@pytest.mark.django_db
def test_language_switch_sets_english_and_returns_to_page(client):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/ochrona-danych/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/ochrona-danych/"
    html = client.get("/ochrona-danych/").content.decode()
    assert '<html lang="en">' in html
    assert "Privacy and personal data" in html
    assert 'name="language" value="pl"' in html


@pytest.mark.django_db
def test_healthz_reports_each_service_and_is_never_cached(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    for _ in range(2):
        response = client.get("/healthz/")
        assert response.status_code == 200
        assert "X-Public-Cache" not in response
        assert "no-store" in response["Cache-Control"]
    # Tests run tasks in-process unless they ask for a broker.
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "in-process",
    }


@pytest.mark.django_db
def test_healthz_reports_a_cache_and_broker_outage_without_failing(
    client, tasks_on_a_worker
):
    import socket

    from django.test import override_settings

    from cooperation.celery import app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        gone = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
    caches = {
        "default": {
            "BACKEND": "cooperation.core.cache_backend.TolerantRedisCache",
            "LOCATION": gone,
        }
    }
    saved = app.conf.broker_url
    app.conf.broker_url = gone
    try:
        with override_settings(CACHES=caches):
            response = client.get("/healthz/")
    finally:
        app.conf.broker_url = saved

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "down",
        "broker": "down",
    }


def _database_down(execute, sql, params, many, context):
    from django.db import OperationalError

    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.django_db
def test_readyz_and_healthz_answer_503_when_the_database_is_down(client):
    from django.db import connection

    assert client.get("/readyz/").json() == {"database": "ok"}
    with connection.execute_wrapper(_database_down):
        ready = client.get("/readyz/")
        health = client.get("/healthz/")

    assert ready.status_code == 503
    assert ready.json() == {"database": "down"}
    assert "no-store" in ready["Cache-Control"]
    assert health.status_code == 503
    assert health.json()["database"] == "down"
    assert health.json()["status"] == "down"


@pytest.mark.django_db
def test_home_query_count_is_constant(
    client, django_assert_max_num_queries, no_sections
):
    # Without sections the home page reads nothing but the session (none here).
    with django_assert_max_num_queries(0):
        client.get("/")
