"""Consultations plugs into the shared machinery: registrations only."""

from django.utils.translation import gettext_lazy as _

from cooperation.core.registry import (
    case_providers,
    desk_providers,
    document_contexts,
    followable,
    followed_events,
    optional_notifications,
    organisation_activity,
    personal_data_erasers,
    personal_data_exporters,
    reminder_providers,
    uploaded_files,
)
from cooperation.core.uploads import FileAccess

from . import activity, desk, following, mycases, permissions, personal_data, reminders
from .models import ConsultationDocument, DraftVersion
from .reports import REPORT_TEMPLATE, report_context

reminder_providers.add("consultations.closing", reminders.closing_soon)
reminder_providers.add("consultations.report-overdue", reminders.report_overdue)
personal_data_exporters.add("consultations", personal_data.export_comments)
personal_data_erasers.add("consultations", personal_data.erase_comments)
organisation_activity.add("consultations", activity.consultation_comments)

document_contexts.add(REPORT_TEMPLATE, report_context)

uploaded_files.add(
    "consultations.document",
    FileAccess(ConsultationDocument, "file", permissions.documents_visible_to),
)
uploaded_files.add(
    "consultations.draft-file",
    FileAccess(DraftVersion, "source_file", permissions.draft_files_visible_to),
)
desk_providers.add("consultations", desk.desk_items)
case_providers.add("consultations.my-comments", mycases.MY_COMMENTS)
followable.add("konsultacja", following.CONSULTATION)
followed_events.add("consultations.announced", following.ANNOUNCED)
followed_events.add("consultations.report", following.REPORT)
optional_notifications.add(
    "consultations.followed_announced",
    _("New consultations in the spheres I follow"),
)
optional_notifications.add(
    "consultations.followed_report",
    _("Reports of the consultations I follow"),
)
