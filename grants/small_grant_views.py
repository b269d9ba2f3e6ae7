"""Small grants (art. 19a): the public pages of published offers with their comments,
and the NGO's simplified offer, written step by step, confirmed and submitted."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from cooperation.core.exceptions import DomainError
from cooperation.core.http import private
from cooperation.core.limits import rate_limit_exceeded, rate_limited
from ngos.permissions import Capability, can_act_for, organisations_for

from . import selectors
from .models.small_grants import SmallGrantOffer
from .services import small_grants as services
from .small_grant_documents import offer_pdf
from .small_grant_forms import (
    SmallGrantCommentForm,
    SmallGrantStartForm,
    SmallGrantStepForm,
    cost_formset,
    formset_costs,
)
from .small_grant_layout import COSTS_TITLE, STEPS, sections

# Public pages -------------------------------------------------------------------


@require_GET
def small_grant_list(request):
    today = timezone.localdate()
    offers = list(selectors.small_grant_list_for_public())
    return render(
        request,
        "grants/small_grant_list.html",
        {
            "open": [o for o in offers if o.comments_open_on(today)],
            "past": [o for o in offers if not o.comments_open_on(today)],
            "can_start": request.user.is_authenticated
            and organisations_for(request.user, Capability.EDIT).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def small_grant_detail(request, pk: int):
    offer = selectors.small_grant_for_public(pk)
    today = timezone.localdate()
    is_open = offer.comments_open_on(today)
    may_comment = services.may_comment(request.user)
    anonymous = not request.user.is_authenticated
    form = None
    status = 200
    if is_open and may_comment:
        initial = {}
        if not anonymous:
            initial["author_name"] = request.user.get_full_name()
        data = request.POST if request.method == "POST" else None
        form = SmallGrantCommentForm(data, initial=initial, anonymous=anonymous)
        if request.method == "POST":
            limited = rate_limit_exceeded(request, "write")
            if limited:
                form.is_valid()
                form.add_error(None, limited)
                status = 429
            elif form.is_valid():
                try:
                    services.small_grant_comment(
                        offer=offer,
                        author=request.user,
                        author_name=form.cleaned_data["author_name"],
                        email=form.cleaned_data.get("email", ""),
                        text=form.cleaned_data["text"],
                    )
                except DomainError as error:
                    form.add_error(
                        error.field if error.field in form.fields else None,
                        error.message,
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Your comment is recorded. It is published once you "
                            "confirm your e-mail address with the link we sent you."
                        )
                        if anonymous
                        else _("Your comment is recorded. Thank you."),
                    )
                    return redirect("grants:small-grant-detail", pk=offer.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "grants/small_grant_detail.html",
        {
            "offer": offer,
            "sections": sections(offer, public=True),
            "comments": list(offer.comments.all()),
            "is_open": is_open,
            "may_comment": may_comment,
            "form": form,
        },
        status=status,
    )


@require_safe
def small_grant_public_pdf(request, pk: int):
    """The published offer's PDF, as its public page shows it."""
    from cooperation.core.pdf import serve_document

    offer = selectors.small_grant_for_public(pk)
    return serve_document(request, offer_pdf(offer, public=True))


@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def small_grant_comment_confirm(request, token: str):
    """A guest confirms the e-mail address of their comment: the link of the e-mail
    opens a page whose button confirms (a mail scanner's visit changes nothing)."""
    comment = None
    error = ""
    status = 200
    if request.method == "POST":
        try:
            comment = services.small_grant_comment_confirm_email(token=token[:500])
        except DomainError as refused:
            error, status = refused.message, 400
        else:
            messages.success(
                request, _("Your e-mail address is confirmed: the comment is public.")
            )
            return redirect("grants:small-grant-detail", pk=comment.offer_id)
    return render(
        request,
        "grants/small_grant_comment_confirm.html",
        {"error": error},
        status=status,
    )


# The NGO's offer ----------------------------------------------------------------


def _own_offer(request, pk: int) -> SmallGrantOffer:
    offer = get_object_or_404(
        SmallGrantOffer.objects.select_related(
            "organisation", "priority", "priority__programme", "statements_template"
        ),
        pk=pk,
    )
    if not services.is_clerk_or_member(request.user, offer):
        raise PermissionDenied
    return offer


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def small_grant_start(request):
    organisations = organisations_for(request.user, Capability.EDIT)
    form = SmallGrantStartForm(
        request.POST or None,
        organisations=organisations,
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.small_grant_create(
                organisation=form.cleaned_data["organisation"],
                priority=form.cleaned_data["priority"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("grants:small-grant-step", pk=offer.pk, step=1)
    return render(request, "grants/small_grant_start.html", {"form": form})


@login_required
@require_GET
@private
def small_grant_offer(request, pk: int):
    offer = _own_offer(request, pk)
    digest = services.checksum(offer) if offer.is_editable else offer.checksum
    editable = offer.is_editable and can_act_for(
        request.user, offer.organisation_id, Capability.EDIT
    )
    return render(
        request,
        "grants/small_grant_offer.html",
        {
            "offer": offer,
            "sections": sections(offer),
            "steps": STEPS,
            "checksum": digest,
            "statements": services.statements_text(offer),
            "problems": services.problems(offer) if offer.is_editable else [],
            "signature_problems": services.signature_problems(offer, digest)
            if offer.is_editable
            else [],
            "confirmations": [
                c for c in offer.confirmations.all() if c.checksum == digest
            ],
            "can_edit": editable,
            "can_confirm": offer.is_editable
            and services.may_confirm(offer, request.user) is not None,
            "can_submit": offer.is_editable
            and can_act_for(request.user, offer.organisation_id, Capability.SIGN),
            "public_url": reverse("grants:small-grant-detail", args=[offer.pk])
            if offer.status in selectors.SMALL_GRANT_PUBLIC
            else "",
        },
    )


@login_required
@require_safe
@private
def small_grant_pdf(request, pk: int):
    """The whole offer's PDF, for its organisation and the clerks."""
    from cooperation.core.pdf import serve_document

    offer = _own_offer(request, pk)
    return serve_document(request, offer_pdf(offer, public=False))


@login_required
@require_http_methods(["GET", "POST"])
@private
def small_grant_step(request, pk: int, step: int):
    offer = _own_offer(request, pk)
    if not 1 <= step <= len(STEPS):
        raise Http404
    if not offer.is_editable:
        messages.info(
            request, _("This offer was submitted and can no longer be changed.")
        )
        return redirect(offer)
    if not can_act_for(request.user, offer.organisation_id, Capability.EDIT):
        raise PermissionDenied
    current = STEPS[step - 1]
    data = request.POST if request.method == "POST" else None
    today = timezone.localdate()
    form = SmallGrantStepForm(data, instance=offer, step=current, today=today)
    costs = cost_formset(data, offer) if current.costs else None
    status = 200
    if request.method == "POST":
        limited = rate_limit_exceeded(request, "write")
        if limited:
            form.is_valid()
            form.add_error(None, limited)
            status = 429
        elif form.is_valid() and (costs is None or costs.is_valid()):
            try:
                offer = services.small_grant_save(
                    offer=offer,
                    actor=request.user,
                    fields=form.changed_values(),
                    costs=formset_costs(costs) if costs is not None else None,
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Draft saved."))
                if "next" in request.POST and step < len(STEPS):
                    return redirect(
                        "grants:small-grant-step", pk=offer.pk, step=step + 1
                    )
                if "next" in request.POST:
                    return redirect(offer)
                return redirect("grants:small-grant-step", pk=offer.pk, step=step)
    return render(
        request,
        "grants/small_grant_form.html",
        {
            "offer": offer,
            "form": form,
            "costs": costs,
            "costs_title": COSTS_TITLE,
            "steps": STEPS,
            "step": current,
            "statements": services.statements_text(offer) if step == len(STEPS) else "",
        },
        status=status,
    )


@login_required
@require_POST
@rate_limited()
def small_grant_confirm(request, pk: int):
    offer = _own_offer(request, pk)
    try:
        made = services.small_grant_confirm(
            offer=offer,
            actor=request.user,
            digest=request.POST.get("checksum", "")[:64],
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(offer)
    if made is None:
        messages.info(request, _("You have already confirmed this version."))
    else:
        messages.success(request, _("Your confirmation of the offer is recorded."))
    return redirect(offer)


@login_required
@require_POST
@rate_limited()
def small_grant_submit(request, pk: int):
    offer = _own_offer(request, pk)
    try:
        offer = services.small_grant_submit(offer=offer, actor=request.user)
    except DomainError as error:
        messages.error(
            request,
            _("The offer cannot be submitted yet: %(problems)s")
            % {"problems": error.message},
        )
        return redirect(offer)
    messages.success(
        request,
        _("Offer %(number)s submitted. Checksum (SHA-256): %(checksum)s")
        % {"number": offer.number, "checksum": offer.checksum},
    )
    return redirect(offer)
