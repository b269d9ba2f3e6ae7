"""Non-financial cooperation plugs into the shared machinery: registrations only."""

from cooperation.core.registry import (
    case_providers,
    desk_providers,
    document_contexts,
    personal_data_erasers,
    personal_data_exporters,
    reminder_providers,
    uploaded_files,
)
from cooperation.core.uploads import FileAccess

from . import desk, documents, mycases, permissions, personal_data, reminders
from .models import Resource, TeamMeeting

desk_providers.add("nonfinancial", desk.desk_items)
reminder_providers.add("nonfinancial.proposal-due", reminders.proposals_due)
personal_data_exporters.add("nonfinancial", personal_data.export)
personal_data_erasers.add("nonfinancial", personal_data.erase)
uploaded_files.add(
    "nonfinancial.resource-photo",
    FileAccess(Resource, "photo", permissions.photos_visible_to),
)
uploaded_files.add(
    "nonfinancial.team-minutes",
    FileAccess(TeamMeeting, "minutes_file", permissions.minutes_visible_to),
)
document_contexts.add(documents.AGREEMENT, documents.agreement_context)
document_contexts.add(documents.LETTER, documents.letter_context)
case_providers.add("nonfinancial.requests", mycases.REQUESTS)
