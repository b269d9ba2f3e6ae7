"""Every state change of the quality index: the year's assessment and the answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.limits import clean_text
from cooperation.core.permissions import require_clerk
from cooperation.core.workflow import (
    Input,
    Transition,
    Workflow,
    Workflows,
    record,
    transition,
)
from cooperation.evaluation.models import (
    Answer,
    Area,
    Assessment,
    IndexVersion,
    Indicator,
    Respondent,
    Respondents,
)
from ngos.models import Organisation
from ngos.permissions import Capability, can_act_for

from .selectors import computed_figures

S = Assessment.Status

_SERVICES = "cooperation.evaluation.quality.services."

TRANSITIONS = Workflows(
    Workflow(
        Assessment,
        Transition(
            "open",
            S.DRAFT,
            S.OPEN,
            gettext_lazy("Open for answers"),
            service=_SERVICES + "assessment_open",
        ),
        Transition(
            "close",
            S.OPEN,
            S.CLOSED,
            gettext_lazy("Close the answers"),
            service=_SERVICES + "assessment_close",
        ),
        Transition(
            "reopen",
            S.CLOSED,
            S.OPEN,
            gettext_lazy("Open again for answers"),
            inputs=(Input("reason", gettext_lazy("Reason"), required=True),),
            service=_SERVICES + "assessment_reopen",
            bulk=False,
        ),
        Transition(
            "publish",
            S.CLOSED,
            S.PUBLISHED,
            gettext_lazy("Publish the results"),
            inputs=(
                Input(
                    "summary",
                    gettext_lazy("Conclusions"),
                    source="summary",
                ),
            ),
            service=_SERVICES + "assessment_publish",
        ),
    )
)


def _text(value: str, *, kind: str = "text", field: str | None = None) -> str:
    """A typed text within its limit, stripped; ``DomainError`` when it is too long."""
    value = (value or "").strip()
    try:
        return clean_text(value, kind)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field=field) from exc


@dataclass(frozen=True)
class Score:
    """What a respondent gives for one indicator."""

    score: int
    comment: str = ""


def assessment_create(
    *, actor: Any, year: int, version: IndexVersion, invitation: str = ""
) -> Assessment:
    """Prepare the self-assessment of ``year`` on ``version`` (in preparation).

    Raises ``PermissionDeniedError`` for anyone but a clerk and ``DomainError`` when
    the year has an assessment already or the version has no indicator.
    """
    require_clerk(actor)
    if Assessment.objects.filter(year=year).exists():
        raise DomainError(
            _("The year %(year)s has its assessment already.") % {"year": year},
            field="year",
        )
    if not Indicator.objects.filter(area__version=version).exists():
        raise DomainError(
            _("The version of the index has no indicator."), field="version"
        )
    with transaction.atomic():
        assessment = Assessment.objects.create(
            year=year,
            version=version,
            invitation=_text(invitation, field="invitation"),
        )
        record(assessment, actor=actor, to=assessment.status)
    return assessment


def index_version_copy(*, actor: Any, version: IndexVersion) -> IndexVersion:
    """A new version with the areas and indicators of ``version``, to be changed for
    the next years while the years answered on ``version`` keep it as it was."""
    require_clerk(actor)
    with transaction.atomic():
        taken = set(
            IndexVersion.objects.filter(code__startswith=version.code[:36]).values_list(
                "code", flat=True
            )
        )
        number = 2
        while f"{version.code[:36]}-{number}" in taken:
            number += 1
        copy = IndexVersion.objects.create(
            code=f"{version.code[:36]}-{number}",
            name=(
                _("%(name)s (copy %(number)s)")
                % {"name": version.name, "number": number}
            )[:300],
            source=version.source,
            source_url=version.source_url,
            scale_min=version.scale_min,
            scale_max=version.scale_max,
            scale_description=version.scale_description,
        )
        for area in version.areas.prefetch_related("indicators"):
            new_area = Area.objects.create(
                version=copy,
                position=area.position,
                plane=area.plane,
                name=area.name,
                description=area.description,
            )
            Indicator.objects.bulk_create(
                Indicator(
                    area=new_area,
                    position=i.position,
                    question=i.question,
                    guidance=i.guidance,
                    respondents=i.respondents,
                    measure=i.measure,
                )
                for i in area.indicators.all()
            )
        record(copy, actor=actor, to="created", note=version.code)
    return copy


def assessment_open(*, assessment: Assessment, actor: Any) -> Assessment:
    """Open the year's questions to the organisations and the office."""
    require_clerk(actor)
    return transition(
        assessment,
        transitions=TRANSITIONS,
        to=S.OPEN,
        actor=actor,
        changes={"opened_at": timezone.now()},
    )


def assessment_close(*, assessment: Assessment, actor: Any) -> Assessment:
    """Stop the answers and freeze the figures computed from the year's records."""
    require_clerk(actor)
    with transaction.atomic():
        return transition(
            assessment,
            transitions=TRANSITIONS,
            to=S.CLOSED,
            actor=actor,
            changes={
                "closed_at": timezone.now(),
                "computed": computed_figures(assessment),
            },
        )


def assessment_reopen(*, assessment: Assessment, actor: Any, reason: str) -> Assessment:
    """Take answers again after closing; the figures are computed again at closing.

    Raises ``DomainError`` without a reason.
    """
    require_clerk(actor)
    reason = _text(reason, field="reason")
    if not reason:
        raise DomainError(_("Give the reason."), field="reason")
    return transition(
        assessment, transitions=TRANSITIONS, to=S.OPEN, actor=actor, note=reason
    )


def assessment_publish(
    *, assessment: Assessment, actor: Any, summary: str | None = None
) -> Assessment:
    """Publish the year's results on the programme pages, with the conclusions."""
    require_clerk(actor)
    changes: dict[str, Any] = {"published_at": timezone.now()}
    if summary is not None:
        changes["summary"] = _text(summary, field="summary")
    return transition(
        assessment,
        transitions=TRANSITIONS,
        to=S.PUBLISHED,
        actor=actor,
        changes=changes,
    )


def _questions(assessment: Assessment, respondent: str) -> dict[int, Indicator]:
    skipped = (
        Respondents.ORGANISATIONS
        if respondent == Respondent.MUNICIPALITY
        else Respondents.MUNICIPALITY
    )
    rows = Indicator.objects.filter(area__version_id=assessment.version_id).exclude(
        respondents=skipped
    )
    return {indicator.pk: indicator for indicator in rows}


def _save_answers(
    *,
    assessment: Assessment,
    actor: Any,
    respondent: str,
    organisation: Organisation | None,
    scores: Mapping[int, Score],
) -> list[Answer]:
    version = assessment.version
    questions = _questions(assessment, respondent)
    unknown = set(scores) - set(questions)
    if unknown:
        raise DomainError(_("The answers name a question of another index."))
    if not scores:
        raise DomainError(_("Score at least one question."))
    for given in scores.values():
        if not version.scale_min <= given.score <= version.scale_max:
            raise DomainError(
                _("A score is from %(low)s to %(high)s.")
                % {"low": version.scale_min, "high": version.scale_max}
            )
    saved = []
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.status != S.OPEN:
            raise DomainError(_("The assessment does not take answers now."))
        for indicator_id, given in scores.items():
            answer, _created = Answer.objects.update_or_create(
                assessment=assessment,
                indicator_id=indicator_id,
                respondent=respondent,
                organisation=organisation,
                defaults={
                    "score": given.score,
                    "comment": _text(given.comment, kind="comment"),
                    "answered_by": actor,
                },
            )
            saved.append(answer)
        record(
            assessment,
            actor=actor,
            from_status=locked.status,
            to="answered",
            note=str(organisation) if organisation else _("the municipality"),
        )
    return saved


def answers_submit_for_organisation(
    *,
    actor: Any,
    assessment: Assessment,
    organisation: Organisation,
    scores: Mapping[int, Score],
) -> list[Answer]:
    """Record (or replace) an organisation's scores; one answer per question.

    Raises ``PermissionDeniedError`` for anyone who may not sign for the
    organisation and ``DomainError`` when the assessment is not open or a score is
    off the scale.
    """
    if not can_act_for(actor, organisation, Capability.SIGN):
        raise PermissionDeniedError(
            _("Only a representative of a verified organisation may answer for it.")
        )
    return _save_answers(
        assessment=assessment,
        actor=actor,
        respondent=Respondent.ORGANISATION,
        organisation=organisation,
        scores=scores,
    )


def answers_submit_for_municipality(
    *, actor: Any, assessment: Assessment, scores: Mapping[int, Score]
) -> list[Answer]:
    """Record (or replace) the municipality's scores, given by a clerk.

    Raises as :func:`answers_submit_for_organisation`.
    """
    require_clerk(actor)
    return _save_answers(
        assessment=assessment,
        actor=actor,
        respondent=Respondent.MUNICIPALITY,
        organisation=None,
        scores=scores,
    )
