"""The transition tables of competitions, offers and their updates (art. 13, 15 and 18a
of the Act)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cooperation.core.workflow import (
    CLERK,
    NOTE,
    PORTAL,
    Input,
    Transition,
    Workflow,
    Workflows,
    page,
)

from ..award import DECLINES_GRANT, SIGNS_UPDATE
from ..models import (
    AnnexStatus,
    Competition,
    CompetitionStatus,
    Contract,
    ContractAnnex,
    ContractStatus,
    Offer,
    OfferStatus,
    OfferUpdate,
    OfferUpdateStatus,
    ReasonsRequest,
    ReasonsRequestStatus,
    Refund,
    RefundStatus,
    Report,
    ReportStatus,
)
from ..models.initiatives import InitiativeApplication, InitiativeStatus
from ..models.small_grants import SmallGrantOffer, SmallGrantStatus
from ..permissions import SUBMITS_OFFER, SUBMITS_REPORT, WITHDRAWS_OFFER

S = CompetitionStatus
O = OfferStatus  # noqa: E741
U = OfferUpdateStatus

_SERVICES = "grants.services."

# A refund found due under a contract (art. 252).
FINDING = (
    Input(
        "amount",
        _("Amount to be returned (PLN)"),
        kind="line",
        required=True,
        max_length=20,
    ),
    Input(
        "transferred_on",
        _("Transferred from the budget on"),
        kind="date",
        required=True,
    ),
    Input("found_on", _("Found on"), kind="date", required=True),
    Input("note", _("What was found")),
)

# Signing a contract or an annex: the signed file is uploaded on its page first.
SIGNING = (
    Input("signed_on", _("Date of signing"), kind="date", required=True),
    Input(
        "signed_for_municipality",
        _("Signed for the municipality by (empty: as in the contract)"),
        kind="line",
    ),
    Input(
        "signed_for_organisation",
        _(
            "Signed for the organisation by (names separated by commas; empty: as in the contract)"
        ),
        kind="line",
    ),
)

TRANSITIONS = Workflows(
    Workflow(
        Competition,
        Transition(
            "publish",
            S.DRAFT,
            S.ANNOUNCED,
            _("Publish the announcement"),
            service=_SERVICES + "competition_publish",
        ),
        # Closed by a scheduled job once the deadline passes, or by a clerk.
        Transition(
            "close",
            S.ANNOUNCED,
            S.CLOSED,
            _("Close for offers"),
            who=(CLERK, PORTAL),
            service=_SERVICES + "competition_close",
        ),
        Transition(
            "start_formal_review",
            S.CLOSED,
            S.FORMAL_REVIEW,
            _("Start the formal review"),
            service=_SERVICES + "competition_start_formal_review",
        ),
        Transition(
            "start_committee_review",
            S.FORMAL_REVIEW,
            S.COMMITTEE_REVIEW,
            _("Hand over to the committee"),
            service=_SERVICES + "competition_start_committee_review",
        ),
        Transition(
            "decide",
            S.COMMITTEE_REVIEW,
            S.DECISION,
            _("Choose the offers"),
            page=page("grants:competition-decision"),
        ),
        Transition(
            "publish_results",
            S.DECISION,
            S.RESULTS_PUBLISHED,
            _("Publish the results"),
            service=_SERVICES + "competition_publish_results",
        ),
        Transition(
            "annul",
            (S.CLOSED, S.FORMAL_REVIEW),
            S.ANNULLED,
            _("Annul (art. 18a)"),
            inputs=(
                Input(
                    "reason",
                    _("Reason for the annulment"),
                    required=True,
                    source="annulment_reason",
                ),
            ),
            service=_SERVICES + "competition_annul",
        ),
    ),
    Workflow(
        Offer,
        Transition(
            "submit",
            (O.DRAFT, O.CORRECTION_REQUESTED),
            O.SUBMITTED,
            _("Submit the offer"),
            who=(SUBMITS_OFFER,),
            page=page("grants:offer-detail"),
        ),
        Transition(
            "formally_accept",
            O.SUBMITTED,
            O.FORMALLY_ACCEPTED,
            _("Formally accept"),
            inputs=(NOTE,),
            service=_SERVICES + "offer_formal_accept",
        ),
        Transition(
            "request_correction",
            O.SUBMITTED,
            O.CORRECTION_REQUESTED,
            _("Ask for a correction"),
            page=page("grants:offer-formal-check"),
        ),
        Transition(
            "formally_reject",
            (O.SUBMITTED, O.CORRECTION_REQUESTED),
            O.FORMALLY_REJECTED,
            _("Reject on formal grounds"),
            inputs=(Input("reason", _("Reason"), required=True),),
            service=_SERVICES + "offer_formal_reject",
        ),
        # Both are taken together for every offer, on the competition's decision page.
        Transition(
            "select",
            O.FORMALLY_ACCEPTED,
            O.SELECTED,
            _("Choose the offer"),
            page=page("grants:competition-decision", "competition_id"),
        ),
        Transition(
            "not_select",
            O.FORMALLY_ACCEPTED,
            O.NOT_SELECTED,
            _("Do not choose the offer"),
            page=page("grants:competition-decision", "competition_id"),
        ),
        # Until the deadline the offeror may take a submitted offer back (and submit
        # another): an offer binds only once the deadline for offers has passed.
        Transition(
            "withdraw_submitted",
            O.SUBMITTED,
            O.WITHDRAWN,
            _("Withdraw the offer"),
            who=(WITHDRAWS_OFFER,),
            inputs=(Input("note", _("Reason (optional)")),),
            service=_SERVICES + "offer_withdraw",
            bulk=False,
        ),
        # The offeror declines the grant on the update's page (the reason recorded);
        # the money it frees may go to the next offer on the ranking.
        Transition(
            "withdraw",
            O.SELECTED,
            O.WITHDRAWN,
            _("Decline the grant"),
            who=(DECLINES_GRANT,),
            page=page("grants:offer-update"),
        ),
        Transition(
            "award_freed_funds",
            O.NOT_SELECTED,
            O.SELECTED,
            _("Award freed funds"),
            inputs=(
                Input("amount", _("Amount (PLN)"), kind="line", required=True),
                Input(
                    "reason",
                    _("Reason (required unless it is the next offer on the ranking)"),
                ),
            ),
            service=_SERVICES + "offer_award_freed_funds",
            bulk=False,
        ),
    ),
    Workflow(
        OfferUpdate,
        Transition(
            "submit",
            (U.DRAFT, U.RETURNED),
            U.SUBMITTED,
            _("Submit the update"),
            who=(SIGNS_UPDATE,),
            page=page("grants:offer-update", "offer_id"),
        ),
        Transition(
            "accept",
            U.SUBMITTED,
            U.ACCEPTED,
            _("Accept the update"),
            inputs=(NOTE,),
            service=_SERVICES + "offer_update_accept",
        ),
        Transition(
            "return",
            U.SUBMITTED,
            U.RETURNED,
            _("Return for changes"),
            inputs=(Input("reason", _("Reason"), required=True),),
            service=_SERVICES + "offer_update_return",
            bulk=False,
        ),
        Transition(
            "decline",
            (U.DRAFT, U.RETURNED, U.SUBMITTED, U.ACCEPTED),
            U.DECLINED,
            _("Decline the grant"),
            who=(DECLINES_GRANT,),
            page=page("grants:offer-update", "offer_id"),
        ),
    ),
    Workflow(
        Contract,
        Transition(
            "to_signature",
            ContractStatus.DRAFT,
            ContractStatus.READY,
            _("Ready for signature"),
            inputs=(NOTE,),
            service=_SERVICES + "contract_to_signature",
        ),
        Transition(
            "sign",
            ContractStatus.READY,
            ContractStatus.SIGNED,
            _("Record the signatures"),
            inputs=SIGNING,
            service=_SERVICES + "contract_sign",
            bulk=False,
        ),
        Transition(
            "start",
            ContractStatus.SIGNED,
            ContractStatus.IN_PROGRESS,
            _("Task in progress"),
            inputs=(NOTE,),
            service=_SERVICES + "contract_start",
        ),
        Transition(
            "terminate",
            (ContractStatus.READY, ContractStatus.SIGNED, ContractStatus.IN_PROGRESS),
            ContractStatus.TERMINATED,
            _("Terminate"),
            inputs=(
                Input("reason", _("Reason"), required=True),
                Input(
                    "refund_amount",
                    _("Amount to be returned (PLN)"),
                    kind="line",
                    max_length=20,
                    help_text=_(
                        "The part of the grant paid that was not properly used; "
                        "left empty, all that was paid is to be returned, with "
                        "interest from the first transfer (art. 252)."
                    ),
                ),
            ),
            service=_SERVICES + "contract_terminate",
            bulk=False,
        ),
        # Steps under a contract being carried out that keep its state: each makes a
        # report or a refund, audited on that record.
        Transition(
            "call_report",
            ContractStatus.IN_PROGRESS,
            ContractStatus.IN_PROGRESS,
            _("Call for a partial report"),
            inputs=(
                Input(
                    "period_end",
                    _("End of the period reported"),
                    kind="date",
                    required=True,
                ),
                Input(
                    "due_on",
                    _("Deadline (at least 30 days from today)"),
                    kind="date",
                    required=True,
                ),
            ),
            service=_SERVICES + "report_call",
            bulk=False,
        ),
        Transition(
            "refund_unused",
            ContractStatus.IN_PROGRESS,
            ContractStatus.IN_PROGRESS,
            _("Settle the unused part (art. 251)"),
            service=_SERVICES + "refund_unused",
            bulk=False,
        ),
        *(
            Transition(
                f"refund_{kind}",
                ContractStatus.IN_PROGRESS,
                ContractStatus.IN_PROGRESS,
                label,
                inputs=FINDING,
                service=_SERVICES + "refund_for_finding",
                arguments={"kind": kind},
                bulk=False,
            )
            for kind, label in (
                ("misused", _("Record a part used not as intended (art. 252)")),
                ("excessive", _("Record a part collected excessively (art. 252)")),
            )
        ),
    ),
    Workflow(
        ContractAnnex,
        Transition(
            "sign",
            AnnexStatus.DRAFT,
            AnnexStatus.SIGNED,
            _("Record the signatures"),
            inputs=SIGNING,
            service=_SERVICES + "annex_sign",
            bulk=False,
        ),
    ),
    Workflow(
        Report,
        Transition(
            "submit",
            (ReportStatus.CALLED, ReportStatus.DRAFT, ReportStatus.CORRECTIONS),
            ReportStatus.SUBMITTED,
            _("Submit the report"),
            who=(SUBMITS_REPORT,),
            service=_SERVICES + "report_submit",
            bulk=False,
        ),
        Transition(
            "request_corrections",
            ReportStatus.SUBMITTED,
            ReportStatus.CORRECTIONS,
            _("Ask for corrections or explanations"),
            inputs=(
                Input(
                    "request", _("What is to be corrected or explained"), required=True
                ),
                Input("due_on", _("Deadline"), kind="date", required=True),
            ),
            service=_SERVICES + "report_request_corrections",
            bulk=False,
        ),
        Transition(
            "accept",
            ReportStatus.SUBMITTED,
            ReportStatus.ACCEPTED,
            _("Accept the report"),
            inputs=(NOTE,),
            service=_SERVICES + "report_accept",
        ),
        initial=(ReportStatus.CALLED, ReportStatus.DRAFT),
    ),
    Workflow(
        Refund,
        Transition(
            "settle",
            RefundStatus.DUE,
            RefundStatus.SETTLED,
            _("Settled: nothing more is due"),
            who=(PORTAL,),
        ),
        # A transfer received; the refund is settled once nothing more is due.
        Transition(
            "receive",
            RefundStatus.DUE,
            RefundStatus.SETTLED,
            _("Record a transfer received"),
            inputs=(
                Input("on", _("Date of the transfer"), kind="date", required=True),
                Input(
                    "amount",
                    _("Amount received (PLN)"),
                    kind="line",
                    required=True,
                    max_length=20,
                ),
            ),
            service=_SERVICES + "refund_receive",
            bulk=False,
        ),
    ),
    Workflow(
        ReasonsRequest,
        Transition(
            "answer",
            ReasonsRequestStatus.ASKED,
            ReasonsRequestStatus.ANSWERED,
            _("Answer"),
            inputs=(Input("answer", _("Answer"), required=True),),
            service=_SERVICES + "reasons_request_answer",
        ),
    ),
    Workflow(
        SmallGrantOffer,
        Transition(
            "submit",
            SmallGrantStatus.DRAFT,
            SmallGrantStatus.SUBMITTED,
            _("Submit the offer"),
            who=(SUBMITS_OFFER,),
            page=page("grants:small-grant-offer"),
        ),
        Transition(
            "find_worthwhile",
            SmallGrantStatus.SUBMITTED,
            SmallGrantStatus.WORTHWHILE,
            _("Find the task worthwhile"),
            inputs=(NOTE,),
            service=_SERVICES + "small_grants.small_grant_find_worthwhile",
        ),
        Transition(
            "refuse",
            SmallGrantStatus.SUBMITTED,
            SmallGrantStatus.REFUSED,
            _("Refuse"),
            inputs=(
                Input("reason", _("Reason"), required=True, source="refusal_reason"),
            ),
            service=_SERVICES + "small_grants.small_grant_refuse",
        ),
        Transition(
            "publish",
            SmallGrantStatus.WORTHWHILE,
            SmallGrantStatus.PUBLISHED,
            _("Publish for comments"),
            service=_SERVICES + "small_grants.small_grant_publish",
        ),
        Transition(
            "close_comments",
            SmallGrantStatus.PUBLISHED,
            SmallGrantStatus.COMMENTS_CLOSED,
            _("Close the comments"),
            who=(CLERK, PORTAL),
            service=_SERVICES + "small_grants.small_grant_close_comments",
        ),
        Transition(
            "contract",
            SmallGrantStatus.COMMENTS_CLOSED,
            SmallGrantStatus.CONTRACTED,
            _("Prepare the contract"),
            inputs=(
                Input(
                    "form",
                    _("Form of the task (empty: support)"),
                    kind="line",
                    help_text=_(
                        "“support” (co-financing) or “entrust” (full financing)"
                    ),
                ),
            ),
            service=_SERVICES + "small_grant_contract",
            bulk=False,
        ),
    ),
    Workflow(
        InitiativeApplication,
        # Complete, with the documents the resolution requires, and within its scope.
        Transition(
            "formal_check",
            InitiativeStatus.SUBMITTED,
            InitiativeStatus.CHECKED,
            _("Formally correct"),
            inputs=(NOTE,),
            service=_SERVICES + "initiatives.initiative_formal_check",
        ),
        # Scored on the resolution's criteria on a page of its own.
        Transition(
            "assess",
            InitiativeStatus.CHECKED,
            InitiativeStatus.ASSESSED,
            _("Assess on the resolution's criteria"),
            page=page("grants:initiative-assess"),
        ),
        Transition(
            "accept",
            InitiativeStatus.ASSESSED,
            InitiativeStatus.ACCEPTED,
            _("Accept the initiative"),
            inputs=(
                Input(
                    "reasons",
                    _("Reasons for the decision"),
                    required=True,
                    source="decision_reasons",
                ),
                Input(
                    "contribution",
                    _("What the municipality contributes (goods, services, money)"),
                    required=True,
                    source="municipality_contribution",
                ),
                Input(
                    "amount",
                    _("The municipality's contribution (PLN)"),
                    kind="line",
                    required=True,
                ),
            ),
            service=_SERVICES + "initiatives.initiative_accept",
            bulk=False,
        ),
        Transition(
            "refuse",
            (
                InitiativeStatus.SUBMITTED,
                InitiativeStatus.CHECKED,
                InitiativeStatus.ASSESSED,
            ),
            InitiativeStatus.REFUSED,
            _("Refuse"),
            inputs=(
                Input("reason", _("Reason"), required=True, source="refusal_reason"),
            ),
            service=_SERVICES + "initiatives.initiative_refuse",
        ),
        Transition(
            "conclude",
            InitiativeStatus.ACCEPTED,
            InitiativeStatus.AGREEMENT,
            _("Record the agreement"),
            inputs=(
                Input(
                    "number", _("Number of the agreement"), kind="line", required=True
                ),
                Input("concluded_on", _("Concluded on"), kind="date", required=True),
                Input("starts_on", _("In force from"), kind="date", required=True),
                Input("ends_on", _("In force until"), kind="date", required=True),
                Input(
                    "municipality_representative",
                    _("Signed for the municipality by (empty: the mayor)"),
                    kind="line",
                ),
                Input(
                    "applicants_representative",
                    _("Signed for the applicants by (empty: the leader)"),
                    kind="line",
                ),
            ),
            service=_SERVICES + "initiatives.initiative_conclude",
            bulk=False,
        ),
        # Also taken by the portal when the first contribution delivered is logged.
        Transition(
            "start",
            InitiativeStatus.AGREEMENT,
            InitiativeStatus.IN_PROGRESS,
            _("In progress"),
            who=(CLERK, PORTAL),
            inputs=(NOTE,),
            service=_SERVICES + "initiative_delivery.initiative_start",
        ),
        Transition(
            "complete",
            (InitiativeStatus.AGREEMENT, InitiativeStatus.IN_PROGRESS),
            InitiativeStatus.DONE,
            _("Carried out"),
            inputs=(NOTE,),
            service=_SERVICES + "initiatives.initiative_complete",
        ),
        Transition(
            "settle",
            InitiativeStatus.DONE,
            InitiativeStatus.CLOSED,
            _("Settle and close"),
            inputs=(
                Input(
                    "delivered",
                    _("What the municipality delivered (goods, services, money)"),
                    required=True,
                ),
                Input(
                    "delivered_amount",
                    _("Value of what the municipality delivered (PLN)"),
                    kind="line",
                    required=True,
                    max_length=20,
                ),
                Input("conclusion", _("Conclusions of the settlement")),
            ),
            service=_SERVICES + "initiative_delivery.initiative_settle",
            bulk=False,
        ),
    ),
)
