"""The portal-wide permission rules every app's ``permissions.py`` builds on."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from .exceptions import PermissionDeniedError


def is_clerk(user: Any) -> bool:
    """A signed-in member of the office's staff (the ``clerks`` group or a superuser)."""
    return bool(user is not None and user.is_authenticated and user.is_clerk)


def require_clerk(actor: Any) -> None:
    """Refuse a service call by anyone but a clerk."""
    if not is_clerk(actor):
        raise PermissionDeniedError(_("Only clerks may do this."), code="permission")
