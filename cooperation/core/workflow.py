"""Workflow transitions, declared once, with an audit record.

Each app declares, in its services, ``TRANSITIONS``: one :class:`Workflow` per model
with a status, listing every allowed :class:`Transition` with its label, who may take
it (:class:`Role`), what the person gives (:class:`Input`) and the service that takes
it. The admin builds its buttons and bulk actions from these tables
(:class:`cooperation.core.admin.WorkflowAdmin`), and every service moves an object
through :func:`transition`, which refuses a move the table does not allow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .exceptions import TransitionNotAllowed
from .models import StatusChange
from .permissions import has_clerk_powers
from .typography import quoted

M = TypeVar("M", bound=models.Model)

Label = str | Promise


@dataclass(frozen=True)
class Role:
    """Who may take a transition: a label for people and a test ``(user, obj) -> bool``."""

    label: Label
    test: Callable[[Any, Any], bool]

    def __call__(self, user: Any, obj: Any) -> bool:
        return bool(user is not None and user.is_authenticated and self.test(user, obj))


CLERK = Role(gettext_lazy("clerk"), lambda user, obj: has_clerk_powers(user))

# A transition the portal takes by itself (a scheduled job, the waiting list): no
# person is offered it.
PORTAL = Role(gettext_lazy("the portal itself"), lambda user, obj: False)


@dataclass(frozen=True)
class Input:
    """Something the person gives with a transition: a keyword argument of its service.

    ``source`` names the object's field that holds it already (filled in on the
    object's form); a bulk action takes the value from there.
    """

    name: str
    label: Label
    kind: Literal["text", "line", "date"] = "text"
    required: bool = False
    source: str = ""
    max_length: int | None = None
    help_text: Label = ""


NOTE = Input("note", gettext_lazy("Note"))


@dataclass(frozen=True)
class Transition:
    """One allowed move: from ``source`` (one state or several) to ``target``.

    ``service`` is the dotted path of the service that takes it, called with the
    object, ``actor``, ``arguments`` and the ``inputs``; a transition taken on a page
    of its own (the decision on a competition) gives that page's address in ``page``
    instead. A transition with neither is taken by the portal or outside it.
    """

    key: str
    source: str | tuple[str, ...]
    target: str
    label: Label
    who: tuple[Role, ...] = (CLERK,)
    inputs: tuple[Input, ...] = ()
    service: str = ""
    arguments: Mapping[str, Any] = field(default_factory=dict)
    page: Callable[[Any], str] | None = None
    bulk: bool = True

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.source,) if isinstance(self.source, str) else self.source

    def allows(self, state: str) -> bool:
        return str(state) in {str(s) for s in self.sources}

    def may(self, user: Any, obj: Any) -> bool:
        """Whether ``user`` is among those who may take it (the service checks again)."""
        return any(role(user, obj) for role in self.who)

    @property
    def in_bulk(self) -> bool:
        """Whether a list action can take it: every required input is on the object."""
        return (
            self.bulk
            and bool(self.service)
            and all(i.source or not i.required for i in self.inputs)
        )

    def call(self, obj: models.Model, *, actor: Any, **values: Any) -> Any:
        """Run the service for ``obj``; ``values`` are the inputs by name."""
        service = import_string(self.service)
        subject = obj._meta.model_name or "obj"
        return service(**{subject: obj}, actor=actor, **self.arguments, **values)


def page(url_name: str, attribute: str = "pk") -> Callable[[Any], str]:
    """The address of a page taking a transition, from one attribute of the object."""

    def address(obj: Any) -> str:
        return reverse(url_name, args=[getattr(obj, attribute)])

    return address


class Workflow:
    """The transition table of one model's ``field`` (its status)."""

    def __init__(
        self,
        model: type[models.Model],
        *transitions: Transition,
        field: str = "status",
        initial: tuple[str, ...] = (),
    ) -> None:
        self.model = model
        self.field = field
        self.transitions = transitions
        self._initial = initial
        self._by_key = {t.key: t for t in transitions}
        if len(self._by_key) != len(transitions):
            raise ImproperlyConfigured(f"{model.__name__}: transition keys repeat.")
        unknown = self.states - set(self.choices)
        if unknown:
            raise ImproperlyConfigured(
                f"{model.__name__}.{field} has no choice {sorted(unknown)}."
            )

    def __iter__(self) -> Iterator[Transition]:
        return iter(self.transitions)

    def __repr__(self) -> str:
        return f"<Workflow {self.model.__name__}.{self.field}>"

    @property
    def choices(self) -> list[str]:
        """The values the model allows in the field (its status constraint)."""
        flat = self.model._meta.get_field(self.field).flatchoices  # type: ignore[union-attr]
        return [str(value) for value, _label in flat]

    @property
    def initial(self) -> set[str]:
        """The states an object is created in: the field's default unless given."""
        if self._initial:
            return {str(s) for s in self._initial}
        return {str(self.model._meta.get_field(self.field).get_default())}  # type: ignore[union-attr]

    @property
    def states(self) -> set[str]:
        """Every state the table names: created in, moved from or moved to."""
        named = {str(s) for t in self.transitions for s in (*t.sources, t.target)}
        return named | set(self._initial)

    def get(self, key: str) -> Transition:
        """The transition named ``key``; raises ``KeyError``."""
        return self._by_key[key]

    def allows(self, source: str, target: str) -> bool:
        return any(t.allows(source) and t.target == target for t in self.transitions)

    def from_state(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if t.allows(state)]

    def allowed(self, obj: models.Model, user: Any) -> list[Transition]:
        """The transitions ``user`` may take from the object's current state."""
        return [
            t
            for t in self.from_state(getattr(obj, self.field))
            if t.may(user, obj) and (t.service or t.page)
        ]

    def label(self, value: str) -> str:
        choices = dict(self.model._meta.get_field(self.field).flatchoices)  # type: ignore[union-attr]
        return str(choices.get(value, value))


class Workflows(Mapping[type[models.Model], Workflow]):
    """An app's transition tables, one per model: the app's ``TRANSITIONS``."""

    def __init__(self, *workflows: Workflow) -> None:
        self._tables = {w.model: w for w in workflows}

    def __getitem__(self, model: type[models.Model]) -> Workflow:
        return self._tables[model._meta.concrete_model or model]

    def __iter__(self) -> Iterator[type[models.Model]]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def workflows(self) -> Iterable[Workflow]:
        return self._tables.values()


def transition(
    obj: M,
    *,
    transitions: Workflows,
    to: str,
    actor: Any | None,
    note: str = "",
    changes: Mapping[str, Any] | None = None,
) -> M:
    """Move ``obj`` to the state ``to``, if its model's table allows it from its state.

    Locks the row, re-reads the current state under the lock (so two clerks cannot
    both move the same object), applies ``changes`` (other fields set together with
    the state), saves only the touched fields and writes a :class:`StatusChange`.

    Raises :class:`TransitionNotAllowed` with a translated message.
    """
    model = type(obj)
    workflow = transitions[model]
    field = workflow.field
    with transaction.atomic():
        current = (
            model._default_manager.select_for_update()
            .values_list(field, flat=True)
            .get(pk=obj.pk)
        )
        if not workflow.allows(current, str(to)):
            raise TransitionNotAllowed(
                _("%(object)s cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "object": quoted(obj),
                    "from": workflow.label(current),
                    "to": workflow.label(to),
                },
                code="transition",
            )
        setattr(obj, field, to)
        fields = [field]
        for name, value in (changes or {}).items():
            setattr(obj, name, value)
            fields.append(name)
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            fields.append("updated_at")
        obj.save(update_fields=fields)
        StatusChange.objects.create(
            content_type=ContentType.objects.get_for_model(model),
            object_id=obj.pk,
            from_status=current,
            to_status=to,
            actor=actor if getattr(actor, "pk", None) else None,
            note=note,
        )
        # Inside the transaction, so that what a receiver writes (the outbox rows
        # telling the object's followers) commits or rolls back with the change.
        transitioned.send(
            model, instance=obj, from_status=current, to_status=str(to), actor=actor
        )
    return obj


# Sent by ``transition`` with the model as sender and ``instance``, ``from_status``,
# ``to_status`` and ``actor``, after the change and its audit row are written and
# before the transaction commits.
transitioned = Signal()


def history(obj: models.Model) -> models.QuerySet[StatusChange]:
    """The audit trail of one object, oldest first."""
    return StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).select_related("actor")


def record(
    obj: models.Model,
    *,
    actor: Any | None,
    to: str,
    note: str = "",
    from_status: str = "",
) -> StatusChange:
    """Audit an event that is not a state change (e.g. "created", "published again")."""
    return StatusChange.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        from_status=from_status,
        to_status=to,
        actor=actor if getattr(actor, "pk", None) else None,
        note=note,
    )
