"""The PDFs of a local initiative's agreement and settlement, stored like every other
PDF.

The portal holds no official wording of the agreement (each municipality writes its
own): the document records the terms the clerk entered, the residents' contribution
as applied for and what the municipality contributes.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cooperation.core.models import GeneratedDocument
from cooperation.core.pdf import document_for
from cooperation.core.registry import document_contexts

from .initiative_act import ART_19B_1_POINTS
from .models import InitiativeApplication

AGREEMENT = "grants/pdf/initiative_agreement.html"
SETTLEMENT = "grants/pdf/initiative_settlement.html"


@document_contexts.register(AGREEMENT)
def agreement_context(application: InitiativeApplication) -> dict[str, Any]:
    point, text = ART_19B_1_POINTS[application.task]
    return {
        "application": application,
        "agreement": application.agreement,
        "task_point": point,
        "task_text": text,
    }


def _inputs(application: InitiativeApplication) -> dict[str, Any]:
    agreement = application.agreement
    return {
        "application": application.pk,
        "updated": application.updated_at,
        "agreement": agreement.pk,
        "agreement_updated": agreement.updated_at,
        "hour_rate": application.resolution.hour_rate,
    }


def agreement_pdf(application: InitiativeApplication) -> GeneratedDocument:
    """The stored PDF of the agreement, rendered when its inputs changed."""
    agreement = application.agreement
    return document_for(
        f"initiative-agreement-{agreement.pk}",
        template_name=AGREEMENT,
        context=agreement_context(application),
        title=_("Agreement %(number)s on carrying out a local initiative: %(title)s")
        % {"number": agreement.number, "title": application.title},
        inputs=_inputs(application),
        obj=agreement,
    )


@document_contexts.register(SETTLEMENT)
def settlement_context(application: InitiativeApplication) -> dict[str, Any]:
    return {
        "application": application,
        "agreement": application.agreement,
        "settlement": application.settlement,
        "contributions": list(application.contributions.all()),
    }


def settlement_pdf(application: InitiativeApplication) -> GeneratedDocument:
    """The stored PDF of the settlement: the residents' contribution declared and
    delivered, kind by kind, the log of what was delivered and what the
    municipality delivered."""
    settlement = application.settlement
    context = settlement_context(application)
    return document_for(
        f"initiative-settlement-{settlement.pk}",
        template_name=SETTLEMENT,
        context=context,
        title=_("Settlement of the local initiative %(number)s: %(title)s")
        % {"number": application.number, "title": application.title},
        inputs={
            "application": application.pk,
            "settlement": settlement.pk,
            "settlement_updated": settlement.updated_at,
            "contributions": [
                (c.pk, c.evidence_sha256, c.amount) for c in context["contributions"]
            ],
        },
        obj=settlement,
    )
