"""A permission matrix: URL × role → expected status code.

Every app lists its URLs with the status each role must get, e.g.::

    MATRIX = [
        ("/organizacje/", {"anonymous": 200, "resident": 200, "clerk": 200}),
        (lambda w: w.org_a.get_absolute_url() + "edytuj/",
         {"anonymous": 302, "member_b": 403, "member_a": 200}),
    ]

    def test_ngos_permission_matrix(world, client):
        assert_matrix(client, world, MATRIX)

Roles not named in a row are not checked for it. ``world`` is the ``roles`` fixture:
anonymous, resident, member_a (representative of org A), editor_a, member_b
(representative of org B), committee (committee member), clerk (with two-factor
authentication) and clerk_no_2fa (a clerk who has not set it up).

Every row in which the clerk gets a page or a redirect that the resident (a person
with no role) does not get is also requested as clerk_no_2fa, before the other roles: that clerk must be refused like
that person, or sent to set up two-factor authentication, never given the clerk's
answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

ROLES = (
    "anonymous",
    "resident",
    "member_a",
    "editor_a",
    "member_b",
    "committee",
    "clerk",
    "clerk_no_2fa",
)


Row = (
    tuple[str | Callable[[Any], str], Mapping[str, int]]
    | tuple[str | Callable[[Any], str], Mapping[str, int], str]
)


def clerk_only(expected: Mapping[str, int]) -> int | None:
    """The resident's status in a row where the clerk gets more than the resident."""
    clerk, resident = expected.get("clerk"), expected.get("resident")
    if clerk in (200, 302) and resident is not None and resident != clerk:
        return resident
    return None


def assert_matrix(client, world, rows: Iterable[Row]) -> None:
    """Request each URL as each role; collect every mismatch, then fail once."""
    from django.urls import reverse

    setup_2fa = reverse("mfa_activate_totp")
    failures = []
    for row in rows:
        target, expected = row[0], row[1]
        method = row[2] if len(row) > 2 else "get"
        url = target(world) if callable(target) else target
        refused = clerk_only(expected)
        if refused is not None and "clerk_no_2fa" not in expected:
            expected = {"clerk_no_2fa": refused, **expected}
        for role, status in expected.items():
            assert role in ROLES, f"unknown role {role}"
            client.logout()
            user = getattr(world, role)
            if user is not None:
                client.force_login(user)
            response = getattr(client, method)(url)
            if role == "clerk_no_2fa" and response.status_code == 302:
                if response["Location"] == setup_2fa:
                    continue
            if response.status_code != status:
                failures.append(
                    f"{method.upper()} {url} as {role}: {response.status_code}, expected {status}"
                )
    client.logout()
    assert not failures, "Permission matrix mismatches:\n" + "\n".join(failures)
