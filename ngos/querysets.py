"""Chainable filters of the registry's models."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from cooperation.core.permissions import has_clerk_powers


class OrganisationQuerySet(models.QuerySet):
    def public(self) -> OrganisationQuerySet:
        """Verified organisations listed in the public directory."""
        return self.filter(verified_at__isnull=False, is_public=True)

    def verified(self) -> OrganisationQuerySet:
        return self.filter(verified_at__isnull=False)

    def visible_to(self, user: Any) -> OrganisationQuerySet:
        """Public organisations, plus those the user belongs to; everything for clerks."""
        if user is not None and user.is_authenticated:
            if has_clerk_powers(user):
                return self
            return self.filter(
                Q(verified_at__isnull=False, is_public=True)
                | Q(memberships__user=user, memberships__status="approved")
                | Q(
                    memberships__user=user,
                    memberships__status="pending",
                    memberships__founding=True,
                )
            ).distinct()
        return self.public()


class PartnerSearchQuerySet(models.QuerySet):
    def active(self, today: dt.date | None = None) -> PartnerSearchQuerySet:
        """Posts whose end date has not passed, of organisations in the directory."""
        today = today or timezone.localdate()
        return self.filter(
            ends_on__gte=today,
            organisation__verified_at__isnull=False,
            organisation__is_public=True,
        )
