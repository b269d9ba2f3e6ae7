from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.http import keep_private
from cooperation.core.limits import rate_limited
from ngos.permissions import Capability, organisations_for

from . import documents, permissions, selectors, services
from .forms import (
    BookingForm,
    LetterForm,
    PatronageForm,
    PlannedActivityForm,
    PromotionForm,
    ProposalForm,
    TeamProposalForm,
)
from .models import Booking, RecommendationLetter, Resource, TaskProposal


@require_GET
def index(request):
    """``/wspolpraca/``: the non-financial forms of cooperation and how to ask for them."""
    return render(request, "nonfinancial/index.html")


@require_GET
def patronage_list(request):
    return render(
        request,
        "nonfinancial/patronage_list.html",
        {"patronages": selectors.patronage_list_for_public()},
    )


@require_GET
def resource_list(request):
    return render(
        request,
        "nonfinancial/resource_list.html",
        {"resources": selectors.resource_list_for_public()},
    )


@require_GET
def resource_detail(request, slug: str):
    resource = get_object_or_404(Resource, slug=slug, is_active=True)
    return render(
        request,
        "nonfinancial/resource_detail.html",
        {"resource": resource, "slots": selectors.availability(resource)},
    )


@require_GET
def promotion_list(request):
    return render(
        request,
        "nonfinancial/promotion_list.html",
        {"promotions": selectors.promotions_published()},
    )


@require_GET
def information(request):
    """Mutual information (art. 5 ust. 2 pkt 1): the plans of both sides."""
    return render(
        request,
        "nonfinancial/information.html",
        {
            "plans": selectors.annual_plans_published(),
            "activities": selectors.planned_activities_published(),
        },
    )


@require_GET
def team_list(request):
    """Joint advisory and initiative teams: members, meetings, recommendations."""
    return render(
        request, "nonfinancial/team_list.html", {"teams": selectors.teams_for_public()}
    )


@require_GET
def proposal_list(request):
    return render(
        request,
        "nonfinancial/proposal_list.html",
        {"proposals": selectors.proposal_list_for_public()},
    )


@require_GET
def proposal_detail(request, pk: int):
    proposal = get_object_or_404(
        TaskProposal.objects.select_related("organisation", "sphere"), pk=pk
    )
    if proposal.status == TaskProposal.Status.SUBMITTED and not (
        permissions.can_see_request(request.user, proposal)
    ):
        raise Http404
    response = render(
        request, "nonfinancial/proposal_detail.html", {"proposal": proposal}
    )
    if proposal.status == TaskProposal.Status.SUBMITTED:
        keep_private(response)
    return response


def _request_page(
    request,
    *,
    form_class: Any,
    title: str,
    submit: Any,
    done: str,
    context: dict[str, Any] | None = None,
    form_kwargs: dict[str, Any] | None = None,
):
    """A request form: the organisation, the fields, the service; errors kept."""
    if not organisations_for(request.user, Capability.SIGN).exists():
        raise PermissionDenied(
            _("Only a representative of a verified organisation may send this request.")
        )
    form = form_class(request.POST or None, user=request.user, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        try:
            submit(form)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, done)
            return redirect("nonfinancial:my-requests")
    response = render(
        request,
        "nonfinancial/request_form.html",
        {"form": form, "title": title, **(context or {})},
    )
    return keep_private(response)


def _data(form: Any, *names: str) -> dict[str, Any]:
    return {name: form.cleaned_data.get(name) for name in names}


@login_required
@rate_limited()
def patronage_request(request):
    return _request_page(
        request,
        form_class=PatronageForm,
        title=_("Request the mayor's patronage"),
        done=_("The request has been sent. You will receive the decision by e-mail."),
        submit=lambda form: services.patronage_request(
            actor=request.user,
            **_data(
                form,
                "organisation",
                "event_title",
                "description",
                "starts_on",
                "ends_on",
                "place",
                "audience",
                "publicity",
            ),
        ),
    )


@login_required
@rate_limited()
def booking_request(request, slug: str):
    resource = get_object_or_404(Resource, slug=slug, is_active=True)

    def submit(form: BookingForm) -> Booking:
        starts_at, ends_at = form.times()
        return services.booking_request(
            actor=request.user,
            resource=resource,
            starts_at=starts_at,
            ends_at=ends_at,
            weekly_until=(
                form.cleaned_data["repeat_until"]
                if form.cleaned_data["weekly"]
                else None
            ),
            **_data(form, "organisation", "purpose", "participants"),
        )

    return _request_page(
        request,
        form_class=BookingForm,
        title=_("Book: %(resource)s") % {"resource": resource.name},
        done=_(
            "The booking request has been sent. You will receive the decision by e-mail."
        ),
        submit=submit,
        context={"resource": resource},
    )


@login_required
@rate_limited()
def promotion_request(request):
    return _request_page(
        request,
        form_class=PromotionForm,
        title=_("Ask the municipality to promote an event or a call"),
        done=_("The request has been sent. You will receive the decision by e-mail."),
        submit=lambda form: services.promotion_request(
            actor=request.user,
            **{
                **_data(
                    form,
                    "organisation",
                    "kind",
                    "title",
                    "text",
                    "starts_at",
                    "ends_at",
                ),
                "place": form.cleaned_data.get("place") or "",
                "link": form.cleaned_data.get("link") or "",
                "channels": form.cleaned_data.get("channels") or "",
            },
        ),
    )


@login_required
@rate_limited()
def letter_request(request):
    return _request_page(
        request,
        form_class=LetterForm,
        title=_("Request a letter of recommendation"),
        done=_("The request has been sent. You will receive the decision by e-mail."),
        submit=lambda form: services.letter_request(
            actor=request.user,
            **_data(form, "organisation", "addressee", "purpose", "cooperation"),
        ),
    )


@login_required
@rate_limited()
def proposal_submit(request):
    return _request_page(
        request,
        form_class=ProposalForm,
        title=_("Propose a public task (art. 12)"),
        done=_(
            "The proposal has been sent. The municipality answers within one month."
        ),
        submit=lambda form: services.proposal_submit(
            actor=request.user,
            cost_breakdown=form.cleaned_data.get("cost_breakdown") or "",
            **_data(
                form, "organisation", "title", "description", "cost_estimate", "sphere"
            ),
        ),
    )


@login_required
@rate_limited()
def team_propose(request):
    return _request_page(
        request,
        form_class=TeamProposalForm,
        title=_("Propose a joint advisory and initiative team"),
        done=_("The proposal has been sent. You will receive the decision by e-mail."),
        submit=lambda form: services.team_propose(
            actor=request.user,
            **_data(form, "organisation", "name", "purpose", "justification"),
        ),
        context={"back": "nonfinancial:team-list"},
    )


@login_required
@rate_limited()
def planned_activity_submit(request):
    return _request_page(
        request,
        form_class=PlannedActivityForm,
        title=_("Tell about a planned activity of your organisation"),
        done=_(
            "The planned activity has been sent. It is published once a clerk "
            "approves it."
        ),
        submit=lambda form: services.planned_activity_submit(
            actor=request.user,
            **_data(form, "organisation", "year", "title", "description"),
        ),
        context={"back": "nonfinancial:information"},
    )


@login_required
@require_GET
def my_requests(request):
    """The requests of the person's organisations and their state."""
    response = render(
        request,
        "nonfinancial/my_requests.html",
        {"requests": selectors.requests_of(request.user)},
    )
    return keep_private(response)


@login_required
@require_GET
def agreement_pdf(request, pk: int):
    from cooperation.core.pdf import serve_document

    booking = get_object_or_404(
        Booking.objects.select_related("organisation", "resource"), pk=pk
    )
    if not permissions.can_get_agreement(request.user, booking):
        raise Http404
    doc = documents.agreement_document(booking)
    return keep_private(
        serve_document(request, doc, filename=f"umowa-uzyczenia-{booking.pk}.pdf")
    )


@login_required
@require_GET
def letter_pdf(request, pk: int):
    from cooperation.core.pdf import serve_document

    letter = get_object_or_404(
        RecommendationLetter.objects.select_related("organisation"), pk=pk
    )
    if not permissions.can_get_letter(request.user, letter):
        raise Http404
    doc = documents.letter_document(letter)
    return keep_private(
        serve_document(request, doc, filename=f"list-rekomendacyjny-{letter.pk}.pdf")
    )
