"""The staff two-factor gate of ``/admin/``."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class StaffTwoFactorMiddleware:
    """Keep ``/admin/`` closed to staff who have not set up two-factor authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and request.path.startswith("/admin/")
            and user.is_authenticated
            and user.is_staff
            and not _has_totp(user)
        ):
            messages.warning(
                request,
                _(
                    "Set up two-factor authentication before you open the administration."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()
