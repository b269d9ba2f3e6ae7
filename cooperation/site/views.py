from django.conf import settings
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from consultations import site as consultations_site
from grants import site as grants_site
from ngos import site as ngos_site
from workshops import site as workshops_site

# The home page's sections, in this order: ``section(request) -> dict | None``, the
# dict holding ``template`` and its context, ``None`` hiding the section.
HOME_SECTIONS = (
    grants_site.home_section,
    consultations_site.home_section,
    workshops_site.home_section,
    ngos_site.home_section,
)


@require_GET
def home(request):
    """What is open now: a section of each app, in ``HOME_SECTIONS`` order."""
    sections = [s for s in (section(request) for section in HOME_SECTIONS) if s]
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


@require_GET
def healthz(request):
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to the static one."""
    return redirect(static("favicon.ico"), permanent=True)
