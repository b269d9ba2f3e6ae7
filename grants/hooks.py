"""Grants plugs into the shared machinery: registrations only."""

from cooperation.core.registry import (
    organisation_activity,
    personal_data_exporters,
    reminder_providers,
    uploaded_files,
)
from cooperation.core.uploads import FileAccess

from . import activity, permissions, personal_data, reminders
from .models import OfferAttachment

reminder_providers.add("grants.offer-deadline", reminders.offer_deadline_reminders)
reminder_providers.add("grants.scoring-due", reminders.scoring_reminders)
reminder_providers.add("grants.reasons-due", reminders.reasons_answer_reminders)
personal_data_exporters.add("grants", personal_data.export)
organisation_activity.add("grants", activity.chosen_offers)
uploaded_files.add(
    "grants.offer-attachment",
    FileAccess(OfferAttachment, "file", permissions.attachments_visible_to),
)
