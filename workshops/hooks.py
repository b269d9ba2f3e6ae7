"""Workshops plugs into the shared machinery: registrations only."""

from django.utils.translation import gettext_lazy as _

from cooperation.core.registry import (
    case_providers,
    desk_providers,
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
from .models import EventDocument

reminder_providers.add("workshops.event-tomorrow", reminders.events_tomorrow)
personal_data_exporters.add("workshops", personal_data.export)
personal_data_erasers.add("workshops", personal_data.erase)
organisation_activity.add("workshops", activity.working_groups)
uploaded_files.add(
    "workshops.document",
    FileAccess(EventDocument, "file", permissions.documents_visible_to),
)
desk_providers.add("workshops", desk.desk_items)
case_providers.add("workshops.my-registrations", mycases.MY_REGISTRATIONS)
followable.add("grupa", following.GROUP)
followed_events.add("workshops.meeting", following.MEETING)
followed_events.add("workshops.recommendation", following.RECOMMENDATION)
optional_notifications.add(
    "workshops.followed_meeting",
    _("Meetings of the working groups I follow"),
)
optional_notifications.add(
    "workshops.followed_recommendation",
    _("Recommendations of the working groups I follow and their answers"),
)
