"""The clerk's desk: what needs the office now, by deadline, on the administration's
first page.

Each app registers a provider in ``cooperation.core.registry.desk_providers``
(``provider(now) -> Iterable[DeskItem]``, a few aggregate queries each, so the desk's
query count does not grow with the data). An item counts the records that wait for
the same step, names the nearest deadline when there is one, and links to the list
or page where the step is taken. A person sees the items of the models they may view.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from .registry import desk_providers


@dataclass(frozen=True)
class DeskItem:
    title: Any
    count: int
    url: str
    # ``app_label.model_name`` of the records counted; the item shows to those who may
    # view them, and its count stands beside the model in the index.
    model: str
    due: datetime.date | datetime.datetime | None = None
    note: Any = ""

    @property
    def due_date(self) -> datetime.date | None:
        if isinstance(self.due, datetime.datetime):
            return timezone.localtime(self.due).date()
        return self.due

    def overdue(self, today: datetime.date) -> bool:
        return self.due_date is not None and self.due_date < today


def desk_items(user: Any, now: datetime.datetime | None = None) -> list[DeskItem]:
    """The items for ``user``: waiting records only, nearest deadline first."""
    now = now or timezone.now()
    items: list[DeskItem] = []
    for provider in desk_providers:
        items += [i for i in provider(now) if i.count]
    items = [i for i in items if _may_view(user, i.model)]
    far = datetime.date.max
    return sorted(items, key=lambda i: (i.due_date or far, str(i.title)))


def counts_by_model(items: Iterable[DeskItem]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item.model] = counts.get(item.model, 0) + item.count
    return counts


def _may_view(user: Any, model: str) -> bool:
    app_label, model_name = model.split(".")
    return user.has_perm(f"{app_label}.view_{model_name}") or user.has_perm(
        f"{app_label}.change_{model_name}"
    )
