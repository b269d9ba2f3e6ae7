"""What waits for the clerk in non-financial cooperation: moderation of planned
activities and the municipality's plan for next year (art. 5 ust. 2 pkt 1); joint
teams proposed and not yet decided, meetings held without minutes, and teams whose
term has ended but which have not been dissolved."""

from __future__ import annotations

import datetime

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.desk import DeskItem

from .models import AnnualPlan, JointTeam, PlannedActivity, TeamMeeting


def desk_items(now: datetime.datetime) -> list[DeskItem]:
    items = []
    waiting = PlannedActivity.objects.filter(
        status=PlannedActivity.Status.SUBMITTED
    ).count()
    items.append(
        DeskItem(
            _("Planned activities of organisations to moderate"),
            waiting,
            reverse("admin:nonfinancial_plannedactivity_changelist")
            + "?status=submitted",
            "nonfinancial.plannedactivity",
        )
    )
    year = timezone.localtime(now).year
    published = AnnualPlan.objects.filter(
        year=year, status=AnnualPlan.Status.PUBLISHED
    ).exists()
    items.append(
        DeskItem(
            _("The municipality's plan of competitions for %(year)s to publish")
            % {"year": year},
            0 if published else 1,
            reverse("admin:nonfinancial_annualplan_changelist"),
            "nonfinancial.annualplan",
        )
    )
    items += _team_items(now)
    return items


def _team_items(now: datetime.datetime) -> list[DeskItem]:
    """Two aggregate queries, whatever the number of teams and meetings."""
    today = timezone.localtime(now).date()
    ended = Q(status=JointTeam.Status.APPOINTED, term_until__lt=today)
    teams = JointTeam.objects.aggregate(
        proposed=Count("pk", filter=Q(status=JointTeam.Status.PROPOSED)),
        ended=Count("pk", filter=ended),
        ended_since=Min("term_until", filter=ended),
    )
    no_minutes = TeamMeeting.objects.filter(
        held_at__lt=now, minutes_text="", minutes_file=""
    ).aggregate(count=Count("pk"), since=Min("held_at"))
    url = reverse("admin:nonfinancial_jointteam_changelist")
    return [
        DeskItem(
            _("Joint teams proposed, to appoint or not"),
            teams["proposed"],
            url + "?status=proposed",
            "nonfinancial.jointteam",
        ),
        DeskItem(
            _("Meetings of joint teams held without minutes"),
            no_minutes["count"],
            reverse("admin:nonfinancial_teammeeting_changelist"),
            "nonfinancial.teammeeting",
            due=no_minutes["since"],
        ),
        DeskItem(
            _("Joint teams whose term has ended, to dissolve"),
            teams["ended"],
            url + "?status=appointed",
            "nonfinancial.jointteam",
            due=teams["ended_since"],
        ),
    ]
