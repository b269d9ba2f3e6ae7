import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def redis_commands() -> Iterator[list[str]]:
    """The names of the commands sent to Redis inside the block: its round trips."""
    import redis.client

    commands: list[str] = []
    original = redis.client.Redis.execute_command

    def counted(self, *args, **kwargs):
        commands.append(str(args[0]))
        return original(self, *args, **kwargs)

    redis.client.Redis.execute_command = counted
    try:
        yield commands
    finally:
        redis.client.Redis.execute_command = original


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


def assert_pdf_ua(source) -> None:
    """Check the tagged structure of a PDF with pikepdf and pypdf (not WeasyPrint).

    - marked as tagged, with a language and PDF/UA-1 identification in its metadata;
    - every text drawn on a page is inside marked content, and every tagged span is
      reached from the structure tree; what the tree does not reach is an artifact;
    - the running header and footer ("Strona N z M", the municipality, the title)
      are pagination artifacts, never content;
    - every table header cell (TH) carries a /Scope.
    """
    import io
    import re
    from pathlib import Path

    import pikepdf
    from django.conf import settings
    from pypdf import PdfReader

    data = Path(source).read_bytes() if not isinstance(source, bytes) else source
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        assert bool(root.MarkInfo.Marked)
        assert str(root.Lang)
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
        reachable = set()
        headers = []

        def walk(node, page, ancestors):
            if isinstance(node, int):
                reachable.add((page.objgen, int(node)))
                return
            if not isinstance(node, pikepdf.Dictionary):
                return
            if "/MCID" in node:
                reachable.add((node.get("/Pg", page).objgen, int(node.MCID)))
                return
            page = node.get("/Pg", page)
            tag = str(node.get("/S", ""))
            if tag == "/TH":
                attributes = node.get("/A")
                headers.append(
                    str(attributes.get("/Scope"))
                    if isinstance(attributes, pikepdf.Dictionary)
                    else None
                )
            children = node.get("/K")
            for child in (
                children if isinstance(children, pikepdf.Array) else [children]
            ):
                if child is not None:
                    walk(child, page, (*ancestors, tag))

        walk(root.StructTreeRoot, None, ())
        assert all(scope in ("/Column", "/Row", "/Both") for scope in headers), headers
        for page in pdf.pages:
            depth = 0
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name in ("BDC", "BMC"):
                    depth += 1
                    if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                        if "/MCID" in operands[1]:
                            assert (page.obj.objgen, int(operands[1].MCID)) in reachable
                elif name == "EMC":
                    depth -= 1
                elif name in ("Tj", "TJ", "'", '"'):
                    assert depth > 0, "text outside marked content"
    reader = PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages, start=1):
        texts = _texts_by_marking(page)
        artifacts = " ".join(t for tag, t in texts if tag == "/Artifact")
        content = " ".join(t for tag, t in texts if tag != "/Artifact")
        counter = re.compile(
            rf"(Strona {number} z|Page {number} of) {len(reader.pages)}"
        )
        assert counter.search(artifacts), artifacts
        assert settings.MUNICIPALITY_NAME in artifacts, artifacts
        assert not re.search(r"(Strona|Page) \d+ (z|of) \d+", content), content[:300]


def _texts_by_marking(page) -> list[tuple[str, str]]:
    """(the innermost marked-content tag, the text) for each text on ``page``."""
    stack: list[str] = []
    texts: list[tuple[str, str]] = []

    def before(op, args, cm, tm):
        if op in (b"BDC", b"BMC"):
            stack.append(str(args[0]))
        elif op == b"EMC" and stack:
            stack.pop()

    def text(value, cm, tm, font, size):
        if value.strip():
            texts.append(((stack[-1] if stack else ""), value))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts
