from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def council(request):
    """``/wspolpraca/rada/``: members, term, meetings, resolutions and opinions."""
    return render(request, "council/council.html", {"page": selectors.council_page()})
