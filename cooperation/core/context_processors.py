from functools import cache

from django.conf import settings

from .notifications import unread_count
from .permissions import needs_second_factor


def portal(request):
    """Facts about the municipality that every page shows (header, footer), whether
    the visitor is a clerk still to set up two-factor authentication, and how many of
    their messages are unread."""
    user = getattr(request, "user", None)

    @cache
    def unread() -> int:
        return unread_count(user)

    return {
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        "MUNICIPALITY_OFFICE": settings.MUNICIPALITY_OFFICE,
        "MUNICIPALITY_EXECUTIVE": settings.MUNICIPALITY_EXECUTIVE,
        "MUNICIPALITY_BIP_URL": settings.MUNICIPALITY_BIP_URL,
        # Called by a template only where it asks (the 403 page).
        "needs_second_factor": lambda: needs_second_factor(user),
        # The header's count of unread messages, read when the header is shown.
        "inbox_unread": unread,
    }
