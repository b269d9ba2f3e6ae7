"""Extension points through which apps plug into the shared machinery.

The shared machinery never imports an app: each app registers its providers from its
own ``hooks.py`` module, which ``CoreConfig.ready`` discovers. Only dependencies that
must point the other way live here; the site's pages import the apps they show.
Entries keep the order in which they were registered, which is the order of
``INSTALLED_APPS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """An ordered collection of named hooks; registering a name again replaces it."""

    def __init__(self, label: str) -> None:
        self.label = label
        self._entries: dict[str, T] = {}

    def add(self, name: str, item: T) -> T:
        self._entries[name] = item
        return item

    def register(self, name: str) -> Callable[[T], T]:
        """``add`` as a decorator."""

        def decorator(item: T) -> T:
            return self.add(name, item)

        return decorator

    def items(self) -> list[tuple[str, T]]:
        return list(self._entries.items())

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._entries.values()))

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, name: str) -> T:
        return self._entries[name]

    def __contains__(self, name: object) -> bool:
        return name in self._entries


# ``provider(now) -> Iterable[cooperation.core.reminders.Reminder]``: what is due now.
reminder_providers: Registry[Callable[..., Any]] = Registry("reminder providers")
# ``export(user) -> dict``: a person's data held by an app, for the JSON download.
personal_data_exporters: Registry[Callable[..., Any]] = Registry("personal data")
# ``erase(user) -> None``: anonymise an app's public contributions of a deleted user.
personal_data_erasers: Registry[Callable[..., Any]] = Registry("personal data erasers")
# ``build(obj) -> dict``: the context of a PDF template (keyed by template name), for
# documents rendered by a worker (``cooperation.core.pdf.document_for(..., sync=False)``).
document_contexts: Registry[Callable[..., Any]] = Registry("document contexts")
# ``activity(organisation) -> ProfileActivity | None``: what an organisation did in an
# app (chosen offers, consultation comments, working groups), shown on its public
# profile. One query each, so the profile's query count stays constant.
organisation_activity: Registry[Callable[..., Any]] = Registry("organisation activity")
# ``cooperation.core.uploads.FileAccess``: a file field of an app's model and who may
# download its files; ``MEDIA_URL`` serves only files found through these entries.
uploaded_files: Registry[Any] = Registry("uploaded files")
# ``str`` (a lazy label): a kind of notification (``"app.name"``) that a person may
# switch off on the account page. Only information a person may go without is
# registered here; statutory notices and messages about the person's own matters
# are never registered, so they can never be switched off.
optional_notifications: Registry[Any] = Registry("optional notifications")
# ``provider(now) -> Iterable[cooperation.core.desk.DeskItem]``: what waits for the
# office's next step (the clerk's desk on the administration's first page).
desk_providers: Registry[Callable[..., Any]] = Registry("desk providers")
# ``links(years) -> {year: [(label, url), …]}``: documents of a programme's year that
# an app above the programme provides (the report on carrying it out), listed beside
# each year on ``/program-wspolpracy/``; one query for all the years.
programme_documents: Registry[Callable[..., Any]] = Registry("programme documents")
# ``cooperation.core.mycases.CaseProvider``: one section of a person's desk ("Moje
# sprawy", ``/konto/sprawy/``): the matters of their organisations or their own.
case_providers: Registry[Any] = Registry("case providers")
# ``str`` (a lazy label): a kind of statutory notice or message about the person's own
# matters (a call to correct an offer, a decision, a deadline of one's own offer or
# report), shown on the notification settings page as always sent by e-mail at once.
# Listing a kind here changes nothing in its delivery: it is only its label.
statutory_notifications: Registry[Any] = Registry("statutory notifications")
# ``cooperation.core.following.Followable``: a model whose objects a person may follow
# on its public page ("Obserwuj"), keyed by the slug used in the follow address.
followable: Registry[Any] = Registry("followable")
# ``cooperation.core.following.FollowedEvent``: something published about an object
# (a transition of a model to a state) that the followers of related objects are
# told of through the outbox.
followed_events: Registry[Any] = Registry("followed events")
