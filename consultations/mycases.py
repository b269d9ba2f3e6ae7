"""Consultations on a person's desk ("Moje sprawy"): the person's latest comments,
until when they may be changed and the office's position on them (one query)."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.mycases import Case, CaseProvider, Person

from .models import Comment, Consultation

# The person's latest comments; the account page links every one.
COMMENTS_SHOWN = 10


def my_comments(person: Person) -> Iterable[Case]:
    rows = (
        Comment.objects.filter(author=person.user)
        .select_related("consultation", "unit")
        .only(
            "pk",
            "channel",
            "hidden_at",
            "decision",
            "organisation_id",
            "received_on",
            "unit__label",
            "consultation__id",
            "consultation__title",
            "consultation__status",
            "consultation__start_at",
            "consultation__end_at",
        )
        .order_by("-received_on", "-pk")[:COMMENTS_SHOWN]
    )
    found = []
    for comment in rows:
        consultation = comment.consultation
        phase = consultation.phase_at(person.now)
        due, due_label = None, ""
        if comment.is_hidden:
            state, step = _("hidden by the office"), ""
        elif comment.decision:
            state, step = comment.get_decision_display(), ""
            if phase == Consultation.Phase.REPORTED:
                step = _("The justification is in the consultation report")
        elif phase == Consultation.Phase.OPEN:
            state = _("received")
            if comment.channel == Comment.Channel.ONLINE:
                step = _("You may still change the comment")
            else:
                step = _("The office answers every comment in the consultation report")
            due, due_label = consultation.end_at, _("Closes:")
        else:
            state = _("awaiting the office's position")
            step = _("The office answers every comment in the consultation report")
        found.append(
            Case(
                title=comment.unit.label if comment.unit else _("the whole draft"),
                url=comment.get_absolute_url(),
                state=state,
                next_step=step,
                due=due,
                due_label=due_label,
                context=consultation.title,
            )
        )
    return found


MY_COMMENTS = CaseProvider(
    title=gettext_lazy("My comments on consultations"),
    cases=my_comments,
    models=("consultations.Comment", "consultations.Consultation"),
    personal=True,
    link=lambda: (_("Consultations"), reverse("consultations:consultation-list")),
    position=30,
)
