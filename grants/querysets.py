from __future__ import annotations

from django.db import models
from django.utils import timezone


class CompetitionQuerySet(models.QuerySet):
    def public(self) -> CompetitionQuerySet:
        return self.exclude(status="draft")

    def open(self) -> CompetitionQuerySet:
        return self.filter(status="announced", offers_deadline__gte=timezone.now())

    def closed(self) -> CompetitionQuerySet:
        return (
            self.public()
            .exclude(pk__in=self.open().values("pk"))
            .exclude(status__in=["results_published", "annulled"])
        )

    def decided(self) -> CompetitionQuerySet:
        return self.filter(status__in=["results_published", "annulled"])


class OfferQuerySet(models.QuerySet):
    def submitted(self) -> OfferQuerySet:
        return self.exclude(status="draft")

    def for_organisations(self, organisation_ids) -> OfferQuerySet:
        return self.filter(organisation_id__in=organisation_ids)
