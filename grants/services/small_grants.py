"""Small grants (art. 19a): the statutory checks, the working days and the flow."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import holidays
from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.core.exceptions import DomainError
from cooperation.core.permissions import require_clerk
from cooperation.core.workflow import transition

from ..models.small_grants import SmallGrantOffer, SmallGrantPool, SmallGrantStatus
from ..validators import pln
from .transitions import TRANSITIONS

S = SmallGrantStatus
# The states in which an offer counts towards the organisation's and the year's limits.
COUNTED = (S.SUBMITTED, S.WORTHWHILE, S.PUBLISHED, S.COMMENTS_CLOSED, S.CONTRACTED)


def working_days_after(start: date, days: int) -> date:
    """The day ``days`` working days after ``start`` (no weekends, no Polish holidays)."""
    calendar = holidays.country_holidays("PL", years=range(start.year, start.year + 2))
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in calendar:
            left -= 1
    return day


def publish_by(offer: SmallGrantOffer) -> date | None:
    """The last day the offer may be published: working days from its receipt."""
    if offer.received_on is None:
        return None
    return working_days_after(
        offer.received_on, settings.SMALL_GRANT_PUBLISH_WORKING_DAYS
    )


def _year_total(
    year: int, *, organisation_id: int | None, exclude: int | None
) -> Decimal:
    rows = SmallGrantOffer.objects.filter(start_date__year=year, status__in=COUNTED)
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return rows.aggregate(total=Sum("requested_grant"))["total"] or Decimal(0)


def problems(offer: SmallGrantOffer) -> list[str]:
    """Every statutory condition of art. 19a the offer does not meet, in Polish."""
    found: list[str] = []
    grant = Decimal(offer.requested_grant or 0)
    highest = Decimal(settings.SMALL_GRANT_MAX_AMOUNT)
    if grant <= 0:
        found.append(_("Give the planned grant."))
    elif grant > highest:
        found.append(
            _("A small grant is at most %(limit)s (art. 19a ust. 1 pkt 1).")
            % {"limit": pln(highest)}
        )
    if offer.start_date is None or offer.end_date is None:
        found.append(_("Give the start and end dates of the task."))
        return found
    if offer.end_date < offer.start_date:
        found.append(_("The task ends before it starts."))
        return found
    days = (offer.end_date - offer.start_date).days + 1
    if days > settings.SMALL_GRANT_MAX_DAYS:
        found.append(
            _(
                "A small-grant task lasts at most %(days)s days (art. 19a ust. 1 "
                "pkt 2); this one lasts %(given)s."
            )
            % {"days": settings.SMALL_GRANT_MAX_DAYS, "given": days}
        )
    year = offer.start_date.year
    yearly = Decimal(settings.SMALL_GRANT_YEARLY_LIMIT)
    used = _year_total(year, organisation_id=offer.organisation_id, exclude=offer.pk)
    if used + grant > yearly:
        found.append(
            _(
                "The organisation's small grants in %(year)s would come to %(total)s; "
                "at most %(limit)s in a calendar year (art. 19a ust. 4)."
            )
            % {"year": year, "total": pln(used + grant), "limit": pln(yearly)}
        )
    pool = SmallGrantPool.objects.filter(year=year).first()
    if pool is None:
        found.append(
            _(
                "The office has not entered the grants planned in the budget for %(year)s: "
                "the 20%% pool of small grants cannot be checked."
            )
            % {"year": year}
        )
    else:
        total = _year_total(year, organisation_id=None, exclude=offer.pk) + grant
        if total > pool.limit:
            found.append(
                _(
                    "The small grants of %(year)s would come to %(total)s, more than "
                    "%(percent)s%% of the grants planned in the budget (%(limit)s; "
                    "art. 19a ust. 5)."
                )
                % {
                    "year": year,
                    "total": pln(total),
                    "percent": settings.SMALL_GRANT_POOL_PERCENT,
                    "limit": pln(pool.limit),
                }
            )
    priority = offer.priority
    programme = priority.programme
    if programme.year != year:
        found.append(
            _("The task must be within the programme of cooperation for %(year)s.")
            % {"year": year}
        )
    if priority.sphere_id is None:
        found.append(_("The task must be within a sphere of public benefit (art. 4)."))
    if offer.character not in {c.value for c in SmallGrantOffer.Character}:
        found.append(_("Declare whether the task is of local or regional character."))
    if not offer.statements_confirmed:
        found.append(_("Confirm the statements of part VI."))
    return found


def small_grant_submit(*, offer: SmallGrantOffer, actor: Any) -> SmallGrantOffer:
    """File the offer: refused with every problem at once, nothing typed lost."""
    found = problems(offer)
    if found:
        raise DomainError(" ".join(found), code="invalid")
    today = timezone.localdate()
    with transaction.atomic():
        transition(
            offer,
            transitions=TRANSITIONS,
            to=S.SUBMITTED,
            actor=actor,
            changes={"received_on": today, "submitted_by": actor},
        )
        if not offer.number:
            offer.number = f"MG/{today.year}/{offer.pk}"
            offer.save(update_fields=["number"])
    return offer


def small_grant_find_worthwhile(
    *, smallgrantoffer: SmallGrantOffer, actor: Any, note: str = ""
) -> SmallGrantOffer:
    require_clerk(actor)
    return transition(
        smallgrantoffer,
        transitions=TRANSITIONS,
        to=S.WORTHWHILE,
        actor=actor,
        note=note,
        changes={"decided_on": timezone.localdate()},
    )


def small_grant_refuse(
    *, smallgrantoffer: SmallGrantOffer, actor: Any, reason: str = ""
) -> SmallGrantOffer:
    require_clerk(actor)
    if not reason.strip():
        raise DomainError(_("Give the reason for the refusal."), field="refusal_reason")
    return transition(
        smallgrantoffer,
        transitions=TRANSITIONS,
        to=S.REFUSED,
        actor=actor,
        note=reason,
        changes={"decided_on": timezone.localdate(), "refusal_reason": reason},
    )


def small_grant_publish(
    *, smallgrantoffer: SmallGrantOffer, actor: Any, on: date | None = None
) -> SmallGrantOffer:
    """Publish for comments: within the working days of receipt, for 7 days."""
    require_clerk(actor)
    offer = smallgrantoffer
    day = on or timezone.localdate()
    last = publish_by(offer)
    if last is not None and day > last:
        raise DomainError(
            _(
                "The offer had to be published by %(date)s (%(days)s working days "
                "from its receipt)."
            )
            % {
                "date": last.isoformat(),
                "days": settings.SMALL_GRANT_PUBLISH_WORKING_DAYS,
            }
        )
    until = day + timedelta(days=settings.SMALL_GRANT_COMMENT_DAYS)
    return transition(
        offer,
        transitions=TRANSITIONS,
        to=S.PUBLISHED,
        actor=actor,
        changes={
            "published_on": day,
            "comments_until": until,
            "website_published_on": offer.website_published_on or day,
        },
    )


def small_grant_close_comments(
    *, smallgrantoffer: SmallGrantOffer, actor: Any
) -> SmallGrantOffer:
    offer = smallgrantoffer
    if offer.comments_until and timezone.localdate() < offer.comments_until:
        raise DomainError(
            _("Comments are open until %(date)s.")
            % {"date": offer.comments_until.isoformat()}
        )
    return transition(offer, transitions=TRANSITIONS, to=S.COMMENTS_CLOSED, actor=actor)
