"""Atom feed of mutual information (art. 5 ust. 2 pkt 1 of the Act)."""

from __future__ import annotations

from itertools import chain
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors
from .models import AnnualPlan

ITEMS = 30


class MutualInformation(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Mutual information: plans of the municipality and NGOs")
    subtitle = gettext_lazy(
        "Plans of competitions, directions of activity and planned activities "
        "of organisations (art. 5 ust. 2 pkt 1 of the Act)."
    )
    item_guid_is_permalink = False

    def link(self) -> str:
        return reverse("nonfinancial:information")

    def author_name(self) -> str:
        return str(settings.MUNICIPALITY_OFFICE)

    def items(self) -> list[Any]:
        items = chain(
            selectors.annual_plans_published()[:ITEMS],
            selectors.planned_activities_published()[:ITEMS],
        )
        return sorted(items, key=lambda item: item.published_at, reverse=True)[:ITEMS]

    def item_title(self, item: Any) -> str:
        if isinstance(item, AnnualPlan):
            return _("Plan of the municipality for %(year)s") % {"year": item.year}
        return f"{item.organisation.name}: {item.title}"

    def item_description(self, item: Any) -> str:
        if isinstance(item, AnnualPlan):
            return f"{item.competitions}\n\n{item.directions}"
        return item.description

    def item_link(self, item: Any) -> str:
        anchor = "plan" if isinstance(item, AnnualPlan) else "activity"
        return f"{reverse('nonfinancial:information')}#{anchor}-{item.pk}"

    def item_guid(self, item: Any) -> str:
        return f"{settings.SITE_URL.rstrip('/')}{self.item_link(item)}"

    def item_pubdate(self, item: Any) -> Any:
        return item.published_at

    def item_updateddate(self, item: Any) -> Any:
        return item.updated_at
