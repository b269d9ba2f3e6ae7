"""What the competitions ask of the office now, for the clerk's desk."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.desk import DeskItem

from .models import Competition, CompetitionStatus, Offer, OfferStatus, ReasonsRequest
from .models.assessment import ReasonsRequestStatus


def desk_items(now: datetime.datetime) -> list[DeskItem]:
    offers = reverse("admin:grants_offer_changelist")
    competitions = reverse("admin:grants_competition_changelist")
    waiting = Offer.objects.aggregate(
        submitted=Count("pk", filter=Q(status=OfferStatus.SUBMITTED)),
        submitted_due=Min(
            "competition__selection_date", filter=Q(status=OfferStatus.SUBMITTED)
        ),
        corrected=Count(
            "pk",
            filter=Q(
                status=OfferStatus.CORRECTION_REQUESTED, correction_deadline__lt=now
            ),
        ),
    )
    stages = Competition.objects.aggregate(
        closed=Count(
            "pk",
            filter=Q(status=CompetitionStatus.ANNOUNCED, offers_deadline__lt=now),
        ),
        scoring=Count(
            "pk",
            filter=Q(
                status=CompetitionStatus.COMMITTEE_REVIEW,
                protocol_signed_at__isnull=True,
            ),
        ),
        scoring_due=Min(
            "scoring_date",
            filter=Q(
                status=CompetitionStatus.COMMITTEE_REVIEW,
                protocol_signed_at__isnull=True,
            ),
        ),
        decide=Count(
            "pk",
            filter=Q(
                status=CompetitionStatus.COMMITTEE_REVIEW,
                protocol_signed_at__isnull=False,
            ),
        ),
        decide_due=Min(
            "selection_date",
            filter=Q(
                status=CompetitionStatus.COMMITTEE_REVIEW,
                protocol_signed_at__isnull=False,
            ),
        ),
        publish=Count("pk", filter=Q(status=CompetitionStatus.DECISION)),
    )
    reasons = ReasonsRequest.objects.filter(
        status=ReasonsRequestStatus.ASKED
    ).aggregate(count=Count("pk"), due=Min("answer_due"))
    items: list[Any] = [
        DeskItem(
            _("Offers awaiting the formal check"),
            waiting["submitted"],
            f"{offers}?status__exact={OfferStatus.SUBMITTED}",
            "grants.offer",
            due=waiting["submitted_due"],
        ),
        DeskItem(
            _("Corrected offers to check again (the correction period is over)"),
            waiting["corrected"],
            f"{offers}?status__exact={OfferStatus.CORRECTION_REQUESTED}",
            "grants.offer",
        ),
        DeskItem(
            _("Competitions closed for offers: start the formal review"),
            stages["closed"],
            f"{competitions}?status__exact={CompetitionStatus.ANNOUNCED}",
            "grants.competition",
        ),
        DeskItem(
            _("Committees still scoring or without a signed protocol"),
            stages["scoring"],
            f"{competitions}?status__exact={CompetitionStatus.COMMITTEE_REVIEW}",
            "grants.competition",
            due=stages["scoring_due"],
        ),
        DeskItem(
            _("Competitions with a signed protocol: choose the offers"),
            stages["decide"],
            f"{competitions}?status__exact={CompetitionStatus.COMMITTEE_REVIEW}",
            "grants.competition",
            due=stages["decide_due"],
        ),
        DeskItem(
            _("Decisions taken: publish the results"),
            stages["publish"],
            f"{competitions}?status__exact={CompetitionStatus.DECISION}",
            "grants.competition",
        ),
        DeskItem(
            _("Requests for the reasons of a choice to answer (art. 15 ust. 2j)"),
            reasons["count"],
            reverse("admin:grants_reasonsrequest_changelist")
            + f"?status__exact={ReasonsRequestStatus.ASKED}",
            "grants.reasonsrequest",
            due=reasons["due"],
        ),
    ]
    items.extend(report_items(now))
    items.extend(initiative_items(now))
    items.extend(small_grant_items(now))
    return items


def initiative_items(now: datetime.datetime) -> list[DeskItem]:
    """Local initiative applications waiting for the office: one query."""
    from .models import InitiativeApplication, InitiativeStatus

    S = InitiativeStatus
    today = timezone.localdate(now)
    counts = InitiativeApplication.objects.aggregate(
        submitted=Count("pk", filter=Q(status=S.SUBMITTED)),
        submitted_since=Min("received_on", filter=Q(status=S.SUBMITTED)),
        checked=Count("pk", filter=Q(status=S.CHECKED)),
        assessed=Count("pk", filter=Q(status=S.ASSESSED)),
        accepted=Count("pk", filter=Q(status=S.ACCEPTED)),
        ended=Count(
            "pk",
            filter=Q(
                status__in=[S.AGREEMENT, S.IN_PROGRESS], agreement__ends_on__lt=today
            ),
        ),
        settle=Count("pk", filter=Q(status=S.DONE)),
    )
    url = reverse("admin:grants_initiativeapplication_changelist")
    model = "grants.initiativeapplication"
    return [
        DeskItem(
            _("Local initiative applications to check formally"),
            counts["submitted"],
            f"{url}?status__exact={S.SUBMITTED}",
            model,
            note=_("the oldest received on %(date)s")
            % {"date": counts["submitted_since"]}
            if counts["submitted_since"]
            else "",
        ),
        DeskItem(
            _("Local initiative applications to assess"),
            counts["checked"],
            f"{url}?status__exact={S.CHECKED}",
            model,
        ),
        DeskItem(
            _("Assessed local initiatives: accept or refuse"),
            counts["assessed"],
            f"{url}?status__exact={S.ASSESSED}",
            model,
        ),
        DeskItem(
            _("Accepted local initiatives without an agreement"),
            counts["accepted"],
            f"{url}?status__exact={S.ACCEPTED}",
            model,
        ),
        DeskItem(
            _(
                "Local initiatives whose agreement has ended: record them as carried out"
            ),
            counts["ended"],
            f"{url}?status__exact={S.IN_PROGRESS}",
            model,
        ),
        DeskItem(
            _("Carried-out local initiatives: settle the contributions and close them"),
            counts["settle"],
            f"{url}?status__exact={S.DONE}",
            model,
        ),
    ]


def report_items(now: datetime.datetime) -> list[DeskItem]:
    """Reports to review, reports overdue and refunds due: two queries."""
    from .models import Refund, RefundStatus, Report, ReportStatus

    today = timezone.localdate(now)
    reports = Report.objects.aggregate(
        submitted=Count("pk", filter=Q(status=ReportStatus.SUBMITTED)),
        overdue=Count(
            "pk",
            filter=Q(
                status__in=[ReportStatus.CALLED, ReportStatus.DRAFT], due_on__lt=today
            ),
        ),
        overdue_due=Min(
            "due_on",
            filter=Q(
                status__in=[ReportStatus.CALLED, ReportStatus.DRAFT], due_on__lt=today
            ),
        ),
    )
    refunds = Refund.objects.filter(status=RefundStatus.DUE).aggregate(
        count=Count("pk"), due=Min("due_on")
    )
    url = reverse("admin:grants_report_changelist")
    return [
        DeskItem(
            _("Reports to review"),
            reports["submitted"],
            f"{url}?status__exact={ReportStatus.SUBMITTED}",
            "grants.report",
        ),
        DeskItem(
            _("Reports overdue"),
            reports["overdue"],
            f"{url}?status__exact={ReportStatus.DRAFT}",
            "grants.report",
            due=reports["overdue_due"],
        ),
        DeskItem(
            _("Refunds of grants due"),
            refunds["count"],
            reverse("admin:grants_refund_changelist")
            + f"?status__exact={RefundStatus.DUE}",
            "grants.refund",
            due=refunds["due"],
        ),
    ]


def small_grant_items(now: datetime.datetime) -> list[DeskItem]:
    """Small-grant offers to decide on, publish, close and contract, and comments to
    consider: two queries."""
    from django.conf import settings

    from cooperation.core.workdays import working_days_after

    from .models import SmallGrantComment, SmallGrantOffer, SmallGrantStatus

    S = SmallGrantStatus
    today = timezone.localdate(now)
    offers = SmallGrantOffer.objects.aggregate(
        submitted=Count("pk", filter=Q(status=S.SUBMITTED)),
        submitted_first=Min("received_on", filter=Q(status=S.SUBMITTED)),
        worthwhile=Count("pk", filter=Q(status=S.WORTHWHILE)),
        worthwhile_first=Min("received_on", filter=Q(status=S.WORTHWHILE)),
        ended=Count("pk", filter=Q(status=S.PUBLISHED, comments_until__lte=today)),
        closed=Count("pk", filter=Q(status=S.COMMENTS_CLOSED)),
    )
    comments = SmallGrantComment.objects.filter(
        hidden_at__isnull=True,
        considered_at__isnull=True,
        offer__status__in=[S.PUBLISHED, S.COMMENTS_CLOSED],
    ).count()
    days = settings.SMALL_GRANT_PUBLISH_WORKING_DAYS
    url = reverse("admin:grants_smallgrantoffer_changelist")

    def due(first: datetime.date | None) -> datetime.date | None:
        return working_days_after(first, days) if first else None

    return [
        DeskItem(
            _("Small-grant offers to decide on: worthwhile or refused (art. 19a)"),
            offers["submitted"],
            f"{url}?status__exact={S.SUBMITTED}",
            "grants.smallgrantoffer",
            due=due(offers["submitted_first"]),
        ),
        DeskItem(
            _("Small-grant offers found worthwhile: publish them for 7 days"),
            offers["worthwhile"],
            f"{url}?status__exact={S.WORTHWHILE}",
            "grants.smallgrantoffer",
            due=due(offers["worthwhile_first"]),
        ),
        DeskItem(
            _("Small-grant offers whose 7 days of comments have passed"),
            offers["ended"],
            f"{url}?status__exact={S.PUBLISHED}",
            "grants.smallgrantoffer",
        ),
        DeskItem(
            _("Small-grant offers to prepare the contract for"),
            offers["closed"],
            f"{url}?status__exact={S.COMMENTS_CLOSED}",
            "grants.smallgrantoffer",
        ),
        DeskItem(
            _("Comments on small-grant offers to consider"),
            comments,
            reverse("admin:grants_smallgrantcomment_changelist")
            + "?considered_at__isempty=1&hidden_at__isempty=1",
            "grants.smallgrantcomment",
        ),
    ]
