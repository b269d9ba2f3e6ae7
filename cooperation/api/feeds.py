"""Atom feeds of what the portal publishes, for BIP editors and feed readers."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from consultations.models import Consultation, ConsultationStatus
from cooperation.evaluation.models import AnnualReport, ReportStatus
from grants.models import Competition, CompetitionStatus, SmallGrantOffer
from grants.models.small_grants import SmallGrantStatus

ITEMS = 30


class PortalFeed(Feed):
    feed_type = Atom1Feed

    def item_updateddate(self, item: Any) -> Any:
        return item.updated_at

    def author_name(self) -> str:
        return str(settings.MUNICIPALITY_OFFICE)

    def item_guid(self, item: Any) -> str:
        return f"{settings.SITE_URL.rstrip('/')}{self.item_link(item)}#{self.guid_part}"

    item_guid_is_permalink = False
    guid_part = ""


def _day(day: datetime.date) -> datetime.datetime:
    """The start of ``day`` in the portal's time zone, for a feed's dates."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class NewCompetitions(PortalFeed):
    title = _("Open competitions: announcements")
    subtitle = _(
        "Competitions for public tasks as they are announced (art. 13 of the Act)."
    )
    guid_part = "announced"

    def link(self) -> str:
        return "/konkursy/"

    def items(self):
        return (
            Competition.objects.public()
            .filter(announced_at__isnull=False)
            .order_by("-announced_at", "-pk")[:ITEMS]
        )

    def item_title(self, item: Competition) -> str:
        return item.title

    def item_description(self, item: Competition) -> str:
        return str(
            _("Offers until %(deadline)s. Public funds: %(funds)s PLN.")
            % {
                "deadline": item.offers_deadline.strftime("%Y-%m-%d %H:%M"),
                "funds": item.public_funds,
            }
        )

    def item_pubdate(self, item: Competition):
        return item.announced_at


class CompetitionResults(PortalFeed):
    title = _("Open competitions: results")
    subtitle = _(
        "Results of competitions as they are published (art. 15 ust. 2h of the Act)."
    )
    guid_part = "results"

    def link(self) -> str:
        return "/konkursy/?stan=decided"

    def items(self):
        return Competition.objects.filter(
            status=CompetitionStatus.RESULTS_PUBLISHED
        ).order_by("-results_published_at", "-pk")[:ITEMS]

    def item_title(self, item: Competition) -> str:
        return str(_("Results: %(title)s") % {"title": item.title})

    def item_description(self, item: Competition) -> str:
        return str(
            _("The offers were chosen by the mayor's ordinance no. %(number)s.")
            % {"number": item.decision_ordinance_number or "—"}
        )

    def item_pubdate(self, item: Competition):
        return item.results_published_at


class NewConsultations(PortalFeed):
    title = _("Consultations of draft acts")
    subtitle = _("Consultations as they are announced, with their dates.")
    guid_part = "announced"

    def link(self) -> str:
        return "/konsultacje/"

    def items(self):
        return (
            Consultation.objects.public()
            .filter(published_at__isnull=False)
            .order_by("-published_at", "-pk")[:ITEMS]
        )

    def item_title(self, item: Consultation) -> str:
        return item.title

    def item_description(self, item: Consultation) -> str:
        return item.summary

    def item_pubdate(self, item: Consultation):
        return item.published_at


class ConsultationReports(PortalFeed):
    title = _("Reports on consultations")
    subtitle = _("Reports answering every comment, as they are published.")
    guid_part = "report"

    def link(self) -> str:
        return "/konsultacje/"

    def items(self):
        return Consultation.objects.filter(
            status=ConsultationStatus.REPORT_PUBLISHED
        ).order_by("-report_published_at", "-pk")[:ITEMS]

    def item_title(self, item: Consultation) -> str:
        return str(_("Report: %(title)s") % {"title": item.title})

    def item_description(self, item: Consultation) -> str:
        return item.report_summary

    def item_pubdate(self, item: Consultation):
        return item.report_published_at


class SmallGrantsOpen(PortalFeed):
    title = _("Small grants: offers open for comments")
    subtitle = _(
        "Offers of small grants published for seven days of comments (art. 19a ust. 3 of the Act)."
    )
    guid_part = "comments"

    def link(self) -> str:
        return reverse("grants:small-grant-list")

    def items(self):
        today = timezone.localdate()
        return (
            SmallGrantOffer.objects.filter(
                status=SmallGrantStatus.PUBLISHED,
                published_on__lte=today,
                comments_until__gt=today,
            )
            .select_related("organisation")
            .order_by("-published_on", "-pk")[:ITEMS]
        )

    def item_link(self, item: SmallGrantOffer) -> str:
        return reverse("grants:small-grant-detail", args=[item.pk])

    def item_title(self, item: SmallGrantOffer) -> str:
        return item.title

    def item_description(self, item: SmallGrantOffer) -> str:
        return str(
            _(
                "Offeror: %(offeror)s. Grant requested: %(amount)s PLN. "
                "Comments until %(day)s."
            )
            % {
                "offeror": item.organisation.name,
                "amount": item.requested_grant,
                "day": item.last_comment_day.isoformat()
                if item.last_comment_day
                else "—",
            }
        )

    def item_pubdate(self, item: SmallGrantOffer):
        return _day(item.published_on)


class ProgrammeReports(PortalFeed):
    title = _("Reports on the cooperation programme")
    subtitle = _(
        "The yearly reports on carrying out the programme of cooperation (art. 5a ust. 3 of the Act), as they are published."
    )
    guid_part = "published"

    def link(self) -> str:
        return reverse("evaluation:trend")

    def items(self):
        return AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).order_by(
            "-published_on", "-year"
        )[:ITEMS]

    def item_title(self, item: AnnualReport) -> str:
        return str(item)

    def item_description(self, item: AnnualReport) -> str:
        return item.summary

    def item_pubdate(self, item: AnnualReport):
        return _day(item.published_on)
