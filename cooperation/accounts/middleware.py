"""The second factor: the gate of ``/admin/`` and the mark clerk powers are read from."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from cooperation.core.permissions import mark_request_user, second_factor_passed


class StaffTwoFactorMiddleware:
    """Keep ``/admin/`` closed to staff who have not set up two-factor authentication.

    It also marks the signed-in user of every request, so that clerk powers on the
    public site and in the services it calls need the same second factor
    (``cooperation.core.permissions.has_clerk_powers``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            mark_request_user(user)
            if (
                request.path.startswith("/admin/")
                and user.is_staff
                and not second_factor_passed(user)
            ):
                messages.warning(
                    request,
                    _(
                        "Set up two-factor authentication before you open the administration."
                    ),
                )
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
