from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from consultations import site as consultations_site
from cooperation.core import health
from cooperation.nonfinancial import site as nonfinancial_site
from grants import initiative_site
from grants import site as grants_site
from ngos import site as ngos_site
from workshops import site as workshops_site

# The home page's sections, in this order: ``section(request) -> dict | None``, the
# dict holding ``template`` and its context, ``None`` hiding the section.
HOME_SECTIONS = (
    grants_site.home_section,
    grants_site.small_grant_home_section,
    initiative_site.home_section,
    consultations_site.home_section,
    workshops_site.home_section,
    nonfinancial_site.home_section,
    ngos_site.home_section,
)


@require_GET
def home(request):
    """What is open now: a section of each app, in ``HOME_SECTIONS`` order."""
    # Read only when the template's fragment is rendered, not when it comes from the
    # cache.
    sections = SimpleLazyObject(
        lambda: [s for s in (section(request) for section in HOME_SECTIONS) if s]
    )
    return render(request, "cooperation/home.html", {"sections": sections})


@require_GET
def accessibility_statement(request):
    return render(
        request,
        "cooperation/accessibility.html",
        {
            "published_on": settings.ACCESSIBILITY_PUBLISHED_ON,
            "updated_on": settings.ACCESSIBILITY_UPDATED_ON,
            "contact_name": settings.ACCESSIBILITY_CONTACT_NAME,
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "contact_phone": settings.ACCESSIBILITY_CONTACT_PHONE,
            "municipality_address": settings.MUNICIPALITY_ADDRESS,
            "site_url": settings.SITE_URL,
        },
    )


@require_GET
def privacy(request):
    return render(
        request,
        "cooperation/privacy.html",
        {
            "office": settings.MUNICIPALITY_OFFICE,
            "address": settings.MUNICIPALITY_ADDRESS,
            "office_email": settings.MUNICIPALITY_EMAIL,
            "dpo_name": settings.DPO_NAME,
            "dpo_email": settings.DPO_EMAIL,
            "dpo_phone": settings.DPO_PHONE,
        },
    )


@never_cache
@require_GET
def healthz(request):
    """The state of each service as JSON: 200 while the database works, else 503.

    A cache or broker outage is reported (``"cache": "down"``) without failing the
    check: the portal works without them.
    """
    report = {
        "database": health.database(),
        "cache": health.cache(),
        "broker": health.broker(),
    }
    up = report["database"] == health.OK
    report["status"] = (
        "down" if not up else "ok" if set(report.values()) <= _WORKING else "degraded"
    )
    return JsonResponse(report, status=200 if up else 503)


_WORKING = {health.OK, health.IN_PROCESS}


@never_cache
@require_GET
def readyz(request):
    """Whether this process can serve requests: 200 with the database, else 503."""
    state = health.database()
    return JsonResponse({"database": state}, status=200 if state == health.OK else 503)


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to the static one."""
    return redirect(static("favicon.ico"), permanent=True)
