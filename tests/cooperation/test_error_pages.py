import pytest
from django.core.exceptions import PermissionDenied
from django.template import loader
from django.test import override_settings
from django.urls import path
from django.utils import translation

from cooperation.urls import urlpatterns as portal_urlpatterns


def _forbidden(request):
    raise PermissionDenied


def _broken(request):
    raise RuntimeError("broken on purpose")


urlpatterns = [
    path("zabronione/", _forbidden),
    path("zepsute/", _broken),
    *portal_urlpatterns,
]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_permission_denied_renders_the_portal_page_in_polish(client):
    response = client.get("/zabronione/")
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="pl">' in html
    assert "Brak dostępu" in html
    assert '<main id="main"' in html and "portal-footer" in html
    assert html.count("<h1") == 1
    assert 'href="/"' in html
    assert "/konto/login/?next=/zabronione/" in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_missing_page_renders_the_portal_page_in_polish(client):
    response = client.get("/nie-ma-takiej-strony/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="pl">' in html
    assert "Nie znaleziono strony" in html
    assert '<main id="main"' in html and "portal-footer" in html
    assert "Strona główna" in html


@pytest.mark.parametrize("name", ["400.html", "429.html"])
@pytest.mark.django_db
def test_other_error_pages_use_the_layout(rf, name):
    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with translation.override("pl"):
        html = loader.render_to_string(name, request=request)
    assert '<main id="main"' in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_renders_the_portal_page(client):
    client.raise_request_exception = False
    response = client.get("/zepsute/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert "Błąd serwera" in html


def test_server_error_page_needs_no_request_or_database():
    # No django_db mark: any database access would fail this test.
    with translation.override("pl"):
        html = loader.get_template("500.html").render()
    assert '<html lang="pl">' in html
    assert "Błąd serwera" in html
    assert "css/portal.css" in html
    assert 'href="/"' in html


@pytest.mark.django_db
def test_favicon_is_linked_and_served(client):
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")
    assert response["Location"].startswith("/static/")


@pytest.mark.django_db
def test_csrf_failure_explains_what_to_do(client):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formularz wygasł" in html
    assert '<main id="main"' in html
