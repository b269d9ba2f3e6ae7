"""What waits for the clerk in the council's matters: requests of organisations to
create the council (art. 41e ust. 1, two months), nominations whose time is up and
opinions not yet published."""

from __future__ import annotations

import datetime

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.desk import DeskItem

from .models import CreationRequest, Election, Opinion


def desk_items(now: datetime.datetime) -> list[DeskItem]:
    today = timezone.localtime(now).date()
    requests = CreationRequest.objects.filter(
        status=CreationRequest.Status.SUBMITTED
    ).aggregate(n=Count("pk"), due=Min("due_on"))
    elections = Election.objects.filter(
        status=Election.Status.OPEN, nominations_until__lt=today
    ).count()
    drafts = Opinion.objects.filter(status=Opinion.Status.DRAFT).aggregate(
        n=Count("pk"),
        due=Min("delivered_on", filter=Q(subject__in=["programme", "strategy"])),
    )
    return [
        DeskItem(
            _("Requests of organisations to create the council (art. 41e)"),
            requests["n"],
            reverse("admin:council_creationrequest_changelist") + "?status=submitted",
            "council.creationrequest",
            due=requests["due"],
        ),
        DeskItem(
            _("Council nominations to close"),
            elections,
            reverse("admin:council_election_changelist") + "?status=open",
            "council.election",
        ),
        DeskItem(
            _("Opinions of the council to publish"),
            drafts["n"],
            reverse("admin:council_opinion_changelist") + "?status=draft",
            "council.opinion",
        ),
    ]
