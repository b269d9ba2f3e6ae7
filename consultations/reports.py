"""The consultation report as a stored PDF, and the clerks' comment exports."""

from __future__ import annotations

import logging
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.core.models import GeneratedDocument

from . import selectors
from .models import Consultation

logger = logging.getLogger(__name__)

REPORT_TEMPLATE = "pdf/consultation_report.html"


def report_context(consultation: Consultation) -> dict[str, Any]:
    consultation = selectors.consultation_for_page(consultation.pk)
    return {
        "consultation": consultation,
        "report": selectors.consultation_report(consultation=consultation),
        "generated_on": timezone.localdate(),
    }


def report_inputs(consultation: Consultation) -> dict[str, Any]:
    """What the report is made from: the consultation and every comment's last change."""
    figures = consultation.comments.aggregate(
        count=Count("pk"), changed=Max("updated_at")
    )
    return {
        "consultation": consultation.pk,
        "updated_at": consultation.updated_at,
        "comments": figures["count"],
        "comments_changed": figures["changed"],
        "meetings": list(consultation.meetings.values_list("pk", "participants")),
    }


def report_document(
    consultation: Consultation, *, sync: bool = False
) -> GeneratedDocument:
    """The stored report PDF; a worker renders it again only when its inputs change."""
    from cooperation.core.pdf import document_for

    title = _("Report on the consultation: %(title)s") % {"title": consultation.title}
    return document_for(
        f"consultation-report-{consultation.pk}",
        template_name=REPORT_TEMPLATE,
        title=title,
        inputs=report_inputs(consultation),
        obj=consultation,
        lang="pl",
        sync=sync,
        context=report_context(consultation) if sync else None,
    )


def queue_report(pk: int) -> None:
    """Render the published report's PDF after it changed, before anyone asks for it.

    A worker renders it, or this process when tasks run in-process. Nothing is done
    for a consultation whose report is not published (the PDF is not served yet). A
    broker or render failure is logged only: the first request renders it instead.
    """
    try:
        consultation = Consultation.objects.get(pk=pk)
        if consultation.status == Consultation.Status.REPORT_PUBLISHED:
            report_document(consultation, sync=False)
    except Exception:  # noqa: BLE001 - a missing PDF is rendered again on request.
        logger.exception("Could not queue the report PDF of consultation %s", pk)


def export_columns() -> list[str]:
    return [
        _("No."),
        _("Received on"),
        _("Channel"),
        _("Organisation"),
        _("Author"),
        _("Name may be published"),
        _("Provision concerned"),
        _("Wording concerned"),
        _("Proposed wording"),
        _("Justification"),
        _("Hidden"),
        _("Reason for hiding"),
        _("Decision"),
        _("Justification of the decision"),
        _("Decided by"),
    ]


def export_rows(consultation: Consultation):
    """Every comment, hidden ones included (the clerks' full record)."""
    for number, c in enumerate(
        selectors.comments_for_export(consultation=consultation), 1
    ):
        author = c.author_name or (c.author.document_name if c.author_id else "")
        yield [
            number,
            c.received_on.isoformat(),
            str(c.get_channel_display()),
            c.organisation.name if c.organisation_id else "",
            author,
            _("yes") if c.name_consent else _("no"),
            c.unit.label if c.unit_id else _("the whole draft"),
            c.current_wording,
            c.proposed_wording,
            c.justification,
            _("yes") if c.is_hidden else _("no"),
            c.hidden_reason,
            str(c.get_decision_display()) if c.decision else "",
            c.decision_justification,
            c.decided_by.document_name if c.decided_by_id else "",
        ]
