"""The PDF of a small-grant offer (the simplified offer, Dz.U. 2018 poz. 2055, zał.
nr 1), stored under the hash of its inputs.

Two versions: the public one, linked from the offer's page on ``/male-granty/``
while and after it is published, without the contact person and the bank account
(:data:`grants.small_grant_layout.PRIVATE_FIELDS`); and the whole offer for its
organisation and the clerks.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cooperation.core.models import GeneratedDocument
from cooperation.core.pdf import document_for
from cooperation.core.registry import document_contexts

from .models.small_grants import SmallGrantOffer
from .small_grant_layout import sections

OFFER = "grants/pdf/small_grant_offer.html"
PUBLIC_OFFER = "grants/pdf/small_grant_offer_public.html"


def _context(offer: SmallGrantOffer, *, public: bool) -> dict[str, Any]:
    from .services.small_grants import statements_text

    offer = SmallGrantOffer.objects.select_related(
        "organisation", "priority", "priority__programme", "statements_template"
    ).get(pk=offer.pk)
    return {
        "offer": offer,
        "sections": sections(offer, public=public),
        "statements": statements_text(offer),
        "confirmations": [
            c for c in offer.confirmations.all() if c.checksum == offer.checksum
        ]
        if offer.checksum
        else [],
        "public": public,
    }


@document_contexts.register(OFFER)
def offer_context(offer: SmallGrantOffer) -> dict[str, Any]:
    return _context(offer, public=False)


@document_contexts.register(PUBLIC_OFFER)
def public_offer_context(offer: SmallGrantOffer) -> dict[str, Any]:
    return _context(offer, public=True)


def offer_pdf(offer: SmallGrantOffer, *, public: bool) -> GeneratedDocument:
    """The offer's PDF, the public version or the whole offer."""
    context = _context(offer, public=public)
    offer = context["offer"]
    return document_for(
        f"small-grant-{offer.pk}" + ("-public" if public else ""),
        template_name=PUBLIC_OFFER if public else OFFER,
        context=context,
        title=_("Small-grant offer %(number)s: %(title)s")
        % {"number": offer.number or _("draft"), "title": offer.title or ""},
        inputs={
            "updated": offer.updated_at,
            "status": offer.status,
            "checksum": offer.checksum,
            "confirmations": [(c.pk, c.checksum) for c in context["confirmations"]],
        },
        obj=offer,
    )
