from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.http import keep_private
from cooperation.core.limits import rate_limited
from ngos.permissions import Capability, organisations_for

from . import selectors, services
from .forms import NominateForm, OrganisationForm, StartForm, VoteForm
from .models import CreationRequest, Election


@require_GET
def council(request):
    """``/wspolpraca/rada/``: members, term, meetings, resolutions and opinions."""
    return render(request, "council/council.html", {"page": selectors.council_page()})


@login_required
@require_GET
def take_part(request):
    """The organisations' part: the request to create the council, nominations, votes."""
    if not organisations_for(request.user, Capability.SIGN).exists():
        raise PermissionDenied(
            _("Only a representative of a verified organisation may do this.")
        )
    part = selectors.organisations_part()
    user = request.user
    response = render(
        request,
        "council/take_part.html",
        {
            "part": part,
            "start_form": StartForm(user=user, prefix="start"),
            "sign_forms": [
                (r, OrganisationForm(user=user, prefix=f"sign{r.pk}"))
                for r in part.requests
            ],
            "nominate_forms": [
                (e, NominateForm(user=user, prefix=f"nominate{e.pk}"))
                for e in part.nominating
            ],
            "vote_forms": [
                (e, VoteForm(user=user, election=e, prefix=f"vote{e.pk}"))
                for e in part.voting
            ],
            "needed": selectors.organisations_needed(),
        },
    )
    return keep_private(response)


def _act(request, form: Any, act: Callable[[Any], Any], done: str):
    """Run the service with the form's data; its refusal comes back as a message."""
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("council:take-part")
    try:
        act(form.cleaned_data)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("council:take-part")


@login_required
@require_POST
@rate_limited()
def request_start(request):
    return _act(
        request,
        StartForm(request.POST, user=request.user, prefix="start"),
        lambda data: services.creation_request_start(actor=request.user, **data),
        _("The request is started. Other organisations may now sign it."),
    )


@login_required
@require_POST
@rate_limited()
def request_sign(request, pk: int):
    creation = get_object_or_404(CreationRequest, pk=pk)
    return _act(
        request,
        OrganisationForm(request.POST, user=request.user, prefix=f"sign{pk}"),
        lambda data: services.creation_request_sign(
            request=creation, actor=request.user, **data
        ),
        _("Your organisation has signed the request."),
    )


@login_required
@require_POST
@rate_limited()
def request_submit(request, pk: int):
    creation = get_object_or_404(CreationRequest, pk=pk)
    try:
        services.creation_request_submit(creationrequest=creation, actor=request.user)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The request is submitted to the mayor (art. 41e ust. 1).")
        )
    return redirect("council:take-part")


@login_required
@require_POST
@rate_limited()
def nominate(request, pk: int):
    election = get_object_or_404(Election, pk=pk)
    return _act(
        request,
        NominateForm(request.POST, user=request.user, prefix=f"nominate{pk}"),
        lambda data: services.candidate_nominate(
            election=election, actor=request.user, **data
        ),
        _("The candidate is nominated."),
    )


@login_required
@require_POST
@rate_limited()
def vote(request, pk: int):
    election = get_object_or_404(Election, pk=pk)
    return _act(
        request,
        VoteForm(
            request.POST, user=request.user, election=election, prefix=f"vote{pk}"
        ),
        lambda data: services.vote_cast(election=election, actor=request.user, **data),
        _("Your organisation's vote is cast."),
    )
