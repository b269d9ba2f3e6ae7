"""Extension points through which apps plug into the shared machinery.

``cooperation`` never imports another app: each app registers its providers from its
own ``hooks.py`` module, which ``CooperationConfig.ready`` discovers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(order=True)
class _Entry(Generic[T]):
    order: int
    name: str
    item: T = field(compare=False)


class Registry(Generic[T]):
    """An ordered collection of named hooks; registering a name again replaces it."""

    def __init__(self, label: str) -> None:
        self.label = label
        self._entries: dict[str, _Entry[T]] = {}

    def register(self, name: str, *, order: int = 100) -> Callable[[T], T]:
        def decorator(item: T) -> T:
            self._entries[name] = _Entry(order, name, item)
            return item

        return decorator

    def add(self, name: str, item: T, *, order: int = 100) -> None:
        self._entries[name] = _Entry(order, name, item)

    def items(self) -> list[tuple[str, T]]:
        return [(e.name, e.item) for e in sorted(self._entries.values())]

    def __iter__(self) -> Iterator[T]:
        return iter(item for _, item in self.items())

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, name: str) -> T:
        return self._entries[name].item


# ``provider(now) -> Iterable[cooperation.reminders.Reminder]``: what is due now.
reminder_providers: Registry[Callable[..., Any]] = Registry("reminder providers")
# ``section(request) -> dict | None``: a block on the home page ("open now"). The
# dict holds ``template`` and its context; ``None`` hides the section.
home_sections: Registry[Callable[..., Any]] = Registry("home sections")
# ``source(start, end) -> Iterable[cooperation.calendar.CalendarEntry]``.
calendar_sources: Registry[Callable[..., Any]] = Registry("calendar sources")
# ``step(stdout) -> None``: idempotent demo data, run by ``manage.py seed_demo``.
seed_demo_steps: Registry[Callable[..., Any]] = Registry("demo data")
# ``step(scale, stdout) -> None``: benchmark data, run by ``manage.py seed_bench``.
seed_bench_steps: Registry[Callable[..., Any]] = Registry("benchmark data")
# ``pages() -> Iterable[tuple[str, str]]``: (label, path) loaded by ``make bench``.
bench_pages: Registry[Callable[..., Any]] = Registry("benchmark pages")
# ``job() -> None``: a timed job in ``make bench`` (PDF renders, sweeps).
bench_jobs: Registry[Callable[..., Any]] = Registry("benchmark jobs")
# ``export(user) -> dict``: a person's data held by an app, for the JSON download.
personal_data_exporters: Registry[Callable[..., Any]] = Registry("personal data")
# ``erase(user) -> None``: anonymise an app's public contributions of a deleted user.
personal_data_erasers: Registry[Callable[..., Any]] = Registry("personal data erasers")
# ``build(obj) -> dict``: the context of a PDF template (keyed by template name), for
# documents rendered by a worker (``cooperation.pdf.document_for(..., sync=False)``).
document_contexts: Registry[Callable[..., Any]] = Registry("document contexts")
# ``activity(organisation) -> ProfileActivity | None``: what an organisation did in an
# app (chosen offers, consultation comments, working groups), shown on its public
# profile. One query each, so the profile's query count stays constant.
organisation_activity: Registry[Callable[..., Any]] = Registry("organisation activity")
