"""Grants plugs into the shared machinery: registrations only."""

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
    statutory_notifications,
    uploaded_files,
)
from cooperation.core.uploads import FileAccess

from . import (
    activity,
    contract_documents,
    desk,
    following,
    mycases,
    permissions,
    personal_data,
    reminders,
    report_documents,
)
from .models import (
    Contract,
    ContractAnnex,
    InitiativeAttachment,
    InitiativeContribution,
    OfferAttachment,
    ReportAttachment,
)

reminder_providers.add("grants.offer-deadline", reminders.offer_deadline_reminders)
reminder_providers.add("grants.scoring-due", reminders.scoring_reminders)
reminder_providers.add("grants.reasons-due", reminders.reasons_answer_reminders)
reminder_providers.add("grants.report-due", reminders.report_due_reminders)
reminder_providers.add(
    "grants.initiative-contributions-due",
    reminders.initiative_contributions_due_reminders,
)
personal_data_exporters.add("grants", personal_data.export)
personal_data_erasers.add("grants", personal_data.erase)
organisation_activity.add("grants", activity.chosen_offers)
optional_notifications.add(
    "grants.competition_announced",
    _("New open competitions in the spheres my organisations work in"),
)
optional_notifications.add(
    "grants.followed_competition",
    _("New open competitions in the spheres I follow"),
)
optional_notifications.add(
    "grants.followed_results",
    _("Results of the competitions I follow"),
)
followable.add("konkurs", following.COMPETITION)
followed_events.add("grants.announced", following.ANNOUNCED)
followed_events.add("grants.results", following.RESULTS)
statutory_notifications.add(
    "grants.correction_requested", _("A call to correct my organisation's offer")
)
statutory_notifications.add("grants.results", _("The results for my offers"))
statutory_notifications.add("grants.offer_rejected", _("Decisions on my offers"))
statutory_notifications.add(
    "grants.offer_deadline", _("Deadlines for my organisation's draft offers")
)
statutory_notifications.add("grants.report_due", _("Deadlines of my reports"))
statutory_notifications.add(
    "grants.report_corrections", _("A call to correct my report")
)
desk_providers.add("grants", desk.desk_items)
uploaded_files.add(
    "grants.offer-attachment",
    FileAccess(OfferAttachment, "file", permissions.attachments_visible_to),
)
uploaded_files.add(
    "grants.contract",
    FileAccess(Contract, "signed_file", permissions.contracts_visible_to),
)
uploaded_files.add(
    "grants.annex",
    FileAccess(ContractAnnex, "signed_file", permissions.annexes_visible_to),
)
uploaded_files.add(
    "grants.report-attachment",
    FileAccess(ReportAttachment, "file", permissions.report_attachments_visible_to),
)
uploaded_files.add(
    "grants.initiative-evidence",
    FileAccess(
        InitiativeContribution, "evidence", permissions.initiative_evidence_visible_to
    ),
)
uploaded_files.add(
    "grants.initiative-attachment",
    FileAccess(
        InitiativeAttachment, "file", permissions.initiative_attachments_visible_to
    ),
)
case_providers.add("grants.offers", mycases.OFFERS)
case_providers.add("grants.small-grants", mycases.SMALL_GRANTS)
case_providers.add("grants.contracts", mycases.CONTRACTS)
case_providers.add("grants.reports", mycases.REPORTS)
case_providers.add("grants.refunds", mycases.REFUNDS)
case_providers.add("grants.initiatives", mycases.ORGANISATION_INITIATIVES)
case_providers.add("grants.committee", mycases.COMMITTEE_WORK)
case_providers.add("grants.my-initiatives", mycases.MY_INITIATIVES)
case_providers.add("grants.small-grant-comments", mycases.SMALL_GRANT_COMMENTS)
# The PDF context builders of contracts, annexes, reports and settlements register
# on import.
__all__ = ["contract_documents", "report_documents"]
