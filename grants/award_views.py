"""The offeror's pages after the award: the update of a chosen offer and declining the
grant."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cooperation.core.exceptions import DomainError
from cooperation.core.http import private
from cooperation.core.limits import clean_text, rate_limit_exceeded, rate_limited
from cooperation.core.workflow import history

from . import documents, permissions, selectors, services
from .award import (
    UPDATE_STEPS,
    can_decline,
    can_edit_update,
    can_sign_for_offeror,
    needs_update,
)
from .award import update_problems as problems_of
from .forms import OfferStepForm, formset_rows, row_formset
from .layout import ROW_TITLES
from .models import Offer, OfferStatus, OfferUpdate
from .views import _row_errors


def _offer(request, pk: int) -> Offer:
    offer = get_object_or_404(selectors.offers_with_rows(), pk=pk)
    if not permissions.can_view_offer(request.user, offer):
        raise PermissionDenied
    return offer


def _update(offer: Offer) -> OfferUpdate | None:
    return OfferUpdate.objects.filter(offer=offer).first()


@login_required
@require_http_methods(["GET", "POST"])
@private
def offer_update(request, pk: int):
    """The update's page: its state, what keeps it from being sent, submit, decline."""
    offer = _offer(request, pk)
    update = _update(offer)
    if request.method == "POST":
        if rate_limit_exceeded(request, "write"):
            messages.error(request, _("Too many changes in a short time; try later."))
            return redirect("grants:offer-update", pk=offer.pk)
        try:
            services.offer_update_start(offer=offer, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(offer)
        return redirect("grants:offer-update-step", pk=offer.pk, step=1)
    if update is None and offer.status not in (
        OfferStatus.SELECTED,
        OfferStatus.WITHDRAWN,
    ):
        raise Http404
    updated = update.as_offer(offer) if update else None
    return render(
        request,
        "grants/offer_update.html",
        {
            "offer": offer,
            "update": update,
            "updated": updated,
            "steps": UPDATE_STEPS,
            "needs_update": needs_update(offer),
            "can_edit": update is not None
            and update.is_editable
            and can_edit_update(request.user, offer),
            "can_start": update is None and can_edit_update(request.user, offer),
            "can_sign": can_sign_for_offeror(request.user, offer),
            "can_decline": can_decline(request.user, offer),
            "is_offeror": can_sign_for_offeror(request.user, offer),
            "problems": problems_of(update, offer)
            if update is not None and update.is_editable
            else [],
            "history": [
                (
                    change.created_at,
                    OfferUpdate.Status(change.to_status).label
                    if change.to_status in OfferUpdate.Status.values
                    else change.to_status,
                    change.note,
                )
                for change in (history(update) if update else [])
            ],
            "statuses": OfferUpdate.Status,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@private
def offer_update_step(request, pk: int, step: int):
    """A step of the update on the offer's own form, pre-filled with the update."""
    offer = _offer(request, pk)
    update = _update(offer)
    if update is None:
        return redirect("grants:offer-update", pk=offer.pk)
    if not 1 <= step <= len(UPDATE_STEPS):
        raise Http404
    if not update.is_editable or not can_edit_update(request.user, offer):
        raise PermissionDenied
    current = UPDATE_STEPS[step - 1]
    updated = update.as_offer(offer)
    data = request.POST if request.method == "POST" else None
    form = OfferStepForm(
        data, instance=updated, step=current, initial={"version": update.version}
    )
    groups = {
        g: row_formset(
            g,
            data=data,
            rows=getattr(updated, g).all() if data is None else [],
            offer=updated,
        )
        for g in current.groups
    }
    limited = request.method == "POST" and rate_limit_exceeded(request, "write")
    if limited:
        form.is_valid()
        form.add_error(None, limited)
    elif request.method == "POST":
        if form.is_valid() and all(fs.is_valid() for fs in groups.values()):
            try:
                services.offer_update_save(
                    offerupdate=update,
                    actor=request.user,
                    version=form.cleaned_data["version"],
                    fields=form.changed_values(),
                    **{g: formset_rows(fs) for g, fs in groups.items()},
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Update saved."))
                if "next" in request.POST and step < len(UPDATE_STEPS):
                    return redirect(
                        "grants:offer-update-step", pk=offer.pk, step=step + 1
                    )
                if "next" in request.POST:
                    return redirect("grants:offer-update", pk=offer.pk)
                return redirect("grants:offer-update-step", pk=offer.pk, step=step)
    return render(
        request,
        "grants/offer_update_form.html",
        {
            "offer": offer,
            "update": update,
            "form": form,
            "formsets": [(g, ROW_TITLES[g], fs) for g, fs in groups.items()],
            "steps": UPDATE_STEPS,
            "step": current,
            "row_errors": _row_errors(groups) if request.method == "POST" else [],
        },
        status=429 if limited else 200,
    )


@login_required
@require_POST
@rate_limited()
def offer_update_submit(request, pk: int):
    offer = _offer(request, pk)
    update = _update(offer)
    if update is None:
        raise Http404
    try:
        services.offer_update_submit(offerupdate=update, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The update was sent to the office. Checksum (SHA-256): %(checksum)s")
            % {"checksum": update.checksum},
        )
    return redirect("grants:offer-update", pk=offer.pk)


@login_required
@require_POST
@rate_limited()
def offer_decline(request, pk: int):
    offer = _offer(request, pk)
    try:
        reason = clean_text(request.POST.get("reason", ""), "comment")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("grants:offer-update", pk=offer.pk)
    try:
        services.offer_decline(offer=offer, actor=request.user, reason=reason)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The grant was declined."))
    return redirect("grants:offer-update", pk=offer.pk)


@login_required
@require_http_methods(["GET"])
@private
def offer_update_pdf(request, pk: int):
    offer = _offer(request, pk)
    update = _update(offer)
    if update is None or not update.checksum:
        raise Http404
    return documents.serve(request, documents.offer_update(update))
