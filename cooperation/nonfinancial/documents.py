"""The lending agreement (umowa użyczenia) and the letter of recommendation as PDFs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from cooperation.core.models import GeneratedDocument

from .models import Booking, RecommendationLetter

AGREEMENT = "nonfinancial/pdf/agreement.html"
LETTER = "nonfinancial/pdf/letter.html"


def agreement_context(booking: Booking) -> dict[str, Any]:
    return {
        "booking": booking,
        "organisation": booking.organisation,
        "resource": booking.resource,
        "slots": list(booking.slots.order_by("starts_at")),
        "executive": settings.MUNICIPALITY_EXECUTIVE,
        "office_address": settings.MUNICIPALITY_ADDRESS,
    }


def agreement_document(booking: Booking) -> GeneratedDocument:
    """The agreement for a granted lending, rendered in the request (a page or two)."""
    from cooperation.core.pdf import document_for

    return document_for(
        f"lending-agreement-{booking.pk}",
        template_name=AGREEMENT,
        title=_("Lending agreement no. %(number)s") % {"number": booking.pk},
        inputs={
            "booking": booking.pk,
            "updated_at": booking.updated_at,
            "organisation": booking.organisation.updated_at,
            "resource": booking.resource.updated_at,
            "slots": list(booking.slots.values_list("starts_at", "ends_at")),
        },
        context=agreement_context(booking),
        obj=booking,
        lang="pl",
        sync=True,
    )


def letter_context(letter: RecommendationLetter) -> dict[str, Any]:
    return {
        "letter": letter,
        "organisation": letter.organisation,
        "paragraphs": [p.strip() for p in letter.letter_text.split("\n") if p.strip()],
    }


def letter_document(letter: RecommendationLetter) -> GeneratedDocument:
    from cooperation.core.pdf import document_for

    return document_for(
        f"recommendation-letter-{letter.pk}",
        template_name=LETTER,
        title=_("Letter of recommendation no. %(number)s") % {"number": letter.number},
        inputs={"letter": letter.pk, "updated_at": letter.updated_at},
        context=letter_context(letter),
        obj=letter,
        lang="pl",
        sync=True,
    )
