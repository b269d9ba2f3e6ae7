"""Every ngos URL × every role (tests/permissions.py)."""

import pytest
from django.urls import reverse

from ngos.models import Membership
from tests.ngos.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnerSearchFactory,
)
from tests.permissions import assert_matrix

pytestmark = pytest.mark.django_db

ALL_200 = dict.fromkeys(
    ["anonymous", "resident", "member_a", "editor_a", "member_b", "committee", "clerk"],
    200,
)


def _approve(world, role="editor"):
    request = MembershipFactory(organisation=world.org_a, pending=True, role=role)
    return reverse("ngos:membership-approve", args=[world.org_a.slug, request.pk])


def _refuse(world):
    request = MembershipFactory(organisation=world.org_a, pending=True, editor=True)
    return reverse("ngos:membership-refuse", args=[world.org_a.slug, request.pk])


def _end_editor(world):
    membership = Membership.objects.get(user=world.editor_a)
    return reverse("ngos:membership-end", args=[world.org_a.slug, membership.pk])


def test_ngos_permission_matrix(client, roles):
    hidden = OrganisationFactory(unverified=True, slug="niezweryfikowana")
    search_a = PartnerSearchFactory(organisation=roles.org_a)
    expired = PartnerSearchFactory(organisation=roles.org_b, expired=True)
    matrix = [
        ("/organizacje/", ALL_200),
        ("/organizacje/?q=stowarzyszenie&sort=-name", ALL_200),
        ("/organizacje/partnerzy/", ALL_200),
        (search_a.get_absolute_url(), ALL_200),
        (
            expired.get_absolute_url(),
            {
                "anonymous": 404,
                "resident": 404,
                "member_a": 404,
                "member_b": 200,
                "clerk": 200,
            },
        ),
        (lambda w: w.org_a.get_absolute_url(), ALL_200),
        # An unverified organisation is invisible to the public.
        (
            hidden.get_absolute_url(),
            {
                "anonymous": 404,
                "resident": 404,
                "member_a": 404,
                "editor_a": 404,
                "committee": 404,
                "clerk": 200,
            },
        ),
        (
            "/organizacje/nowa/",
            {"anonymous": 302, "resident": 200, "member_a": 200, "clerk": 200},
        ),
        (
            "/organizacje/partnerzy/nowe/",
            {
                "anonymous": 302,
                "resident": 403,
                "committee": 403,
                "member_a": 200,
                "editor_a": 200,
                "member_b": 200,
            },
        ),
        (
            lambda w: reverse("ngos:membership-request", args=[w.org_a.slug]),
            {"anonymous": 302, "resident": 200, "member_b": 200},
        ),
        (
            reverse("ngos:membership-request", args=[hidden.slug]),
            {"anonymous": 302, "resident": 404, "member_a": 404},
        ),
        # The organisation panel: its members and clerks only.
        (
            lambda w: reverse("ngos:organisation-panel", args=[w.org_a.slug]),
            {
                "anonymous": 302,
                "resident": 403,
                "committee": 403,
                "member_b": 403,
                "member_a": 200,
                "editor_a": 200,
                "clerk": 200,
            },
        ),
        (
            lambda w: reverse("ngos:organisation-edit", args=[w.org_a.slug]),
            {
                "anonymous": 302,
                "resident": 403,
                "committee": 403,
                "member_b": 403,
                "member_a": 200,
                "editor_a": 200,
                "clerk": 200,
            },
        ),
        # An editor of A cannot edit B.
        (
            lambda w: reverse("ngos:organisation-edit", args=[w.org_b.slug]),
            {"editor_a": 403, "member_a": 403, "member_b": 200},
        ),
        (
            lambda w: reverse("ngos:organisation-panel", args=[w.org_b.slug]),
            {"editor_a": 403, "member_a": 403, "member_b": 200},
        ),
        # Approving members: an editor cannot; the representative of B cannot; A's representative can.
        (
            _approve,
            {
                "anonymous": 302,
                "resident": 403,
                "committee": 403,
                "editor_a": 403,
                "member_b": 403,
                "member_a": 302,
            },
            "post",
        ),
        (_approve, {"clerk": 302}, "post"),
        # Representatives are approved by clerks, not by other representatives.
        (
            lambda w: _approve(w, role="representative"),
            {"member_a": 403, "editor_a": 403, "clerk": 302},
            "post",
        ),
        (
            _refuse,
            {
                "anonymous": 302,
                "resident": 403,
                "editor_a": 403,
                "member_b": 403,
                "member_a": 200,
            },
            "post",
        ),
        (
            _end_editor,
            {"anonymous": 302, "resident": 403, "member_b": 403, "committee": 403},
            "post",
        ),
        (
            lambda w: reverse("ngos:organisation-edit", args=[w.org_a.slug]),
            {"anonymous": 302, "resident": 403, "member_b": 403},
            "post",
        ),
        (
            lambda w: reverse("ngos:membership-approve", args=[w.org_a.slug, 1]),
            {"member_a": 405},
        ),
    ]
    assert_matrix(client, roles, matrix)


def test_admin_is_for_clerks_only(client, roles):
    """The clerk of ``roles`` has two-factor authentication; the admin opens for them."""
    rows = [
        (
            "/admin/ngos/organisation/",
            {"anonymous": 302, "resident": 302, "member_a": 302, "clerk": 200},
        ),
        (
            "/admin/ngos/organisation/export/csv/",
            {"anonymous": 302, "member_a": 302, "clerk": 200},
        ),
        ("/admin/ngos/membership/", {"anonymous": 302, "editor_a": 302, "clerk": 200}),
    ]
    assert_matrix(client, roles, rows)
