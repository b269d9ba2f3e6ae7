from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from cooperation.core.cache import Kept, Later, lazy_page, prefetch
from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.http import keep_private, private
from cooperation.core.limits import rate_limited
from cooperation.core.permissions import clerk_required, has_clerk_powers

from . import permissions, selectors, services
from .filters import EventFilter
from .forms import RegistrationForm
from .models import Event, Registration, WorkingGroup

PAGE_SIZE = 20


@require_GET
def event_list(request):
    """Upcoming (default) or past events, filtered by kind, topic and month."""
    data = request.GET.copy()
    if "when" not in data:
        data["when"] = "upcoming"
    # Built, counted and read only when the template's fragment is rendered, not when
    # it comes from the cache (clerks, who also see drafts, get their own copy).
    filterset = SimpleLazyObject(
        lambda: EventFilter(
            data, queryset=selectors.event_list_for_public(request.user)
        )
    )
    page = lazy_page(lambda: filterset.qs, PAGE_SIZE, request.GET.get("strona"))
    query = data.copy()
    query.pop("strona", None)
    return render(
        request,
        "workshops/event_list.html",
        {
            "filter": filterset,
            "page": page,
            "events": SimpleLazyObject(lambda: page.object_list),
            "query": query.urlencode(),
            "month_invalid": SimpleLazyObject(lambda: filterset.month_invalid),
            "sees_drafts": has_clerk_powers(request.user),
        },
    )


@require_GET
def event_calendar(request, year: int | None = None, month: int | None = None):
    """A month of events as an accessible table, with links to the months around."""
    today = timezone.localdate()
    year = year or today.year
    month = month or today.month
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first = date(year, month, 1)
    previous = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return render(
        request,
        "workshops/event_calendar.html",
        {
            "weeks": SimpleLazyObject(
                lambda: selectors.month_calendar(year, month, request.user)
            ),
            "today": today,
            "sees_drafts": has_clerk_powers(request.user),
            "month": first,
            "previous": previous,
            "following": following,
        },
    )


@require_GET
def event_detail(request, pk: int):
    # The event as a visitor sees it and the page's two fragments, in one round trip.
    prefetch(
        *selectors.event_kept_as(pk, request.user),
        Kept("workshops:event-about", ("workshops",), (pk,)),
        Kept("workshops:event-minutes", ("workshops",), (pk,)),
    )
    try:
        event, context = selectors.event_detail_for_user(pk, request.user)
    except Event.DoesNotExist as exc:
        raise Http404 from exc
    refusal = None
    if request.user.is_authenticated and event.registration_open:
        refusal = permissions.registration_refusal(request.user, event)
    response = render(
        request,
        "workshops/event_detail.html",
        {
            "event": event,
            "refusal": refusal,
            "is_clerk": permissions.has_clerk_powers(request.user),
            **context,
        },
    )
    return keep_private(response) if event.status == Event.Status.DRAFT else response


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
def event_register(request, pk: int):
    """The sign-up form: organisation, slot (advice hours) and the information clause."""
    event = get_object_or_404(Event.objects.visible_to(request.user), pk=pk)
    refusal = permissions.registration_refusal(request.user, event)
    if refusal:
        raise PermissionDenied(refusal)
    existing = (
        Registration.objects.active().filter(event=event, user=request.user).first()
    )
    if existing is not None:
        messages.info(request, _("You are already signed up for this event."))
        return redirect(event)
    if not event.registration_open:
        messages.error(request, _("Registration for this event is not open."))
        return redirect(event)
    free = selectors.free_slots(event) if event.uses_slots else None
    form = RegistrationForm(
        request.POST or None, event=event, user=request.user, free_slots=free
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                event=event,
                user=request.user,
                consent=form.cleaned_data["consent"],
                organisation=form.cleaned_data.get("organisation"),
                slot=form.cleaned_data.get("slot"),
                question=form.cleaned_data.get("question", ""),
            )
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(
                    request, _("You are signed up. A confirmation is on its way.")
                )
            else:
                messages.info(
                    request,
                    _(
                        "All places are taken: you are on the waiting list. We will write to you if a place frees up."
                    ),
                )
            return redirect(event)
    return render(
        request,
        "workshops/registration_form.html",
        {"event": event, "form": form, "privacy_url": "/ochrona-danych/"},
    )


# What the person is told before and after cancelling: who gets the place.
CANCEL_CONSEQUENCE = {
    selectors.CancellationOutcome.PROMOTED: gettext_lazy(
        "Your place will go to the first person on the waiting list, "
        "who will be told by e-mail."
    ),
    selectors.CancellationOutcome.FREED: gettext_lazy(
        "Your place will become free for someone else to sign up."
    ),
    selectors.CancellationOutcome.SLOT_FREED: gettext_lazy(
        "Your slot will become free for someone else to book."
    ),
    selectors.CancellationOutcome.LEFT_WAITING: gettext_lazy(
        "You will leave the waiting list; the people after you move up."
    ),
}
CANCELLED = {
    selectors.CancellationOutcome.PROMOTED: gettext_lazy(
        "Your registration is cancelled. Your place went to the first person on "
        "the waiting list."
    ),
    selectors.CancellationOutcome.FREED: gettext_lazy(
        "Your registration is cancelled. Your place is free for someone else."
    ),
    selectors.CancellationOutcome.SLOT_FREED: gettext_lazy(
        "Your registration is cancelled. The slot is free for someone else."
    ),
    selectors.CancellationOutcome.LEFT_WAITING: gettext_lazy(
        "You have left the waiting list."
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited()
@private
def registration_cancel(request, pk: int):
    """Cancelling a registration: a page that says who gets the place and asks
    for confirmation (no script needed), then the cancellation itself."""
    event = get_object_or_404(Event.objects.public(), pk=pk)
    registration = (
        Registration.objects.active()
        .select_related("event", "slot")
        .filter(event=event, user=request.user)
        .first()
    )
    if registration is None:
        raise Http404
    outcome = selectors.cancellation_outcome(registration)
    if request.method == "GET":
        return render(
            request,
            "workshops/registration_cancel.html",
            {
                "event": event,
                "registration": registration,
                "consequence": CANCEL_CONSEQUENCE[outcome],
            },
        )
    try:
        services.registration_cancel(registration=registration, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, CANCELLED[outcome])
    return redirect(event)


@login_required
@require_GET
@private
def my_registrations(request):
    return render(
        request,
        "workshops/registration_list.html",
        {"registrations": selectors.registrations_for_user(request.user)},
    )


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return keep_private(response)


@clerk_required
@require_GET
def attendance_list_pdf(request, pk: int):
    """The attendance list of an event: personal data, for clerks only."""
    event = get_object_or_404(Event, pk=pk)
    from cooperation.core.pdf import render_pdf

    lang = translation.get_language() or settings.LANGUAGE_CODE
    title = _("Attendance list: %(title)s") % {"title": event.title}
    content = render_pdf(
        "workshops/pdf/attendance_list.html",
        {"event": event, "registrations": list(selectors.attendance_list(event))},
        title=title,
        lang=lang,
    )
    return _pdf_response(content, f"lista-obecnosci-{event.pk}.pdf")


@require_GET
def certificate_pdf(request, pk: int):
    """A personal attendance certificate: for the person and clerks only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registration = get_object_or_404(
        Registration.objects.select_related("event", "user", "organisation"), pk=pk
    )
    if not permissions.can_see_registration(request.user, registration):
        raise PermissionDenied
    if not registration.attended or registration.user is None:
        raise Http404
    if not registration.user.get_full_name():
        # A certificate names the person: the e-mail address never stands in.
        if registration.user_id == request.user.pk:
            messages.warning(
                request,
                _("Enter your first and last name: the certificate is issued to them."),
            )
            return redirect("account-overview")
        messages.warning(
            request,
            _("The person has not given a name, so no certificate can be issued yet."),
        )
        return redirect(registration.event)
    from cooperation.core.pdf import render_pdf

    lang = translation.get_language() or settings.LANGUAGE_CODE
    title = _("Certificate of attendance")
    content = render_pdf(
        "workshops/pdf/certificate.html",
        {
            "registration": registration,
            "event": registration.event,
            "issued_on": timezone.localdate(),
        },
        title=title,
        lang=lang,
    )
    return _pdf_response(content, f"zaswiadczenie-{registration.pk}.pdf")


@require_GET
def group_list(request):
    # Read only when the template's fragment is rendered.
    return render(
        request, "workshops/group_list.html", {"groups": Later(selectors.group_list)}
    )


@require_GET
def group_detail(request, slug: str):
    try:
        group, context = selectors.group_detail(slug)
    except WorkingGroup.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "workshops/group_detail.html", {"group": group, **context})
