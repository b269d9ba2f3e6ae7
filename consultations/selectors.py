"""The reads each consultation screen, report and export needs (constant query counts)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, F, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from cooperation.core.cache import Kept, cached_record
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


# The consultation page shows the first comments of each provision and of the whole
# draft; the rest are on the pages of :func:`comments_of_unit`, so the page stays the
# same size however many comments arrive.
UNIT_COMMENTS_SHOWN = 3
GENERAL_COMMENTS_SHOWN = 10


@dataclass
class UnitRow:
    unit: Unit
    comments: list[Comment] = field(default_factory=list)
    # Every comment on the unit the visitor may see, shown or not.
    total: int = 0


@dataclass
class ConsultationPage:
    consultation: Consultation
    version: DraftVersion | None
    versions: list[DraftVersion]
    rows: list[UnitRow]
    general_comments: list[Comment]
    general_total: int
    documents: list[Any]
    meetings: list[Any]
    invited_spheres: list[Any]
    surveys: list[Survey]
    report: Report | None


def _visible_comments(consultation: Consultation, user: Any) -> QuerySet[Comment]:
    comments = consultation.comments.select_related("unit", "organisation", "author")
    if not permissions.can_manage(user):
        comments = comments.visible()
    return comments


def consultation_page(*, consultation: Consultation, user: Any) -> ConsultationPage:
    """Everything the consultation page shows, whatever the number of comments.

    Queries: documents (1), meetings (1), invited spheres (1), versions (1), units of
    the latest version (1), the first comments of each unit and of the whole draft
    with their unit, organisation, author and the number of all of them (1), surveys
    (1) and, once the report is published, its figures (1).
    """
    documents = list(consultation.documents.all())
    meetings = list(consultation.meetings.all())
    spheres = list(consultation.invited_spheres.all())
    versions = list(
        consultation.versions.only(
            "pk", "number", "note", "created_at", "consultation_id"
        )
    )
    version = versions[-1] if versions else None
    units = list(version.units.all()) if version else []
    # Comments on units of an earlier version are listed with the general ones.
    group = (
        Case(When(unit__version_id=version.pk, then=F("unit_id")), default=Value(0))
        if version
        else Value(0)
    )
    order = [F("created_at").asc(), F("pk").asc()]
    comments = list(
        _visible_comments(consultation, user)
        .annotate(
            group=group,
            rank=Window(RowNumber(), partition_by=[group], order_by=order),
            group_total=Window(Count("pk"), partition_by=[group]),
        )
        .filter(
            Q(group=0, rank__lte=GENERAL_COMMENTS_SHOWN)
            | (~Q(group=0) & Q(rank__lte=UNIT_COMMENTS_SHOWN))
        )
        .order_by("created_at", "pk")
    )
    by_unit: dict[int, list[Comment]] = {}
    totals: dict[int, int] = {}
    for comment in comments:
        by_unit.setdefault(comment.group, []).append(comment)
        totals[comment.group] = comment.group_total
    rows = [
        UnitRow(unit=u, comments=by_unit.get(u.pk, []), total=totals.get(u.pk, 0))
        for u in units
    ]
    report = None
    if consultation.status == Consultation.Status.REPORT_PUBLISHED:
        report = consultation_report_figures(
            consultation=consultation, meetings=meetings
        )
    return ConsultationPage(
        consultation=consultation,
        version=version,
        versions=versions,
        rows=rows,
        general_comments=by_unit.get(0, []),
        general_total=totals.get(0, 0),
        documents=documents,
        meetings=meetings,
        invited_spheres=spheres,
        surveys=list(consultation.surveys.filter(is_published=True)),
        report=report,
    )


def own_comment_ids(*, consultation: Consultation, user: Any) -> set[int]:
    """The comments ``user`` wrote in ``consultation`` (1 query; none for a visitor)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(consultation.comments.filter(author=user).values_list("pk", flat=True))


def latest_version(consultation: Consultation) -> DraftVersion | None:
    return consultation.versions.order_by("-number").first()


def comments_of_unit(
    *,
    consultation: Consultation,
    version: DraftVersion | None,
    unit: Unit | None,
    user: Any,
) -> QuerySet[Comment]:
    """The comments on ``unit``, or on the whole draft (``None``), oldest first.

    The whole draft's comments include those on units of earlier versions, as on the
    consultation page.
    """
    comments = _visible_comments(consultation, user)
    if unit is not None:
        comments = comments.filter(unit=unit)
    elif version is not None:
        comments = comments.filter(
            Q(unit__isnull=True) | ~Q(unit_id__in=version.units.values("pk"))
        )
    return comments.order_by("created_at", "pk")


def consultation_for_detail(pk: int) -> Consultation:
    """The consultation of its page (1 query); :func:`consultation_page` reads the rest."""
    return Consultation.objects.select_related("programme").get(pk=pk)


def consultation_kept(pk: int) -> Consultation:
    """:func:`consultation_for_detail`, kept in the cache until a consultation or a
    programme changes (no query)."""
    return cached_record(
        Kept.record(
            "consultations:consultation",
            (Consultation, Consultation.programme.field.related_model),
            pk,
        ),
        lambda: consultation_for_detail(pk),
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


def consultation_report_figures(
    *, consultation: Consultation, meetings: list[Any] | None = None
) -> Report:
    """The report's figures without loading the comments: one query of a few columns.

    ``meetings`` loaded already save their query. The report's ``comments`` stay
    empty (the page lists comments itself).
    """
    rows: list[Any] = list(
        consultation.comments.values_list(
            "organisation_id",
            "author_id",
            "author_name",
            "decision",
            "channel",
            "hidden_at",
            named=True,
        )
    )
    report = _report(consultation, rows, meetings=meetings)
    report.comments = []
    return report


def _report(
    consultation: Consultation,
    all_comments: list[Any],
    meetings: list[Any] | None = None,
) -> Report:
    comments = [c for c in all_comments if c.hidden_at is None]
    organisations = {c.organisation_id for c in comments if c.organisation_id}
    persons = {
        c.author_id or f"name:{c.author_name.strip().lower()}"
        for c in comments
        if not c.organisation_id
    }
    decisions = Counter(c.decision for c in comments)
    channels = Counter(c.channel for c in comments)
    if meetings is None:
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


def comments_for_user(user: Any) -> QuerySet[Comment]:
    """A person's own comments, newest first, with the consultation, provision and
    organisation they name (one query)."""
    return (
        Comment.objects.filter(author=user)
        .select_related("consultation", "unit", "organisation")
        .order_by("-received_on", "-pk")
    )
