"""Reads for the grants screens and documents, each with a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache as memoize
from typing import Any, cast

from django.db.models import Prefetch, Q, QuerySet

from cooperation.core.cache import (
    Kept,
    cached_record,
    record_area,
    record_areas,
)
from cooperation.core.db import subquery_count
from cooperation.programme.models import Priority, Programme
from ngos.models import Membership, Organisation, PublicBenefitSphere
from ngos.permissions import Capability, organisations_for

from .models import (
    CommitteeMember,
    Competition,
    CompetitionStatus,
    Conflict,
    CoOfferor,
    Offer,
    OfferStatus,
    Score,
    SmallGrantOffer,
)


def competition_list_for_public() -> QuerySet[Competition]:
    """Public competitions with their priority, sphere and count of submitted offers
    (one query), newest deadline first; ``grants.filters`` narrows them."""
    qs = Competition.objects.public().select_related(
        "priority__sphere", "priority__programme"
    )
    annotated = qs.annotate(
        offer_count=subquery_count(
            Offer.objects.exclude(status=OfferStatus.DRAFT), to="competition"
        )
    ).order_by("-offers_deadline", "-pk")
    return cast("QuerySet[Competition]", annotated)


def competition_years() -> list[int]:
    return sorted(
        {d.year for d in Competition.objects.public().dates("offers_deadline", "year")},
        reverse=True,
    )


def competition_detail_for_public(pk: int) -> Competition:
    """A competition with its criteria, attachments and point 7 (5 queries)."""
    return (
        Competition.objects.select_related("priority__sphere", "priority__programme")
        .prefetch_related(
            "criteria", "required_attachments", "same_type_tasks", "same_type_years"
        )
        .get(pk=pk)
    )


def competition_for_page(pk: int) -> Competition:
    """A competition and its priority (one query); the parts of the announcement are
    read by the page's cached fragments when they are rendered."""
    return Competition.objects.select_related(
        "priority__sphere", "priority__programme"
    ).get(pk=pk)


def competition_for_visitors(pk: int) -> Competition:
    """:func:`competition_for_page` as every visitor who is not signed in sees it:
    kept in the cache until a competition or the programme changes (no query)."""
    return cached_record(
        competition_kept_for_visitors_as(pk), lambda: competition_for_page(pk)
    )


def competition_kept_for_visitors_as(pk: int) -> Kept:
    """Where :func:`competition_for_visitors` keeps competition ``pk``."""
    return Kept("grants:competition", ("grants", "programme"), (pk,))


def competition_kept(pk: int) -> Competition:
    """:func:`competition_for_page` for signed-in pages (drafts included), kept in the
    cache until a competition, a priority, a sphere or a programme changes."""
    return cached_record(competition_kept_as(pk), lambda: competition_for_page(pk))


def competition_kept_as(pk: int) -> Kept:
    """Where :func:`competition_kept` keeps competition ``pk``."""
    return Kept.record(
        "grants:competition-record",
        (Competition, Priority, PublicBenefitSphere, Programme),
        pk,
    )


def competition_results(
    competition: Competition, *, settlement: bool = False
) -> list[Offer]:
    """Submitted offers in the order of the results (chosen first), with the partners
    of joint offers (two queries).

    With ``settlement``, each offer also carries, in the same query, whether the
    grant of its contract is settled (``settled``), what was transferred
    (``transferred``) and returned (``returned``); see :func:`settlement_annotations`.
    """
    if competition.status != CompetitionStatus.RESULTS_PUBLISHED:
        return []
    order = {
        OfferStatus.SELECTED: 0,
        OfferStatus.WITHDRAWN: 1,
        OfferStatus.NOT_SELECTED: 2,
        OfferStatus.FORMALLY_REJECTED: 3,
    }
    qs = (
        competition.offers.submitted()
        .select_related("organisation")
        .prefetch_related("co_offerors")
        .order_by("sequence")
    )
    if settlement:
        qs = qs.annotate(**settlement_annotations("contract"))
    offers = list(qs)
    return sorted(offers, key=lambda o: (order.get(o.status, 9), o.sequence or 0))


def settlement_annotations(to: str) -> dict[str, Any]:
    """Annotations of the settlement of a contract reached by the path ``to`` (``""``
    for a contract itself): ``settled`` as :func:`grants.services.reports.is_settled`
    says (the final report accepted and no refund due), ``transferred`` (the payments)
    and ``returned`` (the refunds settled, without their interest)."""
    from django.db.models import DecimalField, Exists, OuterRef, Subquery, Sum
    from django.db.models.functions import Coalesce

    from .models import Payment, Refund, RefundStatus, Report, ReportStatus
    from .models.reports import ReportKind

    contract = OuterRef(f"{to}__pk" if to else "pk")

    def total(model: Any, **filters: Any) -> Coalesce:
        rows = (
            model.objects.filter(contract=contract, **filters)
            .order_by()
            .values("contract")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        return Coalesce(
            Subquery(rows, output_field=DecimalField(max_digits=14, decimal_places=2)),
            Decimal(0),
            output_field=DecimalField(max_digits=14, decimal_places=2),
        )

    return {
        "settled": Exists(
            Report.objects.filter(
                contract=contract,
                kind=ReportKind.FINAL,
                status=ReportStatus.ACCEPTED,
            )
        )
        & ~Exists(Refund.objects.filter(contract=contract, status=RefundStatus.DUE)),
        "transferred": total(Payment),
        "returned": total(Refund, status=RefundStatus.SETTLED),
    }


@dataclass
class SettlementRow:
    offer: Offer
    transferred: Decimal
    used: Decimal
    returned: Decimal


def settled_grants(results: list[Offer]) -> dict[str, Any]:
    """The settled grants among ``results`` (read with ``settlement=True``) and their
    totals, for the competition's public page."""
    rows = []
    for o in results:
        annotated = cast(Any, o)  # with the settlement annotations
        if getattr(annotated, "settled", False):
            rows.append(
                SettlementRow(
                    offer=o,
                    transferred=annotated.transferred,
                    used=annotated.transferred - annotated.returned,
                    returned=annotated.returned,
                )
            )
    chosen = [o for o in results if o.status == OfferStatus.SELECTED]
    return {
        "rows": rows,
        "transferred": sum((r.transferred for r in rows), Decimal(0)),
        "used": sum((r.used for r in rows), Decimal(0)),
        "returned": sum((r.returned for r in rows), Decimal(0)),
        "all": bool(rows) and len(rows) == len(chosen),
    }


OFFER_ROWS = (
    "actions",
    "results",
    "cost_rows",
    "co_offerors",
    "attachments__requirement",
    "confirmations",
    "formal_items",
    "competition__required_attachments",
)


# What a page about one offer shows around its form: its title, state and version, and
# the names of its competition and organisation.
OFFER_HEAD_FIELDS = (
    "number",
    "title",
    "status",
    "version",
    "updated_at",
    "is_joint",
    "formal_note",
    "correction_fields",
    "submitted_at",
    "competition__title",
    "competition__status",
    "organisation__name",
)


def offer_heads() -> QuerySet[Offer]:
    """Offers with only what a page shows around the form (:data:`OFFER_HEAD_FIELDS`)."""
    return Offer.objects.select_related("competition", "organisation").only(
        *OFFER_HEAD_FIELDS
    )


def offer_head_kept(pk: int) -> Offer:
    """:func:`offer_heads`' offer ``pk``, kept in the cache until an offer, a
    competition or an organisation changes (every save of an offer, its rows and its
    version included, is such a change). Raises ``Offer.DoesNotExist``."""
    return cached_record(
        Kept.record("grants:offer-head", (Offer, Competition, Organisation), pk),
        lambda: offer_heads().get(pk=pk),
    )


def offers_with_rows(rows: tuple[str, ...] = OFFER_ROWS) -> QuerySet[Offer]:
    """Offers with their rows loaded: all of them (the documents, the checks before
    submission), or the ``rows`` a page shows (a step of the form)."""
    return Offer.objects.select_related(
        "competition__priority__sphere",
        "organisation",
        "submitted_by",
        "last_edited_by",
    ).prefetch_related(*rows)


@memoize
def offer_list_areas() -> tuple[str, ...]:
    """The record areas a person's list of offers shows: offers and small-grant offers
    with what their rows show, and the memberships that decide whose offers they are."""
    found = {*record_areas(Offer), *record_areas(SmallGrantOffer)}
    found.add(str(record_area(Membership)))
    return tuple(sorted(found))


def committee_areas() -> tuple[str, ...]:
    """The record areas a committee member's tables show: the offers with what their
    rows show, the scores, the members' seats and conflicts, and the memberships that
    decide whose offers a member may not score."""
    found = {*record_areas(Offer), *record_areas(Score)}
    for model in (CommitteeMember, Conflict, Membership):
        found.add(str(record_area(model)))
    return tuple(sorted(found))


def offer_list_for_user(user: Any) -> QuerySet[Offer]:
    """The offers of the person's organisations, newest change first (one query),
    with only the columns the list shows."""
    orgs = organisations_for(user, Capability.VIEW).values("pk")
    # Joint offers in which the organisation is a co-offeror: its representatives
    # confirm them too.
    joint = CoOfferor.objects.filter(organisation__in=orgs).values("offer_id")
    return (
        Offer.objects.filter(Q(organisation__in=orgs) | Q(pk__in=joint, is_joint=True))
        .select_related("competition", "organisation")
        .only(
            "pk",
            "number",
            "title",
            "status",
            "updated_at",
            "competition__title",
            "organisation__name",
        )
        .order_by("-updated_at")
    )


@dataclass
class RankingRow:
    offer: Offer
    average: Decimal | None
    scorers: int
    per_criterion: dict[int, Decimal] = field(default_factory=dict)
    position: int | None = None


def competition_ranking(competition: Competition) -> list[RankingRow]:
    """Formally accepted (and later decided) offers with averages, best first (2 queries).

    An offer's average is the mean of the members' totals; per criterion the mean of
    the members' points.
    """
    offers = list(
        competition.offers.filter(
            status__in=[
                OfferStatus.FORMALLY_ACCEPTED,
                OfferStatus.SELECTED,
                OfferStatus.NOT_SELECTED,
                OfferStatus.WITHDRAWN,
            ]
        ).select_related("organisation")
    )
    totals: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    per: dict[int, dict[int, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    for s in Score.objects.filter(offer__competition=competition).only(
        "offer_id", "member_id", "criterion_id", "points"
    ):
        totals[s.offer_id][s.member_id] += s.points
        per[s.offer_id][s.criterion_id].append(s.points)
    q = Decimal("0.01")
    rows = []
    for offer in offers:
        member_totals = list(totals[offer.pk].values())
        average = (
            (sum(member_totals, Decimal(0)) / len(member_totals)).quantize(
                q, ROUND_HALF_UP
            )
            if member_totals
            else None
        )
        rows.append(
            RankingRow(
                offer=offer,
                average=average,
                scorers=len(member_totals),
                per_criterion={
                    c: (sum(v, Decimal(0)) / len(v)).quantize(q, ROUND_HALF_UP)
                    for c, v in per[offer.pk].items()
                },
            )
        )
    rows.sort(
        key=lambda r: (r.average is None, -(r.average or 0), r.offer.sequence or 0)
    )
    for i, row in enumerate(rows, start=1):
        row.position = i if row.average is not None else None
    return rows


def committee_for_protocol(competition: Competition) -> list[CommitteeMember]:
    """Members with their nominating organisation and conflicts (2 queries)."""
    return list(
        competition.committee.select_related("user", "nominated_by").prefetch_related(
            Prefetch("conflicts", queryset=Conflict.objects.select_related("offer"))
        )
    )


@dataclass
class ScoreSheet:
    member: CommitteeMember
    rows: list[tuple[Offer, list[Decimal | None], Decimal]]


def committee_score_sheets(
    competition: Competition,
    members: list[CommitteeMember],
    criteria: list[Any],
) -> list[ScoreSheet]:
    """Each voting member's points per offer and criterion, with the member's total
    (2 queries: the scores and their offers)."""
    points: dict[int, dict[int, dict[int, Decimal]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    offers: dict[int, Offer] = {}
    for s in Score.objects.filter(offer__competition=competition).select_related(
        "offer"
    ):
        points[s.member_id][s.offer_id][s.criterion_id] = s.points
        offers[s.offer_id] = s.offer
    sheets = []
    for member in members:
        if not member.votes:
            continue
        rows = [
            (
                offers[offer_id],
                [by_criterion.get(c.pk) for c in criteria],
                sum(by_criterion.values(), Decimal(0)),
            )
            for offer_id, by_criterion in sorted(
                points[member.pk].items(), key=lambda i: offers[i[0]].sequence or 0
            )
        ]
        sheets.append(ScoreSheet(member, rows))
    return sheets


# --- Small grants (art. 19a) -------------------------------------------------------

# The states in which a small-grant offer is public: published for comments, or past
# its comments with the outcome.
SMALL_GRANT_PUBLIC = ("published", "comments_closed", "contracted")


def small_grant_list_for_public() -> QuerySet[Any]:
    """Published small-grant offers, open for comments first (one query), with the
    organisation and the number of public comments."""
    from .models import SmallGrantComment, SmallGrantOffer

    return (
        SmallGrantOffer.objects.filter(status__in=SMALL_GRANT_PUBLIC)
        .select_related("organisation")
        .annotate(
            public_comments=subquery_count(
                SmallGrantComment.objects.filter(
                    hidden_at__isnull=True, email_confirmed_at__isnull=False
                ),
                to="offer",
            )
        )
        .only(
            "pk",
            "number",
            "title",
            "status",
            "requested_grant",
            "start_date",
            "end_date",
            "published_on",
            "comments_until",
            "organisation__name",
            "organisation__slug",
        )
        .order_by("-published_on", "-pk")
    )


def small_grant_for_public(pk: int) -> Any:
    """One published offer with its public comments (two queries): not hidden, and
    from a confirmed e-mail address (a logged-in person's is); 404 otherwise."""
    from django.shortcuts import get_object_or_404

    from .models import SmallGrantComment, SmallGrantOffer

    visible = SmallGrantComment.objects.filter(
        hidden_at__isnull=True, email_confirmed_at__isnull=False
    ).order_by("created_at", "pk")
    return get_object_or_404(
        SmallGrantOffer.objects.filter(status__in=SMALL_GRANT_PUBLIC)
        .select_related("organisation", "priority", "priority__sphere")
        .prefetch_related(Prefetch("comments", queryset=visible)),
        pk=pk,
    )


def small_grant_list_for_user(user: Any) -> QuerySet[Any]:
    """The small-grant offers of the person's organisations, newest change first
    (one query), with only the columns the list shows."""
    from .models import SmallGrantOffer

    orgs = organisations_for(user, Capability.VIEW).values("pk")
    return (
        SmallGrantOffer.objects.filter(organisation__in=orgs)
        .select_related("organisation")
        .only("pk", "number", "title", "status", "updated_at", "organisation__name")
        .order_by("-updated_at")
    )
