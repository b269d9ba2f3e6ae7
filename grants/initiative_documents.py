"""The PDF of a local initiative's agreement, stored like every other PDF.

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
