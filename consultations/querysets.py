from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class ConsultationQuerySet(models.QuerySet):
    def public(self):
        """Everything announced: drafts are visible to clerks only."""
        return self.exclude(status="draft")

    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(status="published", start_at__lte=now, end_at__gt=now)

    def closed(self, now=None):
        now = now or timezone.now()
        return self.filter(status="published", end_at__lte=now)

    def reported(self):
        return self.filter(status="report_published")

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(status="published", start_at__gt=now)


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """Comments the public sees: hidden ones stay in the record only."""
        return self.filter(hidden_at__isnull=True)

    def undecided(self):
        return self.filter(Q(decision="") & Q(hidden_at__isnull=True))
