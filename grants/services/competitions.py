"""Competition workflow: announcement, closing, reviews and annulment (art. 13, 15, 18a)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cooperation.core.exceptions import DomainError
from cooperation.core.notifications import Message, notify_many
from cooperation.core.permissions import require_clerk
from cooperation.core.workflow import record, transition
from ngos.models import Membership

from ..committee import composition_problems
from ..models import Competition, CompetitionStatus, Offer, OfferStatus, SameTypeTask
from ..models.competition import STATUTORY_CRITERIA, statutory_points_for
from ..permissions import offeror_member_conflict
from .transitions import TRANSITIONS

S = CompetitionStatus


def earliest_deadline(last_published: date) -> date:
    """The earliest lawful offer deadline after the last publication on ``last_published``.

    Art. 13 ust. 1 counts days from the last of the publications of art. 13 ust. 3; the
    number of days comes from ``PORTAL_RULES["COMPETITION_MIN_DAYS"]``.
    """
    return last_published + timedelta(
        days=settings.PORTAL_RULES["COMPETITION_MIN_DAYS"]
    )


def competition_publish(
    *, competition: Competition, actor: Any, now: datetime | None = None
) -> Competition:
    """Announce a draft competition; ``announced_at`` is the portal's publication time.

    Raises DomainError when the announcement lacks a required part: the ordinance, the
    programme's resolution, any of the three places of publication (art. 13 ust. 3),
    the criteria of art. 15 ust. 1 that apply, or point 7 for a year the portal holds
    no data on; or when the offer deadline is closer than the statutory minimum after
    the last publication (the message names the earliest lawful date).
    Representatives of organisations working in the competition's sphere are told
    through the outbox, once each.
    """
    require_clerk(actor)
    now = now or timezone.now()
    programme = competition.priority.programme
    missing = [
        str(label)
        for label, value in [
            (_("type of task"), competition.task_type),
            (_("rules for awarding the grant"), competition.award_rules),
            (_("conditions for carrying out the task"), competition.task_conditions),
            (
                _("procedure and criteria for choosing offers"),
                competition.selection_procedure,
            ),
            (_("date by which offers will be chosen"), competition.selection_date),
            (_("dates of the task"), competition.task_start and competition.task_end),
            (
                _("number and date of the ordinance announcing it"),
                competition.ordinance_number and competition.ordinance_date,
            ),
            (
                _("number and date of the resolution adopting the programme"),
                programme.resolution_number and programme.resolution_date,
            ),
            (_("date of publication in the BIP"), competition.bip_published_on),
            (
                _("date of posting on the office's notice board"),
                competition.board_published_on,
            ),
            (
                _("date of publication on the website"),
                competition.website_published_on,
            ),
        ]
        if not value
    ]
    if missing:
        raise DomainError(
            _("The announcement lacks: %(parts)s.") % {"parts": ", ".join(missing)},
            code="incomplete",
        )
    last = competition.last_publication
    minimum = earliest_deadline(last)
    if timezone.localdate(competition.offers_deadline) < minimum:
        raise DomainError(
            _(
                "The deadline for offers must be at least %(days)s days after the last "
                "publication (%(last)s). The earliest lawful deadline is %(date)s."
            )
            % {
                "days": settings.PORTAL_RULES["COMPETITION_MIN_DAYS"],
                "last": formats.date_format(last, "DATE_FORMAT"),
                "date": formats.date_format(minimum, "DATE_FORMAT"),
            },
            field="offers_deadline",
            code="deadline",
        )
    _check_criteria(competition)
    with transaction.atomic():
        if not competition.same_type_tasks.exists():
            competition_fill_same_type_tasks(competition=competition)
        uncovered = [
            str(entry.year)
            for entry in competition.same_type_summary
            if not entry.is_stated
        ]
        if uncovered:
            raise DomainError(
                _(
                    "Point 7: the portal holds no tasks of the same type for %(years)s. "
                    "Give their cost, or state that none were carried out."
                )
                % {"years": ", ".join(uncovered)},
                code="same-type",
            )
        transition(
            competition,
            transitions=TRANSITIONS,
            to=S.ANNOUNCED,
            actor=actor,
            changes={"announced_at": now},
        )
        notify_many(
            Message.about(
                competition,
                recipient_id=user_id,
                kind=ANNOUNCED_KIND,
                occasion=f"competition-announced:{competition.pk}",
            )
            for user_id in sphere_representatives(competition)
        )
        transaction.on_commit(partial(queue_document, "announcement", competition.pk))
    return competition


# Optional: a person may switch it off on the account page (``grants.hooks``).
ANNOUNCED_KIND = "grants.competition_announced"


def sphere_representatives(competition: Competition) -> list[int]:
    """The representatives of verified organisations working in the competition's
    sphere, each once however many such organisations they represent."""
    return sorted(
        set(
            Membership.objects.filter(
                status=Membership.Status.APPROVED,
                role=Membership.Role.REPRESENTATIVE,
                user__is_active=True,
                organisation__verified_at__isnull=False,
                organisation__spheres=competition.priority.sphere_id,
            ).values_list("user_id", flat=True)
        )
    )


def _check_criteria(competition: Competition) -> None:
    """Every point of art. 15 ust. 1 that applies is among the criteria, and no other."""
    criteria = list(competition.criteria.all())
    if not criteria:
        raise DomainError(
            _("Add the assessment criteria before publishing."), code="criteria"
        )
    points = {c.statutory_point for c in criteria if c.statutory_point}
    applicable = statutory_points_for(competition.form)
    labels = {point: label for point, label, _max in STATUTORY_CRITERIA}
    absent = [p for p in applicable if p not in points]
    if absent:
        raise DomainError(
            _("The criteria of art. 15 ust. 1 lack: %(criteria)s.")
            % {
                "criteria": "; ".join(
                    _("pkt %(point)s: %(name)s") % {"point": p, "name": labels[p]}
                    for p in absent
                )
            },
            code="criteria",
        )
    foreign = sorted(points - set(applicable))
    if foreign:
        raise DomainError(
            _(
                "Entrusting finances the whole task, so the own funds criterion "
                "(art. 15 ust. 1 pkt 4) does not apply."
            ),
            code="criteria",
        )


def competition_record_budget_resolution(
    *, competition: Competition, actor: Any, number: str, adopted_on: date
) -> Competition:
    """Record that the budget resolution was adopted (art. 13 ust. 5).

    Until then a competition announced on the draft budget cannot be decided. Raises
    DomainError when the competition was not announced on the draft budget, or the
    number or the date is missing. Writes an audit record.
    """
    require_clerk(actor)
    if not competition.on_draft_budget:
        raise DomainError(
            _("The competition was not announced on the draft budget resolution."),
            code="not-draft-budget",
        )
    number = number.strip()
    if not number or not adopted_on:
        raise DomainError(
            _("Give both the number and the date of the budget resolution."),
            field="number",
        )
    with transaction.atomic():
        locked = Competition.objects.select_for_update().get(pk=competition.pk)
        locked.budget_resolution_number = number
        locked.budget_resolution_date = adopted_on
        locked.save(
            update_fields=[
                "budget_resolution_number",
                "budget_resolution_date",
                "updated_at",
            ]
        )
        record(
            locked,
            actor=actor,
            to=locked.status,
            from_status=locked.status,
            note=_("Budget resolution %(number)s of %(date)s adopted.")
            % {
                "number": number,
                "date": formats.date_format(adopted_on, "DATE_FORMAT"),
            },
        )
    competition.budget_resolution_number = number
    competition.budget_resolution_date = adopted_on
    return competition


def queue_document(kind: str, pk: int) -> None:
    """Render the announcement or results PDF in the background after the event."""
    from ..documents import queue

    queue(kind, pk)


def competition_close(*, competition: Competition, actor: Any = None) -> Competition:
    """Close the competition for offers once the deadline has passed.

    ``actor`` is the clerk, or None when a scheduled job closes it.
    """
    if actor is not None:
        require_clerk(actor)
    if timezone.now() <= competition.offers_deadline:
        raise DomainError(
            _("The deadline for offers has not passed yet."), code="early"
        )
    return transition(competition, transitions=TRANSITIONS, to=S.CLOSED, actor=actor)


def competition_start_formal_review(
    *, competition: Competition, actor: Any
) -> Competition:
    """Begin the formal check; a competition without offers can only be annulled."""
    require_clerk(actor)
    if competition.status == S.CLOSED and not competition.offers.submitted().exists():
        raise DomainError(
            _("No offer was submitted: annul the competition (art. 18a)."),
            code="no-offers",
        )
    return transition(
        competition,
        transitions=TRANSITIONS,
        to=S.FORMAL_REVIEW,
        actor=actor,
    )


def competition_start_committee_review(
    *, competition: Competition, actor: Any
) -> Competition:
    """Hand the formally accepted offers to the committee.

    Refused while an offer waits for its formal check or correction, or when no offer
    was accepted (then the competition is annulled instead).
    """
    require_clerk(actor)
    offers = competition.offers.submitted()
    if offers.filter(
        status__in=[OfferStatus.SUBMITTED, OfferStatus.CORRECTION_REQUESTED]
    ).exists():
        raise DomainError(
            _("Some offers still wait for the formal check or a correction."),
            code="pending",
        )
    if not offers.filter(status=OfferStatus.FORMALLY_ACCEPTED).exists():
        raise DomainError(
            _(
                "No offer met the formal requirements: annul the competition (art. 18a)."
            ),
            code="none-accepted",
        )
    if not competition.committee.exists():
        raise DomainError(_("Appoint the committee first."), code="committee")
    excluded = [
        str(m.user)
        for m in competition.committee.filter(
            kind="nominee", excluded_at__isnull=True
        ).select_related("user")
        if offers.filter(organisation_id=m.nominated_by_id).exists()
        or offers.filter(co_offerors__organisation_id=m.nominated_by_id).exists()
    ]
    if excluded:
        raise DomainError(
            _(
                "Nominated by an organisation that submitted an offer, so excluded from the "
                "committee (art. 15 ust. 2d): %(names)s."
            )
            % {"names": ", ".join(excluded)},
            code="nominee-conflict",
        )
    members_of_offerors = [
        _("%(person)s (%(organisation)s)") % {"person": m.user, "organisation": name}
        for m in competition.committee.filter(excluded_at__isnull=True).select_related(
            "user"
        )
        if (name := offeror_member_conflict(competition, m.user))
    ]
    if members_of_offerors:
        raise DomainError(
            _(
                "Acting for an organisation that submitted an offer, so excluded from the "
                "committee (art. 15 ust. 2f): %(names)s."
            )
            % {"names": ", ".join(members_of_offerors)},
            code="offeror-member",
        )
    problems = composition_problems(competition)
    if problems:
        raise DomainError(" ".join(problems), code="composition")
    return transition(
        competition,
        transitions=TRANSITIONS,
        to=S.COMMITTEE_REVIEW,
        actor=actor,
    )


def competition_annul(
    *, competition: Competition, actor: Any, reason: str
) -> Competition:
    """Annul the competition (art. 18a): no offer came, or none met the requirements."""
    require_clerk(actor)
    if not reason.strip():
        raise DomainError(_("Give the reason for the annulment."), field="reason")
    offers = competition.offers.submitted()
    if competition.status == S.CLOSED and offers.exists():
        raise DomainError(
            _("Offers were submitted: check them formally before annulling."),
            code="has-offers",
        )
    if (
        competition.status == S.FORMAL_REVIEW
        and offers.exclude(status=OfferStatus.FORMALLY_REJECTED).exists()
    ):
        raise DomainError(
            _(
                "Some offers are not rejected: a competition is annulled only when none meets the requirements."
            ),
            code="has-valid-offers",
        )
    return transition(
        competition,
        transitions=TRANSITIONS,
        to=S.ANNULLED,
        actor=actor,
        note=reason,
        changes={"annulment_reason": reason, "annulled_at": timezone.now()},
    )


def competition_fill_same_type_tasks(*, competition: Competition) -> int:
    """Fill art. 13 ust. 2 pkt 7 from the portal's own data; returns the rows added.

    Chosen offers of competitions for the same type of task (not merely the same
    sphere), this year and the previous one, with their granted amounts. Rows
    already there (and edited by a clerk) are kept; an offer is added once. A year
    the portal holds nothing for stays empty: the clerk states its figures.
    """
    year = competition.year
    known = set(
        competition.same_type_tasks.exclude(source_offer=None).values_list(
            "source_offer_id", flat=True
        )
    )
    offers = (
        Offer.objects.filter(
            status=OfferStatus.SELECTED,
            competition__task_type__iexact=competition.task_type.strip(),
            competition__offers_deadline__year__in=[year, year - 1],
            granted_amount__isnull=False,
        )
        .exclude(competition=competition)
        .exclude(pk__in=known)
        .select_related("competition", "organisation")
    )
    rows = [
        SameTypeTask(
            competition=competition,
            year=o.competition.year,
            task_type=o.competition.task_type,
            title=o.title or o.competition.title,
            organisation_name=o.organisation.name,
            cost=o.granted_amount or Decimal(0),
            source_offer=o,
        )
        for o in offers
    ]
    SameTypeTask.objects.bulk_create(rows)
    return len(rows)


def same_type_total(competition: Competition) -> Any:
    return competition.same_type_tasks.aggregate(total=Sum("cost"))["total"]
