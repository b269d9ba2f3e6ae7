from django.conf import settings

from .permissions import needs_second_factor


def portal(request):
    """Facts about the municipality that every page shows (header, footer), and
    whether the visitor is a clerk still to set up two-factor authentication."""
    user = getattr(request, "user", None)
    return {
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        "MUNICIPALITY_OFFICE": settings.MUNICIPALITY_OFFICE,
        "MUNICIPALITY_EXECUTIVE": settings.MUNICIPALITY_EXECUTIVE,
        "MUNICIPALITY_BIP_URL": settings.MUNICIPALITY_BIP_URL,
        # Called by a template only where it asks (the 403 page).
        "needs_second_factor": lambda: needs_second_factor(user),
    }
