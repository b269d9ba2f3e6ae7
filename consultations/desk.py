"""What the consultations ask of the office now, for the clerk's desk."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.desk import DeskItem

from .models import Comment, Consultation, ConsultationStatus


def desk_items(now: datetime.datetime) -> list[DeskItem]:
    ended = Q(
        consultation__status=ConsultationStatus.PUBLISHED, consultation__end_at__lte=now
    )
    undecided = (
        Comment.objects.undecided()
        .filter(ended)
        .aggregate(count=Count("pk"), since=Min("consultation__end_at"))
    )
    awaiting = Comment.objects.undecided().filter(consultation=OuterRef("pk"))
    ready = (
        Consultation.objects.filter(
            status=ConsultationStatus.PUBLISHED, end_at__lte=now
        )
        .exclude(Exists(awaiting))
        .count()
    )
    return [
        DeskItem(
            _("Comments awaiting the office's position (consultation ended)"),
            undecided["count"],
            reverse("admin:consultations_comment_changelist") + "?decision=none",
            "consultations.comment",
            note=_("Ended first on %(date)s.")
            % {"date": timezone.localdate(undecided["since"]).isoformat()}
            if undecided["since"]
            else "",
        ),
        DeskItem(
            _("Consultations with every comment answered: publish the report"),
            ready,
            reverse("admin:consultations_consultation_changelist")
            + f"?status__exact={ConsultationStatus.PUBLISHED}",
            "consultations.consultation",
        ),
    ]
