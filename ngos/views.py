from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperation.core.cache import lazy_page
from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.http import private
from cooperation.core.limits import rate_limited
from cooperation.core.permissions import has_clerk_powers
from cooperation.core.typography import quoted

from . import krs as krs_client
from . import selectors, services
from .filters import OrganisationFilter
from .forms import (
    MembershipRequestForm,
    OrganisationForm,
    PartnerAnswerForm,
    PartnerSearchForm,
    RefuseForm,
)
from .models import Membership, Organisation, PartnerSearch
from .permissions import (
    Capability,
    can_act_for,
    can_decide_membership,
    can_view_organisation,
    organisations_for,
)
from .validators import clean_krs

PAGE_SIZE = 20


def _form_error(form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, ValidationError(error.message, code=error.code))


# --- public directory ----------------------------------------------------------------


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    """The directory: search, filters, sorting and pages of listed organisations."""
    # Built, validated, counted and read only when the template's fragment is
    # rendered, not when it comes from the cache.
    filterset = SimpleLazyObject(
        lambda: OrganisationFilter(
            request.GET or None, queryset=selectors.organisation_list_for_public()
        )
    )
    page = lazy_page(lambda: filterset.qs, PAGE_SIZE, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "ngos/organisation_list.html",
        {
            "filter": filterset,
            "page": page,
            "organisations": SimpleLazyObject(lambda: page.object_list),
            "querystring": query.urlencode(),
            "searched": bool(request.GET),
        },
    )


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organisation = selectors.organisation_kept(slug)
    except Organisation.DoesNotExist:
        raise Http404 from None
    if not can_view_organisation(request.user, organisation):
        raise Http404
    is_member = can_act_for(request.user, organisation, Capability.VIEW)
    return render(
        request,
        "ngos/organisation_detail.html",
        {
            "organisation": organisation,
            # Read only when the template's fragment is rendered.
            "partner_searches": SimpleLazyObject(
                lambda: selectors.partner_searches_of(organisation)
            ),
            "activity": SimpleLazyObject(
                lambda: selectors.organisation_activity(organisation)
            ),
            "is_member": is_member,
        },
    )


# --- registering and editing ---------------------------------------------------------


def _prefill(
    request: HttpRequest, form_class, *, instance=None, **kwargs
) -> tuple[Any, bool]:
    """Fill the fields the person left empty from the KRS extract; keep what they typed."""
    data = request.POST.copy()
    try:
        number = clean_krs(data.get("krs", ""))
    except Exception:  # noqa: BLE001 - the bound form shows the KRS message
        number = ""
    if not number:
        form = form_class(data, request.FILES, instance=instance, **kwargs)
        form.is_valid()
        form.add_error(
            "krs", _("KRS number: enter it to fill in the form from the register.")
        )
        return form, False
    try:
        extract = krs_client.fetch_extract(number)
    except krs_client.KrsNotFound:
        messages.warning(
            request,
            _(
                "KRS number %(krs)s was not found in the register of associations or of entrepreneurs. Check the number or fill in the form by hand."
            )
            % {"krs": number},
        )
        return form_class(
            initial=_initial(data, form_class), instance=instance, **kwargs
        ), False
    except krs_client.KrsUnavailable:
        messages.warning(
            request,
            _(
                "The KRS register cannot be reached at the moment. Please fill in the fields by hand; nothing you typed is lost."
            ),
        )
        return form_class(
            initial=_initial(data, form_class), instance=instance, **kwargs
        ), False
    for field, value in extract.as_form_data().items():
        if field == "is_opp":
            if value:
                data["is_opp"] = "on"
            continue
        if value and not (data.get(field) or "").strip():
            data[field] = value
    data["krs"] = number
    messages.info(
        request,
        _("Filled in from the KRS register (%(form)s). Check the data and save.")
        % {"form": extract.legal_form_name.lower() or extract.register},
    )
    if extract.representation is not None:
        from dataclasses import asdict

        representation = asdict(extract.representation)
        request.session[KRS_REPRESENTATION] = {"krs": number, **representation}
        messages.info(
            request,
            _(
                "Representation in the register: %(organ)s (%(members)s). Manner: "
                "“%(manner)s”. It is saved with the organisation."
            )
            % {
                "organ": representation["organ"],
                "members": ", ".join(
                    f"{m['name']}, {m['function']}".strip(", ")
                    for m in representation["members"]
                )
                or "—",
                "manner": representation["manner"],
            },
        )
        if representation["note"]:
            messages.warning(request, representation["note"])
    return form_class(
        initial=_initial(data, form_class), instance=instance, **kwargs
    ), True


KRS_REPRESENTATION = "ngos:krs-representation"


def _apply_krs_representation(request: HttpRequest, organisation) -> None:
    """Save the representation read at prefill, if it is the organisation's KRS."""
    stored = request.session.pop(KRS_REPRESENTATION, None)
    if not stored or stored.get("krs") != organisation.krs:
        return
    try:
        services.representation_from_krs(
            organisation=organisation, representation=stored, actor=request.user
        )
    except DomainError as refused:
        messages.warning(request, refused.message)


def _initial(data, form_class) -> dict[str, Any]:
    multi = {"spheres", "areas"}
    initial: dict[str, Any] = {}
    for name in form_class.base_fields:
        if name in multi:
            initial[name] = data.getlist(name)
        elif name == "is_opp" or name == "is_public":
            initial[name] = data.get(name) in ("on", "true", "1", "True")
        elif name in data:
            initial[name] = data.get(name)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
def organisation_create(request: HttpRequest) -> HttpResponse:
    """Register a new organisation; its creator becomes a pending representative."""
    if request.method == "POST" and "krs_prefill" in request.POST:
        form, _filled = _prefill(request, OrganisationForm)
    elif request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                organisation = services.organisation_register(
                    creator=request.user,
                    data=form.profile_data(),
                    spheres=form.cleaned_data["spheres"],
                    areas=form.cleaned_data["areas"],
                )
            except DomainError as error:
                _form_error(form, error)
            else:
                _apply_krs_representation(request, organisation)
                messages.success(
                    request,
                    _(
                        "%(name)s is registered. A clerk will verify it; until then only you see its profile."
                    )
                    % {"name": quoted(organisation.name)},
                )
                return redirect("ngos:organisation-panel", slug=organisation.slug)
    else:
        form = OrganisationForm(initial={"is_public": True})
    duplicate = _duplicate_of(form)
    return render(
        request,
        "ngos/organisation_form.html",
        {"form": form, "creating": True, "duplicate": duplicate},
    )


def _duplicate_of(form) -> Organisation | None:
    """The existing organisation a duplicate-number error points to, for a join link."""
    return getattr(form, "duplicate", None)


def _member_organisation(
    request: HttpRequest, slug: str, capability: Capability
) -> Organisation:
    organisation = get_object_or_404(
        Organisation.objects.defer("search_vector"), slug=slug
    )
    if not (
        can_act_for(request.user, organisation, capability)
        or has_clerk_powers(request.user)
    ):
        raise PermissionDenied
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _member_organisation(request, slug, Capability.EDIT)
    if request.method == "POST" and "krs_prefill" in request.POST:
        form, _filled = _prefill(request, OrganisationForm, instance=organisation)
    elif request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES, instance=organisation)
        if form.is_valid():
            try:
                services.organisation_update(
                    organisation=organisation,
                    actor=request.user,
                    data=form.profile_data(),
                    spheres=form.cleaned_data["spheres"],
                    areas=form.cleaned_data["areas"],
                )
            except DomainError as error:
                _form_error(form, error)
            else:
                _apply_krs_representation(request, organisation)
                messages.success(request, _("The profile is saved."))
                return redirect("ngos:organisation-panel", slug=organisation.slug)
    else:
        form = OrganisationForm(instance=organisation)
    return render(
        request,
        "ngos/organisation_form.html",
        {
            "form": form,
            "organisation": organisation,
            "creating": False,
            "duplicate": _duplicate_of(form),
        },
    )


@login_required
@require_GET
@private
def organisation_panel(request: HttpRequest, slug: str) -> HttpResponse:
    """Members' view: profile status, members and pending requests."""
    organisation = get_object_or_404(
        Organisation.objects.defer("search_vector"), slug=slug
    )
    user = request.user
    founding_pending = Membership.objects.filter(
        user=user,
        organisation=organisation,
        status=Membership.Status.PENDING,
        founding=True,
    ).exists()
    if not (
        can_act_for(user, organisation, Capability.VIEW)
        or has_clerk_powers(user)
        or founding_pending
    ):
        raise PermissionDenied
    memberships = selectors.membership_list_for_panel(organisation)
    for m in memberships:
        m.can_decide = m.status == Membership.Status.PENDING and can_decide_membership(
            user, m
        )
        m.can_end = m.status == Membership.Status.APPROVED and (
            m.user_id == user.pk or can_decide_membership(user, m, ending=True)
        )
    return render(
        request,
        "ngos/organisation_panel.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "can_edit": can_act_for(user, organisation, Capability.EDIT)
            or has_clerk_powers(user),
            "refuse_form": RefuseForm(),
        },
    )


# --- memberships ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
def membership_request(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.defer("search_vector"), slug=slug
    )
    if not can_view_organisation(request.user, organisation):
        raise Http404
    form = MembershipRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_request(
                user=request.user,
                organisation=organisation,
                role=form.cleaned_data["role"],
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("Your request is sent. You will get an e-mail when it is decided."),
            )
            return redirect(organisation.get_absolute_url())
    return render(
        request,
        "ngos/membership_form.html",
        {"form": form, "organisation": organisation},
    )


def _membership(slug: str, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("organisation", "user"),
        pk=pk,
        organisation__slug=slug,
    )


@login_required
@require_POST
@rate_limited()
def membership_approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(slug, pk)
    if not can_decide_membership(request.user, membership):
        raise PermissionDenied
    try:
        services.membership_approve(membership=membership, actor=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied(error.message) from None
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(person)s is approved.") % {"person": membership.user}
        )
    return redirect("ngos:organisation-panel", slug=slug)


@login_required
@require_POST
@rate_limited()
def membership_refuse(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(slug, pk)
    if not can_decide_membership(request.user, membership):
        raise PermissionDenied
    form = RefuseForm(request.POST)
    if form.is_valid():
        try:
            services.membership_refuse(
                membership=membership,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The request of %(person)s is refused.")
                % {"person": membership.user},
            )
            return redirect("ngos:organisation-panel", slug=slug)
    return render(
        request,
        "ngos/membership_refuse.html",
        {
            "form": form,
            "membership": membership,
            "organisation": membership.organisation,
        },
    )


@login_required
@require_POST
@rate_limited()
def membership_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(slug, pk)
    own = membership.user_id == request.user.pk
    if not (own or can_decide_membership(request.user, membership, ending=True)):
        raise PermissionDenied
    try:
        services.membership_end(membership=membership, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("ngos:organisation-panel", slug=slug)
    messages.success(request, _("The membership has ended."))
    if own:
        return redirect(membership.organisation.get_absolute_url())
    return redirect("ngos:organisation-panel", slug=slug)


# --- partner search ------------------------------------------------------------------


@require_GET
def partner_search_list(request: HttpRequest) -> HttpResponse:
    # Counted and read only when the template's fragment is rendered.
    page = lazy_page(
        selectors.partner_search_list_for_public, PAGE_SIZE, request.GET.get("page")
    )
    can_post = (
        request.user.is_authenticated
        and organisations_for(request.user, Capability.EDIT)
        .filter(verified_at__isnull=False)
        .exists()
    )
    return render(
        request,
        "ngos/partnersearch_list.html",
        {
            "page": page,
            "searches": SimpleLazyObject(lambda: page.object_list),
            "can_post": can_post,
            "page_number": request.GET.get("page", ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
def partner_search_create(request: HttpRequest) -> HttpResponse:
    form = PartnerSearchForm(request.POST or None, user=request.user)
    if not form.fields["organisation"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            search = services.partner_search_create(
                organisation=data["organisation"],
                author=request.user,
                title=data["title"],
                description=data["description"],
                sphere=data["sphere"],
                ends_on=data["ends_on"],
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your partner search is published."))
            return redirect(search.get_absolute_url())
    return render(request, "ngos/partnersearch_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@rate_limited()
def partner_search_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        search = selectors.partner_search_detail(pk, request.user)
    except PartnerSearch.DoesNotExist:
        raise Http404 from None
    own = can_act_for(request.user, search.organisation, Capability.VIEW)
    visible = search.organisation.is_listed and search.is_open
    if not (visible or own or has_clerk_powers(request.user)):
        raise Http404
    form = None
    if request.user.is_authenticated and search.is_open and not own:
        form = PartnerAnswerForm(request.POST or None, user=request.user, search=search)
        if not form.fields["organisation"].queryset.exists():
            form = None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.partner_answer_create(
                    search=search,
                    organisation=form.cleaned_data["organisation"],
                    author=request.user,
                    message=form.cleaned_data["message"],
                )
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("Your answer is sent to the organisation."))
                return redirect(search.get_absolute_url())
    return render(
        request,
        "ngos/partnersearch_detail.html",
        {
            "search": search,
            "form": form,
            "answers": selectors.partner_answers_for(search) if own else [],
            "own": own,
        },
    )
