"""How consultations plug into the shared machinery (discovered by cooperation)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cooperation.calendar import CalendarEntry
from cooperation.notifications import Message
from cooperation.profile import PROFILE_ACTIVITY_LIMIT, ActivityItem, ProfileActivity
from cooperation.programme import hooks as programme_hooks  # noqa: F401  (the programme's hooks)
from cooperation.registry import (
    bench_jobs,
    bench_pages,
    calendar_sources,
    document_contexts,
    home_sections,
    organisation_activity,
    personal_data_erasers,
    personal_data_exporters,
    reminder_providers,
    seed_bench_steps,
    seed_demo_steps,
)

from .models import Comment, Consultation
from .reports import REPORT_TEMPLATE, report_context

document_contexts.add(REPORT_TEMPLATE, report_context)


@reminder_providers.register("consultations.closing")
def closing_soon(now: datetime):
    """Representatives of invited organisations, N days before the end (2 queries + 1 each)."""
    from .models import Consultation
    from .services import invited_user_ids

    days = settings.PORTAL_RULES["CONSULTATION_REMINDER_DAYS"]
    due = Consultation.objects.open(now).filter(end_at__lte=now + timedelta(days=days))
    messages = []
    for consultation in due.prefetch_related("invited_spheres"):
        for user_id in invited_user_ids(consultation):
            messages.append(
                Message.about(
                    consultation,
                    recipient_id=user_id,
                    kind="consultations.closing",
                    occasion=f"consultation-closing-{days}d:{consultation.pk}",
                )
            )
    return messages


@reminder_providers.register("consultations.report-overdue")
def report_overdue(now: datetime):
    """The responsible clerk, once the report is later than the configured days."""
    from .models import Consultation

    days = settings.PORTAL_RULES["CONSULTATION_REPORT_DAYS"]
    overdue = Consultation.objects.closed(now).filter(
        end_at__lte=now - timedelta(days=days), responsible__isnull=False
    )
    return [
        Message.about(
            c,
            recipient_id=c.responsible_id,
            kind="consultations.report_overdue",
            occasion=f"consultation-report-overdue:{c.pk}",
        )
        for c in overdue
    ]


@home_sections.register("consultations", order=20)
def open_consultations(request):
    from .models import Consultation

    items = list(Consultation.objects.open().order_by("end_at")[:5])
    if not items:
        return None
    return {"template": "consultations/_home_section.html", "consultations": items}


@calendar_sources.register("consultations")
def consultation_ends(start, end):
    from .models import Consultation

    for c in (
        Consultation.objects.public()
        .exclude(status="cancelled")
        .filter(end_at__gte=start, end_at__lt=end)
    ):
        yield CalendarEntry(
            uid=f"consultation-{c.pk}-end@portal",
            title=_("End of the consultation: %(title)s") % {"title": c.title},
            start=c.end_at,
            url=c.get_absolute_url(),
            category=_("consultation"),
        )


@personal_data_exporters.register("consultations")
def export_comments(user) -> dict:
    from .models import Comment, SurveyResponse

    comments = Comment.objects.filter(author=user).select_related(
        "consultation", "organisation", "unit"
    )
    return {
        "consultation_comments": [
            {
                "consultation": c.consultation.title,
                "organisation": c.organisation.name if c.organisation_id else None,
                "provision": c.unit_label,
                "wording_concerned": c.current_wording,
                "proposed_wording": c.proposed_wording,
                "justification": c.justification,
                "name_published": c.name_consent,
                "submitted": c.created_at.isoformat(),
                "decision": c.decision,
            }
            for c in comments
        ],
        "survey_responses": [
            {"survey": r.survey.title, "answered": r.created_at.isoformat()}
            for r in SurveyResponse.objects.filter(respondent=user).select_related(
                "survey"
            )
        ],
    }


@personal_data_erasers.register("consultations")
def erase_comments(user) -> None:
    """Comments stay in the public record of the consultation, without the person."""
    from .models import SurveyResponse
    from .services import comments_anonymise

    comments_anonymise(user=user)
    SurveyResponse.objects.filter(respondent=user).update(respondent=None)


@seed_demo_steps.register("consultations", order=40)
def demo(stdout) -> None:
    from .demo import seed_demo

    seed_demo(stdout)


@seed_bench_steps.register("consultations", order=40)
def bench(scale: int, stdout) -> None:
    from .demo import seed_bench

    seed_bench(scale, stdout)


@bench_pages.register("consultations")
def pages():
    from django.db.models import Count

    from .models import Consultation

    busiest = (
        Consultation.objects.public()
        .annotate(n=Count("comments"))
        .order_by("-n")
        .values_list("pk", flat=True)
        .first()
    )
    result = [
        ("consultation list", "/konsultacje/"),
        ("consultation surveys", "/konsultacje/ankiety/"),
    ]
    if busiest:
        result.append(("consultation with most comments", f"/konsultacje/{busiest}/"))
    return result


@bench_jobs.register("pdf: consultation report with 100 comments")
def report_pdf_job() -> None:
    from django.db.models import Count

    from cooperation.pdf import render_pdf

    from .models import Consultation
    from .reports import REPORT_TEMPLATE, report_context

    consultation = (
        Consultation.objects.annotate(n=Count("comments")).order_by("-n", "pk").first()
    )
    if consultation is None:
        return
    render_pdf(
        REPORT_TEMPLATE,
        report_context(consultation),
        title=consultation.title,
        lang="pl",
    )


@organisation_activity.register("consultations", order=20)
def consultation_comments(organisation) -> ProfileActivity | None:
    """The organisation's comments on announced consultations (hidden ones left out)."""
    comments = list(
        Comment.objects.visible()
        .filter(organisation=organisation, consultation__in=Consultation.objects.public())
        .select_related("consultation")
        .only("pk", "received_on", "consultation__title")
        .order_by("-received_on", "-pk")[:PROFILE_ACTIVITY_LIMIT]
    )
    if not comments:
        return None
    return ProfileActivity(
        title=_("Comments in consultations"),
        items=[
            ActivityItem(
                label=comment.consultation.title,
                url=comment.get_absolute_url(),
                detail=date_format(comment.received_on, "j E Y") if comment.received_on else "",
            )
            for comment in comments
        ],
    )
