"""The programme plugs into the shared machinery: registrations only."""

from cooperation.core.registry import (
    desk_providers,
    document_contexts,
    reminder_providers,
)

from . import desk, reminders
from .documents import TEMPLATE, programme_context

reminder_providers.add(
    "cooperation.programme-not-submitted", reminders.programme_not_submitted
)

document_contexts.add(TEMPLATE, programme_context)
desk_providers.add("programme", desk.desk_items)
