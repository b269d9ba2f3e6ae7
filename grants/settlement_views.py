"""The PDFs of a report (for the organisation and the clerk) and of the settlement of
the grant (for the clerk's file)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from cooperation.core.http import private
from cooperation.core.permissions import clerk_required

from . import documents, permissions, report_documents
from .models import Contract, ContractStatus, Report


@login_required
@require_safe
@private
def report_pdf(request, pk: int, report: int):
    """A report on a contract the person may read: the organisation's own or, for a
    clerk, any."""
    contract = get_object_or_404(
        permissions.contracts_visible_to(request.user).exclude(
            status=ContractStatus.DRAFT
        ),
        pk=pk,
    )
    row = get_object_or_404(
        Report.objects.select_related("contract", "template"),
        pk=report,
        contract=contract,
    )
    return documents.serve(request, report_documents.report_pdf(row))


@clerk_required
@require_safe
@private
def settlement_pdf(request, pk: int):
    contract = get_object_or_404(Contract, pk=pk)
    return documents.serve(request, report_documents.settlement_pdf(contract))
