"""Workshops plugs into the shared machinery: registrations only."""

from cooperation.core.registry import (
    organisation_activity,
    personal_data_erasers,
    personal_data_exporters,
    reminder_providers,
)

from . import activity, personal_data, reminders

reminder_providers.add("workshops.event-tomorrow", reminders.events_tomorrow)
personal_data_exporters.add("workshops", personal_data.export)
personal_data_erasers.add("workshops", personal_data.erase)
organisation_activity.add("workshops", activity.working_groups)
