"""The person's desk, "Moje sprawy" (``/konto/sprawy/``): for each organisation the
person acts for, and for the person themselves, what is in progress, in what state,
what is due next and by when, with a link to where it is done.

Each app registers its sections in ``cooperation.core.registry.case_providers``, one
:class:`CaseProvider` per section, from its ``mycases.py`` through ``hooks.py``, so
the account pages do not import every app. A provider reads a fixed number of queries
(one, as a rule) for all the person's organisations at once, so the desk's query
count does not grow with the organisations or the records.

The page is kept in the cache per person (``cooperation.core.cache``) under the
record areas of every model a section shows and of the memberships that decide whose
records they are: any change of such a record, and a person leaving an organisation,
renders it again at once; what depends on the clock alone (overdue, still open) is at
most ``FRAGMENT_CACHE_SECONDS`` old.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache as memoize
from typing import Any, cast

from django.apps import apps
from django.utils import timezone

from .cache import PERMISSIONS_AREA, USER_RECORDS, record_areas
from .registry import case_providers


@dataclass(frozen=True)
class Person:
    """Whose desk it is: the person, the organisations they act for (approved
    memberships only) with what they may do there, and the moment of the reading."""

    user: Any
    # organisation id -> the capabilities of the person's roles there
    # (``ngos.permissions.Capability`` values: "view", "edit", "sign", "manage_members").
    organisations: Mapping[int, frozenset[str]]
    now: datetime.datetime

    @property
    def today(self) -> datetime.date:
        return timezone.localtime(self.now).date()

    def organisation_ids(self, capability: str = "view") -> list[int]:
        return sorted(
            pk for pk, caps in self.organisations.items() if capability in caps
        )


@dataclass(frozen=True)
class Case:
    """One matter: its title, its state, the next step and its date, and the page
    where the step is taken."""

    title: Any
    url: str
    state: Any
    next_step: Any = ""
    due: datetime.date | datetime.datetime | None = None
    # The organisation the matter belongs to; ``None`` for the person's own matters.
    organisation_id: int | None = None
    # What the matter is part of (a competition, an event), shown beside the title.
    context: Any = ""
    # What the date is, when it is not the deadline of the next step ("Begins:").
    due_label: Any = ""

    @property
    def due_date(self) -> datetime.date | None:
        if isinstance(self.due, datetime.datetime):
            return timezone.localtime(self.due).date()
        return self.due

    @property
    def has_time(self) -> bool:
        return isinstance(self.due, datetime.datetime)


@dataclass(frozen=True)
class CaseProvider:
    """One section of the desk: ``cases(person)`` gives its matters; ``models``
    (``"app_label.ModelName"``) are the models whose records it shows, for the cache;
    ``personal`` sections are the person's own (comments, registrations), the others
    stand under each organisation; ``link`` is the page listing them all."""

    title: Any
    cases: Callable[[Person], Iterable[Case]]
    models: tuple[str, ...]
    personal: bool = False
    link: Callable[[], tuple[Any, str]] | None = None
    # Sections stand in this order (then in the order of registration, which is that
    # of ``INSTALLED_APPS``): the organisation's members first, its offers and
    # contracts before its other requests.
    position: int = 100


@dataclass
class Section:
    key: str
    title: Any
    cases: list[Case]
    link: tuple[Any, str] | None = None


@dataclass
class OrganisationDesk:
    organisation_id: int
    sections: list[Section] = field(default_factory=list)


@dataclass
class Desk:
    organisations: dict[int, OrganisationDesk]
    personal: list[Section]
    today: datetime.date

    def for_organisation(self, pk: int) -> OrganisationDesk:
        return self.organisations.get(pk) or OrganisationDesk(pk)


def _order(case: Case) -> datetime.date:
    # A stable sort: matters without a date keep the provider's order (the newest
    # comment first).
    return case.due_date or datetime.date.max


def person_desk(person: Person) -> Desk:
    """Every section of every registered provider for ``person``: under each of their
    organisations, and their own; in each section the nearest date first."""
    organisations = {pk: OrganisationDesk(pk) for pk in person.organisations}
    personal: list[Section] = []
    providers = sorted(
        enumerate(case_providers.items()), key=lambda e: (e[1][1].position, e[0])
    )
    for _index, (key, provider) in providers:
        found = sorted(provider.cases(person), key=_order)
        link = provider.link() if provider.link else None
        if provider.personal:
            personal.append(Section(key, provider.title, found, link))
            continue
        by_org: dict[int, list[Case]] = {}
        for case in found:
            if case.organisation_id in organisations:
                by_org.setdefault(case.organisation_id, []).append(case)
        for pk, desk in organisations.items():
            cases = by_org.get(pk, [])
            if cases:
                desk.sections.append(Section(key, provider.title, cases, link))
    return Desk(organisations, personal, person.today)


@memoize
def desk_areas() -> tuple[str, ...]:
    """The record areas the desk shows: every registered section's models with what
    their rows show, the person's own record and the permissions."""
    found: set[str] = {PERMISSIONS_AREA, USER_RECORDS}
    for provider in case_providers:
        for model in provider.models:
            found.update(record_areas(cast(Any, apps.get_model(model))))
    return tuple(sorted(found))
