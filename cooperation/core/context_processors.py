from django.conf import settings


def portal(request):
    """Facts about the municipality that every page shows (header, footer)."""
    return {
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        "MUNICIPALITY_OFFICE": settings.MUNICIPALITY_OFFICE,
        "MUNICIPALITY_BIP_URL": settings.MUNICIPALITY_BIP_URL,
    }
