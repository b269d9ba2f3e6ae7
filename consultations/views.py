from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cooperation.core.cache import Later, cached_fragments, lazy_page
from cooperation.core.exceptions import DomainError
from cooperation.core.exports import Format, export_response
from cooperation.core.http import keep_private
from cooperation.core.limits import rate_limit_exceeded, rate_limited
from cooperation.core.permissions import clerk_required

from . import permissions, selectors, services
from .filters import ConsultationFilter
from .forms import CommentForm, SurveyForm
from .models import Comment, Consultation, DraftVersion, Survey, Unit
from .reports import export_columns, export_rows, report_document

COMMENTS_PAGE_SIZE = 20
# A comment's body is keyed by its update time: it is kept a day, not a minute.
COMMENT_BODY_SECONDS = 24 * 60 * 60


def _consultation_or_404(
    request, pk: int, load=selectors.consultation_for_page
) -> Consultation:
    try:
        consultation = load(pk)
    except Consultation.DoesNotExist as exc:
        raise Http404 from exc
    if not permissions.can_view(request.user, consultation):
        raise Http404
    return consultation


def _with_bodies(
    comments: list[Comment], *, show_decision: bool, show_unit: bool
) -> list[Comment]:
    """Give each comment its rendered body, kept in the cache by its update time."""
    bodies = cached_fragments(
        "consultations:comment-body",
        comments,
        vary=lambda c: (
            c.pk,
            c.updated_at.isoformat(),
            show_decision,
            c.unit_label if show_unit else "",
        ),
        render=lambda c: render_to_string(
            "consultations/_comment_body.html",
            {"comment": c, "show_decision": show_decision, "show_unit": show_unit},
        ),
        seconds=COMMENT_BODY_SECONDS,
    )
    for comment, body in zip(comments, bodies, strict=True):
        comment.body_html = mark_safe(body)  # noqa: S308 - rendered by the template
    return comments


@require_GET
def consultation_list(request):
    """``/konsultacje/``: announced consultations with filters, 20 a page."""
    # Built, counted and read only when the template's fragment is rendered, not when
    # it comes from the cache.
    filterset = SimpleLazyObject(
        lambda: ConsultationFilter(
            request.GET or None,
            queryset=selectors.consultation_list_for_public(),
            years=selectors.consultation_years(),
        )
    )
    query = request.GET.copy()
    query.pop("strona", None)
    return render(
        request,
        "consultations/consultation_list.html",
        {
            "form": SimpleLazyObject(lambda: filterset.form),
            "page": lazy_page(lambda: filterset.qs, 20, request.GET.get("strona")),
            "query": query.urlencode(),
            "now": timezone.now(),
        },
    )


@require_GET
def consultation_detail(request, pk: int):
    """``/konsultacje/<pk>/``: the draft by units, comments, meetings and the report.

    The draft and its comments are a fragment kept in the cache for everyone; only
    what depends on the visitor (may comment, own comments, clerk's links) is read
    for each request.
    """
    consultation = _consultation_or_404(request, pk, load=selectors.consultation_kept)
    reported = consultation.status == Consultation.Status.REPORT_PUBLISHED

    def page():
        data = selectors.consultation_page(consultation=consultation, user=request.user)
        for row in data.rows:
            _with_bodies(row.comments, show_decision=reported, show_unit=False)
        _with_bodies(data.general_comments, show_decision=reported, show_unit=True)
        return data

    own: list[int] = []
    if consultation.is_open:
        own = sorted(
            selectors.own_comment_ids(consultation=consultation, user=request.user)
        )
    response = render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": consultation,
            "data": SimpleLazyObject(page),
            "own_ids": own,
            "can_comment": permissions.can_comment(request.user, consultation),
            "is_clerk": permissions.can_manage(request.user),
        },
    )
    return response if consultation.is_public else keep_private(response)


@require_GET
def comment_list(request, pk: int):
    """``/konsultacje/<pk>/uwagi/``: the comments on one provision, or on the whole
    draft, 20 a page."""
    consultation = _consultation_or_404(request, pk, load=selectors.consultation_kept)
    version = selectors.latest_version(consultation)
    unit = None
    if request.GET.get("jednostka"):
        if version is None:
            raise Http404
        try:
            unit = version.units.get(pk=request.GET["jednostka"])
        except (Unit.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
    comments = selectors.comments_of_unit(
        consultation=consultation, version=version, unit=unit, user=request.user
    )
    page = Paginator(comments, COMMENTS_PAGE_SIZE).get_page(request.GET.get("strona"))
    _with_bodies(
        list(page.object_list),
        show_decision=consultation.status == Consultation.Status.REPORT_PUBLISHED,
        show_unit=unit is None,
    )
    query = request.GET.copy()
    query.pop("strona", None)
    own: list[int] = []
    if consultation.is_open:
        own = sorted(
            selectors.own_comment_ids(consultation=consultation, user=request.user)
        )
    return render(
        request,
        "consultations/comment_list.html",
        {
            "consultation": consultation,
            "unit": unit,
            "page": page,
            "query": query.urlencode(),
            "own_ids": own,
            "can_comment": permissions.can_comment(request.user, consultation),
        },
    )


def _comment_form(request, consultation, *, comment: Comment | None = None):
    version = consultation.versions.order_by("-number").first()
    units = version.units.all() if version else DraftVersion.objects.none()
    if comment is not None:
        organisations, as_person = [], True
        initial = {
            "unit": comment.unit_id,
            "current_wording": comment.current_wording,
            "proposed_wording": comment.proposed_wording,
            "justification": comment.justification,
            "name_consent": comment.name_consent,
        }
        if version is None or (
            comment.unit_id and comment.unit.version_id != version.pk
        ):
            units = comment.consultation.versions.none() if version is None else units
    else:
        organisations = list(
            permissions.invited_organisations(request.user, consultation)
        )
        as_person = permissions.may_comment_as_person(request.user, consultation)
        initial = {"unit": None}
        chosen = _unit_from_query(request, units)
        if chosen is not None:
            # The wording concerned starts as the provision's own text, which the
            # person then trims to the words the comment is about.
            initial = {"unit": chosen.pk, "current_wording": chosen.text}
    return CommentForm(
        request.POST or None,
        initial=initial,
        consultation=consultation,
        organisations=organisations,
        as_person=as_person,
        units=units,
        fixed_speaker="" if comment is not None else None,
    )


def _unit_from_query(request, units):
    """The provision named by ``?jednostka=``, if it belongs to the current version
    (anything else is ignored)."""
    value = request.GET.get("jednostka") or ""
    if not value.isdigit():
        return None
    return units.filter(pk=int(value)).only("pk", "text").first()


def unit_texts(form) -> dict[str, str]:
    """Each provision's text by its id, for the script that fills in the wording
    concerned when the provision chosen in the form changes."""
    return {
        str(pk): text
        for pk, text in form.fields["unit"].queryset.values_list("pk", "text")
    }


@login_required
@require_http_methods(["GET", "POST"])
def comment_create(request, pk: int):
    """A comment while the consultation is open; the service re-checks it under a lock."""
    consultation = _consultation_or_404(request, pk)
    if not permissions.can_comment(request.user, consultation):
        raise PermissionDenied
    form = _comment_form(request, consultation)
    limited = request.method == "POST" and rate_limit_exceeded(request, "comment")
    if limited:
        form.add_error(None, limited)
    elif request.method == "POST" and form.is_valid():
        try:
            comment = services.comment_submit(
                consultation=consultation,
                author=request.user,
                organisation=form.organisation,
                unit=form.cleaned_data["unit"],
                current_wording=form.cleaned_data["current_wording"],
                proposed_wording=form.cleaned_data["proposed_wording"],
                justification=form.cleaned_data["justification"],
                name_consent=form.cleaned_data["name_consent"],
            )
        except DomainError as exc:
            _attach(form, exc)
        else:
            messages.success(request, _("Your comment has been submitted."))
            return redirect(comment.get_absolute_url())
    return render(
        request,
        "consultations/comment_form.html",
        {
            "consultation": consultation,
            "form": form,
            "comment": None,
            "unit_texts": unit_texts(form),
        },
        status=(429 if limited else 400) if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request, pk: int, comment_pk: int):
    """The author edits their comment until the end date; refused after it."""
    consultation = _consultation_or_404(request, pk)
    comment = get_object_or_404(
        Comment.objects.select_related("unit", "organisation"),
        pk=comment_pk,
        consultation=consultation,
    )
    comment.consultation = consultation
    if comment.author_id != request.user.pk:
        raise PermissionDenied
    if not permissions.can_edit_comment(request.user, comment):
        if request.method == "POST":
            raise PermissionDenied(_("This comment can no longer be changed."))
        messages.error(request, _("This comment can no longer be changed."))
        return redirect(comment.get_absolute_url())
    form = _comment_form(request, consultation, comment=comment)
    limited = request.method == "POST" and rate_limit_exceeded(request, "comment")
    if limited:
        form.add_error(None, limited)
    elif request.method == "POST" and form.is_valid():
        try:
            services.comment_update(
                comment=comment,
                actor=request.user,
                unit=form.cleaned_data["unit"],
                current_wording=form.cleaned_data["current_wording"],
                proposed_wording=form.cleaned_data["proposed_wording"],
                justification=form.cleaned_data["justification"],
                name_consent=form.cleaned_data["name_consent"],
            )
        except DomainError as exc:
            _attach(form, exc)
        else:
            messages.success(request, _("Your comment has been changed."))
            return redirect(comment.get_absolute_url())
    return render(
        request,
        "consultations/comment_form.html",
        {
            "consultation": consultation,
            "form": form,
            "comment": comment,
            "unit_texts": unit_texts(form),
        },
        status=(429 if limited else 400) if request.method == "POST" else 200,
    )


def _attach(form, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    if exc.field == "organisation" and "speaker" in form.fields:
        field = "speaker"
    form.add_error(field, exc.message)


@require_GET
@clerk_required
def version_preview(request, pk: int):
    """``/konsultacje/<pk>/podzial/``: the clerk's check of the latest version.

    The units found, their nesting, the closing part, the lines set aside, the
    notes on reading the file and any word the units do not hold, before the
    consultation is published.
    """
    consultation = get_object_or_404(Consultation, pk=pk)
    version = consultation.versions.order_by("-number").first()
    units = list(version.units.all()) if version else []
    response = render(
        request,
        "consultations/version_preview.html",
        {
            "consultation": consultation,
            "version": version,
            "units": [u for u in units if u.kind != Unit.Kind.CLOSING],
            "closing": [u for u in units if u.kind == Unit.Kind.CLOSING],
            "differences": version.text_difference.splitlines() if version else [],
            "notes": version.reading_notes.splitlines() if version else [],
        },
    )
    return keep_private(response)


@require_GET
def version_diff(request, pk: int):
    """The differences between two versions of the draft (``?od=1&do=2``)."""
    from .diff import versions_diff

    consultation = _consultation_or_404(request, pk)
    versions = list(consultation.versions.all())
    if len(versions) < 2:
        raise Http404
    by_number = {v.number: v for v in versions}
    try:
        old = by_number[int(request.GET.get("od", versions[-2].number))]
        new = by_number[int(request.GET.get("do", versions[-1].number))]
    except (KeyError, ValueError) as exc:
        raise Http404 from exc
    return render(
        request,
        "consultations/version_diff.html",
        {
            "consultation": consultation,
            "old": old,
            "new": new,
            "versions": versions,
            "changes": versions_diff(old, new),
        },
    )


@require_GET
def report_pdf(request, pk: int):
    """The published report as a stored PDF, rendered by a worker when the inputs change."""
    from cooperation.core.pdf import serve_document

    consultation = _consultation_or_404(request, pk)
    if consultation.status != Consultation.Status.REPORT_PUBLISHED:
        raise Http404
    doc = report_document(consultation)
    return serve_document(
        request, doc, filename=f"raport-z-konsultacji-{consultation.pk}.pdf"
    )


def _comments_export(request, pk: int, format: Format) -> HttpResponse:
    consultation = get_object_or_404(Consultation, pk=pk)
    return export_response(
        format,
        header=export_columns(),
        rows=export_rows(consultation),
        filename=f"uwagi-{consultation.pk}",
        sheet=_("Comments"),
    )


@clerk_required
@require_GET
def comments_csv(request, pk: int):
    return _comments_export(request, pk, "csv")


@clerk_required
@require_GET
def comments_xlsx(request, pk: int):
    return _comments_export(request, pk, "xlsx")


# --- Surveys ----------------------------------------------------------------


@require_GET
def survey_list(request):
    """Published evaluation surveys, open ones first."""
    return render(
        request,
        "consultations/survey_list.html",
        # Read only when the template's fragment is rendered.
        {"surveys": Later(selectors.survey_list_for_public)},
    )


def _survey_or_404(request, pk: int) -> Survey:
    survey = get_object_or_404(
        Survey.objects.select_related("consultation", "programme"), pk=pk
    )
    if not survey.is_published and not permissions.can_manage(request.user):
        raise Http404
    return survey


@require_http_methods(["GET", "POST"])
@rate_limited()
def survey_detail(request, pk: int):
    """Answer an evaluation survey once; the results link follows."""
    survey = _survey_or_404(request, pk)
    answered = (
        request.user.is_authenticated
        and survey.responses.filter(respondent=request.user).exists()
    )
    can_answer = permissions.can_answer_survey(request.user, survey) and not answered
    form = SurveyForm(request.POST or None, survey=survey) if can_answer else None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/konto/login/?next={request.path}")
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.survey_answer(
                    survey=survey, respondent=request.user, answers=form.answers()
                )
            except DomainError as exc:
                _attach(form, exc)
            else:
                messages.success(
                    request, _("Thank you: your answers have been recorded.")
                )
                return redirect(survey.get_absolute_url())
    return render(
        request,
        "consultations/survey_detail.html",
        {
            "survey": survey,
            "form": form,
            "answered": answered,
            "results_visible": permissions.can_view_survey_results(
                request.user, survey
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def survey_results(request, pk: int):
    survey = _survey_or_404(request, pk)
    if not permissions.can_view_survey_results(request.user, survey):
        raise PermissionDenied
    results = selectors.survey_results(survey=survey)
    return render(
        request,
        "consultations/survey_results.html",
        {"survey": survey, "results": results, "responses": survey.responses.count()},
    )
