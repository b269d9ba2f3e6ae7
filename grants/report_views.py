"""The organisation's reports on its contracts: the form in steps, the list of
documents, the summary with the checks, the representatives' confirmations and the
submission."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.http import private
from cooperation.core.limits import rate_limited
from ngos.permissions import Capability, can_act_for

from . import permissions
from .models import ContractStatus, Report, ReportStatus
from .models.contracts import plain_amount
from .models.offer import share
from .report_forms import (
    DOCUMENTS_TITLE,
    FUNDING_SOURCES,
    STEPS,
    ConfirmReportForm,
    ReportDocumentForm,
    StepForms,
    plain_text,
    report_years,
)
from .services import report_signing
from .services import reports as report_services


def _report_for(request, pk: int) -> Report:
    """A report of a contract the person may read, else 404."""
    return get_object_or_404(
        permissions.reports_visible_to(request.user).select_related(
            "contract",
            "contract__offer__organisation",
            "contract__small_grant__organisation",
        ),
        pk=pk,
    )


def _context(request, report: Report, **extra):
    return {
        "report": report,
        "contract": report.contract,
        "organisation": report.contract.organisation,
        "steps": STEPS,
        "documents_title": DOCUMENTS_TITLE,
        "is_open": report_signing.report_is_open(report),
        "can_edit": permissions.can_submit_report(request.user, report),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def report_step(request, pk: int, step: int):
    report = _report_for(request, pk)
    if not 1 <= step <= len(STEPS):
        raise Http404
    if not report_signing.report_is_open(report):
        messages.info(
            request,
            _("The report was submitted: it can no longer be changed."),
        )
        return redirect("grants:report-detail", pk=report.pk)
    if not permissions.can_submit_report(request.user, report):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    parts = StepForms(report, step, data)
    if data is not None and parts.is_valid():
        try:
            report_signing.report_save_part(
                report=report, actor=request.user, content=parts.content()
            )
        except (DomainError, PermissionDeniedError) as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Report saved."))
            if "next" in request.POST:
                if step < len(STEPS):
                    return redirect("grants:report-step", pk=report.pk, step=step + 1)
                return redirect("grants:report-documents", pk=report.pk)
            return redirect("grants:report-step", pk=report.pk, step=step)
    return render(
        request,
        "grants/report_form.html",
        _context(
            request,
            report,
            step=STEPS[step - 1],
            parts=parts,
            errors=parts.errors() if data is not None else [],
            years=report_years(report),
            funding_labels=FUNDING_SOURCES,
        ),
        status=400 if data is not None and parts.errors() else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def report_documents(request, pk: int):
    """The list of documents (invoices, bills) with their files."""
    report = _report_for(request, pk)
    can_edit = permissions.can_submit_report(request.user, report)
    form = ReportDocumentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                report_signing.report_add_attachment(
                    report=report,
                    actor=request.user,
                    name=form.cleaned_data["name"],
                    file=form.cleaned_data["file"],
                )
            except (DomainError, PermissionDeniedError) as error:
                form.add_error(
                    "name" if getattr(error, "field", "") == "name" else "file",
                    error.message,
                )
            else:
                messages.success(request, _("Document added to the report."))
                if "next" in request.POST:
                    return redirect("grants:report-detail", pk=report.pk)
                return redirect("grants:report-documents", pk=report.pk)
    return render(
        request,
        "grants/report_documents.html",
        _context(
            request,
            report,
            form=form,
            documents=list(report.attachments.all()),
        ),
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
@rate_limited()
def report_document_remove(request, pk: int, document: int):
    report = _report_for(request, pk)
    item = get_object_or_404(report.attachments.all(), pk=document)
    try:
        report_signing.report_remove_attachment(attachment=item, actor=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Document removed from the report."))
    return redirect("grants:report-documents", pk=report.pk)


@login_required
@require_http_methods(["GET"])
@private
def report_detail(request, pk: int):
    """The whole report as it stands, what keeps it from being submitted, and the
    representatives' confirmations."""
    report = _report_for(request, pk)
    is_open = report_signing.report_is_open(report)
    documents = list(report.attachments.all())
    checksum = report_signing.report_checksum(report, documents) if is_open else ""
    signatures = report_signing.report_signature_status(report, checksum or None)
    content = report.content
    funding = content.get("funding", [])
    total = sum((plain_amount(row.get("amount")) for row in funding), Decimal(0))
    return render(
        request,
        "grants/report_detail.html",
        _context(
            request,
            report,
            checksum=checksum,
            problems=report_signing.report_all_problems(report) if is_open else [],
            signature_problems=report_signing.report_signature_problems(
                report, checksum, signatures
            )
            if is_open
            else [],
            signatures=signatures,
            can_confirm=is_open
            and any(m.user_id == request.user.pk for m in signatures.waiting),
            years=report_years(report),
            funding=[
                (
                    row.get("name", ""),
                    plain_amount(row.get("amount")),
                    share(plain_amount(row.get("amount")), total),
                )
                for row in funding
            ],
            funding_total=total,
            recipient_payments=plain_text(content.get("recipient_payments")),
            documents=documents,
            confirm_form=ConfirmReportForm(initial={"checksum": checksum}),
        ),
    )


@login_required
@require_POST
@rate_limited()
def report_confirm(request, pk: int):
    report = _report_for(request, pk)
    form = ConfirmReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Read the report and confirm it again."))
        return redirect("grants:report-detail", pk=report.pk)
    try:
        made = report_signing.report_confirm(
            report=report, actor=request.user, checksum=form.cleaned_data["checksum"]
        )
    except PermissionDeniedError as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if made:
            messages.success(request, _("Your confirmation of the report is recorded."))
        else:
            messages.info(request, _("You have already confirmed this version."))
    return redirect("grants:report-detail", pk=report.pk)


@login_required
@require_POST
@rate_limited()
def report_submit(request, pk: int):
    report = _report_for(request, pk)
    try:
        report_signing.report_submit_signed(report=report, actor=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        messages.error(
            request,
            _("The report cannot be submitted yet: %(problems)s")
            % {"problems": error.message},
        )
    else:
        messages.success(request, _("Report submitted to the office."))
    return redirect("grants:report-detail", pk=report.pk)


@login_required
@require_POST
@rate_limited()
def report_open(request, pk: int):
    """A representative starts the final report, or the yearly report of a budget
    year of a multi-year task."""
    contract = get_object_or_404(
        permissions.contracts_visible_to(request.user).exclude(
            status=ContractStatus.DRAFT
        ),
        pk=pk,
    )
    if not can_act_for(request.user, contract.organisation.pk, Capability.SIGN):
        raise PermissionDenied
    year = request.POST.get("year", "")
    try:
        if year:
            if not year.isdigit():
                raise Http404
            existing = contract.reports.filter(
                kind="yearly", period_end__year=int(year)
            ).first()
            report = existing or report_services.report_open_yearly(
                contract=contract, actor=request.user, year=int(year)
            )
        else:
            report = report_services.report_open_final(
                contract=contract, actor=request.user
            )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("grants:my-contracts")
    if report.status == ReportStatus.ACCEPTED:
        return redirect("grants:report-detail", pk=report.pk)
    return redirect("grants:report-step", pk=report.pk, step=1)
