"""The clerk's desk: what needs the office now, by deadline, on the administration's
first page.

Each app registers a provider in ``cooperation.core.registry.desk_providers``
(``provider(now) -> Iterable[DeskItem]``, a few aggregate queries each, so the desk's
query count does not grow with the data). An item counts the records that wait for
the same step, names the nearest deadline when there is one, and links to the list
or page where the step is taken. A person sees the items of the models they may view.

The counts are the same for everyone, so they are kept in the cache
(``cooperation.core.cache.cached_value``) under the record areas of the models they
count and of the models those show: the next request after any change of such a record
counts again, and the clock's part (what became overdue) is at most
``FRAGMENT_CACHE_SECONDS`` old.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils import timezone

from .cache import cached_value, record_areas
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
    found = _every_item(now) if now is not None else _current_items()
    items = [i for i in found if i.count and _may_view(user, i.model)]
    far = datetime.date.max
    return sorted(items, key=lambda i: (i.due_date or far, str(i.title)))


def _every_item(now: datetime.datetime) -> list[DeskItem]:
    items: list[DeskItem] = []
    for provider in desk_providers:
        items += list(provider(now))
    return items


# The record areas the desk's counts depend on, learnt from the first count in a
# process (every provider names its model on each of its items, counted or not).
_areas: tuple[str, ...] | None = None


def _areas_of(items: Iterable[DeskItem]) -> tuple[str, ...]:
    found: set[str] = set()
    for model in {i.model for i in items}:
        found.update(record_areas(apps.get_model(model)))
    return tuple(sorted(found))


def _current_items() -> list[DeskItem]:
    global _areas
    if _areas is None:
        items = _every_item(timezone.now())
        _areas = _areas_of(items)
        return items
    return cached_value("desk", _areas, (), lambda: _every_item(timezone.now()))


def desk_areas() -> tuple[str, ...]:
    """The record areas the desk's counts show: its fragments are kept under them,
    for at most ``FRAGMENT_CACHE_SECONDS`` (what became overdue meanwhile)."""
    if _areas is None:
        _current_items()
    return _areas or ()


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
