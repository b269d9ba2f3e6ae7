"""Every state change of the public benefit council (art. 41e–41i of the Act)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.permissions import require_clerk
from cooperation.core.workflow import (
    Input,
    Transition,
    Workflow,
    Workflows,
    record,
    transition,
)
from ngos.models import Organisation
from ngos.permissions import Capability, can_act_for

from .models import (
    Attendance,
    Candidate,
    Council,
    CreationRequest,
    Election,
    Meeting,
    Member,
    Nomination,
    Opinion,
    Resolution,
    SelectionMethod,
    Side,
    Signature,
    Term,
    creation_due,
    rule,
    term_end,
)
from .permissions import SIGNATORY

_SERVICES = "cooperation.council.services."
R = CreationRequest.Status
T = Term.Status
E = Election.Status
M = Meeting.Status
OP = Opinion.Status

TRANSITIONS = Workflows(
    Workflow(
        CreationRequest,
        Transition(
            "submit",
            R.COLLECTING,
            R.SUBMITTED,
            gettext_lazy("Submit the request"),
            who=(SIGNATORY,),
            service=_SERVICES + "creation_request_submit",
        ),
        Transition(
            "withdraw",
            R.COLLECTING,
            R.WITHDRAWN,
            gettext_lazy("Withdraw the request"),
            who=(SIGNATORY,),
            service=_SERVICES + "creation_request_withdraw",
        ),
        Transition(
            "create",
            R.SUBMITTED,
            R.CREATED,
            gettext_lazy("Create the council"),
            inputs=(
                Input(
                    "ordinance_number",
                    gettext_lazy("Number of the ordinance"),
                    kind="line",
                    required=True,
                    max_length=60,
                ),
                Input("created_on", gettext_lazy("Created on"), kind="date"),
            ),
            service=_SERVICES + "council_create",
            bulk=False,
        ),
        Transition(
            "reject",
            R.SUBMITTED,
            R.REJECTED,
            gettext_lazy("Reject the request"),
            inputs=(Input("reason", gettext_lazy("Reason"), required=True),),
            service=_SERVICES + "creation_request_reject",
            bulk=False,
        ),
    ),
    Workflow(
        Term,
        Transition(
            "constitute",
            T.FORMING,
            T.ACTIVE,
            gettext_lazy("Constitute the council"),
            service=_SERVICES + "term_constitute",
        ),
        Transition(
            "end",
            T.ACTIVE,
            T.ENDED,
            gettext_lazy("End the term"),
            service=_SERVICES + "term_end_now",
        ),
    ),
    Workflow(
        Election,
        Transition(
            "close",
            E.OPEN,
            E.CLOSED,
            gettext_lazy("Close the nominations"),
            service=_SERVICES + "election_close",
        ),
        Transition(
            "publish",
            E.CLOSED,
            E.PUBLISHED,
            gettext_lazy("Publish the results"),
            service=_SERVICES + "election_publish",
        ),
    ),
    Workflow(
        Meeting,
        Transition(
            "hold",
            M.PLANNED,
            M.HELD,
            gettext_lazy("Record the minutes"),
            inputs=(
                Input(
                    "minutes", gettext_lazy("Minutes"), required=True, source="minutes"
                ),
            ),
            service=_SERVICES + "meeting_hold",
        ),
        Transition(
            "cancel",
            M.PLANNED,
            M.CANCELLED,
            gettext_lazy("Cancel the meeting"),
            inputs=(Input("reason", gettext_lazy("Reason")),),
            service=_SERVICES + "meeting_cancel",
        ),
    ),
    Workflow(
        Opinion,
        Transition(
            "publish",
            OP.DRAFT,
            OP.PUBLISHED,
            gettext_lazy("Publish the opinion"),
            inputs=(
                Input(
                    "given_on",
                    gettext_lazy("Given on"),
                    kind="date",
                    source="given_on",
                ),
            ),
            service=_SERVICES + "opinion_publish",
        ),
    ),
)


# Shared steps ------------------------------------------------------------------------


def _require_representative(actor: Any, organisation: Organisation) -> None:
    if not can_act_for(actor, organisation, Capability.SIGN):
        raise PermissionDeniedError(
            _("Only a representative of a verified organisation may do this.")
        )


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


# The request of organisations (art. 41e ust. 1) --------------------------------------


def creation_request_start(
    *, actor: Any, organisation: Organisation, justification: str = ""
) -> CreationRequest:
    """An organisation starts a joint request and signs it first."""
    _require_representative(actor, organisation)
    with transaction.atomic():
        request = CreationRequest.objects.create(
            justification=(justification or "").strip(), started_by=actor
        )
        record(request, actor=actor, to=R.COLLECTING)
        Signature.objects.create(
            request=request, organisation=organisation, signed_by=actor
        )
        record(request, actor=actor, to="signed", note=organisation.name)
    return request


def creation_request_sign(
    *, request: CreationRequest, actor: Any, organisation: Organisation
) -> Signature:
    """Another organisation joins the request while it collects signatures."""
    _require_representative(actor, organisation)
    with transaction.atomic():
        locked = CreationRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != R.COLLECTING:
            raise DomainError(_("This request no longer collects signatures."))
        try:
            with transaction.atomic():
                signature = Signature.objects.create(
                    request=locked, organisation=organisation, signed_by=actor
                )
        except IntegrityError:
            raise DomainError(
                _("%(organisation)s has already signed this request.")
                % {"organisation": organisation.name}
            ) from None
        record(locked, actor=actor, to="signed", note=organisation.name)
    return signature


def _require_enough(count: int) -> None:
    needed = rule("COUNCIL_REQUEST_MIN_ORGANISATIONS")
    if count < needed:
        raise DomainError(
            _(
                "The request needs at least %(needed)s organisations (art. 41e "
                "ust. 1); it has %(count)s."
            )
            % {"needed": needed, "count": count}
        )


def creation_request_submit(
    *, creationrequest: CreationRequest, actor: Any, received_on: date | None = None
) -> CreationRequest:
    """Submit the request once enough organisations signed; the deadline starts."""
    signatures = list(creationrequest.signatures.all())
    if not any(
        can_act_for(actor, s.organisation_id, Capability.SIGN) for s in signatures
    ):
        raise PermissionDeniedError(
            _("Only a representative of an organisation that signed may submit it.")
        )
    _require_enough(len(signatures))
    received = received_on or timezone.localdate()
    return transition(
        creationrequest,
        transitions=TRANSITIONS,
        to=R.SUBMITTED,
        actor=actor,
        changes={"received_on": received, "due_on": creation_due(received)},
    )


def creation_request_register(
    *,
    actor: Any,
    organisations: Iterable[Organisation],
    received_on: date,
    justification: str = "",
) -> CreationRequest:
    """A clerk registers a joint request that arrived on paper."""
    require_clerk(actor)
    chosen = list({o.pk: o for o in organisations}.values())
    _require_enough(len(chosen))
    with transaction.atomic():
        request = CreationRequest.objects.create(
            justification=(justification or "").strip(), started_by=actor
        )
        Signature.objects.bulk_create(
            Signature(request=request, organisation=o) for o in chosen
        )
        record(request, actor=actor, to=R.COLLECTING)
        transition(
            request,
            transitions=TRANSITIONS,
            to=R.SUBMITTED,
            actor=actor,
            note=", ".join(o.name for o in chosen),
            changes={"received_on": received_on, "due_on": creation_due(received_on)},
        )
    return request


def creation_request_withdraw(
    *, creationrequest: CreationRequest, actor: Any
) -> CreationRequest:
    if not (
        creationrequest.started_by_id is not None
        and creationrequest.started_by_id == getattr(actor, "pk", None)
    ):
        raise PermissionDeniedError(
            _("Only the person who started the request may withdraw it.")
        )
    return transition(
        creationrequest, transitions=TRANSITIONS, to=R.WITHDRAWN, actor=actor
    )


def creation_request_reject(
    *, creationrequest: CreationRequest, actor: Any, reason: str
) -> CreationRequest:
    """Only a formal defect (e.g. organisations not active in the municipality)."""
    require_clerk(actor)
    reason = _text(reason, "reason", _("Give the reason for the rejection."))
    return transition(
        creationrequest,
        transitions=TRANSITIONS,
        to=R.REJECTED,
        actor=actor,
        note=reason,
        changes={"reason": reason},
    )


def council_create(
    *,
    creationrequest: CreationRequest,
    actor: Any,
    ordinance_number: str,
    created_on: date | None = None,
) -> Council:
    """The executive creates the council and its first term (art. 41e ust. 1 and 3).

    Created after the two months of art. 41e ust. 1, the audit records the delay.
    """
    require_clerk(actor)
    number = _text(
        ordinance_number, "ordinance_number", _("Give the number of the ordinance.")
    )
    created = created_on or timezone.localdate()
    note = ""
    if creationrequest.due_on and created > creationrequest.due_on:
        note = _("Created after the deadline of %(due)s (art. 41e ust. 1).") % {
            "due": creationrequest.due_on.isoformat()
        }
    with transaction.atomic():
        transition(
            creationrequest,
            transitions=TRANSITIONS,
            to=R.CREATED,
            actor=actor,
            note=note,
        )
        council = Council.objects.create(
            request=creationrequest, ordinance_number=number, created_on=created
        )
        record(council, actor=actor, to="created", note=number)
        term_create(actor=actor, council=council, starts_on=created)
    return council


# Terms and members (art. 41e ust. 3, art. 41f) -----------------------------------------


def term_create(*, actor: Any, council: Council, starts_on: date) -> Term:
    """A new term of ``COUNCIL_TERM_YEARS`` years; the previous one must have ended."""
    require_clerk(actor)
    with transaction.atomic():
        Council.objects.select_for_update().get(pk=council.pk)
        if council.terms.exclude(status=T.ENDED).exists():
            raise DomainError(_("The current term has not ended yet."))
        last = council.terms.aggregate(n=Max("number"))["n"] or 0
        term = Term.objects.create(
            council=council,
            number=last + 1,
            starts_on=starts_on,
            ends_on=term_end(starts_on),
        )
        record(term, actor=actor, to=T.FORMING)
    return term


def composition_ok(counts: dict[str, int]) -> bool:
    """Art. 41f pkt 3: organisations' representatives are at least half the members."""
    ngo = counts.get(Side.NGO, 0)
    others = counts.get(Side.COUNCIL, 0) + counts.get(Side.EXECUTIVE, 0)
    return ngo >= others


def _counts(term: Term) -> dict[str, int]:
    rows = (
        term.members.filter(until__isnull=True)
        .values("side")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["side"]: row["n"] for row in rows}


def _require_composition(counts: dict[str, int]) -> None:
    if not composition_ok(counts):
        raise DomainError(
            _(
                "Representatives of organisations must be at least half of the "
                "members (art. 41f pkt 3): %(ngo)s of %(total)s."
            )
            % {"ngo": counts.get(Side.NGO, 0), "total": sum(counts.values())}
        )


def member_add(
    *,
    actor: Any,
    term: Term,
    name: str,
    side: str,
    organisation: Organisation | None = None,
    function: str = Member.Function.MEMBER,
    since: date | None = None,
) -> Member:
    """Appoint a member for one side; while the term is in office the composition
    rule of art. 41f holds after the appointment."""
    require_clerk(actor)
    name = _text(name, "name", _("Give the member's name."))
    if side not in Side.values:
        raise DomainError(_("Choose whom the member represents."), field="side")
    if side == Side.NGO and organisation is None:
        raise DomainError(
            _("A representative of organisations is nominated by an organisation."),
            field="organisation",
        )
    with transaction.atomic():
        locked = Term.objects.select_for_update().get(pk=term.pk)
        if locked.status == T.ENDED:
            raise DomainError(_("The term has ended."))
        if locked.status == T.ACTIVE:
            counts = _counts(locked)
            counts[side] = counts.get(side, 0) + 1
            _require_composition(counts)
        member = Member.objects.create(
            term=locked,
            name=name,
            side=side,
            organisation=organisation,
            function=function,
            since=since or max(locked.starts_on, timezone.localdate()),
        )
        record(locked, actor=actor, to="member_added", note=f"{name} ({side})")
    return member


def member_end(*, actor: Any, member: Member, until: date | None = None) -> Member:
    """A member leaves the council; the composition rule holds afterwards."""
    require_clerk(actor)
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=member.term_id)
        if member.until is not None:
            raise DomainError(_("This person is no longer a member."))
        if term.status == T.ACTIVE:
            counts = _counts(term)
            counts[member.side] -= 1
            _require_composition(counts)
        member.until = until or timezone.localdate()
        member.save(update_fields=["until", "updated_at"])
        record(term, actor=actor, to="member_left", note=member.name)
    return member


def term_constitute(*, term: Term, actor: Any) -> Term:
    """The council starts work: it has members and the composition rule holds."""
    require_clerk(actor)
    counts = _counts(term)
    if not counts:
        raise DomainError(_("Appoint the members first."))
    _require_composition(counts)
    return transition(term, transitions=TRANSITIONS, to=T.ACTIVE, actor=actor)


def term_end_now(*, term: Term, actor: Any) -> Term:
    require_clerk(actor)
    return transition(term, transitions=TRANSITIONS, to=T.ENDED, actor=actor)


# The election of the organisations' members (art. 41g) ---------------------------------


def election_open(
    *,
    actor: Any,
    term: Term,
    nominations_until: date,
    seats: int | None = None,
) -> Election:
    """Open nominations; the method is the one the council's resolution sets."""
    require_clerk(actor)
    if term.status == T.ENDED:
        raise DomainError(_("The term has ended."))
    if nominations_until < timezone.localdate():
        raise DomainError(
            _("The nominations cannot close in the past."), field="nominations_until"
        )
    council = term.council
    election = Election.objects.create(
        term=term,
        method=council.selection_method,
        seats=seats or council.ngo_seats,
        nominations_until=nominations_until,
    )
    record(election, actor=actor, to=E.OPEN)
    return election


def candidate_nominate(
    *,
    actor: Any,
    election: Election,
    organisation: Organisation,
    name: str,
    about: str = "",
) -> Candidate:
    """An organisation nominates a candidate while nominations are open."""
    _require_representative(actor, organisation)
    name = _text(name, "name", _("Give the candidate's name."))
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        _require_nominations_open(locked)
        candidate = Candidate.objects.create(
            election=locked, name=name, about=(about or "").strip()
        )
        Nomination.objects.create(
            candidate=candidate, organisation=organisation, nominated_by=actor
        )
        record(locked, actor=actor, to="nominated", note=f"{name} — {organisation}")
    return candidate


def _require_nominations_open(election: Election) -> None:
    if election.status != E.OPEN or election.nominations_until < timezone.localdate():
        raise DomainError(_("Nominations are closed."))


def candidate_support(
    *, actor: Any, candidate: Candidate, organisation: Organisation
) -> Nomination:
    """Another organisation nominates the same candidate."""
    _require_representative(actor, organisation)
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=candidate.election_id)
        _require_nominations_open(election)
        try:
            with transaction.atomic():
                nomination = Nomination.objects.create(
                    candidate=candidate, organisation=organisation, nominated_by=actor
                )
        except IntegrityError:
            raise DomainError(
                _("%(organisation)s has already nominated this candidate.")
                % {"organisation": organisation.name}
            ) from None
        record(
            election, actor=actor, to="nominated", note=f"{candidate} — {organisation}"
        )
    return nomination


def election_close(*, election: Election, actor: Any) -> Election:
    require_clerk(actor)
    if not election.candidates.exists():
        raise DomainError(_("No candidate was nominated."))
    return transition(election, transitions=TRANSITIONS, to=E.CLOSED, actor=actor)


def vote_cast(
    *, actor: Any, election: Election, organisation: Organisation, candidate: Candidate
) -> None:
    """One vote per organisation (a unique constraint), after nominations close."""
    _require_representative(actor, organisation)
    if election.method != SelectionMethod.VOTE:
        raise DomainError(_("The members of this election are appointed."))
    if candidate.election_id != election.pk:
        raise DomainError(_("This person is not a candidate in this election."))
    with transaction.atomic():
        locked = Election.objects.get(pk=election.pk)
        if locked.status != E.CLOSED:
            raise DomainError(_("Voting takes place after the nominations close."))
        try:
            with transaction.atomic():
                locked.votes.create(
                    organisation=organisation, candidate=candidate, cast_by=actor
                )
        except IntegrityError:
            raise DomainError(
                _("%(organisation)s has already voted.")
                % {"organisation": organisation.name}
            ) from None
        record(locked, actor=actor, to="voted", note=organisation.name)


def candidate_appoint(
    *, actor: Any, candidate: Candidate, selected: bool = True
) -> Candidate:
    """The executive appoints (or un-appoints) a candidate, where the resolution says so."""
    require_clerk(actor)
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=candidate.election_id)
        if election.method != SelectionMethod.APPOINTMENT:
            raise DomainError(_("The members of this election are chosen by vote."))
        if election.status != E.CLOSED:
            raise DomainError(
                _("Candidates are appointed after the nominations close.")
            )
        candidate.selected = selected
        candidate.save(update_fields=["selected", "updated_at"])
        record(
            election,
            actor=actor,
            to="appointed" if selected else "not_appointed",
            note=candidate.name,
        )
    return candidate


def election_publish(*, election: Election, actor: Any) -> Election:
    """Publish the results; the selected candidates become members of the term.

    By vote, the most voted fill the seats (a tie at the last seat is for the clerk
    to settle as the resolution says, by appointing); by appointment, the ones
    appointed, no more than the seats.
    """
    require_clerk(actor)
    with transaction.atomic():
        candidates = list(
            election.candidates.annotate(vote_count=Count("votes")).prefetch_related(
                "nominations__organisation"
            )
        )
        if election.method == SelectionMethod.VOTE:
            ranked = sorted(candidates, key=lambda c: -c.vote_count)
            chosen = ranked[: election.seats]
            if (
                len(ranked) > election.seats
                and ranked[election.seats].vote_count == chosen[-1].vote_count
            ):
                raise DomainError(
                    _("Candidates are tied for the last seat; settle it first.")
                )
            if chosen and chosen[-1].vote_count == 0:
                chosen = [c for c in chosen if c.vote_count > 0]
            for candidate in candidates:
                candidate.selected = candidate in chosen
            Candidate.objects.bulk_update(candidates, ["selected"])
        else:
            chosen = [c for c in candidates if c.selected]
            if len(chosen) > election.seats:
                raise DomainError(
                    _("More candidates appointed than seats (%(seats)s).")
                    % {"seats": election.seats}
                )
        if not chosen:
            raise DomainError(_("No candidate is selected."))
        transition(
            election,
            transitions=TRANSITIONS,
            to=E.PUBLISHED,
            actor=actor,
            note=", ".join(c.name for c in chosen),
            changes={"results_published_at": timezone.now()},
        )
        term = election.term
        for candidate in chosen:
            member_add(
                actor=actor,
                term=term,
                name=candidate.name,
                side=Side.NGO,
                organisation=candidate.nominations.all()[0].organisation,
            )
    return election


# Meetings, resolutions, opinions (art. 41i) --------------------------------------------


def meeting_schedule(
    *, actor: Any, term: Term, starts_at: datetime, place: str, agenda: str
) -> Meeting:
    require_clerk(actor)
    if term.status == T.ENDED:
        raise DomainError(_("The term has ended."))
    with transaction.atomic():
        Term.objects.select_for_update().get(pk=term.pk)
        last = term.meetings.aggregate(n=Max("number"))["n"] or 0
        meeting = Meeting.objects.create(
            term=term,
            number=last + 1,
            starts_at=starts_at,
            place=_text(place, "place", _("Give the place of the meeting.")),
            agenda=_text(agenda, "agenda", _("Give the agenda.")),
        )
        record(meeting, actor=actor, to=M.PLANNED)
    return meeting


def meeting_hold(*, meeting: Meeting, actor: Any, minutes: str) -> Meeting:
    """The minutes of a meeting that took place."""
    require_clerk(actor)
    minutes = _text(minutes, "minutes", _("Write or paste the minutes."))
    return transition(
        meeting,
        transitions=TRANSITIONS,
        to=M.HELD,
        actor=actor,
        changes={"minutes": minutes},
    )


def meeting_cancel(*, meeting: Meeting, actor: Any, reason: str = "") -> Meeting:
    require_clerk(actor)
    return transition(
        meeting,
        transitions=TRANSITIONS,
        to=M.CANCELLED,
        actor=actor,
        note=(reason or "").strip(),
    )


def attendance_record(
    *, actor: Any, meeting: Meeting, present: Iterable[Member]
) -> list[Attendance]:
    """Who of the term's current members came; the others are recorded absent."""
    require_clerk(actor)
    here = {m.pk for m in present}
    members = list(meeting.term.members.filter(until__isnull=True))
    strangers = here - {m.pk for m in members}
    if strangers:
        raise DomainError(_("Only members of this term attend its meetings."))
    with transaction.atomic():
        Attendance.objects.filter(meeting=meeting).delete()
        rows = Attendance.objects.bulk_create(
            Attendance(meeting=meeting, member=m, present=m.pk in here) for m in members
        )
        record(
            meeting,
            actor=actor,
            to="attendance",
            note=_("%(present)s of %(total)s present")
            % {"present": len(here), "total": len(members)},
        )
    return rows


def resolution_adopt(
    *,
    actor: Any,
    meeting: Meeting,
    number: str,
    title: str,
    text: str,
    adopted_on: date | None = None,
) -> Resolution:
    require_clerk(actor)
    if meeting.status != M.HELD:
        raise DomainError(_("Resolutions are adopted at a meeting that took place."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                resolution = Resolution.objects.create(
                    meeting=meeting,
                    number=_text(number, "number", _("Give the number.")),
                    title=_text(title, "title", _("Give the title.")),
                    text=_text(text, "text", _("Give the text.")),
                    adopted_on=adopted_on
                    or timezone.localtime(meeting.starts_at).date(),
                )
        except IntegrityError:
            raise DomainError(
                _("A resolution with this number exists."), field="number"
            ) from None
        record(resolution, actor=actor, to="adopted", note=resolution.number)
    return resolution


def opinion_draft(
    *,
    actor: Any,
    term: Term,
    subject: str,
    text: str,
    title: str = "",
    consultation: Any = None,
    programme: Any = None,
    competition: Any = None,
    meeting: Meeting | None = None,
    delivered_on: date | None = None,
) -> Opinion:
    """An opinion on a consultation, a draft programme, a competition or a strategy."""
    require_clerk(actor)
    links: dict[str, Any] = {
        Opinion.Subject.CONSULTATION: consultation,
        Opinion.Subject.PROGRAMME: programme,
        Opinion.Subject.COMPETITION: competition,
    }
    if subject not in Opinion.Subject.values:
        raise DomainError(_("Choose the subject of the opinion."), field="subject")
    if subject in links and links[subject] is None:
        raise DomainError(_("Link what the opinion is on."), field=subject)
    if meeting is not None and meeting.term_id != term.pk:
        raise DomainError(_("The meeting is of another term."), field="meeting")
    linked = links.get(subject)
    title = (title or "").strip() or (str(linked) if linked is not None else "")
    opinion = Opinion.objects.create(
        term=term,
        meeting=meeting,
        subject=subject,
        title=_text(title, "title", _("Say what the opinion is on.")),
        consultation=consultation if subject == Opinion.Subject.CONSULTATION else None,
        programme=programme if subject == Opinion.Subject.PROGRAMME else None,
        competition=competition if subject == Opinion.Subject.COMPETITION else None,
        delivered_on=delivered_on,
        text=_text(text, "text", _("Give the text of the opinion.")),
    )
    record(opinion, actor=actor, to=OP.DRAFT)
    return opinion


def opinion_publish(
    *, opinion: Opinion, actor: Any, given_on: date | None = None
) -> Opinion:
    """Publish the opinion; one given after the 14 days of art. 41i ust. 2 is noted."""
    require_clerk(actor)
    given = given_on or timezone.localdate()
    opinion.given_on = given
    note = ""
    if opinion.late:
        note = _(
            "Given after the deadline of %(due)s: art. 41i ust. 2 treats it as "
            "not given."
        ) % {"due": opinion.due_on.isoformat()}  # type: ignore[union-attr]
    with transaction.atomic():
        transition(
            opinion,
            transitions=TRANSITIONS,
            to=OP.PUBLISHED,
            actor=actor,
            note=note,
            changes={"given_on": given},
        )
        _attach_to_draft(opinion, actor=actor)
    return opinion


def _attach_to_draft(opinion: Opinion, *, actor: Any) -> None:
    """An opinion on a draft programme still in consultation is attached to the draft
    (art. 5a ust. 2a): the programme records it as the council's opinion."""
    from cooperation.programme import services as programme_services
    from cooperation.programme.models import Programme

    if opinion.subject != Opinion.Subject.PROGRAMME or opinion.programme_id is None:
        return
    programme = Programme.objects.get(pk=opinion.programme_id)
    if programme.status != Programme.Status.IN_CONSULTATION:
        return
    programme_services.programme_record_opinion(
        programme=programme,
        actor=actor,
        opinion=opinion.text,
        given_on=opinion.given_on,
    )
