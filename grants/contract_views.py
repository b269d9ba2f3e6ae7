"""The organisation's contracts: what is due next, the payments, and the PDFs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from cooperation.core.http import private
from ngos.permissions import Capability, can_act_for

from . import contract_documents, documents, permissions
from .models import ContractAnnex, ContractStatus, ReportKind
from .services.contracts import schedule


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
        .prefetch_related("payments", "annexes", "reports")
        .order_by("-year", "-sequence")
    )


@login_required
@require_safe
@private
def my_contracts(request):
    """Moje umowy: each contract of the person's organisations, with its instalments
    (paid and due), its annexes, its reports and what is due next, and the PDFs."""
    rows = []
    for contract in _visible(request):
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
            }
        )
    return render(request, "grants/my_contracts.html", {"rows": rows})


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
