import os
import shutil
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection

from tests.cooperation.factories import UserFactory
from tests.ngos.factories import MembershipFactory, OrganisationFactory, SphereFactory


def require_service(name: str, available: bool) -> None:
    """Skip a test that needs a missing service, or fail in CI (PORTAL_REQUIRE_SERVICES)."""
    if available:
        return
    message = f"{name} is not available for this test run"
    if settings.PORTAL_REQUIRE_SERVICES:
        pytest.fail(message + " (PORTAL_REQUIRE_SERVICES is on)")
    pytest.skip(message)


@pytest.fixture
def postgres():
    require_service("PostgreSQL", connection.vendor == "postgresql")


@pytest.fixture(scope="session")
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    ok = False
    if url:
        import redis

        try:
            ok = bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
        except redis.RedisError:
            ok = False
    require_service("Redis", ok)
    return url


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no fragment rendered by another test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in English leaves its
    language active in the thread after the response."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _broker_tried_again():
    """Each test starts with no broker outage remembered by ``enqueue``."""
    from cooperation.core import background

    background._broker_down_until = 0.0
    yield
    background._broker_down_until = 0.0


@pytest.fixture
def tasks_on_a_worker():
    """Tasks go to a broker for a worker, as with ``REDIS_URL`` (tests run them
    in-process otherwise). A test using this must not run the on-commit callbacks
    that publish, or they reach the broker for real."""
    from cooperation.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = saved


# Factories as fixtures: a test asks for what it needs by name.


@pytest.fixture
def user_factory():
    return UserFactory


@pytest.fixture
def organisation_factory():
    return OrganisationFactory


@pytest.fixture
def membership_factory():
    return MembershipFactory


@pytest.fixture
def sphere_factory():
    return SphereFactory


@pytest.fixture
def organisation(db):
    """A verified organisation with valid KRS, NIP and REGON numbers."""
    return OrganisationFactory()


@pytest.fixture
def resident(db):
    return UserFactory(email="mieszkaniec@example.org")


@pytest.fixture
def clerk(db):
    """A clerk with an authenticator app, as every clerk must have."""
    return UserFactory(email="urzednik@example.org", clerk=True)


@pytest.fixture
def clerk_without_totp(db):
    """A clerk who has not set up two-factor authentication yet."""
    return UserFactory(
        email="urzednik-bez-2fa@example.org", clerk=True, second_factor=False
    )


@pytest.fixture
def roles(db):
    """The people of the permission matrix (see tests/permissions.py)."""
    org_a = OrganisationFactory(name="Stowarzyszenie A", slug="stowarzyszenie-a")
    org_b = OrganisationFactory(name="Fundacja B", slug="fundacja-b")
    member_a = MembershipFactory(organisation=org_a, user__email="a@example.org").user
    editor_a = MembershipFactory(
        organisation=org_a, editor=True, user__email="editor-a@example.org"
    ).user
    member_b = MembershipFactory(organisation=org_b, user__email="b@example.org").user
    return SimpleNamespace(
        anonymous=None,
        resident=UserFactory(email="resident@example.org"),
        member_a=member_a,
        editor_a=editor_a,
        member_b=member_b,
        committee=UserFactory(email="committee@example.org", committee=True),
        clerk=UserFactory(email="clerk@example.org", clerk=True),
        clerk_no_2fa=UserFactory(
            email="clerk-no-2fa@example.org", clerk=True, second_factor=False
        ),
        org_a=org_a,
        org_b=org_b,
    )


# Browser tests: Debian's Chromium, never a downloaded browser.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require_service("Chromium", os.path.exists(CHROMIUM))
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


def pdf_text(path) -> str:
    """The text of a PDF, page by page in reading layout (pypdf, independent of WeasyPrint)."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return "\n".join(
        page.extract_text(extraction_mode="layout") for page in reader.pages
    )


def without_cache_bumps(callbacks):
    """On-commit callbacks other than the page cache's generation bumps."""
    return [
        c for c in callbacks if getattr(c, "__module__", "") != "cooperation.core.cache"
    ]
