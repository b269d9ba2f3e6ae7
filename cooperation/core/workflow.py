"""Workflow transitions with an audit record.

Each app keeps, next to its services, a table ``TRANSITIONS = {from: {to, ...}}``
and calls :func:`transition` from one service per transition.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext as _

from .exceptions import TransitionNotAllowed
from .models import StatusChange

M = TypeVar("M", bound=models.Model)


def _label(model: type[models.Model], field: str, value: str) -> str:
    choices = dict(model._meta.get_field(field).flatchoices)  # type: ignore[union-attr]
    return str(choices.get(value, value))


def transition(
    obj: M,
    *,
    transitions: Mapping[Any, Iterable[Any]],
    to: str,
    actor: Any | None,
    note: str = "",
    field: str = "status",
    changes: Mapping[str, Any] | None = None,
) -> M:
    """Move ``obj`` to the state ``to``, if the table allows it from its current state.

    Locks the row, re-reads the current state under the lock (so two clerks cannot
    both move the same object), applies ``changes`` (other fields set together with
    the state), saves only the touched fields and writes a :class:`StatusChange`.

    Raises :class:`TransitionNotAllowed` with a translated message.
    """
    model = type(obj)
    with transaction.atomic():
        current = (
            model._default_manager.select_for_update()
            .values_list(field, flat=True)
            .get(pk=obj.pk)
        )
        allowed = {str(s) for s in transitions.get(current, ())}
        if str(to) not in allowed:
            raise TransitionNotAllowed(
                _("“%(object)s” cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "object": obj,
                    "from": _label(model, field, current),
                    "to": _label(model, field, to),
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
    return obj


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
