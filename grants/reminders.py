"""Reminder rules of grants: what is due now, as messages for the outbox."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.db.models.functions import Coalesce
from django.utils import timezone

from cooperation.core.notifications import Message
from grants.models import (
    CommitteeMember,
    Competition,
    CompetitionStatus,
    Offer,
    OfferStatus,
)


def _lead_time(deadline: datetime, now: datetime, days: list[int]) -> int | None:
    """The reminder due now: the smallest lead time whose window has opened.

    With [3, 1] a draft gets the 3-day reminder from 3 days before the deadline
    and the 1-day one from 1 day before; a sweep that starts late sends only the
    nearer one.
    """
    due = [d for d in sorted(days) if deadline - timedelta(days=d) <= now < deadline]
    return due[0] if due else None


def offer_deadline_reminders(now: datetime) -> list[Message]:
    """Representatives of organisations with an unsent draft, 3 and 1 days before the deadline.

    Two queries whatever the number of drafts: the drafts in competitions closing
    soon, and the representatives of their organisations.
    """
    from ngos.models import Membership

    days = list(settings.PORTAL_RULES["OFFER_REMINDER_DAYS"])
    if not days:
        return []
    drafts = list(
        Offer.objects.filter(
            status=OfferStatus.DRAFT,
            competition__status=CompetitionStatus.ANNOUNCED,
            competition__offers_deadline__gt=now,
            competition__offers_deadline__lte=now + timedelta(days=max(days)),
        ).values_list(
            "pk",
            "organisation_id",
            "competition__offers_deadline",
            "competition__title",
        )
    )
    if not drafts:
        return []
    people: dict[int, list[int]] = defaultdict(list)
    for org_id, user_id in Membership.objects.filter(
        organisation_id__in={d[1] for d in drafts},
        status=Membership.Status.APPROVED,
        role=Membership.Role.REPRESENTATIVE,
    ).values_list("organisation_id", "user_id"):
        people[org_id].append(user_id)
    content_type_id = ContentType.objects.get_for_model(Offer).pk
    messages = []
    for pk, org_id, deadline, title in drafts:
        lead = _lead_time(deadline, now, days)
        if lead is None:
            continue
        for user_id in people[org_id]:
            messages.append(
                Message(
                    recipient_id=user_id,
                    kind="grants.offer_deadline",
                    occasion=f"offer-deadline-{lead}d:{pk}",
                    content_type_id=content_type_id,
                    object_id=pk,
                    context={
                        "days": lead,
                        "competition": title,
                        "deadline": deadline,
                    },
                )
            )
    return messages


def scoring_reminders(now: datetime) -> list[Message]:
    """Voting members who have not scored every offer they may score, 2 days before the date.

    Three queries: the competitions, their members with conflict and score counts,
    and the number of accepted offers per competition.
    """
    today = timezone.localtime(now).date()
    lead = settings.PORTAL_RULES["SCORING_REMINDER_DAYS"]
    competitions = {
        c.pk: c
        for c in Competition.objects.filter(
            status=CompetitionStatus.COMMITTEE_REVIEW,
            scoring_date__gte=today,
            scoring_date__lte=today + timedelta(days=lead),
        ).only("pk", "title", "scoring_date")
    }
    if not competitions:
        return []
    offers = dict(
        Offer.objects.filter(
            competition__in=competitions, status=OfferStatus.FORMALLY_ACCEPTED
        )
        .values_list("competition_id")
        .annotate(n=Count("pk"))
    )
    members = (
        CommitteeMember.objects.filter(competition__in=competitions)
        .exclude(kind=CommitteeMember.Kind.EXPERT)
        .annotate(
            conflicts_n=Count("conflicts", distinct=True),
            scored_n=Count("scores__offer", distinct=True),
        )
    )
    content_type_id = ContentType.objects.get_for_model(Competition).pk
    messages = []
    for m in members:
        competition = competitions[m.competition_id]
        if m.scored_n < offers.get(m.competition_id, 0) - m.conflicts_n:
            messages.append(
                Message(
                    recipient_id=m.user_id,
                    kind="grants.scoring_due",
                    occasion=f"scoring-due:{competition.pk}:{competition.scoring_date.isoformat()}",
                    content_type_id=content_type_id,
                    object_id=competition.pk,
                    context={
                        "competition": competition.title,
                        "date": competition.scoring_date,
                    },
                )
            )
    return messages


def reasons_answer_reminders(now: datetime) -> list[Message]:
    """Clerks, once, ``REASONS_REMINDER_DAYS`` before a demand for reasons (art. 15
    ust. 2j) is due to be answered, and again on the day it is due.

    Two queries: the demands waiting for an answer that fall due soon, and the clerks.
    """
    from django.contrib.auth import get_user_model

    from grants.models import ReasonsRequest

    today = timezone.localtime(now).date()
    lead = settings.PORTAL_RULES["REASONS_REMINDER_DAYS"]
    waiting = list(
        ReasonsRequest.objects.filter(
            status=ReasonsRequest.Status.ASKED,
            answer_due__lte=today + timedelta(days=lead),
        ).values_list("pk", "answer_due", "offer__number", "competition__title")
    )
    if not waiting:
        return []
    clerks = list(
        get_user_model()
        .objects.filter(groups__name="clerks", is_active=True)
        .values_list("pk", flat=True)
    )
    content_type_id = ContentType.objects.get_for_model(ReasonsRequest).pk
    messages = []
    for pk, due, number, title in waiting:
        stage = "due" if due <= today else f"{lead}d"
        for clerk_id in clerks:
            messages.append(
                Message(
                    recipient_id=clerk_id,
                    kind="grants.reasons_due",
                    occasion=f"reasons-due-{stage}:{pk}",
                    content_type_id=content_type_id,
                    object_id=pk,
                    context={
                        "number": number,
                        "competition": title,
                        "date": due,
                    },
                )
            )
    return messages


def report_due_reminders(now: datetime) -> list[Message]:
    """Representatives of the organisation, ``REPORT_REMINDER_DAYS`` (7 and 1) days
    before a report is due, and once when it is ``REPORT_LATE_REMINDER_DAYS`` (1) days
    late; a report returned for corrections likewise before and after the deadline
    for its corrections. Two queries whatever the number of reports; the occasion
    names the stage (and the deadline of a round of corrections), so each is sent
    once."""

    from django.db.models import Q

    from grants.models import Report, ReportStatus
    from ngos.models import Membership

    days = sorted(settings.PORTAL_RULES["REPORT_REMINDER_DAYS"])
    late_after = settings.PORTAL_RULES["REPORT_LATE_REMINDER_DAYS"]
    if not days and late_after <= 0:
        return []
    today = timezone.localtime(now).date()
    horizon = today + timedelta(days=max(days, default=0))
    waiting_qs = Report.objects.filter(
        Q(status__in=[ReportStatus.CALLED, ReportStatus.DRAFT], due_on__lte=horizon)
        | Q(status=ReportStatus.CORRECTIONS, corrections_due_on__lte=horizon)
    ).annotate(
        org_id=Coalesce(
            "contract__offer__organisation_id",
            "contract__small_grant__organisation_id",
        )
    )
    if late_after <= 0:
        waiting_qs = waiting_qs.filter(
            Q(status=ReportStatus.CORRECTIONS, corrections_due_on__gte=today)
            | Q(~Q(status=ReportStatus.CORRECTIONS), due_on__gte=today)
        )
    waiting = list(
        waiting_qs.values_list(
            "pk", "status", "due_on", "corrections_due_on", "contract__number", "org_id"
        )
    )
    if not waiting:
        return []
    people: dict[int, list[int]] = defaultdict(list)
    for org_id, user_id in Membership.objects.filter(
        organisation_id__in={w[5] for w in waiting},
        status=Membership.Status.APPROVED,
        role=Membership.Role.REPRESENTATIVE,
    ).values_list("organisation_id", "user_id"):
        people[org_id].append(user_id)
    content_type_id = ContentType.objects.get_for_model(Report).pk
    messages = []
    for pk, status, due_on, corrections_due_on, number, org_id in waiting:
        corrections = status == ReportStatus.CORRECTIONS
        due = corrections_due_on if corrections else due_on
        if due < today:
            if late_after <= 0 or (today - due).days < late_after:
                continue
            stage = "late"
        else:
            leads = [d for d in days if (due - today).days <= d]
            if not leads:
                continue
            stage = f"{leads[0]}d"
        occasion = (
            f"report-corrections-{stage}:{pk}:{due.isoformat()}"
            if corrections
            else f"report-due-{stage}:{pk}"
        )
        for user_id in people[org_id]:
            messages.append(
                Message(
                    recipient_id=user_id,
                    kind="grants.report_due",
                    occasion=occasion,
                    content_type_id=content_type_id,
                    object_id=pk,
                    context={
                        "number": number,
                        "date": due,
                        "late": stage == "late",
                        "corrections": corrections,
                    },
                )
            )
    return messages


# Days before the contributions of a local initiative are to be documented (the
# resolution's days after the end of its agreement) that its leader is reminded.
INITIATIVE_REMINDER_DAYS = (7, 1)


def initiative_contributions_due_reminders(now: datetime) -> list[Message]:
    """The leader of a local initiative under way, ``INITIATIVE_REMINDER_DAYS`` days
    before its contributions delivered are to be documented. One query; the
    occasion names the stage, so each is sent once."""
    from grants.models import InitiativeAgreement, InitiativeApplication
    from grants.models import InitiativeStatus as S

    today = timezone.localtime(now).date()
    lead = max(INITIATIVE_REMINDER_DAYS)
    agreements = InitiativeAgreement.objects.filter(
        application__status__in=[S.AGREEMENT, S.IN_PROGRESS, S.DONE],
        application__applicant__isnull=False,
        ends_on__lte=today + timedelta(days=lead),
    ).select_related("application__resolution")
    content_type_id = ContentType.objects.get_for_model(InitiativeApplication).pk
    messages = []
    for agreement in agreements:
        due = agreement.contributions_due
        if due < today:
            continue
        stages = [
            d for d in sorted(INITIATIVE_REMINDER_DAYS) if (due - today).days <= d
        ]
        if not stages:
            continue
        application = agreement.application
        messages.append(
            Message(
                recipient_id=application.applicant_id,
                kind="grants.initiative_contributions_due",
                occasion=f"initiative-contributions-{stages[0]}d:{application.pk}",
                content_type_id=content_type_id,
                object_id=application.pk,
                context={"date": due, "agreement": agreement.number},
            )
        )
    return messages
