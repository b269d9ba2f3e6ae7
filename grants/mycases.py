"""Grants on a person's desk ("Moje sprawy"): the organisations' offers, small-grant
offers, contracts, reports, refunds and local initiatives, and the person's committee
work, initiatives and comments on small-grant offers. One query per section, whatever
the number of organisations or records."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cooperation.core.mycases import Case, CaseProvider, Person

from .award import needs_update
from .models import (
    CommitteeMember,
    CompetitionStatus,
    Contract,
    ContractStatus,
    CoOfferor,
    InitiativeApplication,
    InitiativeStatus,
    Offer,
    OfferStatus,
    OfferUpdateStatus,
    Refund,
    RefundStatus,
    Report,
    ReportStatus,
    SmallGrantComment,
    SmallGrantOffer,
    SmallGrantStatus,
)
from .validators import pln

# The states of an offer the organisation still has to do with: not yet decided, or
# chosen and on its way to a contract.
OPEN_OFFERS = (
    OfferStatus.DRAFT,
    OfferStatus.SUBMITTED,
    OfferStatus.CORRECTION_REQUESTED,
    OfferStatus.FORMALLY_ACCEPTED,
    OfferStatus.SELECTED,
)
OPEN_SMALL_GRANTS = (
    SmallGrantStatus.DRAFT,
    SmallGrantStatus.SUBMITTED,
    SmallGrantStatus.WORTHWHILE,
    SmallGrantStatus.PUBLISHED,
    SmallGrantStatus.COMMENTS_CLOSED,
)
RUNNING_CONTRACTS = (
    ContractStatus.READY,
    ContractStatus.SIGNED,
    ContractStatus.IN_PROGRESS,
)
OPEN_REPORTS = (
    ReportStatus.CALLED,
    ReportStatus.DRAFT,
    ReportStatus.SUBMITTED,
    ReportStatus.CORRECTIONS,
)
# A committee works between the deadline for offers and the decision.
COMMITTEE_AT_WORK = (
    CompetitionStatus.CLOSED,
    CompetitionStatus.FORMAL_REVIEW,
    CompetitionStatus.COMMITTEE_REVIEW,
)
OPEN_INITIATIVES = (
    InitiativeStatus.SUBMITTED,
    InitiativeStatus.ASSESSED,
    InitiativeStatus.ACCEPTED,
    InitiativeStatus.AGREEMENT,
)
# The person's latest comments on small-grant offers.
COMMENTS_SHOWN = 10


def _related(obj: Any, name: str) -> Any:
    """A reverse one-to-one loaded by ``select_related``, or ``None``."""
    try:
        return getattr(obj, name)
    except Exception:  # noqa: BLE001 - the related object does not exist
        return None


def _offer_case(offer: Offer, organisation_id: int) -> Case | None:
    competition = offer.competition
    title = offer.title or offer.number or _("Offer without a title")
    url = offer.get_absolute_url()
    step: Any = ""
    due: Any = None
    if offer.status == OfferStatus.DRAFT:
        if competition.is_open:
            step, due = _("Complete and submit the offer"), competition.offers_deadline
        else:
            step = _("The deadline for offers has passed")
    elif offer.status == OfferStatus.SUBMITTED:
        step = _("The office checks the offer formally")
    elif offer.status == OfferStatus.CORRECTION_REQUESTED:
        step, due = _("Correct the offer"), offer.correction_deadline
    elif offer.status == OfferStatus.FORMALLY_ACCEPTED:
        step, due = _("The committee assesses the offer"), competition.selection_date
    elif offer.status == OfferStatus.SELECTED:
        contract = _related(offer, "contract")
        if contract is not None and contract.status != ContractStatus.DRAFT:
            return None  # the contract's section takes over
        update = _related(offer, "award_update")
        if competition.status != CompetitionStatus.RESULTS_PUBLISHED:
            step = _("The results are to be published")
        elif update is None and needs_update(offer):
            step = _("Prepare the update of the offer")
            url = reverse("grants:offer-update", args=[offer.pk])
        elif update is not None and update.status in (
            OfferUpdateStatus.DRAFT,
            OfferUpdateStatus.RETURNED,
        ):
            step = (
                _("Complete and submit the update")
                if update.status == OfferUpdateStatus.DRAFT
                else _("Change the update as the office asked")
            )
            url = reverse("grants:offer-update", args=[offer.pk])
        elif update is not None and update.status == OfferUpdateStatus.SUBMITTED:
            step = _("The office checks the update")
            url = reverse("grants:offer-update", args=[offer.pk])
        elif update is not None and update.status == OfferUpdateStatus.DECLINED:
            return None
        else:
            step = _("The office prepares the contract")
    return Case(
        title=title,
        url=url,
        state=offer.get_status_display(),
        next_step=step,
        due=due,
        organisation_id=organisation_id,
        context=competition.title,
    )


def offers(person: Person) -> Iterable[Case]:
    """Offers in progress of the person's organisations, also joint offers in which
    one of them is a co-offeror (one query)."""
    ids = person.organisation_ids()
    if not ids:
        return []
    co_offerors = CoOfferor.objects.filter(organisation_id__in=ids)
    rows = (
        Offer.objects.filter(
            Q(organisation_id__in=ids)
            | Q(is_joint=True, pk__in=co_offerors.values("offer_id"))
        )
        .filter(status__in=OPEN_OFFERS)
        .annotate(
            co_organisation_id=Subquery(
                co_offerors.filter(offer=OuterRef("pk"))
                .order_by("organisation_id")
                .values("organisation_id")[:1]
            )
        )
        .select_related("competition", "award_update", "contract")
        .order_by("pk")
    )
    found = []
    for offer in rows:
        organisation_id = (
            offer.organisation_id
            if offer.organisation_id in ids
            else offer.co_organisation_id
        )
        case = _offer_case(offer, organisation_id)
        if case is not None:
            found.append(case)
    return found


def small_grants(person: Person) -> Iterable[Case]:
    """Small-grant offers (art. 19a) not yet decided (one query)."""
    ids = person.organisation_ids()
    if not ids:
        return []
    rows = SmallGrantOffer.objects.filter(
        organisation_id__in=ids, status__in=OPEN_SMALL_GRANTS
    ).order_by("pk")
    steps: dict[str, Any] = {
        SmallGrantStatus.DRAFT: _("Complete and submit the offer"),
        SmallGrantStatus.SUBMITTED: _(
            "The office decides whether the task is worthwhile"
        ),
        SmallGrantStatus.WORTHWHILE: _("The office publishes the offer for comments"),
        SmallGrantStatus.PUBLISHED: _(
            "Anyone may comment on the offer; then the office decides"
        ),
        SmallGrantStatus.COMMENTS_CLOSED: _("The office prepares the contract"),
    }
    return [
        Case(
            title=offer.title or offer.number or _("Small-grant offer without a title"),
            url=offer.get_absolute_url(),
            state=offer.get_status_display(),
            next_step=steps[offer.status],
            due=offer.last_comment_day
            if offer.status == SmallGrantStatus.PUBLISHED
            else None,
            due_label=_("Last day of comments:"),
            organisation_id=offer.organisation_id,
        )
        for offer in rows
    ]


def _contract_organisation() -> Coalesce:
    return Coalesce("offer__organisation_id", "small_grant__organisation_id")


def _of_organisations(ids: list[int], prefix: str = "") -> Q:
    return Q(**{f"{prefix}offer__organisation_id__in": ids}) | Q(
        **{f"{prefix}small_grant__organisation_id__in": ids}
    )


def contracts(person: Person) -> Iterable[Case]:
    """Contracts ready for signature or being carried out, with the next instalment
    (one query)."""
    ids = person.organisation_ids()
    if not ids:
        return []
    rows = (
        Contract.objects.filter(_of_organisations(ids), status__in=RUNNING_CONTRACTS)
        .annotate(org_id=_contract_organisation())
        .only("pk", "number", "title", "status", "next_due_on")
        .order_by("pk")
    )
    url = reverse("grants:my-contracts")
    found = []
    for contract in rows:
        if contract.status == ContractStatus.READY:
            step, due = _("Sign the contract with the office"), None
        elif contract.next_due_on:
            step, due = (
                _("The next instalment of the grant is due"),
                contract.next_due_on,
            )
        else:
            step, due = _("Carry out the task and report on it"), None
        found.append(
            Case(
                title=_("Contract %(number)s") % {"number": contract.number},
                url=url,
                state=contract.get_status_display(),
                next_step=step,
                due=due,
                organisation_id=contract.org_id,
                context=contract.title,
            )
        )
    return found


def reports(person: Person) -> Iterable[Case]:
    """Reports called for, in preparation, with the office or to be corrected (one
    query)."""
    ids = person.organisation_ids()
    if not ids:
        return []
    rows = (
        Report.objects.filter(_of_organisations(ids, "contract__"))
        .filter(status__in=OPEN_REPORTS)
        .annotate(
            org_id=Coalesce(
                "contract__offer__organisation_id",
                "contract__small_grant__organisation_id",
            )
        )
        .select_related("contract")
        .only(
            "pk",
            "kind",
            "status",
            "due_on",
            "corrections_due_on",
            "contract__number",
            "contract__title",
        )
        .order_by("pk")
    )
    found = []
    for report in rows:
        if report.status in (ReportStatus.CALLED, ReportStatus.DRAFT):
            step, due = _("Write and submit the report"), report.due_on
        elif report.status == ReportStatus.CORRECTIONS:
            step = _("Correct or explain the report")
            due = report.corrections_due_on or report.due_on
        else:
            step, due = _("The office checks the report"), None
        found.append(
            Case(
                title=str(report),
                url=reverse("grants:report-detail", args=[report.pk]),
                state=report.get_status_display(),
                next_step=step,
                due=due,
                organisation_id=report.org_id,
                context=report.contract.title,
            )
        )
    return found


def refunds(person: Person) -> Iterable[Case]:
    """Amounts of grants to be returned (one query)."""
    ids = person.organisation_ids()
    if not ids:
        return []
    rows = (
        Refund.objects.filter(
            _of_organisations(ids, "contract__"), status=RefundStatus.DUE
        )
        .annotate(
            org_id=Coalesce(
                "contract__offer__organisation_id",
                "contract__small_grant__organisation_id",
            )
        )
        .select_related("contract")
        .only("pk", "kind", "status", "amount", "due_on", "contract__number")
        .order_by("pk")
    )
    url = reverse("grants:my-contracts")
    return [
        Case(
            title=_("Refund of %(amount)s, contract %(number)s")
            % {"amount": pln(refund.amount), "number": refund.contract.number},
            url=url,
            state=refund.get_status_display(),
            next_step=_("Return the amount with interest"),
            due=refund.due_on,
            organisation_id=refund.org_id,
        )
        for refund in rows
    ]


def committee_work(person: Person) -> Iterable[Case]:
    """The person's seats in committees at work: the declaration of impartiality to
    sign and the offers still to score, by the scoring date (one query)."""
    accepted = (
        Offer.objects.filter(
            competition=OuterRef("competition_id"),
            status=OfferStatus.FORMALLY_ACCEPTED,
        )
        .order_by()
        .values("competition")
        .annotate(n=Count("*"))
        .values("n")
    )
    seats = (
        CommitteeMember.objects.filter(
            user=person.user,
            excluded_at__isnull=True,
            competition__status__in=COMMITTEE_AT_WORK,
        )
        .annotate(
            offers_n=Coalesce(Subquery(accepted, output_field=IntegerField()), 0),
            # Conflicts and scores count on the offers being scored only.
            conflicts_n=Count(
                "conflicts",
                filter=Q(conflicts__offer__status=OfferStatus.FORMALLY_ACCEPTED),
                distinct=True,
            ),
            scored_n=Count(
                "scores__offer",
                filter=Q(scores__offer__status=OfferStatus.FORMALLY_ACCEPTED),
                distinct=True,
            ),
        )
        .select_related("competition")
        .only(
            "pk",
            "kind",
            "declared_at",
            "competition__id",
            "competition__title",
            "competition__status",
            "competition__scoring_date",
        )
        .order_by("pk")
    )
    found = []
    for seat in seats:
        competition = seat.competition
        to_score = max(seat.offers_n - seat.conflicts_n - seat.scored_n, 0)
        if not seat.declared_at:
            state = _("declaration of impartiality not signed")
            step = _("Sign the declaration of impartiality")
        elif seat.votes and to_score:
            state = _("declaration signed")
            step = ngettext(
                "Score %(count)d offer", "Score %(count)d offers", to_score
            ) % {"count": to_score}
        elif seat.votes and competition.status == CompetitionStatus.COMMITTEE_REVIEW:
            state, step = _("every offer scored"), ""
        else:
            state = _("declaration signed")
            step = _("The offers are checked formally before scoring")
        found.append(
            Case(
                title=competition.title,
                url=reverse("grants:committee", args=[competition.pk]),
                state=state,
                next_step=step,
                due=competition.scoring_date if step else None,
                context=seat.get_kind_display(),
            )
        )
    return found


_INITIATIVE_STEPS = {
    InitiativeStatus.SUBMITTED: gettext_lazy("The office assesses the application"),
    InitiativeStatus.ASSESSED: gettext_lazy("The mayor decides on the application"),
    InitiativeStatus.ACCEPTED: gettext_lazy("The agreement is concluded"),
    InitiativeStatus.AGREEMENT: gettext_lazy("Carry out the initiative"),
}


def _initiative_case(application: Any, organisation_id: int | None) -> Case:
    return Case(
        title=application.title,
        url=application.get_absolute_url(),
        state=application.get_status_display(),
        next_step=_INITIATIVE_STEPS[application.status],
        due=application.end_date
        if application.status == InitiativeStatus.AGREEMENT
        else None,
        organisation_id=organisation_id,
    )


def organisation_initiatives(person: Person) -> Iterable[Case]:
    """Local initiatives filed through the person's organisations (one query)."""
    ids = person.organisation_ids()
    if not ids:
        return []
    rows = InitiativeApplication.objects.filter(
        organisation_id__in=ids, status__in=OPEN_INITIATIVES
    ).order_by("pk")
    return [_initiative_case(a, a.organisation_id) for a in rows]


def my_initiatives(person: Person) -> Iterable[Case]:
    """Local initiatives the person filed or leads (the leader's address is theirs),
    other than those of their organisations, shown there (one query)."""
    mine = Q(applicant=person.user)
    if person.user.email:
        mine |= Q(leader_email__iexact=person.user.email)
    rows = (
        InitiativeApplication.objects.filter(mine, status__in=OPEN_INITIATIVES)
        .exclude(organisation_id__in=person.organisation_ids())
        .order_by("pk")
    )
    return [_initiative_case(a, None) for a in rows]


def small_grant_comments(person: Person) -> Iterable[Case]:
    """The person's latest comments on small-grant offers and how they were
    considered (one query)."""
    rows = (
        SmallGrantComment.objects.filter(author=person.user)
        .select_related("offer")
        .only(
            "pk",
            "hidden_at",
            "considered_at",
            "created_at",
            "offer__id",
            "offer__title",
            "offer__number",
            "offer__status",
            "offer__comments_until",
            "offer__published_on",
        )
        .order_by("-created_at", "-pk")[:COMMENTS_SHOWN]
    )
    found = []
    for comment in rows:
        offer = comment.offer
        if comment.hidden_at:
            state, step = _("hidden by the office"), ""
        elif comment.considered_at:
            state, step = _("considered"), ""
        else:
            state = _("awaiting consideration")
            step = _("The office considers the comments")
        found.append(
            Case(
                title=offer.title or offer.number,
                url=reverse("grants:small-grant-detail", args=[offer.pk]),
                state=state,
                next_step=step,
            )
        )
    return found


OFFERS = CaseProvider(
    title=gettext_lazy("Offers"),
    cases=offers,
    models=(
        "grants.Offer",
        "grants.OfferUpdate",
        "grants.CoOfferor",
        "grants.Contract",
    ),
    link=lambda: (_("Offers of my organisations"), reverse("grants:offer-list")),
    position=10,
)
SMALL_GRANTS = CaseProvider(
    title=gettext_lazy("Small-grant offers"),
    cases=small_grants,
    models=("grants.SmallGrantOffer",),
    position=15,
)
CONTRACTS = CaseProvider(
    title=gettext_lazy("Contracts"),
    cases=contracts,
    models=("grants.Contract",),
    link=lambda: (_("My contracts"), reverse("grants:my-contracts")),
    position=20,
)
REPORTS = CaseProvider(
    title=gettext_lazy("Reports"),
    cases=reports,
    models=("grants.Report",),
    position=25,
)
REFUNDS = CaseProvider(
    title=gettext_lazy("Refunds"),
    cases=refunds,
    models=("grants.Refund",),
    position=27,
)
ORGANISATION_INITIATIVES = CaseProvider(
    title=gettext_lazy("Local initiatives"),
    cases=organisation_initiatives,
    models=("grants.InitiativeApplication",),
    position=30,
)
COMMITTEE_WORK = CaseProvider(
    title=gettext_lazy("My committee work"),
    cases=committee_work,
    models=(
        "grants.CommitteeMember",
        "grants.Score",
        "grants.Conflict",
        "grants.Offer",
        "grants.Competition",
    ),
    personal=True,
    position=10,
)
MY_INITIATIVES = CaseProvider(
    title=gettext_lazy("My local initiatives"),
    cases=my_initiatives,
    models=("grants.InitiativeApplication",),
    personal=True,
    link=lambda: (_("All my local initiatives"), reverse("grants:initiative-mine")),
    position=20,
)
SMALL_GRANT_COMMENTS = CaseProvider(
    title=gettext_lazy("My comments on small-grant offers"),
    cases=small_grant_comments,
    models=("grants.SmallGrantComment",),
    personal=True,
    position=35,
)
