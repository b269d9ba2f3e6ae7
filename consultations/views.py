from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cooperation.core.exceptions import DomainError
from cooperation.core.exports import Format, export_response

from . import permissions, selectors, services
from .forms import CommentForm, ConsultationFilterForm, SurveyForm
from .models import Comment, Consultation, DraftVersion, Survey
from .reports import export_columns, export_rows, report_document


def _consultation_or_404(request, pk: int) -> Consultation:
    try:
        consultation = selectors.consultation_for_page(pk)
    except Consultation.DoesNotExist as exc:
        raise Http404 from exc
    if not permissions.can_view(request.user, consultation):
        raise Http404
    return consultation


@require_GET
def consultation_list(request):
    """``/konsultacje/``: announced consultations with filters, 20 a page."""
    form = ConsultationFilterForm(
        request.GET or None, years=selectors.consultation_years()
    )
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.consultation_list_for_public(
        phase=filters.get("phase") or "",
        kind=filters.get("kind") or "",
        year=filters.get("year"),
        query=filters.get("q") or "",
    )
    page = Paginator(qs, 20).get_page(request.GET.get("strona"))
    query = request.GET.copy()
    query.pop("strona", None)
    return render(
        request,
        "consultations/consultation_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "now": timezone.now()},
    )


@require_GET
def consultation_detail(request, pk: int):
    """``/konsultacje/<pk>/``: the draft by units, comments, meetings and the report."""
    consultation = _consultation_or_404(request, pk)
    data = selectors.consultation_page(consultation=consultation, user=request.user)
    report = None
    if consultation.status == Consultation.Status.REPORT_PUBLISHED:
        report = selectors.consultation_report_from_page(data)
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": consultation,
            "data": data,
            "report": report,
            "can_comment": permissions.can_comment(request.user, consultation),
            "is_clerk": permissions.can_manage(request.user),
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
        initial = {"unit": request.GET.get("jednostka") or None}
    return CommentForm(
        request.POST or None,
        initial=initial,
        consultation=consultation,
        organisations=organisations,
        as_person=as_person,
        units=units,
        fixed_speaker="" if comment is not None else None,
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_create(request, pk: int):
    """A comment while the consultation is open; the service re-checks it under a lock."""
    consultation = _consultation_or_404(request, pk)
    if not permissions.can_comment(request.user, consultation):
        raise PermissionDenied
    form = _comment_form(request, consultation)
    if request.method == "POST" and form.is_valid():
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
        {"consultation": consultation, "form": form, "comment": None},
        status=400 if request.method == "POST" else 200,
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
    if request.method == "POST" and form.is_valid():
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
        {"consultation": consultation, "form": form, "comment": comment},
        status=400 if request.method == "POST" else 200,
    )


def _attach(form, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    if exc.field == "organisation" and "speaker" in form.fields:
        field = "speaker"
    form.add_error(field, exc.message)


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


def _export_allowed(request, pk: int) -> Consultation:
    if not request.user.is_authenticated:
        raise PermissionDenied
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    return get_object_or_404(Consultation, pk=pk)


def _comments_export(request, pk: int, format: Format) -> HttpResponse:
    consultation = _export_allowed(request, pk)
    return export_response(
        format,
        header=export_columns(),
        rows=export_rows(consultation),
        filename=f"uwagi-{consultation.pk}",
        sheet=_("Comments"),
    )


@require_GET
def comments_csv(request, pk: int):
    return _comments_export(request, pk, "csv")


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
        {"surveys": selectors.survey_list_for_public()},
    )


def _survey_or_404(request, pk: int) -> Survey:
    survey = get_object_or_404(
        Survey.objects.select_related("consultation", "programme"), pk=pk
    )
    if not survey.is_published and not permissions.can_manage(request.user):
        raise Http404
    return survey


@require_http_methods(["GET", "POST"])
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
