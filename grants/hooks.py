"""How grants plug into the shared machinery (see ``cooperation.registry``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cooperation.calendar import CalendarEntry
from cooperation.notifications import Message
from cooperation.profile import PROFILE_ACTIVITY_LIMIT, ActivityItem, ProfileActivity
from cooperation.registry import (
    bench_pages,
    calendar_sources,
    home_sections,
    organisation_activity,
    personal_data_exporters,
    reminder_providers,
    seed_bench_steps,
    seed_demo_steps,
)

from .models import (
    CommitteeMember,
    Competition,
    CompetitionStatus,
    Offer,
    OfferStatus,
    Score,
)


def _lead_time(deadline: datetime, now: datetime, days: list[int]) -> int | None:
    """The reminder due now: the smallest lead time whose window has opened.

    With [3, 1] a draft gets the 3-day reminder from 3 days before the deadline
    and the 1-day one from 1 day before; a sweep that starts late sends only the
    nearer one.
    """
    due = [d for d in sorted(days) if deadline - timedelta(days=d) <= now < deadline]
    return due[0] if due else None


@reminder_providers.register("grants.offer-deadline")
def offer_deadline_reminders(now: datetime) -> list[Message]:
    """Representatives of organisations with an unsent draft, 3 and 1 days before the deadline.

    Two queries whatever the number of drafts: the drafts in competitions closing
    soon, and the representatives of their organisations.
    """
    from ngos.models import Membership

    days = list(settings.PORTAL_RULES["OFFER_REMINDER_DAYS"])
    if not days:
        return []
    drafts = list(
        Offer.objects.filter(
            status=OfferStatus.DRAFT,
            competition__status=CompetitionStatus.ANNOUNCED,
            competition__offers_deadline__gt=now,
            competition__offers_deadline__lte=now + timedelta(days=max(days)),
        ).values_list(
            "pk",
            "organisation_id",
            "competition__offers_deadline",
            "competition__title",
        )
    )
    if not drafts:
        return []
    people: dict[int, list[int]] = defaultdict(list)
    for org_id, user_id in Membership.objects.filter(
        organisation_id__in={d[1] for d in drafts},
        status=Membership.Status.APPROVED,
        role=Membership.Role.REPRESENTATIVE,
    ).values_list("organisation_id", "user_id"):
        people[org_id].append(user_id)
    content_type_id = ContentType.objects.get_for_model(Offer).pk
    messages = []
    for pk, org_id, deadline, title in drafts:
        lead = _lead_time(deadline, now, days)
        if lead is None:
            continue
        for user_id in people[org_id]:
            messages.append(
                Message(
                    recipient_id=user_id,
                    kind="grants.offer_deadline",
                    occasion=f"offer-deadline-{lead}d:{pk}",
                    content_type_id=content_type_id,
                    object_id=pk,
                    context={
                        "days": lead,
                        "competition": title,
                        "deadline": timezone.localtime(deadline).strftime(
                            "%d.%m.%Y %H:%M"
                        ),
                    },
                )
            )
    return messages


@reminder_providers.register("grants.scoring-due")
def scoring_reminders(now: datetime) -> list[Message]:
    """Voting members who have not scored every offer they may score, 2 days before the date.

    Three queries: the competitions, their members with conflict and score counts,
    and the number of accepted offers per competition.
    """
    today = timezone.localtime(now).date()
    lead = settings.PORTAL_RULES["SCORING_REMINDER_DAYS"]
    competitions = {
        c.pk: c
        for c in Competition.objects.filter(
            status=CompetitionStatus.COMMITTEE_REVIEW,
            scoring_date__gte=today,
            scoring_date__lte=today + timedelta(days=lead),
        ).only("pk", "title", "scoring_date")
    }
    if not competitions:
        return []
    offers = dict(
        Offer.objects.filter(
            competition__in=competitions, status=OfferStatus.FORMALLY_ACCEPTED
        )
        .values_list("competition_id")
        .annotate(n=Count("pk"))
    )
    members = (
        CommitteeMember.objects.filter(competition__in=competitions)
        .exclude(kind=CommitteeMember.Kind.EXPERT)
        .annotate(
            conflicts_n=Count("conflicts", distinct=True),
            scored_n=Count("scores__offer", distinct=True),
        )
    )
    content_type_id = ContentType.objects.get_for_model(Competition).pk
    messages = []
    for m in members:
        competition = competitions[m.competition_id]
        if m.scored_n < offers.get(m.competition_id, 0) - m.conflicts_n:
            messages.append(
                Message(
                    recipient_id=m.user_id,
                    kind="grants.scoring_due",
                    occasion=f"scoring-due:{competition.pk}:{competition.scoring_date.isoformat()}",
                    content_type_id=content_type_id,
                    object_id=competition.pk,
                    context={
                        "competition": competition.title,
                        "date": competition.scoring_date.strftime("%d.%m.%Y"),
                    },
                )
            )
    return messages


@home_sections.register("grants.open-competitions", order=10)
def open_competitions(request) -> dict[str, Any] | None:
    competitions = list(
        Competition.objects.open()
        .select_related("priority__sphere")
        .order_by("offers_deadline")[:5]
    )
    if not competitions:
        return None
    return {"template": "grants/_home_section.html", "competitions": competitions}


@calendar_sources.register("grants.offer-deadlines")
def calendar_entries(start: datetime, end: datetime) -> Iterable[CalendarEntry]:
    """Offer deadlines of announced competitions (one query)."""
    return [
        CalendarEntry(
            uid=f"grants-competition-{c.pk}-deadline@portal",
            title=_("Deadline for offers: %(title)s") % {"title": c.title},
            start=c.offers_deadline,
            end=c.offers_deadline + timedelta(minutes=15),
            url=c.get_absolute_url(),
            category=_("deadline"),
        )
        for c in Competition.objects.public()
        .filter(offers_deadline__gte=start, offers_deadline__lt=end)
        .only("pk", "title", "offers_deadline")
    ]


@personal_data_exporters.register("grants")
def export(user) -> dict[str, Any]:
    """Offers a person wrote or submitted, committee seats, declarations and scores."""
    offers = Offer.objects.filter(
        Q(created_by=user) | Q(submitted_by=user) | Q(last_edited_by=user)
    ).select_related("competition", "organisation")
    seats = CommitteeMember.objects.filter(user=user).select_related("competition")
    return {
        "offers": [
            {
                "competition": o.competition.title,
                "organisation": o.organisation.name,
                "title": o.title,
                "number": o.number,
                "status": o.status,
                "created_by_me": o.created_by_id == user.pk,
                "submitted_by_me": o.submitted_by_id == user.pk,
                "submitted_at": o.submitted_at.isoformat() if o.submitted_at else None,
                "contact_name": o.contact_name,
                "contact_email": o.contact_email,
                "contact_phone": o.contact_phone,
            }
            for o in offers
        ],
        "committee_seats": [
            {
                "competition": s.competition.title,
                "seat": s.kind,
                "declared_at": s.declared_at.isoformat() if s.declared_at else None,
            }
            for s in seats
        ],
        "scores": [
            {
                "offer": sc.offer.number,
                "criterion": sc.criterion.name,
                "points": str(sc.points),
                "comment": sc.comment,
            }
            for sc in Score.objects.filter(member__user=user).select_related(
                "offer", "criterion"
            )
        ],
    }


@seed_demo_steps.register("grants", order=40)
def seed_demo(stdout) -> None:
    from .demo import seed_demo as step

    step(stdout)


@seed_bench_steps.register("grants", order=40)
def seed_bench(scale: int, stdout) -> None:
    from .demo import seed_bench as step

    step(scale, stdout)


@bench_pages.register("grants")
def pages() -> list[tuple[str, str]]:
    result = [
        ("competitions", "/konkursy/"),
        ("competitions decided", "/konkursy/?stan=decided"),
    ]
    decided = (
        Competition.objects.filter(status=CompetitionStatus.RESULTS_PUBLISHED)
        .annotate(n=Count("offers"))
        .order_by("-n", "-pk")
        .first()
    )
    if decided:
        result.append(("competition with results", decided.get_absolute_url()))
    return result


@organisation_activity.register("grants", order=10)
def chosen_offers(organisation) -> ProfileActivity | None:
    """Grants awarded to the organisation in competitions with published results."""
    offers = list(
        Offer.objects.filter(
            organisation=organisation,
            status=OfferStatus.SELECTED,
            competition__status=CompetitionStatus.RESULTS_PUBLISHED,
        )
        .select_related("competition")
        .only("title", "granted_amount", "competition__title")
        .order_by("-competition__offers_deadline", "-pk")[:PROFILE_ACTIVITY_LIMIT]
    )
    if not offers:
        return None
    return ProfileActivity(
        title=_("Grants received"),
        items=[
            ActivityItem(
                label=offer.title or offer.competition.title,
                url=offer.competition.get_absolute_url(),
                detail=_("%(amount)s PLN in “%(competition)s”")
                % {
                    "amount": number_format(offer.granted_amount or 0, 2, force_grouping=True),
                    "competition": offer.competition.title,
                },
            )
            for offer in offers
        ],
    )
