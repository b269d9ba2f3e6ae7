"""Who may do what with competitions and offers (used by views and admin alike)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.core.cache import Kept, cached_record
from cooperation.core.permissions import has_clerk_powers
from cooperation.core.workflow import Role
from ngos.models import Membership
from ngos.permissions import Capability, can_act_for

from .models import (
    CommitteeMember,
    Competition,
    CompetitionStatus,
    Conflict,
    Offer,
    OfferStatus,
)


def can_see_competition(user: Any, competition: Competition) -> bool:
    return competition.is_public or has_clerk_powers(user)


def can_view_offer(user: Any, offer: Offer) -> bool:
    """Clerks and the offerors' members (of the lead and, in a joint offer, of the
    co-offerors, whose representatives confirm it); committee members use the scoring
    page."""
    if user is None or not user.is_authenticated:
        return False
    if has_clerk_powers(user) or can_act_for(
        user, offer.organisation_id, Capability.VIEW
    ):
        return True
    return offer.is_joint and any(
        p.organisation_id and can_act_for(user, p.organisation_id, Capability.VIEW)
        for p in offer.co_offerors.all()
    )


def attachments_visible_to(user: Any) -> Any:
    """The offer attachments whose files this person may download: those of offers the
    person may see (clerks; the offerors' members) and, for a committee member who
    signed the declaration, of the accepted offers they have no conflict with."""
    from .models import OfferAttachment

    if user is None or not user.is_authenticated:
        return OfferAttachment.objects.none()
    if has_clerk_powers(user):
        return OfferAttachment.objects.all()
    organisations = Membership.objects.filter(
        user=user, status=Membership.Status.APPROVED
    ).values("organisation_id")
    seats = CommitteeMember.objects.filter(
        user=user, declared_at__isnull=False, excluded_at__isnull=True
    )
    return OfferAttachment.objects.filter(
        Q(offer__organisation_id__in=organisations)
        | Q(offer__is_joint=True, offer__co_offerors__organisation_id__in=organisations)
        | (
            Q(offer__competition__in=seats.values("competition_id"))
            & Q(
                offer__status__in=[
                    OfferStatus.FORMALLY_ACCEPTED,
                    OfferStatus.SELECTED,
                    OfferStatus.NOT_SELECTED,
                ]
            )
            & ~Q(offer__conflicts__member__in=seats)
        )
    ).distinct()


def can_edit_offer(user: Any, offer: Offer) -> bool:
    return offer.is_editable and can_act_for(
        user, offer.organisation_id, Capability.EDIT
    )


def can_submit_offer(user: Any, offer: Offer) -> bool:
    return offer.is_editable and can_act_for(user, offer.organisation, Capability.SIGN)


def can_send_signed_copy(user: Any, offer: Offer) -> bool:
    """A representative, until the formal check (or in a correction of signatures)."""
    if not can_act_for(user, offer.organisation, Capability.SIGN):
        return False
    if offer.status == OfferStatus.CORRECTION_REQUESTED:
        return "signatures" in offer.correction_fields
    if offer.status == OfferStatus.SUBMITTED:
        return offer.formally_checked_at is None
    return offer.status == OfferStatus.DRAFT


SUBMITS_OFFER = Role(_("the offeror's representative"), can_submit_offer)


def can_withdraw_offer(user: Any, offer: Offer) -> bool:
    """A representative, for a submitted offer, while the competition takes offers."""
    return (
        offer.status == OfferStatus.SUBMITTED
        and offer.competition.is_open
        and can_act_for(user, offer.organisation_id, Capability.SIGN)
    )


WITHDRAWS_OFFER = Role(_("the offeror's representative"), can_withdraw_offer)


def committee_seat(
    user: Any, competition: Competition, *, conflicts: bool = True
) -> CommitteeMember | None:
    """The person's seat on the competition's committee, with their declared conflicts
    (read later, when needed, if not ``conflicts``)."""
    if user is None or not user.is_authenticated:
        return None
    seats = CommitteeMember.objects.filter(
        competition=competition, user=user
    ).select_related("user")
    return (seats.prefetch_related("conflicts") if conflicts else seats).first()


def committee_seat_kept(user: Any, competition_id: int) -> CommitteeMember | None:
    """:func:`committee_seat` with its conflicts, kept in the cache until a seat or a
    conflict changes (no query)."""
    if user is None or not user.is_authenticated:
        return None
    return cached_record(
        committee_seat_kept_as(user, competition_id),
        lambda: committee_seat(user, Competition(pk=competition_id)),
    )


def committee_seat_kept_as(user: Any, competition_id: int) -> Kept:
    """Where :func:`committee_seat_kept` keeps the person's seat."""
    return Kept.record(
        "grants:committee-seat", (CommitteeMember, Conflict), user.pk, competition_id
    )


def can_score(member: CommitteeMember | None, offer: Offer) -> bool:
    """A declared, voting member, not excluded, without a conflict, on an accepted offer
    under review."""
    return bool(
        member
        and member.declared_at
        and member.votes
        and not member.is_excluded
        and member.competition_id == offer.competition_id
        and offer.status == OfferStatus.FORMALLY_ACCEPTED
        and offer.competition.status == CompetitionStatus.COMMITTEE_REVIEW
        and not any(c.offer_id == offer.pk for c in member.conflicts.all())
        and not can_act_for(member.user, offer.organisation_id, Capability.VIEW)
    )


def can_read_protocol(user: Any, competition: Competition) -> bool:
    """Clerks, and committee members once they signed the declaration of impartiality
    (the protocol holds every score)."""
    if user is None or not user.is_authenticated:
        return False
    if has_clerk_powers(user):
        return True
    return CommitteeMember.objects.filter(
        competition=competition, user=user, declared_at__isnull=False
    ).exists()


# Conflicts of interest (art. 15 ust. 2d and 2f) -------------------------------


def nominee_conflict(competition: Competition, organisation: Any) -> bool:
    """Whether the organisation submitted an offer in the competition, alone or jointly:
    a person it nominated cannot sit on the committee (art. 15 ust. 2d)."""
    return (
        competition.offers.submitted()
        .filter(
            Q(organisation=organisation) | Q(co_offerors__organisation=organisation)
        )
        .exists()
    )


def offers_of_members_organisations(competition: Competition, user_id: int) -> Any:
    """Submitted offers of the competition (alone or jointly) of organisations in which the
    person has an approved membership: the person is excluded (art. 15 ust. 2f)."""
    organisations = Membership.objects.filter(
        user_id=user_id, status=Membership.Status.APPROVED
    ).values("organisation_id")
    return (
        competition.offers.submitted()
        .filter(
            Q(organisation_id__in=organisations)
            | Q(co_offerors__organisation_id__in=organisations)
        )
        .distinct()
    )


def offeror_member_conflict(competition: Competition, user: Any) -> str | None:
    """The name of an offering organisation the person belongs to, or None."""
    offer = (
        offers_of_members_organisations(competition, user.pk)
        .select_related("organisation")
        .first()
    )
    return offer.organisation.name if offer else None


def contracts_visible_to(user: Any) -> Any:
    """The contracts this person may read: a clerk all, a member of the organisation
    its own."""
    from ngos.permissions import Capability, organisations_for

    from .models import Contract

    if has_clerk_powers(user):
        return Contract.objects.all()
    organisations = organisations_for(user, Capability.VIEW)
    # A contract comes of a competition's offer or of a small grant.
    return Contract.objects.filter(
        Q(offer__organisation__in=organisations)
        | Q(small_grant__organisation__in=organisations)
    )


def annexes_visible_to(user: Any) -> Any:
    from .models import ContractAnnex

    return ContractAnnex.objects.filter(contract__in=contracts_visible_to(user))


def can_submit_report(user: Any, report: Any) -> bool:
    """A representative of the contract's organisation, for a report not yet sent."""
    return report.status in ("called", "draft", "corrections") and can_act_for(
        user, report.contract.organisation.pk, Capability.SIGN
    )


SUBMITS_REPORT = Role(_("the organisation's representative"), can_submit_report)


def reports_visible_to(user: Any) -> Any:
    """The reports of the contracts this person may read."""
    from .models import Report

    return Report.objects.filter(contract__in=contracts_visible_to(user))


def report_attachments_visible_to(user: Any) -> Any:
    from .models import ReportAttachment

    return ReportAttachment.objects.filter(report__in=reports_visible_to(user))


def can_see_initiative_details(user: Any, application: Any) -> bool:
    """The application as filed, with the residents' names and contacts: the clerks,
    the person who filed it, the co-applicants who accepted the leader's invitation
    and the members of the organisation it came through."""
    if user is None or not user.is_authenticated:
        return False
    if has_clerk_powers(user) or application.applicant_id == user.pk:
        return True
    if application.organisation_id and can_act_for(
        user, application.organisation_id, Capability.VIEW
    ):
        return True
    return application.invitations.filter(accepted_by=user).exists()


def can_record_initiative_contribution(user: Any, application: Any) -> bool:
    """The residents' contributions delivered are logged by the person who filed the
    application, a representative of the organisation it came through, or a clerk."""
    if user is None or not user.is_authenticated:
        return False
    if has_clerk_powers(user) or application.applicant_id == user.pk:
        return True
    return bool(
        application.organisation_id
        and can_act_for(user, application.organisation_id, Capability.SIGN)
    )


def _initiatives_followed_by(user: Any) -> Any:
    """The applications this person reads in full without being a clerk: filed by
    them, joined at the leader's invitation or filed through their organisation."""
    from ngos.permissions import organisations_for

    from .models import InitiativeApplication, InitiativeInvitation

    organisations = organisations_for(user, Capability.VIEW).values("pk")
    joined = InitiativeInvitation.objects.filter(accepted_by=user).values(
        "application_id"
    )
    return InitiativeApplication.objects.filter(
        Q(applicant=user) | Q(organisation__in=organisations) | Q(pk__in=joined)
    )


def initiative_evidence_visible_to(user: Any) -> Any:
    """The contributions whose evidence this person may download: the clerks all, the
    applicant, the co-applicants and the members of the organisation those of their
    initiatives."""
    from .models import InitiativeContribution

    if user is None or not user.is_authenticated:
        return InitiativeContribution.objects.none()
    if has_clerk_powers(user):
        return InitiativeContribution.objects.all()
    return InitiativeContribution.objects.filter(
        application__in=_initiatives_followed_by(user)
    )


def initiative_attachments_visible_to(user: Any) -> Any:
    """The documents attached to the applications this person may read in full."""
    from .models import InitiativeAttachment

    if user is None or not user.is_authenticated:
        return InitiativeAttachment.objects.none()
    if has_clerk_powers(user):
        return InitiativeAttachment.objects.all()
    return InitiativeAttachment.objects.filter(
        application__in=_initiatives_followed_by(user)
    )
