"""The reads each consultation screen, report and export needs (constant query counts)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from cooperation.core.db import subquery_count

from . import permissions
from .models import Comment, Consultation, DraftVersion, Survey, Unit


def consultation_list_for_public() -> QuerySet[Consultation]:
    """Announced consultations, newest first, with the count of public comments;
    ``consultations.filters`` narrows them."""
    return (
        Consultation.objects.public()
        .annotate(
            comment_count=subquery_count(
                Comment.objects.filter(hidden_at__isnull=True), to="consultation"
            )
        )
        .order_by("-start_at", "-pk")
    )


def consultation_years() -> list[int]:
    return sorted(
        {d.year for d in Consultation.objects.public().dates("start_at", "year")},
        reverse=True,
    )


@dataclass
class UnitRow:
    unit: Unit
    comments: list[Comment] = field(default_factory=list)


@dataclass
class ConsultationPage:
    consultation: Consultation
    version: DraftVersion | None
    versions: list[DraftVersion]
    rows: list[UnitRow]
    general_comments: list[Comment]
    comments: list[Comment]
    own_comment_ids: set[int]
    surveys: list[Survey]


def consultation_page(*, consultation: Consultation, user: Any) -> ConsultationPage:
    """Everything the consultation page shows.

    Queries: versions (1), units of the latest version (1), comments with unit,
    organisation and author (1), surveys (1). Documents, meetings and invited
    spheres are prefetched by :func:`consultation_for_page`.
    """
    versions = list(
        consultation.versions.only(
            "pk", "number", "note", "created_at", "consultation_id"
        )
    )
    version = versions[-1] if versions else None
    units = list(version.units.all()) if version else []
    comments_qs = consultation.comments.select_related("unit", "organisation", "author")
    if not permissions.can_manage(user):
        comments_qs = comments_qs.visible()
    comments = list(comments_qs.order_by("created_at", "pk"))
    by_unit: dict[int, list[Comment]] = {}
    general: list[Comment] = []
    for comment in comments:
        if comment.unit_id:
            by_unit.setdefault(comment.unit_id, []).append(comment)
        else:
            general.append(comment)
    rows = [UnitRow(unit=u, comments=by_unit.pop(u.pk, [])) for u in units]
    # Comments on units of an earlier version are listed with the general ones.
    for leftover in by_unit.values():
        general.extend(leftover)
    general.sort(key=lambda c: (c.created_at, c.pk))
    user_id = getattr(user, "pk", None)
    own = {c.pk for c in comments if user_id and c.author_id == user_id}
    surveys = list(consultation.surveys.filter(is_published=True))
    return ConsultationPage(
        consultation=consultation,
        version=version,
        versions=versions,
        rows=rows,
        general_comments=general,
        comments=comments,
        own_comment_ids=own,
        surveys=surveys,
    )


def consultation_for_page(pk: int) -> Consultation:
    """One query for the consultation and three prefetches (documents, meetings, spheres)."""
    return (
        Consultation.objects.select_related("programme")
        .prefetch_related("documents", "meetings", "invited_spheres")
        .get(pk=pk)
    )


@dataclass
class Report:
    consultation: Consultation
    comments: list[Comment]
    comment_count: int
    participant_count: int
    organisation_count: int
    person_count: int
    hidden_count: int
    by_decision: list[tuple[str, int]]
    by_channel: list[tuple[str, int]]
    meeting_participants: int


def consultation_report(*, consultation: Consultation) -> Report:
    """The report: every public comment with its decision, and participation figures.

    Queries: comments with unit, organisation and author (1), meetings (1, or none
    when prefetched).
    """
    all_comments = list(
        consultation.comments.select_related("unit", "organisation", "author").order_by(
            "unit__version__number", "unit__position", "created_at", "pk"
        )
    )
    return _report(consultation, all_comments)


def consultation_report_from_page(page: ConsultationPage) -> Report:
    """The report from comments the page has loaded already (no further queries)."""
    ordered = sorted(
        page.comments,
        key=lambda c: (
            c.unit.version_id if c.unit is not None else 0,
            c.unit.position if c.unit is not None else 0,
            c.created_at,
            c.pk,
        ),
    )
    report = _report(page.consultation, ordered)
    # The public page does not load hidden comments; count them (1 query).
    report.hidden_count = page.consultation.comments.filter(
        hidden_at__isnull=False
    ).count()
    return report


def _report(consultation: Consultation, all_comments: list[Comment]) -> Report:
    comments = [c for c in all_comments if not c.is_hidden]
    organisations = {c.organisation_id for c in comments if c.organisation_id}
    persons = {
        c.author_id or f"name:{c.author_name.strip().lower()}"
        for c in comments
        if not c.organisation_id
    }
    decisions = Counter(c.decision for c in comments)
    channels = Counter(c.channel for c in comments)
    meetings = list(consultation.meetings.all())
    return Report(
        consultation=consultation,
        comments=comments,
        comment_count=len(comments),
        participant_count=len(organisations) + len(persons),
        organisation_count=len(organisations),
        person_count=len(persons),
        hidden_count=len(all_comments) - len(comments),
        by_decision=[
            (str(label), decisions.get(value, 0))
            for value, label in Comment.Decision.choices
        ],
        by_channel=[
            (str(label), channels.get(value, 0))
            for value, label in Comment.Channel.choices
        ],
        meeting_participants=sum(m.participants for m in meetings),
    )


def comments_for_export(*, consultation: Consultation) -> QuerySet[Comment]:
    """Every comment, hidden ones included, for the clerks' CSV and XLSX."""
    return consultation.comments.select_related(
        "unit", "organisation", "author", "meeting", "entered_by", "decided_by"
    ).order_by("created_at", "pk")


def survey_list_for_public() -> QuerySet[Survey]:
    """Published surveys with what they evaluate and their response counts (1 query)."""
    return (
        Survey.objects.filter(is_published=True)
        .select_related("consultation", "programme")
        .annotate(response_count=Count("responses"))
        .order_by("-closes_at", "-pk")
    )


def survey_results(*, survey: Survey) -> list[dict[str, Any]]:
    """Per question: counts per value (scale and choice) or the texts; two queries."""
    questions = list(survey.questions.all())
    counts: dict[int, Counter] = {q.pk: Counter() for q in questions}
    texts: dict[int, list[str]] = {q.pk: [] for q in questions}
    for question_id, value in survey.responses.values_list(
        "answers__question_id", "answers__value"
    ):
        if question_id is None:
            continue
        counts[question_id][value] += 1
        texts[question_id].append(value)
    results = []
    for q in questions:
        if q.kind == q.Kind.TEXT:
            results.append(
                {
                    "question": q,
                    "texts": texts[q.pk],
                    "rows": [],
                    "total": len(texts[q.pk]),
                }
            )
            continue
        options = ["1", "2", "3", "4", "5"] if q.kind == q.Kind.SCALE else q.choice_list
        total = sum(counts[q.pk].values())
        rows = [
            {
                "label": option,
                "count": counts[q.pk].get(option, 0),
                "percent": round(100 * counts[q.pk].get(option, 0) / total)
                if total
                else 0,
            }
            for option in options
        ]
        mean = None
        if q.kind == q.Kind.SCALE and total:
            mean = sum(int(k) * v for k, v in counts[q.pk].items()) / total
        results.append(
            {"question": q, "rows": rows, "total": total, "mean": mean, "texts": []}
        )
    return results
