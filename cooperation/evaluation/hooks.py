"""The report on the programme plugs into the shared machinery: registrations only."""

from cooperation.core.registry import (
    document_contexts,
    programme_documents,
    reminder_providers,
)

from . import documents, reminders, selectors

reminder_providers.add("evaluation.report-due", reminders.report_due)
reminder_providers.add("evaluation.report-late", reminders.report_late)
document_contexts.add(documents.TEMPLATE, documents.pdf_context)
programme_documents.add("evaluation.report", selectors.published_report_links)
