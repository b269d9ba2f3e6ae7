"""Grants plugs into the shared machinery: registrations only."""

from cooperation.core.registry import (
    organisation_activity,
    personal_data_exporters,
    reminder_providers,
)

from . import activity, personal_data, reminders

reminder_providers.add("grants.offer-deadline", reminders.offer_deadline_reminders)
reminder_providers.add("grants.scoring-due", reminders.scoring_reminders)
reminder_providers.add("grants.reasons-due", reminders.reasons_answer_reminders)
personal_data_exporters.add("grants", personal_data.export)
organisation_activity.add("grants", activity.chosen_offers)
