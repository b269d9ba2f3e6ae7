"""``/inicjatywa-lokalna/``: how to apply, the form, the applicant's list, the public
list of accepted initiatives, the clerk's assessment, the documents attached, the
co-applicants invited, the log of contributions delivered and the PDFs of the
agreement and the settlement."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.http import keep_private, private
from cooperation.core.limits import rate_limited
from cooperation.core.permissions import clerk_required
from cooperation.core.workflow import history

from . import documents, initiative_documents, permissions
from . import initiative_selectors as selectors
from .initiative_act import ART_19B_1_INTRO, ART_19C, task_points
from .initiative_forms import (
    APPLICATION_FIELDS,
    InitiativeApplicationForm,
    InitiativeAssessmentForm,
    InitiativeAttachmentForm,
    InitiativeContributionForm,
    InitiativeInvitationForm,
)
from .models import (
    CONTRIBUTING_STATES,
    InitiativeApplication,
    InitiativeInvitation,
    InitiativeStatus,
)
from .services import (
    initiative_attachments,
    initiative_delivery,
    initiative_invitations,
)
from .services import initiatives as services


@require_GET
def initiative_index(request):
    """How to apply: the resolution's procedure and criteria, and the Act's tasks."""
    return render(
        request,
        "grants/initiative_index.html",
        {
            "resolution": selectors.current_resolution(),
            "intro": ART_19B_1_INTRO,
            "points": task_points(),
            "art_19c": ART_19C,
        },
    )


@require_GET
def initiative_list(request):
    """The initiatives the municipality accepted, with what each side contributes."""
    return render(
        request,
        "grants/initiative_list.html",
        {"initiatives": selectors.initiative_list_for_public()},
    )


@login_required
@require_safe
@private
def initiative_mine(request):
    return render(
        request,
        "grants/initiative_mine.html",
        {"applications": selectors.initiative_list_for_applicant(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
def initiative_apply(request):
    resolution = selectors.current_resolution()
    if resolution is None:
        raise Http404(_("The council has not adopted the procedure yet."))
    form = InitiativeApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name) for name in APPLICATION_FIELDS}
        for name in ("in_kind_value", "financial_contribution"):
            if data[name] is None:
                data.pop(name)
        if data["social_work_hours"] is None:
            data["social_work_hours"] = 0
        try:
            application = services.initiative_apply(
                actor=request.user, resolution=resolution, **data
            )
        except PermissionDeniedError as error:
            raise PermissionDenied(error.message) from error
        except DomainError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(
                request,
                _("The application %(number)s has been filed.")
                % {"number": application.number},
            )
            return redirect(application.get_absolute_url())
    response = render(
        request,
        "grants/initiative_form.html",
        {"form": form, "resolution": resolution},
    )
    return keep_private(response)


def _history(application: InitiativeApplication) -> list[tuple[Any, str]]:
    """The audit trail with the states' names."""
    labels = dict(InitiativeStatus.choices)
    labels.update(
        {
            "contribution-added": _("contribution logged"),
            "contribution-removed": _("contribution taken off the log"),
            "co-applicant-invited": _("co-applicant invited"),
            "co-applicant-joined": _("co-applicant joined"),
            "document-attached": _("document attached"),
            "document-removed": _("document taken off"),
        }
    )
    return [
        (c, str(labels.get(c.to_status, c.to_status))) for c in history(application)
    ]


@require_GET
def initiative_detail(request, pk: int):
    """An accepted initiative for everyone; the whole application for its applicants
    and the clerks."""
    application = get_object_or_404(selectors.initiative_detail(), pk=pk)
    details = permissions.can_see_initiative_details(request.user, application)
    if not (application.is_public or details):
        raise Http404
    settlement = getattr(application, "settlement", None)
    delivered = None
    under_agreement = getattr(application, "agreement", None) is not None
    if settlement is None and under_agreement and (application.is_completed or details):
        delivered = initiative_delivery.contribution_totals(application)
    response = render(
        request,
        "grants/initiative_detail.html",
        {
            "application": application,
            "details": details,
            "history": _history(application) if details else [],
            "agreement": getattr(application, "agreement", None),
            "settlement": settlement,
            "delivered": delivered,
            "may_log": application.status in CONTRIBUTING_STATES
            and permissions.can_record_initiative_contribution(
                request.user, application
            ),
            **_invitations_context(request, application, details),
        },
    )
    if details:
        keep_private(response)
    return response


def _invitations_context(
    request,
    application: InitiativeApplication,
    details: bool,
    form: Any = None,
    attach_form: Any = None,
) -> dict[str, Any]:
    """The co-applicants invited and the documents attached, with the forms for
    more."""
    if not details:
        return {"invitations": [], "invite_form": None, "attachments": []}
    may_attach = (
        application.status == InitiativeStatus.SUBMITTED
        and permissions.can_record_initiative_contribution(request.user, application)
    )
    may_invite = (
        application.applicant_id == request.user.pk
        and application.status not in initiative_invitations.CLOSED_STATES
    )
    return {
        "invitations": list(application.invitations.select_related("accepted_by")),
        "invite_form": (form or InitiativeInvitationForm()) if may_invite else None,
        "attachments": list(application.attachments.all()),
        "attach_form": (attach_form or InitiativeAttachmentForm())
        if may_attach
        else None,
    }


@login_required
@require_POST
@rate_limited()
@private
def initiative_invite(request, pk: int):
    """The leader invites a resident to apply with the group, by e-mail."""
    application = get_object_or_404(selectors.initiative_detail(), pk=pk)
    if not permissions.can_see_initiative_details(request.user, application):
        raise Http404
    form = InitiativeInvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = initiative_invitations.initiative_invite(
                application=application,
                actor=request.user,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
            )
        except PermissionDeniedError as error:
            raise PermissionDenied(error.message) from error
        except DomainError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.")
                % {"email": invitation.email},
            )
            return redirect(application.get_absolute_url())
    response = render(
        request,
        "grants/initiative_detail.html",
        {
            "application": application,
            "details": True,
            "history": _history(application),
            "agreement": getattr(application, "agreement", None),
            "settlement": getattr(application, "settlement", None),
            "delivered": None,
            "may_log": False,
            **_invitations_context(request, application, True, form),
        },
        status=400,
    )
    return keep_private(response)


@login_required
@require_POST
@rate_limited()
@private
def initiative_attach(request, pk: int):
    """A document the resolution requires, attached to a submitted application."""
    application = get_object_or_404(selectors.initiative_detail(), pk=pk)
    if not permissions.can_see_initiative_details(request.user, application):
        raise Http404
    form = InitiativeAttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            initiative_attachments.initiative_attach(
                application=application,
                actor=request.user,
                name=form.cleaned_data["name"],
                file=form.cleaned_data["file"],
            )
        except PermissionDeniedError as error:
            raise PermissionDenied(error.message) from error
        except DomainError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(request, _("The document has been attached."))
            return redirect(application.get_absolute_url())
    response = render(
        request,
        "grants/initiative_detail.html",
        {
            "application": application,
            "details": True,
            "history": _history(application),
            "agreement": getattr(application, "agreement", None),
            "settlement": getattr(application, "settlement", None),
            "delivered": None,
            "may_log": False,
            **_invitations_context(request, application, True, attach_form=form),
        },
        status=400,
    )
    return keep_private(response)


@login_required
@require_POST
@rate_limited()
def initiative_detach(request, pk: int, document: int):
    application = get_object_or_404(selectors.initiative_detail(), pk=pk)
    if not permissions.can_see_initiative_details(request.user, application):
        raise Http404
    item = get_object_or_404(application.attachments.all(), pk=document)
    item.application = application
    try:
        initiative_attachments.initiative_detach(attachment=item, actor=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The document has been taken off."))
    return redirect(application.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def initiative_invitation(request, token: str):
    """The invited resident joins the application (with the invited address)."""
    invitation = get_object_or_404(
        InitiativeInvitation.objects.select_related("application"), token=token
    )
    error = ""
    if request.method == "POST":
        try:
            initiative_invitations.initiative_invitation_accept(
                invitation=invitation, actor=request.user
            )
        except (DomainError, PermissionDeniedError) as refusal:
            error = refusal.message
        else:
            messages.success(
                request, _("You have joined the application as a co-applicant.")
            )
            return redirect(invitation.application.get_absolute_url())
    return render(
        request,
        "grants/initiative_invitation.html",
        {"invitation": invitation, "error": error},
        status=400 if error else 200,
    )


@clerk_required
@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def initiative_assess(request, pk: int):
    """The clerk scores the application on each criterion of the resolution."""
    application = get_object_or_404(selectors.initiative_detail(), pk=pk)
    if application.status != InitiativeStatus.CHECKED:
        messages.error(
            request, _("Only an application found formally correct is assessed.")
        )
        return redirect(application.get_absolute_url())
    form = InitiativeAssessmentForm(
        request.POST or None, resolution=application.resolution
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_assess(
                initiativeapplication=application,
                actor=request.user,
                scores=form.scores(),
                worthwhile=form.cleaned_data["worthwhile"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(request, _("The assessment has been recorded."))
            return redirect(application.get_absolute_url())
    return render(
        request,
        "grants/initiative_assess.html",
        {"application": application, "form": form},
    )


@login_required
@require_safe
@private
def initiative_agreement_pdf(request, pk: int):
    application = get_object_or_404(selectors.initiative_detail(), pk=pk)
    if not permissions.can_see_initiative_details(request.user, application):
        raise Http404
    if getattr(application, "agreement", None) is None:
        raise Http404
    return documents.serve(request, initiative_documents.agreement_pdf(application))


def _contributions_context(request, application, form) -> dict[str, Any]:
    may_log = application.status in CONTRIBUTING_STATES and (
        permissions.can_record_initiative_contribution(request.user, application)
    )
    return {
        "application": application,
        "form": form if may_log else None,
        "may_log": may_log,
        "contributions": list(selectors.initiative_contributions(application)),
        "delivered": initiative_delivery.contribution_totals(application),
    }


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def initiative_contributions(request, pk: int):
    """The log of the contributions the residents delivered, with their evidence;
    the applicant, the organisation's representative and the clerks add to it."""
    application = get_object_or_404(selectors.initiative_with_agreement(), pk=pk)
    if not permissions.can_see_initiative_details(request.user, application):
        raise Http404
    if getattr(application, "agreement", None) is None:
        raise Http404
    posted = request.method == "POST"
    form = InitiativeContributionForm(
        request.POST if posted else None, request.FILES if posted else None
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            initiative_delivery.initiative_contribution_add(
                application=application,
                actor=request.user,
                kind=data["kind"],
                delivered_on=data["delivered_on"],
                description=data["description"],
                hours=data.get("hours"),
                amount=data.get("amount"),
                evidence=data["evidence"],
            )
        except PermissionDeniedError as error:
            raise PermissionDenied(error.message) from error
        except DomainError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(request, _("The contribution has been logged."))
            return redirect("grants:initiative-contributions", pk=application.pk)
    return render(
        request,
        "grants/initiative_contributions.html",
        _contributions_context(request, application, form),
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
@rate_limited()
def initiative_contribution_remove(request, pk: int, contribution: int):
    application = get_object_or_404(selectors.initiative_with_agreement(), pk=pk)
    if not permissions.can_see_initiative_details(request.user, application):
        raise Http404
    item = get_object_or_404(application.contributions.all(), pk=contribution)
    item.application = application
    try:
        initiative_delivery.initiative_contribution_remove(
            contribution=item, actor=request.user
        )
    except PermissionDeniedError as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The contribution has been taken off the log."))
    return redirect("grants:initiative-contributions", pk=application.pk)


@login_required
@require_safe
@private
def initiative_settlement_pdf(request, pk: int):
    application = get_object_or_404(selectors.initiative_with_agreement(), pk=pk)
    if not permissions.can_see_initiative_details(request.user, application):
        raise Http404
    if getattr(application, "settlement", None) is None:
        raise Http404
    return documents.serve(request, initiative_documents.settlement_pdf(application))
