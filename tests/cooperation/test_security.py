import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.cooperation.factories import UserFactory, with_totp

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "portal.radlin.example",
    "SITE_URL": "https://portal.radlin.example",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args, **extra_env):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        **PRODUCTION_ENV,
        **extra_env,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_responses_carry_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    # HSTS is only sent over HTTPS (Django's SecurityMiddleware).
    assert "Strict-Transport-Security" not in response


@pytest.mark.django_db
def test_hsts_on_secure_requests(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert (
        response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    )


@pytest.mark.django_db
def test_proxy_https_header_is_trusted(client, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert "max-age=3600" in response["Strict-Transport-Security"]


def test_trusted_proxy_count_sets_how_log_in_limits_find_the_client():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)",
        TRUSTED_PROXY_COUNT="2",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "2"


def test_production_settings_values():
    from django.conf import settings

    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SECURE_CONTENT_TYPE_NOSNIFF
    assert settings.X_FRAME_OPTIONS == "DENY"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>")


def _assert_no_inline_code(html: str, url: str) -> None:
    assert 'style="' not in html, f"inline style on {url}"
    assert not INLINE_SCRIPT.search(html), f"inline script on {url}"
    assert " on" + "click=" not in html, f"inline handler on {url}"


@pytest.fixture
def superuser(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    with_totp(user)
    return user


@pytest.mark.django_db
def test_public_pages_need_no_inline_code(client, resident):
    for url in [
        "/",
        "/konto/login/",
        "/konto/signup/",
        "/deklaracja-dostepnosci/",
        "/ochrona-danych/",
    ]:
        _assert_no_inline_code(client.get(url).content.decode(), url)
    client.force_login(resident)
    for url in ["/konto/", "/konto/usun/", "/konto/email/", "/konto/2fa/"]:
        _assert_no_inline_code(client.get(url).content.decode(), url)


@pytest.mark.django_db
def test_admin_works_under_the_content_security_policy(client, superuser):
    """Admin pages must not depend on inline styles or scripts, which the CSP blocks."""
    client.force_login(superuser)
    urls = ["/admin/", reverse("admin:cooperation_user_change", args=[superuser.pk])]
    urls += [
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
        for m in admin.site._registry
    ]
    urls += [
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_add")
        for m, model_admin in admin.site._registry.items()
        if m._meta.app_label in {"cooperation", "django_celery_beat"}
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 403), url
        if response.status_code == 200:
            _assert_no_inline_code(response.content.decode(), url)


@pytest.mark.django_db
def test_admin_carries_the_municipality_name(client, superuser, settings):
    client.force_login(superuser)
    assert settings.MUNICIPALITY_NAME in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_static_files_are_served_in_tests(client):
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200


# --- production stack ----------------------------------------------------------------


@pytest.fixture(scope="module")
def compose():
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def _command(service) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def test_compose_runs_the_whole_stack(compose):
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "beat", "mailpit"} <= set(services)
    assert services["db"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"
    assert "mailpit" in services["mailpit"]["image"]
    assert "gunicorn cooperation.wsgi:application" in _command(services["web"])
    assert "celery -A cooperation worker" in _command(services["worker"])
    beat = _command(services["beat"])
    assert "celery -A cooperation beat" in beat
    assert "django_celery_beat.schedulers:DatabaseScheduler" in beat
    assert "migrate" in _command(services["migrate"])


def test_compose_app_services_share_env_and_wait_for_services(compose):
    for name in ("web", "worker", "beat", "migrate"):
        service = compose["services"][name]
        assert service["env_file"] == ".env"
        assert service["build"] == "."
        env = service["environment"]
        assert "@db:5432/" in env["DATABASE_URL"]
        assert "redis://redis:6379" in env["REDIS_URL"]
        assert "mailpit:1025" in env["EMAIL_URL"]
        assert "redis" in service["depends_on"]
    for name in ("web", "worker", "beat"):
        depends = compose["services"][name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"


def test_dockerfile_has_weasyprint_libraries_and_runs_unprivileged():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert dockerfile.startswith("# ") and "FROM python:3.11-slim" in dockerfile
    for package in (
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "libharfbuzz-subset0",
        "fonts-dejavu-core",
    ):
        assert package in dockerfile
    assert "collectstatic" in dockerfile
    assert "compilemessages" in dockerfile
    assert "\nUSER portal\n" in dockerfile


def test_env_example_lists_every_setting_read_from_the_environment():
    settings_py = (BASE_DIR / "cooperation" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_py))
    listed = set(
        re.findall(r"^#?\s*([A-Z_]+)=", (BASE_DIR / ".env.example").read_text(), re.M)
    )
    assert read, "no settings found"
    assert not read - listed, f"missing from .env.example: {sorted(read - listed)}"
    readme = (BASE_DIR / "README.md").read_text()
    assert not {v for v in read if f"`{v}`" not in readme}, "README lacks a setting"


# Personal documents, exports and drafts are kept by no cache.


@pytest.mark.django_db
def test_personal_documents_drafts_and_account_pages_are_not_stored(client, roles):
    from tests.consultations.factories import ConsultationFactory
    from tests.grants.worlds import grants_world
    from tests.workshops.factories import EventFactory

    g = grants_world(roles)
    consultation = ConsultationFactory(published=True, with_text=True)
    draft_consultation = ConsultationFactory(with_text=True)
    event = EventFactory(held=True)
    draft_event = EventFactory(draft=True)
    requests = [
        (roles.member_a, "get", reverse("grants:offer-pdf", args=[g.submitted_a.pk])),
        (roles.member_a, "get", reverse("grants:offer-detail", args=[g.draft_a.pk])),
        (roles.member_a, "get", reverse("grants:offer-step", args=[g.draft_a.pk, 1])),
        (roles.member_a, "get", reverse("grants:offer-list")),
        (
            roles.committee,
            "get",
            reverse("grants:competition-protocol-pdf", args=[g.review_c.pk]),
        ),
        (roles.committee, "get", reverse("grants:committee", args=[g.review_c.pk])),
        (
            roles.clerk,
            "get",
            reverse("grants:offer-formal-check", args=[g.submitted_a.pk]),
        ),
        (
            roles.clerk,
            "get",
            reverse("consultations:comments-csv", args=[consultation.pk]),
        ),
        (roles.clerk, "get", draft_consultation.get_absolute_url()),
        (roles.clerk, "get", draft_event.get_absolute_url()),
        (
            roles.clerk,
            "get",
            reverse("workshops:attendance-list-pdf", args=[event.pk]),
        ),
        (
            roles.member_a,
            "get",
            reverse("ngos:organisation-panel", args=[roles.org_a.slug]),
        ),
        (roles.resident, "get", reverse("account-overview")),
        (roles.resident, "get", reverse("account-delete")),
        (roles.resident, "post", reverse("account-export")),
        (roles.resident, "get", reverse("workshops:my-registrations")),
    ]
    failures = []
    for user, method, url in requests:
        client.force_login(user)
        response = getattr(client, method)(url)
        if response.status_code != 200 or response.get("Cache-Control") != (
            "private, no-store"
        ):
            failures.append(
                f"{url}: {response.status_code} {response.get('Cache-Control')}"
            )
    assert not failures


@pytest.mark.django_db
def test_public_pages_stay_cacheable(client, resident):
    from tests.consultations.factories import ConsultationFactory

    consultation = ConsultationFactory(published=True, with_text=True)
    client.force_login(resident)
    response = client.get(consultation.get_absolute_url())
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db(transaction=True)
def test_compose_web_healthcheck_asks_the_readiness_endpoint(compose, live_server):
    """The web container's healthcheck, run against a live portal, passes."""
    from urllib.parse import urlsplit

    check = compose["services"]["web"]["healthcheck"]["test"]
    assert check[:3] == ["CMD", "python", "-c"]
    script = check[3]
    assert "/readyz/" in script
    script = script.replace("http://127.0.0.1:8000", live_server.url)
    host = urlsplit(live_server.url).hostname
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"ALLOWED_HOSTS": f"{host},portal.radlin.example"},
        capture_output=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr.decode()
