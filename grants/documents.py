"""The competition's and offers' PDF documents (stored under the hash of their inputs)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from cooperation.models import GeneratedDocument
from cooperation.pdf import document_for, serve_document

from . import selectors
from .forms import steps_for
from .models import Competition, Offer


def serve(request: HttpRequest, doc: GeneratedDocument) -> HttpResponse:
    return serve_document(request, doc)


def announcement(competition: Competition) -> GeneratedDocument:
    competition = selectors.competition_detail_for_public(competition.pk)
    return document_for(
        f"competition-{competition.pk}-announcement",
        template_name="grants/pdf/announcement.html",
        context={"competition": competition},
        title=_("Announcement of an open competition for offers: %(title)s")
        % {"title": competition.title},
        inputs={"updated": competition.updated_at, "status": competition.status},
        obj=competition,
    )


def results(competition: Competition) -> GeneratedDocument:
    rows = selectors.competition_results(competition)
    return document_for(
        f"competition-{competition.pk}-results",
        template_name="grants/pdf/results.html",
        context={"competition": competition, "results": rows},
        title=_("Results of the open competition: %(title)s")
        % {"title": competition.title},
        inputs={
            "updated": competition.updated_at,
            "offers": [(o.pk, o.status, o.granted_amount) for o in rows],
        },
        obj=competition,
    )


def protocol(competition: Competition) -> GeneratedDocument:
    members = selectors.committee_for_protocol(competition)
    ranking = selectors.competition_ranking(competition)
    criteria = list(competition.criteria.all())
    return document_for(
        f"competition-{competition.pk}-protocol",
        template_name="grants/pdf/protocol.html",
        context={
            "competition": competition,
            "members": members,
            "ranking": ranking,
            "criteria": criteria,
        },
        title=_("Protocol of the competition committee: %(title)s")
        % {"title": competition.title},
        inputs={
            "updated": competition.updated_at,
            "members": [
                (m.pk, m.declared_at, [c.offer_id for c in m.conflicts.all()])
                for m in members
            ],
            "ranking": [
                (r.offer.pk, r.average, r.scorers, sorted(r.per_criterion.items()))
                for r in ranking
            ],
        },
        obj=competition,
    )


def offer(offer: Offer) -> GeneratedDocument:
    return document_for(
        f"offer-{offer.pk}",
        template_name="grants/pdf/offer.html",
        context={
            "offer": offer,
            "competition": offer.competition,
            "steps": steps_for(offer),
        },
        title=_("Offer %(number)s: %(title)s")
        % {"number": offer.number or _("draft"), "title": offer.title or ""},
        inputs={
            "version": offer.version,
            "checksum": offer.checksum,
            "status": offer.status,
            "updated": offer.updated_at,
        },
        obj=offer,
    )
