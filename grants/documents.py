"""The competition's and offers' PDF documents (stored under the hash of their inputs).

Each document has a context builder registered for its template, so a worker can
render it from the object alone; pages render short documents in the request.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from cooperation.core.models import GeneratedDocument
from cooperation.core.pdf import document_for, serve_document
from cooperation.core.registry import document_contexts

from . import selectors
from .committee import LAW, declaration_text
from .layout import SIGNATURE_CAPTION, statements, steps_for
from .models import Competition, Offer, OfferUpdate

logger = logging.getLogger(__name__)

ANNOUNCEMENT = "grants/pdf/announcement.html"
RESULTS = "grants/pdf/results.html"
PROTOCOL = "grants/pdf/protocol.html"
OFFER = "grants/pdf/offer.html"
OFFER_UPDATE = "grants/pdf/offer_update.html"


def serve(request: HttpRequest, doc: GeneratedDocument) -> HttpResponse:
    return serve_document(request, doc)


@document_contexts.register(ANNOUNCEMENT)
def announcement_context(competition: Competition) -> dict[str, Any]:
    return {
        "competition": selectors.competition_detail_for_public(competition.pk),
        "MUNICIPALITY_EXECUTIVE": settings.MUNICIPALITY_EXECUTIVE,
    }


@document_contexts.register(RESULTS)
def results_context(competition: Competition) -> dict[str, Any]:
    return {
        "competition": competition,
        "results": selectors.competition_results(competition),
    }


@document_contexts.register(PROTOCOL)
def protocol_context(competition: Competition) -> dict[str, Any]:
    members = selectors.committee_for_protocol(competition)
    criteria = list(competition.criteria.all())
    return {
        "competition": competition,
        "members": members,
        "ranking": selectors.competition_ranking(competition),
        "criteria": criteria,
        "formal_check": list(
            competition.offers.submitted()
            .select_related("organisation")
            .prefetch_related("formal_items")
            .order_by("sequence")
        ),
        "sheets": selectors.committee_score_sheets(competition, members, criteria),
        "law": LAW,
        "declaration": declaration_text(),
    }


@document_contexts.register(OFFER)
def offer_context(offer: Offer) -> dict[str, Any]:
    from .services.signing import signature_status

    offer = selectors.offers_with_rows().get(pk=offer.pk)
    checksum = offer.checksum or None
    return {
        "offer": offer,
        "competition": offer.competition,
        "steps": steps_for(offer),
        "statements": statements(offer),
        "signatures": signature_status(offer, checksum),
        "signature_caption": SIGNATURE_CAPTION,
    }


@document_contexts.register(OFFER_UPDATE)
def offer_update_context(update: OfferUpdate) -> dict[str, Any]:
    original = selectors.offers_with_rows().get(pk=update.offer_id)
    offer = update.as_offer(original)
    return {
        "offer": offer,
        "update": update,
        "requested": original.requested_grant,
        "competition": original.competition,
        "steps": steps_for(offer),
        "statements": statements(offer),
    }


def offer_update(update: OfferUpdate, *, sync: bool = True) -> GeneratedDocument:
    """The offer as updated to the granted amount, on the offer's own form."""
    context = offer_update_context(update)
    return document_for(
        f"offer-update-{update.pk}",
        template_name=OFFER_UPDATE,
        context=context,
        title=_("Update of offer %(number)s: %(title)s")
        % {"number": context["offer"].number, "title": context["offer"].title},
        inputs={
            "checksum": update.checksum,
            "status": update.status,
            "updated": update.updated_at,
        },
        obj=update,
        sync=sync,
    )


def announcement(competition: Competition, *, sync: bool = True) -> GeneratedDocument:
    context = announcement_context(competition)
    return document_for(
        f"competition-{competition.pk}-announcement",
        template_name=ANNOUNCEMENT,
        context=context,
        title=_("Announcement of an open competition for offers: %(title)s")
        % {"title": competition.title},
        inputs={
            "updated": context["competition"].updated_at,
            "status": competition.status,
            "executive": settings.MUNICIPALITY_EXECUTIVE,
            "programme": (
                context["competition"].priority.programme.resolution_number,
                context["competition"].priority.programme.resolution_date,
            ),
            "point_7": [
                (t.pk, t.year, t.task_type, t.title, t.cost)
                for t in context["competition"].same_type_tasks.all()
            ]
            + [
                (y.pk, y.year, y.none_carried_out, y.total_cost, y.grants_to_ngos)
                for y in context["competition"].same_type_years.all()
            ],
        },
        obj=competition,
        sync=sync,
    )


def results(competition: Competition, *, sync: bool = True) -> GeneratedDocument:
    context = results_context(competition)
    return document_for(
        f"competition-{competition.pk}-results",
        template_name=RESULTS,
        context=context,
        title=_("Results of the open competition: %(title)s")
        % {"title": competition.title},
        inputs={
            "updated": competition.updated_at,
            "offers": [(o.pk, o.status, o.granted_amount) for o in context["results"]],
        },
        obj=competition,
        sync=sync,
    )


def protocol(competition: Competition, *, sync: bool = True) -> GeneratedDocument:
    context = protocol_context(competition)
    return document_for(
        f"competition-{competition.pk}-protocol",
        template_name=PROTOCOL,
        context=context,
        title=_("Protocol of the competition committee: %(title)s")
        % {"title": competition.title},
        inputs={
            "updated": competition.updated_at,
            "members": [
                (
                    m.pk,
                    m.user.document_name,
                    m.declared_at,
                    m.attended,
                    m.excluded_at,
                    [c.offer_id for c in m.conflicts.all()],
                )
                for m in context["members"]
            ],
            "offers": [
                (
                    o.pk,
                    o.status,
                    o.formal_note,
                    o.proposed_amount,
                    [(i.requirement, i.met, i.reason) for i in o.formal_items.all()],
                )
                for o in context["formal_check"]
            ],
            "sheets": [
                (sheet.member.pk, [(o.pk, pts) for o, pts, _total in sheet.rows])
                for sheet in context["sheets"]
            ],
            "ranking": [
                (r.offer.pk, r.average, r.scorers, sorted(r.per_criterion.items()))
                for r in context["ranking"]
            ],
        },
        obj=competition,
        sync=sync,
    )


def offer(offer: Offer, *, sync: bool = True) -> GeneratedDocument:
    context = offer_context(offer)
    offer = context["offer"]
    return document_for(
        f"offer-{offer.pk}",
        template_name=OFFER,
        context=context,
        title=_("Offer %(number)s: %(title)s")
        % {"number": offer.number or _("draft"), "title": offer.title or ""},
        inputs={
            "version": offer.version,
            "checksum": offer.checksum,
            "signatures": [
                (c.pk, c.checksum) for c in context["offer"].confirmations.all()
            ],
            "status": offer.status,
            "updated": offer.updated_at,
        },
        obj=offer,
        sync=sync,
    )


def queue(kind: str, pk: int) -> None:
    """Have a worker render a document after an event (publication, submission).

    A broker or render failure is logged only: the page renders the document on
    the first request instead.
    """
    try:
        if kind == "offer":
            offer(Offer.objects.get(pk=pk), sync=False)
        else:
            competition = Competition.objects.get(pk=pk)
            {"announcement": announcement, "results": results}[kind](
                competition, sync=False
            )
    except Exception:  # noqa: BLE001 - a missing PDF is rendered again on request.
        logger.exception("Could not queue the %s document of %s", kind, pk)
