from __future__ import annotations

from decimal import Decimal
from functools import cache as memoize
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperation.core.cache import (
    Kept,
    Later,
    lazy_page,
    prefetch,
    prefetch_fragments,
    record_area,
    record_areas,
)
from cooperation.core.exceptions import DomainError
from cooperation.core.http import private
from cooperation.core.limits import rate_limit_exceeded, rate_limited
from cooperation.core.middleware import arrival
from cooperation.core.permissions import clerk_required
from ngos.models import Organisation, PublicBenefitSphere
from ngos.permissions import Capability, organisations_for

from . import committee, documents, permissions, selectors, services
from .filters import CompetitionFilter
from .forms import (
    AttachmentForm,
    ConfirmOfferForm,
    DecisionForm,
    DeclarationForm,
    FormalCheckForm,
    OfferStepForm,
    ProtocolForm,
    ReasonsRequestForm,
    ScoreForm,
    SignedCopyForm,
    StartOfferForm,
    formset_rows,
    row_formset,
)
from .layout import ROW_TITLES, statements, step_rows, steps_for
from .models import (
    CommitteeMember,
    Competition,
    CompetitionStatus,
    Criterion,
    Offer,
    OfferStatus,
    Score,
)
from .services import signing
from .services.offers import OfferExists, OfferInvalid, StaleOffer

# Public competition pages ---------------------------------------------------------


@require_GET
def competition_list(request):
    # Built, counted and read only when the template's fragment is rendered, not when
    # it comes from the cache.
    filterset = SimpleLazyObject(
        lambda: CompetitionFilter(
            request.GET or None, queryset=selectors.competition_list_for_public()
        )
    )
    return render(
        request,
        "grants/competition_list.html",
        {
            "page": lazy_page(lambda: filterset.qs, 20, request.GET.get("strona")),
            "spheres": PublicBenefitSphere.objects.filter(
                priorities__competitions__isnull=False
            ).distinct(),
            "years": SimpleLazyObject(selectors.competition_years),
            "filters": SimpleLazyObject(lambda: filterset.values),
            "states": CompetitionFilter.STATES,
        },
    )


def _competition_or_404(request, pk: int, *, selector=None) -> Competition:
    try:
        competition = (selector or selectors.competition_detail_for_public)(pk)
    except Competition.DoesNotExist as exc:
        raise Http404 from exc
    if not permissions.can_see_competition(request.user, competition):
        raise Http404
    return competition


@require_GET
def competition_detail(request, pk: int):
    # The competition as visitors see it and the page's three fragments, in one
    # round trip.
    prefetch(
        *(
            []
            if request.user.is_authenticated
            else [selectors.competition_kept_for_visitors_as(pk)]
        ),
        Kept("grants:results", ("grants", "ngos"), (pk,)),
        Kept("grants:settlement", ("grants", "contracts", "ngos"), (pk,)),
        Kept("grants:announcement", ("grants", "programme", "ngos"), (pk,)),
    )
    competition = _competition_or_404(
        request,
        pk,
        selector=selectors.competition_for_page
        if request.user.is_authenticated
        else selectors.competition_for_visitors,
    )
    results = SimpleLazyObject(
        lambda: selectors.competition_results(competition, settlement=True)
    )
    start_form = None
    if competition.is_open and request.user.is_authenticated:
        orgs = organisations_for(request.user, Capability.EDIT)
        start_form = StartOfferForm(
            organisations=orgs, joint_allowed=competition.joint_offers_allowed
        )
        if not start_form.fields["organisation"].queryset.exists():
            start_form = None
    return render(
        request,
        "grants/competition_detail.html",
        {
            "competition": competition,
            # Read only when the page's fragments are rendered.
            "results": results,
            "settlement": SimpleLazyObject(lambda: selectors.settled_grants(results)),
            "start_form": start_form,
            "same_type_total": SimpleLazyObject(
                lambda: sum(
                    (t.cost for t in competition.same_type_tasks.all()), Decimal(0)
                )
            ),
            "criteria_total": SimpleLazyObject(
                lambda: sum(c.max_points for c in competition.criteria.all())
            ),
            "committee_seat": permissions.committee_seat(request.user, competition)
            if request.user.is_authenticated and request.user.is_committee_member
            else None,
            "own_offers": list(
                Offer.objects.filter(
                    competition=competition,
                    organisation__in=organisations_for(request.user, Capability.VIEW),
                )
                .exclude(status=OfferStatus.WITHDRAWN)
                .select_related("organisation")
            )
            if request.user.is_authenticated
            else [],
        },
    )


@require_GET
def competition_announcement_pdf(request, pk: int):
    competition = _competition_or_404(request, pk)
    return documents.serve(request, documents.announcement(competition))


@require_GET
def competition_results_pdf(request, pk: int):
    competition = _competition_or_404(request, pk)
    if competition.status != CompetitionStatus.RESULTS_PUBLISHED:
        raise Http404
    return documents.serve(request, documents.results(competition))


@login_required
@require_GET
@private
def competition_protocol_pdf(request, pk: int):
    competition = _competition_or_404(request, pk)
    if not permissions.can_read_protocol(request.user, competition):
        raise PermissionDenied
    if competition.status not in (
        CompetitionStatus.COMMITTEE_REVIEW,
        CompetitionStatus.DECISION,
        CompetitionStatus.RESULTS_PUBLISHED,
    ):
        raise Http404
    return documents.serve(request, documents.protocol(competition))


# Offers ---------------------------------------------------------------------------


@login_required
@require_POST
@rate_limited()
def offer_start(request, pk: int):
    competition = _competition_or_404(request, pk)
    form = StartOfferForm(
        request.POST,
        organisations=organisations_for(request.user, Capability.EDIT),
        joint_allowed=competition.joint_offers_allowed,
    )
    if not form.is_valid():
        raise PermissionDenied
    try:
        offer = services.offer_create(
            competition=competition,
            organisation=form.cleaned_data["organisation"],
            actor=request.user,
            is_joint=form.cleaned_data.get("is_joint", False),
        )
    except OfferExists as exists:
        messages.info(request, exists.message)
        if exists.offer.is_editable:
            return redirect("grants:offer-step", pk=exists.offer.pk, step=1)
        return redirect(exists.offer)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(competition)
    return redirect("grants:offer-step", pk=offer.pk, step=1)


@login_required
@require_GET
@private
def offer_list(request):
    return render(
        request,
        "grants/offer_list.html",
        {
            # Read only when the person's list is rendered again (a fragment kept
            # until an offer, a small-grant offer or a membership changes).
            "offers": Later(lambda: selectors.offer_list_for_user(request.user)),
            "small_grants": Later(
                lambda: selectors.small_grant_list_for_user(request.user)
            ),
            "list_areas": selectors.offer_list_areas(),
        },
    )


def _offer_head_or_404(pk: int) -> Offer:
    try:
        return selectors.offer_head_kept(pk)
    except Offer.DoesNotExist as exc:
        raise Http404 from exc


def _offer_for(request, pk: int, rows: tuple[str, ...] = selectors.OFFER_ROWS) -> Offer:
    offer = get_object_or_404(selectors.offers_with_rows(rows), pk=pk)
    if not permissions.can_view_offer(request.user, offer):
        raise PermissionDenied
    return offer


@login_required
@require_GET
@private
def offer_detail(request, pk: int):
    offer = _offer_for(request, pk)
    can_submit = permissions.can_submit_offer(request.user, offer)
    checksum = signing.current_checksum(offer) if offer.is_editable else offer.checksum
    return render(
        request,
        "grants/offer_detail.html",
        {
            "offer": offer,
            "checksum": checksum,
            "signatures": signing.signature_status(offer, checksum),
            "can_confirm": offer.is_editable
            and bool(signing.confirmable_for(offer, request.user)),
            "confirmed_by_me": any(
                c.user_id == request.user.pk and c.checksum == checksum
                for c in offer.confirmations.all()
            ),
            "steps": steps_for(offer),
            "can_edit": permissions.can_edit_offer(request.user, offer),
            "can_submit": can_submit,
            "can_withdraw": permissions.can_withdraw_offer(request.user, offer),
            "statements": statements(offer),
            "problems": services.offer_validate_for_submission(offer)
            if offer.is_editable
            else [],
            "deadline_passed": offer.status == OfferStatus.DRAFT
            and not offer.competition.is_open,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@private
def offer_step(request, pk: int, step: int):
    # A step read without changes comes from a fragment kept under the offer's version
    # (every save raises it): its rows are read only when the fragment is rendered.
    reading = request.method == "GET"
    if reading:
        offer = _offer_head_or_404(pk)
        if not permissions.can_view_offer(request.user, offer):
            raise PermissionDenied
    else:
        offer = _offer_for(request, pk, step_rows(step))
    steps = steps_for(offer)
    if not 1 <= step <= len(steps):
        raise Http404
    if not offer.is_editable:
        # Whoever may read the offer learns why its form is closed, not a bare 403.
        return render(
            request,
            "grants/offer_closed.html",
            {"offer": offer, "step": steps[step - 1], "reason": _closed_reason(offer)},
        )
    if not permissions.can_edit_offer(request.user, offer):
        raise PermissionDenied
    current = steps[step - 1]
    editable = (
        set(offer.correction_fields)
        if offer.status == OfferStatus.CORRECTION_REQUESTED
        else None
    )
    autosave = request.POST.get("autosave") == "1"
    data = request.POST if request.method == "POST" else None
    # The whole offer with the step's rows: the one being saved, or, for a step read
    # afresh, loaded when its fragment is rendered again.
    whole = (
        memoize(lambda: _offer_for(request, pk, step_rows(step)))
        if reading
        else (lambda: offer)
    )

    def step_form() -> OfferStepForm:
        return OfferStepForm(
            data,
            instance=whole(),
            step=current,
            editable=editable,
            initial={"version": offer.version},
        )

    def step_formsets() -> dict[str, Any]:
        groups = {}
        offer = whole()
        for g in current.groups:
            disabled = editable is not None and g not in editable
            # A posted table is the whole table: compared with the rows stored now
            # (which another save may have changed meanwhile), identical rows would
            # look unchanged and be dropped, so posted rows are read against empty
            # initial data.
            rows = getattr(offer, g).all() if data is None or disabled else []
            groups[g] = row_formset(
                g, data=data, rows=rows, disabled=disabled, offer=offer
            )
        return groups

    if reading:
        form_editable = sorted(editable) if editable is not None else ""
        # The step's head and its fields are kept under the offer's version (and
        # the names of its competition and organisation), read in one round trip.
        form_areas = (record_area(Competition), record_area(Organisation))
        step_vary = [
            offer.pk,
            offer.version,
            offer.updated_at,
            offer.status,
            current.number,
            form_editable,
        ]
        prefetch_fragments(
            form_areas,
            [
                ("grants:offer-step-head", [step_vary]),
                ("grants:offer-step", [step_vary]),
            ],
        )
        return render(
            request,
            "grants/offer_form.html",
            {
                "offer": offer,
                "form": SimpleLazyObject(step_form),
                "formsets": Later(
                    lambda: [
                        (g, ROW_TITLES[g], fs) for g, fs in step_formsets().items()
                    ]
                ),
                "form_areas": form_areas,
                "step_vary": step_vary,
                "steps": steps,
                "step": current,
            },
        )
    form = step_form()
    groups = step_formsets()
    stale = None
    limited = request.method == "POST" and rate_limit_exceeded(
        request, "autosave" if autosave else "write"
    )
    if limited:
        if autosave:
            return JsonResponse({"saved": False, "message": limited}, status=429)
        form.is_valid()
        form.add_error(None, limited)
    elif request.method == "POST":
        valid = form.is_valid() and all(fs.is_valid() for fs in groups.values())
        if valid:
            rows = {
                g: formset_rows(fs)
                for g, fs in groups.items()
                if editable is None or g in editable
            }
            try:
                offer = services.offer_save(
                    offer=offer,
                    actor=request.user,
                    version=form.cleaned_data["version"],
                    fields=form.changed_values(),
                    arrived_at=arrival(request),
                    **rows,
                )
            except StaleOffer as error:
                stale = error.current
                if autosave:
                    return JsonResponse(
                        {"saved": False, "stale": True, "message": error.message},
                        status=409,
                    )
                messages.error(request, error.message)
                form.data = form.data.copy()
                form.data["version"] = stale.version
            except DomainError as error:
                if autosave:
                    return JsonResponse(
                        {"saved": False, "message": error.message}, status=400
                    )
                form.add_error(None, error.message)
            else:
                if autosave:
                    return JsonResponse(
                        {
                            "saved": True,
                            "version": offer.version,
                            "message": _("Draft saved at %(time)s.")
                            % {"time": timezone.localtime().strftime("%H:%M:%S")},
                        }
                    )
                messages.success(request, _("Draft saved."))
                if "next" in request.POST and step < len(steps):
                    return redirect("grants:offer-step", pk=offer.pk, step=step + 1)
                if "next" in request.POST:
                    return redirect(offer)
                return redirect("grants:offer-step", pk=offer.pk, step=step)
        elif autosave:
            return JsonResponse(
                {
                    "saved": False,
                    "message": _("Not saved: correct the fields marked in the form."),
                },
                status=400,
            )
    return render(
        request,
        "grants/offer_form.html",
        {
            "offer": offer,
            "form": form,
            "formsets": [(g, ROW_TITLES[g], fs) for g, fs in groups.items()],
            "steps": steps,
            "step": current,
            "stale": stale,
            "stale_values": _values(stale, current) if stale else [],
            "row_errors": _row_errors(groups) if request.method == "POST" else [],
        },
        status=429 if limited else 200,
    )


def _closed_reason(offer: Offer) -> str:
    """Why the offer's form takes no more changes, for its closed steps."""
    if offer.status == OfferStatus.WITHDRAWN:
        return _(
            "The offer was withdrawn: it is kept as it was and can no longer be "
            "changed. The organisation may start a new offer while the competition "
            "takes offers."
        )
    if offer.status == OfferStatus.SUBMITTED:
        return _(
            "The offer was submitted as no. %(number)s on %(time)s: its content is "
            "frozen under its checksum and can no longer be changed. It opens again "
            "only for the fields of a correction the office asks for; until the "
            "deadline for offers a representative may withdraw it instead."
        ) % {
            "number": offer.number,
            "time": formats.date_format(
                timezone.localtime(offer.submitted_at), "DATETIME_FORMAT"
            ),
        }
    return _(
        "The offer is %(status)s: it was submitted and can no longer be changed."
    ) % {"status": offer.get_status_display()}


def _row_errors(groups) -> list[tuple[str, str, str]]:
    """(anchor, label, message) of every error in the tables, for the summary on top."""
    errors = []
    for group, formset in groups.items():
        title = str(ROW_TITLES[group])
        for error in formset.non_form_errors():
            errors.append(("", title, error))
        for n, row in enumerate(formset.forms, start=1):
            where = _("%(table)s, row %(n)s") % {"table": title, "n": n}
            for error in row.non_field_errors():
                errors.append(("", where, error))
            for name, field_errors in row.errors.items():
                if name == "__all__":
                    continue
                bound = row[name]
                for error in field_errors:
                    errors.append(
                        (bound.id_for_label, f"{where}: {bound.label}", error)
                    )
    return errors


def _values(offer: Offer, step) -> list[tuple[str, object]]:
    return [
        (str(Offer._meta.get_field(f).verbose_name), getattr(offer, f))
        for f in step.fields
    ]


@login_required
@require_POST
@rate_limited()
def offer_submit(request, pk: int):
    offer = _offer_for(request, pk)
    try:
        offer = services.offer_submit(
            offer=offer, actor=request.user, arrived_at=arrival(request)
        )
    except OfferInvalid:
        messages.error(
            request,
            _("The offer cannot be submitted yet: see the list of what is missing."),
        )
        return redirect(offer)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(offer)
    messages.success(
        request,
        _("Offer %(number)s submitted. Checksum (SHA-256): %(checksum)s")
        % {"number": offer.number, "checksum": offer.checksum},
    )
    return redirect("grants:offer-detail", pk=offer.pk)


@login_required
@require_POST
@rate_limited()
def offer_withdraw(request, pk: int):
    offer = _offer_for(request, pk)
    try:
        offer = services.offer_withdraw(
            offer=offer,
            actor=request.user,
            note=request.POST.get("note", "").strip()[:500],
            arrived_at=arrival(request),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(offer)
    messages.success(
        request,
        _("Offer %(number)s withdrawn.") % {"number": offer.number},
    )
    return redirect(offer)


@login_required
@require_POST
@rate_limited()
def offer_confirm(request, pk: int):
    """A representative confirms the content they read (one of the signatures)."""
    offer = _offer_for(request, pk)
    form = ConfirmOfferForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Read the offer and confirm it again."))
        return redirect(offer)
    try:
        made = signing.offer_confirm(
            offer=offer, actor=request.user, checksum=form.cleaned_data["checksum"]
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(offer)
    if made:
        messages.success(
            request,
            _("Your confirmation of the offer is recorded (%(names)s).")
            % {"names": ", ".join(c.organisation.name for c in made)},
        )
    else:
        messages.info(request, _("You have already confirmed this version."))
    return redirect(offer)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def offer_attachments(request, pk: int):
    """The attachments the announcement requires, and a signed copy of the offer."""
    offer = _offer_for(request, pk)
    competition = offer.competition
    can_edit = permissions.can_edit_offer(request.user, offer)
    can_sign = permissions.can_send_signed_copy(request.user, offer)
    attachment_form = AttachmentForm(
        request.POST if "upload" in request.POST else None,
        request.FILES if "upload" in request.POST else None,
        competition=competition,
    )
    signed_form = SignedCopyForm(
        request.POST if "signed" in request.POST else None,
        request.FILES if "signed" in request.POST else None,
    )
    if request.method == "POST":
        try:
            if "upload" in request.POST and can_edit and attachment_form.is_valid():
                signing.offer_add_attachment(
                    offer=offer,
                    actor=request.user,
                    requirement=attachment_form.cleaned_data["requirement"],
                    file=attachment_form.cleaned_data["file"],
                )
                messages.success(request, _("Attachment saved."))
                return redirect("grants:offer-attachments", pk=offer.pk)
            if "signed" in request.POST and can_sign and signed_form.is_valid():
                copy = signing.offer_upload_signed_copy(
                    offer=offer,
                    actor=request.user,
                    file=signed_form.cleaned_data["signed_file"],
                )
                (messages.success if copy.signatures_intact else messages.warning)(
                    request, copy.signature_report
                )
                return redirect("grants:offer-attachments", pk=offer.pk)
            if not (can_edit or can_sign):
                raise PermissionDenied
        except DomainError as error:
            form = attachment_form if "upload" in request.POST else signed_form
            form.add_error(
                "file" if form is attachment_form else "signed_file", error.message
            )
    uploads = {
        a.requirement_id: a for a in offer.attachments.all() if a.kind == "attachment"
    }
    return render(
        request,
        "grants/offer_attachments.html",
        {
            "offer": offer,
            "required": [
                (r, uploads.get(r.pk)) for r in competition.required_attachments.all()
            ],
            "signed_copies": [
                a for a in offer.attachments.all() if a.kind == "signed_copy"
            ],
            "attachment_form": attachment_form,
            "signed_form": signed_form,
            "can_edit": can_edit
            and (
                offer.status == OfferStatus.DRAFT
                or "attachments" in offer.correction_fields
            ),
            "can_sign": can_sign,
        },
        status=400 if attachment_form.errors or signed_form.errors else 200,
    )


@login_required
@require_POST
@rate_limited()
def offer_attachment_remove(request, pk: int, attachment: int):
    offer = _offer_for(request, pk)
    item = get_object_or_404(offer.attachments.all(), pk=attachment)
    try:
        signing.offer_remove_attachment(attachment=item, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Attachment removed."))
    return redirect("grants:offer-attachments", pk=offer.pk)


@login_required
@require_GET
@private
def offer_pdf(request, pk: int):
    offer = _offer_for(request, pk)
    return documents.serve(request, documents.offer(offer))


# Committee ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def committee_home(request, pk: int):
    if request.method == "GET":
        # The competition, the member's seat and the member's tables in one round trip.
        prefetch(
            selectors.competition_kept_as(pk),
            permissions.committee_seat_kept_as(request.user, pk),
            Kept(
                "grants:committee", selectors.committee_areas(), (pk, request.user.pk)
            ),
        )
    competition = _competition_or_404(request, pk, selector=selectors.competition_kept)
    member = (
        permissions.committee_seat_kept(request.user, competition.pk)
        if request.method == "GET"
        else permissions.committee_seat(request.user, competition)
    )
    if member is None:
        raise PermissionDenied
    offers = Later(
        lambda: (
            competition.offers.submitted()
            .select_related("organisation")
            .order_by("sequence")
        )
    )
    form = None
    # The declaration is signed by name and the protocol lists the members by name:
    # the e-mail address never stands in for it.
    name_missing = not member.declared_at and not request.user.get_full_name()
    if not member.declared_at and not name_missing:
        form = DeclarationForm(
            request.POST or None,
            offers=[
                o
                for o in offers
                if o.status
                not in (OfferStatus.FORMALLY_REJECTED, OfferStatus.WITHDRAWN)
            ],
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.committee_declare(
                    member=member, actor=request.user, conflicts=form.conflicts()
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Declaration signed."))
                return redirect("grants:committee", pk=competition.pk)

    def member_rows() -> list[dict[str, Any]]:
        prefetch_related_objects([member], "conflicts")
        conflicts = {c.offer_id for c in member.conflicts.all()}
        scored = set(
            Score.objects.filter(member=member).values_list("offer_id", flat=True)
        )
        for o in offers:
            o.competition = competition
        return [
            {
                "offer": o,
                "conflict": o.pk in conflicts,
                "scored": o.pk in scored,
                "can_score": permissions.can_score(member, o)
                if o.competition_id == competition.pk
                else False,
            }
            for o in offers
            if o.status != OfferStatus.FORMALLY_REJECTED
        ]

    return render(
        request,
        "grants/committee_home.html",
        {
            "competition": competition,
            "member": member,
            "form": form,
            "name_missing": name_missing,
            "law": committee.LAW,
            # The member's tables are a fragment kept until an offer, a score, a
            # declaration or a membership changes: their rows are read only when it
            # is rendered again.
            "committee_areas": selectors.committee_areas(),
            "rows": Later(member_rows) if member.declared_at else [],
            "ranking": Later(lambda: selectors.competition_ranking(competition))
            if member.declared_at
            else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def offer_scoring(request, pk: int):
    # What the page shows around its kept parts: the whole offer is read only when
    # its cached text is rendered again.
    offer = _offer_head_or_404(pk)
    form_areas = (
        record_area(Score),
        record_area(Criterion),
        record_area(CommitteeMember),
    )
    if request.method == "GET":
        # The member's seat, form and the offer's text in one round trip.
        prefetch(
            permissions.committee_seat_kept_as(request.user, offer.competition_id),
            Kept("grants:scoring-form", form_areas, (offer.pk, request.user.pk)),
            Kept(
                "grants:offer-read", record_areas(Offer), (offer.pk, offer.updated_at)
            ),
        )
    member = permissions.committee_seat_kept(request.user, offer.competition_id)
    if not permissions.can_score(member, offer):
        raise PermissionDenied
    whole = SimpleLazyObject(
        lambda: get_object_or_404(selectors.offers_with_rows(rows=()), pk=pk)
    )

    def score_form() -> ScoreForm:
        criteria = list(offer.competition.criteria.all())
        existing = {
            s.criterion_id: s for s in Score.objects.filter(member=member, offer=offer)
        }
        return ScoreForm(request.POST or None, criteria=criteria, existing=existing)

    if request.method == "GET":
        # The member's form is a fragment kept until a score or a criterion changes:
        # the criteria and scores are read only when it is rendered again.
        return render(
            request,
            "grants/offer_scoring.html",
            {
                "offer": offer,
                "whole_offer": whole,
                "form": SimpleLazyObject(score_form),
                "form_areas": form_areas,
                "member": member,
                "steps": steps_for(offer),
                "offer_areas": record_areas(Offer),
            },
        )
    form = score_form()
    if form.is_valid():
        try:
            services.offer_score(
                member=member, offer=offer, actor=request.user, scores=form.scores()
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Scores saved."))
            return redirect("grants:committee", pk=offer.competition_id)
    return render(
        request,
        "grants/offer_scoring.html",
        {
            "offer": offer,
            "whole_offer": whole,
            "form": form,
            "steps": steps_for(offer),
            "offer_areas": record_areas(Offer),
        },
    )


# Clerk's screens ------------------------------------------------------------------


@clerk_required
@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def offer_formal_check(request, pk: int):
    offer = get_object_or_404(selectors.offers_with_rows(), pk=pk)
    form = FormalCheckForm(
        request.POST or None, checklist=offer.competition.formal_checklist()
    )
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        note = form.cleaned_data["note"]
        checklist = form.results()
        try:
            if decision == "accept":
                services.offer_formal_accept(
                    offer=offer, actor=request.user, note=note, checklist=checklist
                )
            elif decision == "reject":
                services.offer_formal_reject(
                    offer=offer, actor=request.user, reason=note, checklist=checklist
                )
            else:
                services.offer_request_correction(
                    offer=offer,
                    actor=request.user,
                    fields=form.cleaned_data["fields_to_correct"],
                    note=note,
                    checklist=checklist,
                )
        except DomainError as error:
            form.add_error(
                "note" if error.field in ("reason", "note") else None, error.message
            )
        else:
            messages.success(request, _("Formal check recorded."))
            return redirect(
                reverse("admin:grants_offer_changelist")
                + f"?competition__id__exact={offer.competition_id}"
            )
    return render(
        request,
        "grants/offer_formal_check.html",
        {
            "offer": offer,
            "form": form,
            "steps": steps_for(offer),
            "statements": statements(offer),
            "signatures": signing.signature_status(offer, offer.checksum or None),
            "signed_copies": [
                a for a in offer.attachments.all() if a.kind == "signed_copy"
            ],
        },
        status=400 if form.errors else 200,
    )


@clerk_required
@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def competition_decision(request, pk: int):
    competition = get_object_or_404(Competition, pk=pk)
    ranking = selectors.competition_ranking(competition)
    form = DecisionForm(request.POST or None, ranking=ranking)
    errors: list[str] = []
    if request.method == "POST":
        if not form.is_valid():
            errors = form.error_list()
        else:
            try:
                with transaction.atomic():
                    services.competition_decide(
                        competition=competition,
                        actor=request.user,
                        awards=form.awards(),
                        reasons=form.reasons(),
                        ordinance_number=form.cleaned_data["ordinance_number"],
                        ordinance_date=form.cleaned_data["ordinance_date"],
                        date_reason=form.cleaned_data["date_reason"],
                        over_request_reasons=form.over_request_reasons(),
                    )
            except DomainError as error:
                errors.append(error.message)
            else:
                messages.success(
                    request,
                    _(
                        "Decision recorded. Publish the results from the competition's admin page."
                    ),
                )
                return redirect("admin:grants_competition_change", competition.pk)
    return render(
        request,
        "grants/competition_decision.html",
        {
            "competition": competition,
            "rows": form.rows(ranking),
            "form": form,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@clerk_required
@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def competition_protocol(request, pk: int):
    """The committee's opinion (a proposed amount per offer) and its signed protocol."""
    competition = get_object_or_404(Competition, pk=pk)
    members = selectors.committee_for_protocol(competition)
    offers = list(
        competition.offers.filter(status=OfferStatus.FORMALLY_ACCEPTED)
        .select_related("organisation")
        .order_by("sequence")
    )
    form = ProtocolForm(request.POST or None, members=members, offers=offers)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.committee_propose_amounts(
                    competition=competition,
                    actor=request.user,
                    amounts=form.proposed(),
                )
                services.committee_sign_protocol(
                    competition=competition,
                    actor=request.user,
                    date=form.cleaned_data["date"],
                    place=form.cleaned_data["place"],
                    present=[int(pk) for pk in form.cleaned_data["present"]],
                )
        except DomainError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(request, _("Protocol signed."))
            return redirect("grants:competition-decision", pk=competition.pk)
    return render(
        request,
        "grants/competition_protocol.html",
        {
            "competition": competition,
            "form": form,
            "missing": committee.committee_work_missing(competition),
            "problems": committee.composition_problems(competition),
            "members": members,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("comment")
@private
def reasons_request(request, pk: int):
    """Anyone's demand for the reasons for choosing or rejecting an offer (art. 15 ust. 2j)."""
    competition = _competition_or_404(request, pk)
    until = services.reasons_request_open_until(competition)
    if until is None:
        raise Http404
    offers = (
        competition.offers.filter(status__in=services.reasons.DECIDED)
        .select_related("organisation")
        .order_by("sequence")
    )
    form = ReasonsRequestForm(
        request.POST or None,
        offers=offers,
        initial={
            "name": request.user.get_full_name(),
            "email": request.user.email,
            "offer": request.GET.get("oferta") or None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reasons_request_create(
                competition=competition,
                offer=form.cleaned_data["offer"],
                actor=request.user,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                question=form.cleaned_data["question"],
            )
        except DomainError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(
                request,
                _(
                    "Your request is recorded. The answer will come to your inbox and "
                    "by e-mail."
                ),
            )
            return redirect(competition.get_absolute_url())
    return render(
        request,
        "grants/reasons_request.html",
        {
            "competition": competition,
            "form": form,
            "until": until,
            "answer_days": settings.PORTAL_RULES["REASONS_ANSWER_DAYS"],
        },
        status=400 if form.errors else 200,
    )
