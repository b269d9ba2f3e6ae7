"""Grants plugs into the shared machinery: registrations only."""

from cooperation.core.registry import (
    organisation_activity,
    personal_data_exporters,
    reminder_providers,
    uploaded_files,
)
from cooperation.core.uploads import FileAccess

from . import activity, contract_documents, permissions, personal_data, reminders
from .models import Contract, ContractAnnex

reminder_providers.add("grants.offer-deadline", reminders.offer_deadline_reminders)
reminder_providers.add("grants.scoring-due", reminders.scoring_reminders)
reminder_providers.add("grants.reasons-due", reminders.reasons_answer_reminders)
personal_data_exporters.add("grants", personal_data.export)
organisation_activity.add("grants", activity.chosen_offers)
uploaded_files.add(
    "grants.contract",
    FileAccess(Contract, "signed_file", permissions.contracts_visible_to),
)
uploaded_files.add(
    "grants.annex",
    FileAccess(ContractAnnex, "signed_file", permissions.annexes_visible_to),
)
# The contracts' and annexes' PDF context builders register on import.
__all__ = ["contract_documents"]
