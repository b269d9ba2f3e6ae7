"""The organisation's contracts: what is due next, the payments, and the PDFs."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from cooperation.core.http import private
from cooperation.core.models import StatusChange
from ngos.permissions import Capability, can_act_for, organisations_for

from . import contract_documents, documents, permissions
from .award import needs_update
from .models import (
    CompetitionStatus,
    Contract,
    ContractAnnex,
    ContractStatus,
    Offer,
    OfferStatus,
    OfferUpdateStatus,
    ReportKind,
)
from .services import TRANSITIONS
from .services.contracts import schedule

workflow = TRANSITIONS[Contract]


def _visible(request):
    return (
        permissions.contracts_visible_to(request.user)
        .exclude(status=ContractStatus.DRAFT)
        .select_related(
            "offer",
            "offer__organisation",
            "offer__competition",
            "small_grant",
            "small_grant__organisation",
        )
        .prefetch_related("payments", "annexes", "reports", "refunds")
        .order_by("-year", "-sequence")
    )


def _awaiting(request) -> list[dict]:
    """Chosen offers of the person's organisations with no contract yet, and what is
    due before one: the update to the granted amount, or the office's contract."""
    offers = (
        Offer.objects.filter(
            status=OfferStatus.SELECTED,
            competition__status=CompetitionStatus.RESULTS_PUBLISHED,
            organisation__in=organisations_for(request.user, Capability.VIEW),
            contract__isnull=True,
        )
        .select_related("competition", "organisation", "award_update")
        .order_by("-competition__results_published_at", "pk")
    )
    rows = []
    for offer in offers:
        update = getattr(offer, "award_update", None)
        accepted = update is not None and update.status == OfferUpdateStatus.ACCEPTED
        rows.append(
            {
                "offer": offer,
                "update": update,
                "update_due": needs_update(offer) and not accepted,
            }
        )
    return rows


def _histories(contracts: list) -> dict[int, list[StatusChange]]:
    """The audit trail of each contract (one query)."""
    trail: dict[int, list[StatusChange]] = defaultdict(list)
    if not contracts:
        return trail
    for change in StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Contract),
        object_id__in=[c.pk for c in contracts],
    ).order_by("created_at", "pk"):
        trail[change.object_id].append(change)
    return trail


@login_required
@require_safe
@private
def my_contracts(request):
    """Moje umowy: each contract of the person's organisations, with its instalments
    (paid and due), its annexes, its reports and what is due next, and the PDFs."""
    rows = []
    contracts = list(_visible(request))
    histories = _histories(contracts)
    for contract in contracts:
        annexes = list(contract.annexes.all())
        terms = contract.current_terms(annexes)
        instalments = schedule(contract, terms)
        reports = list(contract.reports.all())
        can_sign = can_act_for(
            request.user, contract.source.organisation_id, Capability.SIGN
        )
        reporting = can_sign and contract.status in (
            ContractStatus.SIGNED,
            ContractStatus.IN_PROGRESS,
        )
        yearly_done = {
            r.period_end.year for r in reports if r.kind == ReportKind.YEARLY
        }
        rows.append(
            {
                "contract": contract,
                "terms": terms,
                "instalments": instalments,
                "next": next((r for r in instalments if r["due"] > 0), None),
                "annexes": annexes,
                "reports": reports,
                "can_sign": can_sign,
                "open_final": reporting
                and not any(r.kind == ReportKind.FINAL for r in reports),
                "open_yearly": [
                    int(y["year"])
                    for y in terms.get("years", [])[:-1]
                    if int(y["year"]) not in yearly_done
                ]
                if reporting
                else [],
                "today": timezone.localdate(),
                "refunds": [
                    {
                        "refund": refund,
                        "received": sum(
                            (Decimal(str(r["amount"])) for r in refund.received),
                            Decimal(0),
                        ),
                    }
                    for refund in contract.refunds.all()
                ],
                "history": [
                    (change, workflow.label(change.to_status))
                    for change in histories[contract.pk]
                ],
            }
        )
    return render(
        request,
        "grants/my_contracts.html",
        {"rows": rows, "awaiting": _awaiting(request)},
    )


@login_required
@require_safe
@private
def contract_pdf(request, pk: int):
    contract = get_object_or_404(_visible(request), pk=pk)
    return documents.serve(request, contract_documents.contract_pdf(contract))


@login_required
@require_safe
@private
def annex_pdf(request, pk: int, number: int):
    contract = get_object_or_404(_visible(request), pk=pk)
    annex = ContractAnnex.objects.filter(contract=contract, number=number).first()
    if annex is None:
        raise Http404
    return documents.serve(request, contract_documents.annex_pdf(annex))
