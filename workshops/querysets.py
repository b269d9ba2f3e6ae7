from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from cooperation.core.permissions import has_clerk_powers


class EventQuerySet(models.QuerySet):
    def public(self) -> EventQuerySet:
        """Events anyone may see: everything except drafts."""
        return self.exclude(status="draft")

    def visible_to(self, user: Any) -> EventQuerySet:
        if has_clerk_powers(user):
            return self.all()
        return self.public()

    def upcoming(self) -> EventQuerySet:
        return self.filter(ends_at__gte=timezone.now())

    def past(self) -> EventQuerySet:
        return self.filter(ends_at__lt=timezone.now())


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> RegistrationQuerySet:
        return self.filter(status__in=["confirmed", "waiting"])

    def confirmed(self) -> RegistrationQuerySet:
        return self.filter(status="confirmed")

    def waiting(self) -> RegistrationQuerySet:
        """The waiting list, first come first served."""
        return self.filter(status="waiting").order_by("created_at", "pk")


class RecommendationQuerySet(models.QuerySet):
    def answered_positively(self) -> RecommendationQuerySet:
        return self.filter(status__in=["accepted", "partly_accepted"])

    def public(self) -> RecommendationQuerySet:
        return self.all()
