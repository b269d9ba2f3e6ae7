from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from cooperation.core.cache import Later
from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.http import keep_private
from cooperation.core.limits import rate_limited
from cooperation.core.permissions import has_clerk_powers
from cooperation.evaluation.models import Assessment, Respondent
from ngos.permissions import Capability, organisations_for

from . import selectors, services
from .chart import trend_chart
from .forms import AnswersForm

MUNICIPALITY = "gmina"

# What the index pages show (``cooperation.core.cache``).
AREAS = ("evaluation",)


@require_GET
def index(request):
    """``/program-wspolpracy/indeks/``: the index of every published year, as a trend."""
    # Read only when the page's fragment is rendered again (``quality_index.html``).
    results = Later(selectors.published_results)
    return render(
        request,
        "evaluation/quality_index.html",
        {
            "results": results,
            "chart": SimpleLazyObject(lambda: trend_chart(list(results))),
            "open": SimpleLazyObject(selectors.open_assessment),
            "areas": AREAS,
        },
    )


@require_GET
def year(request, year: int):
    """One year's results by area and indicator; clerks see a year before publication."""
    clerk = has_clerk_powers(request.user)
    result = selectors.year_result(year, published_only=not clerk)
    if result is None:
        raise Http404
    response = render(request, "evaluation/quality_year.html", {"result": result})
    if result.assessment.status != Assessment.Status.PUBLISHED:
        keep_private(response)
    return response


class RespondentForm(forms.Form):
    w = forms.ChoiceField(label=gettext_lazy("Answer on behalf of"))


def _respondents(user: Any) -> dict[str, tuple[str, Any]]:
    """Whom the person may answer for: the municipality (a clerk) or an organisation."""
    options: dict[str, tuple[str, Any]] = {}
    if has_clerk_powers(user):
        options[MUNICIPALITY] = (_("the municipality (the office)"), None)
    for organisation in organisations_for(user, Capability.SIGN).order_by("name"):
        options[str(organisation.pk)] = (str(organisation), organisation)
    return options


@login_required
@rate_limited()
def answer(request, year: int):
    """The questionnaire for an organisation's representative or, for the office, a clerk."""
    assessment = get_object_or_404(
        Assessment.objects.select_related("version"),
        year=year,
        status=Assessment.Status.OPEN,
    )
    options = _respondents(request.user)
    if not options:
        raise PermissionDenied(
            _("Only a representative of a verified organisation may answer for it.")
        )
    chooser = RespondentForm(request.GET or None)
    chooser.fields["w"].choices = [(key, label) for key, (label, _o) in options.items()]
    chosen = request.GET.get("w", "")
    if chosen not in options and len(options) == 1:
        chosen = next(iter(options))
    context: dict[str, Any] = {"assessment": assessment, "chooser": chooser}
    if chosen not in options:
        return keep_private(render(request, "evaluation/quality_answer.html", context))
    label, organisation = options[chosen]
    respondent = (
        Respondent.MUNICIPALITY if organisation is None else Respondent.ORGANISATION
    )
    areas = selectors.questions_for(assessment, respondent)
    form = AnswersForm(
        request.POST or None,
        version=assessment.version,
        areas=areas,
        answers=selectors.answers_of(
            assessment, respondent, organisation.pk if organisation else None
        ),
        computed=selectors.figures_for(assessment, areas),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if organisation is None:
                services.answers_submit_for_municipality(
                    actor=request.user, assessment=assessment, scores=form.scores()
                )
            else:
                services.answers_submit_for_organisation(
                    actor=request.user,
                    assessment=assessment,
                    organisation=organisation,
                    scores=form.scores(),
                )
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _(
                    "The answers have been saved. You may change them until the answers close."
                ),
            )
            address = reverse("quality:answer", kwargs={"year": year})
            return HttpResponseRedirect(f"{address}?{urlencode({'w': chosen})}")
    context.update(
        {
            "form": form,
            "respondent_label": label,
            "chosen": chosen,
            "several": len(options) > 1,
        }
    )
    return keep_private(render(request, "evaluation/quality_answer.html", context))
