"""The portal-wide permission rules every app's ``permissions.py`` builds on.

Clerk powers (deciding, checking, exporting personal data, seeing drafts) follow one
rule, :func:`has_clerk_powers`, on the public site, in the admin and in services:
a member of the ``clerks`` group (or a superuser) who, when acting through a web
request, has passed the second factor. The request's user is marked by
:func:`mark_request_user` (``StaffTwoFactorMiddleware``); a user object that did not
come from a request (a Celery task, a management command, a shell) is the portal
acting on a clerk's behalf and keeps the powers of the group.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .cache import person_record
from .exceptions import PermissionDeniedError

# Set on the request's user object: None until asked, then whether the second factor
# was passed (cached for the rest of the request).
_SECOND_FACTOR = "_portal_second_factor"
_UNKNOWN = object()


def mark_request_user(user: Any) -> None:
    """Mark the signed-in user of a request: clerk powers then need the second factor."""
    if user is not None and user.is_authenticated and not hasattr(user, _SECOND_FACTOR):
        setattr(user, _SECOND_FACTOR, _UNKNOWN)


def second_factor_passed(user: Any) -> bool:
    """Whether the person's log-in passed the TOTP step.

    django-allauth asks everyone with a TOTP authenticator for a code at every log-in
    (and a code proves the app when it is set up), so a signed-in person with one has
    passed the step. ``/admin/`` is opened by the same test.
    """
    if user is None or not user.is_authenticated:
        return False
    known = getattr(user, _SECOND_FACTOR, _UNKNOWN)
    if known is not _UNKNOWN:
        return bool(known)
    from allauth.mfa.models import Authenticator

    # Kept with the person's permissions: adding or removing an authenticator makes
    # every copy stale (``auth_backends.connect_signals``).
    passed = person_record(
        user.pk,
        "second-factor",
        lambda: Authenticator.objects.filter(
            user_id=user.pk, type=Authenticator.Type.TOTP
        ).exists(),
    )
    if hasattr(user, _SECOND_FACTOR):
        setattr(user, _SECOND_FACTOR, passed)
    return passed


def needs_second_factor(user: Any) -> bool:
    """A clerk in a request who has not passed the second factor: no clerk powers yet."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_clerk
        and hasattr(user, _SECOND_FACTOR)
        and not second_factor_passed(user)
    )


def has_clerk_powers(user: Any) -> bool:
    """A member of the office's staff (``clerks`` or a superuser) who may act as one.

    Through a web request that means with the second factor passed; see the module's
    docstring for the portal's own callers.
    """
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_clerk
        and not needs_second_factor(user)
    )


def require_clerk(actor: Any) -> None:
    """Refuse a service call by anyone without clerk powers."""
    if needs_second_factor(actor):
        raise PermissionDeniedError(
            _("Set up two-factor authentication before you act as a clerk."),
            code="permission",
        )
    if not has_clerk_powers(actor):
        raise PermissionDeniedError(_("Only clerks may do this."), code="permission")


def clerk_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """A view only for clerks with the second factor passed.

    Anonymous visitors are sent to log in, a clerk without two-factor authentication
    to set it up, everyone else gets 403.
    """

    @wraps(view)
    def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
        user = request.user
        if not user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if needs_second_factor(user):
            messages.warning(
                request,
                gettext(
                    "Clerk tasks on the portal need two-factor authentication, as the "
                    "administration does. Set it up, then open the page again."
                ),
            )
            return redirect("mfa_activate_totp")
        if not has_clerk_powers(user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
