"""Competition workflow: announcement, closing, reviews and annulment (art. 13, 15, 18a)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cooperation.core.exceptions import DomainError
from cooperation.core.permissions import require_clerk
from cooperation.core.workflow import transition

from ..committee import composition_problems
from ..models import Competition, CompetitionStatus, Offer, OfferStatus, SameTypeTask
from ..permissions import offeror_member_conflict
from .transitions import TRANSITIONS

S = CompetitionStatus


def earliest_deadline(published_at: datetime) -> datetime:
    """The earliest lawful offer deadline for an announcement published at ``published_at``.

    Art. 13 ust. 1 counts days from the (last) publication; the number of days comes
    from ``PORTAL_RULES["COMPETITION_MIN_DAYS"]``.
    """
    return published_at + timedelta(days=settings.PORTAL_RULES["COMPETITION_MIN_DAYS"])


def _local_date(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


def competition_publish(
    *, competition: Competition, actor: Any, now: datetime | None = None
) -> Competition:
    """Announce a draft competition; ``announced_at`` is the publication time.

    Raises DomainError when the offer deadline is closer than the statutory minimum
    (the message names the earliest lawful date), or when the announcement lacks a
    required part or criteria.
    """
    require_clerk(actor)
    now = now or timezone.now()
    minimum = earliest_deadline(now)
    if timezone.localdate(competition.offers_deadline) < timezone.localdate(minimum):
        raise DomainError(
            _(
                "The deadline for offers must be at least %(days)s days after publication. "
                "The earliest lawful deadline is %(date)s."
            )
            % {
                "days": settings.PORTAL_RULES["COMPETITION_MIN_DAYS"],
                "date": _local_date(minimum),
            },
            field="offers_deadline",
            code="deadline",
        )
    missing = [
        label
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
        ]
        if not value
    ]
    if missing:
        raise DomainError(
            _("The announcement lacks: %(parts)s.") % {"parts": ", ".join(missing)},
            code="incomplete",
        )
    if not competition.criteria.exists():
        raise DomainError(
            _("Add the assessment criteria before publishing."), code="criteria"
        )
    with transaction.atomic():
        if not competition.same_type_tasks.exists():
            competition_fill_same_type_tasks(competition=competition)
        transition(
            competition,
            transitions=TRANSITIONS,
            to=S.ANNOUNCED,
            actor=actor,
            changes={"announced_at": now},
        )
        transaction.on_commit(partial(queue_document, "announcement", competition.pk))
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

    Chosen offers of competitions in the same sphere, this year and the previous one,
    with their granted amounts. Rows already there (and edited by a clerk) are kept;
    an offer is added once.
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
            competition__priority__sphere_id=competition.priority.sphere_id,
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
