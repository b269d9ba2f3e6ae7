"""Every state change of the grants app; the transition tables are in ``transitions``."""

from ..validators import offer_validate_for_submission
from .assessment import (
    committee_appoint,
    committee_declare,
    committee_exclude,
    committee_propose_amounts,
    committee_sign_protocol,
    competition_decide,
    competition_publish_results,
    offer_formal_accept,
    offer_formal_reject,
    offer_request_correction,
    offer_score,
)
from .competitions import (
    competition_annul,
    competition_close,
    competition_fill_same_type_tasks,
    competition_publish,
    competition_record_budget_resolution,
    competition_start_committee_review,
    competition_start_formal_review,
    earliest_deadline,
)
from .offers import (
    StaleOffer,
    offer_checksum,
    offer_content,
    offer_create,
    offer_save,
    offer_submit,
    offer_withdraw,
)
from .reasons import (
    reasons_request_answer,
    reasons_request_create,
    reasons_request_open_until,
)
from .transitions import TRANSITIONS

__all__ = [
    "TRANSITIONS",
    "StaleOffer",
    "committee_appoint",
    "committee_declare",
    "committee_exclude",
    "committee_propose_amounts",
    "committee_sign_protocol",
    "competition_annul",
    "competition_close",
    "competition_decide",
    "competition_fill_same_type_tasks",
    "competition_publish",
    "competition_publish_results",
    "competition_record_budget_resolution",
    "competition_start_committee_review",
    "competition_start_formal_review",
    "earliest_deadline",
    "offer_checksum",
    "offer_content",
    "offer_create",
    "offer_formal_accept",
    "offer_formal_reject",
    "offer_request_correction",
    "offer_save",
    "offer_score",
    "offer_submit",
    "offer_withdraw",
    "offer_validate_for_submission",
    "reasons_request_answer",
    "reasons_request_create",
    "reasons_request_open_until",
]
