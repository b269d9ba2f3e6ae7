"""What the registry asks of the office now, for the clerk's desk."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.core.desk import DeskItem

from .models import Membership, Organisation


def desk_items(now: datetime.datetime) -> list[DeskItem]:
    return [
        DeskItem(
            _("Organisations awaiting verification"),
            Organisation.objects.filter(verified_at__isnull=True).count(),
            reverse("admin:ngos_organisation_changelist") + "?verified=no",
            "ngos.organisation",
        ),
        DeskItem(
            _("Requests to act for an organisation"),
            Membership.objects.filter(status=Membership.Status.PENDING).count(),
            reverse("admin:ngos_membership_changelist")
            + f"?status__exact={Membership.Status.PENDING}",
            "ngos.membership",
        ),
    ]
