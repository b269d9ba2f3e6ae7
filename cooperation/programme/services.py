"""Every state change of the annual cooperation programme."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from django.db import transaction as db_transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.exceptions import DomainError
from cooperation.core.permissions import require_clerk
from cooperation.core.workflow import Input, Transition, Workflow, Workflows, transition
from cooperation.programme.models import Programme

from . import documents

Status = Programme.Status

_SERVICES = "cooperation.programme.services."

# The council's opinion is optional: a programme may go from consultation straight
# to the council.
TRANSITIONS = Workflows(
    Workflow(
        Programme,
        Transition(
            "consult",
            Status.DRAFTING,
            Status.IN_CONSULTATION,
            gettext_lazy("Start the consultation"),
            service=_SERVICES + "programme_start_consultation",
        ),
        Transition(
            "opinion",
            Status.IN_CONSULTATION,
            Status.COUNCIL_OPINION,
            gettext_lazy("Record the council's opinion"),
            inputs=(
                Input(
                    "opinion",
                    gettext_lazy("Opinion of the public benefit council"),
                    required=True,
                    source="council_opinion",
                ),
                Input("given_on", gettext_lazy("Date"), kind="date"),
            ),
            service=_SERVICES + "programme_record_opinion",
            bulk=False,
        ),
        Transition(
            "submit",
            (Status.IN_CONSULTATION, Status.COUNCIL_OPINION),
            Status.SUBMITTED,
            gettext_lazy("Submit to the council"),
            inputs=(Input("submitted_on", gettext_lazy("Date"), kind="date"),),
            service=_SERVICES + "programme_submit",
        ),
        Transition(
            "adopt",
            Status.SUBMITTED,
            Status.ADOPTED,
            gettext_lazy("Record the adoption"),
            inputs=(
                Input(
                    "resolution_number",
                    gettext_lazy("Resolution number"),
                    kind="line",
                    required=True,
                    max_length=60,
                ),
                Input(
                    "resolution_date", gettext_lazy("Date"), kind="date", required=True
                ),
            ),
            service=_SERVICES + "programme_adopt",
        ),
        Transition(
            "in_force",
            Status.ADOPTED,
            Status.IN_FORCE,
            gettext_lazy("In force"),
            service=_SERVICES + "programme_put_in_force",
        ),
        Transition(
            "close",
            Status.IN_FORCE,
            Status.CLOSED,
            gettext_lazy("Close"),
            service=_SERVICES + "programme_close",
        ),
        Transition(
            "redraft",
            (Status.IN_CONSULTATION, Status.SUBMITTED),
            Status.DRAFTING,
            gettext_lazy("Back to drafting"),
            inputs=(Input("reason", gettext_lazy("Reason"), required=True),),
            service=_SERVICES + "programme_return_to_drafting",
        ),
    )
)


def _moved(programme: Programme) -> Programme:
    """After the commit, render the PDF of the programme's new state for the council."""
    db_transaction.on_commit(partial(documents.queue, programme.pk))
    return programme


def missing_parts(programme: Programme) -> list[str]:
    """Headings of the parts of art. 5a ust. 4 that are still empty."""
    return [
        f"{n}. {heading}" for n, heading, text in programme.parts if not text.strip()
    ]


def programme_start_consultation(*, programme: Programme, actor: Any) -> Programme:
    """Needs a consultation of kind "programme" linked to this programme."""
    require_clerk(actor)
    if (
        not programme.consultations.filter(act_kind="programme")
        .exclude(status="cancelled")
        .exists()
    ):
        raise DomainError(
            _(
                "Link a consultation of the kind “cooperation programme” to this programme first."
            )
        )
    return _moved(
        transition(
            programme, transitions=TRANSITIONS, to=Status.IN_CONSULTATION, actor=actor
        )
    )


def programme_record_opinion(
    *, programme: Programme, actor: Any, opinion: str, given_on: date | None = None
) -> Programme:
    """The public benefit council's opinion, attached to the draft (art. 5a ust. 2a).

    ``given_on`` is today unless given.
    """
    require_clerk(actor)
    if not opinion.strip():
        raise DomainError(
            _("Enter the opinion of the council."), field="council_opinion"
        )
    return _moved(
        transition(
            programme,
            transitions=TRANSITIONS,
            to=Status.COUNCIL_OPINION,
            actor=actor,
            changes={
                "council_opinion": opinion,
                "council_opinion_on": given_on or timezone.localdate(),
            },
        )
    )


def programme_submit(
    *, programme: Programme, actor: Any, submitted_on: date | None = None
) -> Programme:
    """Send the draft to the council; every part of art. 5a ust. 4 must be filled in."""
    require_clerk(actor)
    missing = missing_parts(programme)
    if missing:
        raise DomainError(
            _("These parts of the programme are empty: %(parts)s.")
            % {"parts": "; ".join(missing)}
        )
    return _moved(
        transition(
            programme,
            transitions=TRANSITIONS,
            to=Status.SUBMITTED,
            actor=actor,
            changes={"submitted_on": submitted_on or timezone.localdate()},
        )
    )


def programme_adopt(
    *, programme: Programme, actor: Any, resolution_number: str, resolution_date: date
) -> Programme:
    """The council adopted the programme; after 30 November it is allowed but flagged."""
    require_clerk(actor)
    if not resolution_number.strip():
        raise DomainError(
            _("Enter the number of the resolution."), field="resolution_number"
        )
    today = timezone.localdate()
    if resolution_date > today:
        raise DomainError(
            _("The date of the resolution cannot be later than today (%(today)s).")
            % {"today": formats.date_format(today, "DATE_FORMAT")},
            field="resolution_date",
        )
    late = resolution_date > programme.adoption_deadline
    note = (
        _("Adopted after the deadline of %(deadline)s (art. 5a ust. 1).")
        % {"deadline": formats.date_format(programme.adoption_deadline, "DATE_FORMAT")}
        if late
        else ""
    )
    return _moved(
        transition(
            programme,
            transitions=TRANSITIONS,
            to=Status.ADOPTED,
            actor=actor,
            note=note,
            changes={
                "resolution_number": resolution_number,
                "resolution_date": resolution_date,
            },
        )
    )


def programme_put_in_force(*, programme: Programme, actor: Any) -> Programme:
    """A programme is in force only in its own year (art. 5a ust. 1), from 1 January.

    Only one programme is in force at a time: the earlier programme still in force is
    closed here, in the same transaction, with its own audit record.
    """
    require_clerk(actor)
    today = timezone.localdate()
    if programme.year > today.year:
        raise DomainError(
            _(
                "The programme for %(year)s can come into force only from 1 January %(year)s."
            )
            % {"year": programme.year}
        )
    if programme.year < today.year:
        raise DomainError(
            _("The programme for %(year)s is for a year that has already ended.")
            % {"year": programme.year}
        )
    with db_transaction.atomic():
        for earlier in (
            Programme.objects.select_for_update()
            .filter(status=Status.IN_FORCE)
            .exclude(pk=programme.pk)
            .order_by("year")
        ):
            _moved(
                transition(
                    earlier,
                    transitions=TRANSITIONS,
                    to=Status.CLOSED,
                    actor=actor,
                    note=_("Closed because the programme for %(year)s came into force.")
                    % {"year": programme.year},
                )
            )
        return _moved(
            transition(
                programme, transitions=TRANSITIONS, to=Status.IN_FORCE, actor=actor
            )
        )


def programme_close(*, programme: Programme, actor: Any) -> Programme:
    require_clerk(actor)
    return _moved(
        transition(programme, transitions=TRANSITIONS, to=Status.CLOSED, actor=actor)
    )


def programme_return_to_drafting(
    *, programme: Programme, actor: Any, reason: str
) -> Programme:
    require_clerk(actor)
    if not reason.strip():
        raise DomainError(_("Give the reason."), field="reason")
    return transition(
        programme, transitions=TRANSITIONS, to=Status.DRAFTING, actor=actor, note=reason
    )
