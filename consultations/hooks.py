"""Consultations plugs into the shared machinery: registrations only."""

from cooperation.core.registry import (
    document_contexts,
    organisation_activity,
    personal_data_erasers,
    personal_data_exporters,
    reminder_providers,
)

from . import activity, personal_data, reminders
from .reports import REPORT_TEMPLATE, report_context

reminder_providers.add("consultations.closing", reminders.closing_soon)
reminder_providers.add("consultations.report-overdue", reminders.report_overdue)
personal_data_exporters.add("consultations", personal_data.export_comments)
personal_data_erasers.add("consultations", personal_data.erase_comments)
organisation_activity.add("consultations", activity.consultation_comments)

document_contexts.add(REPORT_TEMPLATE, report_context)
