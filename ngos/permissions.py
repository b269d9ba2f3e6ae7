"""Who may act for which organisation, and how.

This is the one question other apps ask: ``can_act_for(user, organisation, Capability.SIGN)``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cooperation.core.cache import person_record, record_area
from cooperation.core.permissions import has_clerk_powers
from cooperation.core.workflow import Role

from .models import Membership, Organisation


class Capability(StrEnum):
    VIEW = "view"  # see the organisation's drafts and internal data
    EDIT = "edit"  # prepare drafts (offers, comments, reports) and edit the profile
    SIGN = "sign"  # submit and sign on the organisation's behalf
    MANAGE_MEMBERS = "manage_members"  # approve or refuse editors


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Membership.Role.REPRESENTATIVE: frozenset(Capability),
    Membership.Role.EDITOR: frozenset({Capability.VIEW, Capability.EDIT}),
}


def _roles(user: Any, organisation_id: int) -> set[str]:
    """Approved roles of ``user`` in an organisation, cached on the user object."""
    cache: dict[int, set[str]] | None = getattr(user, "_ngo_roles", None)
    if cache is None:
        # Kept in the cache until a membership or an organisation changes.
        cache = user._ngo_roles = person_record(
            user.pk,
            "ngo-roles",
            lambda: _approved_roles(user),
            [str(record_area(Membership)), str(record_area(Organisation))],
        )
    return cache.get(organisation_id, set())


def _approved_roles(user: Any) -> dict[int, set[str]]:
    roles: dict[int, set[str]] = {}
    for org_id, role in Membership.objects.filter(
        user=user, status=Membership.Status.APPROVED
    ).values_list("organisation_id", "role"):
        roles.setdefault(org_id, set()).add(role)
    return roles


def can_act_for(
    user: Any, organisation: Organisation | int, capability: Capability
) -> bool:
    """May ``user`` act for ``organisation`` with ``capability``?

    Only approved memberships count; signing needs a verified organisation.
    """
    if user is None or not user.is_authenticated:
        return False
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    roles = _roles(user, org_id)
    allowed = any(capability in ROLE_CAPABILITIES[r] for r in roles)
    if (
        allowed
        and capability == Capability.SIGN
        and isinstance(organisation, Organisation)
    ):
        return organisation.is_verified
    return allowed


def logos_visible_to(user: Any) -> QuerySet[Organisation]:
    """The organisations whose logo this person may see: those whose profile they see."""
    return Organisation.objects.visible_to(user)


def organisations_for(user: Any, capability: Capability) -> QuerySet[Organisation]:
    """Organisations ``user`` may act for with ``capability``."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    roles = [r for r, caps in ROLE_CAPABILITIES.items() if capability in caps]
    qs = Organisation.objects.filter(
        memberships__user=user,
        memberships__status=Membership.Status.APPROVED,
        memberships__role__in=roles,
    )
    if capability == Capability.SIGN:
        qs = qs.filter(verified_at__isnull=False)
    return qs.distinct()


def can_decide_membership(
    user: Any, membership: Membership, *, ending: bool = False
) -> bool:
    """Clerks decide on every membership; an approved representative on editors of their
    own organisation (and, when ``ending``, on any member of it but themselves)."""
    if user is None or not user.is_authenticated:
        return False
    if has_clerk_powers(user):
        return True
    if not can_act_for(user, membership.organisation_id, Capability.MANAGE_MEMBERS):
        return False
    if ending:
        return membership.user_id != user.pk
    return membership.role == Membership.Role.EDITOR


def can_view_organisation(user: Any, organisation: Organisation) -> bool:
    """The public sees verified, listed organisations; members and clerks see their own."""
    if organisation.is_listed:
        return True
    if user is None or not user.is_authenticated:
        return False
    if has_clerk_powers(user) or can_act_for(user, organisation, Capability.VIEW):
        return True
    return Membership.objects.filter(
        user=user,
        organisation=organisation,
        status=Membership.Status.PENDING,
        founding=True,
    ).exists()


# Who takes the transitions of a membership (the roles of its transition table).
DECIDES_MEMBERSHIP = Role(
    _("a clerk, or the organisation's representative for its editors"),
    can_decide_membership,
)
ENDS_MEMBERSHIP = Role(
    _("the member, the organisation's representative or a clerk"),
    lambda user, membership: (
        user.pk == membership.user_id
        or can_decide_membership(user, membership, ending=True)
    ),
)
