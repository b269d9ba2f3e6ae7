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
def test_healthz(client):
    response = client.get("/healthz/")
    assert response.content == b"ok"


@pytest.mark.django_db
def test_home_query_count_is_constant(
    client, django_assert_max_num_queries, no_sections
):
    # Without sections the home page reads nothing but the session (none here).
    with django_assert_max_num_queries(0):
        client.get("/")
