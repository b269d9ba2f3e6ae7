"""Residents without an organisation apply as a group: the leader, who filed the
application with their own account, invites the other residents by e-mail, and each
accepts with an account of the invited address."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.models import Notification
from cooperation.core.notifications import notify
from cooperation.core.workflow import record

from ..models.initiatives import (
    InitiativeApplication,
    InitiativeInvitation,
    InitiativeStatus,
)

# The most residents one application invites.
MAX_INVITATIONS = 50
# An application refused or settled takes no more co-applicants.
CLOSED_STATES = (InitiativeStatus.REFUSED, InitiativeStatus.CLOSED)


def _has_address(user: Any, email: str) -> bool:
    """Whether ``email`` is one of the person's confirmed addresses."""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(
        user=user, email__iexact=email, verified=True
    ).exists()


def initiative_invite(
    *, application: InitiativeApplication, actor: Any, name: str, email: str
) -> InitiativeInvitation:
    """The leader invites a resident to the application by e-mail.

    The message leaves through the outbox (queued for the leader, addressed to the
    invited person). Raises ``PermissionDeniedError`` for anyone but the person who
    filed the application, ``DomainError`` (with the field) without a name or a
    valid address, for an address invited already and once the application is
    refused or settled. Audited on the application.
    """
    if (
        actor is None
        or not actor.is_authenticated
        or application.applicant_id != (actor.pk)
    ):
        raise PermissionDeniedError(
            _("Only the leader who filed the application invites co-applicants.")
        )
    if application.status in CLOSED_STATES:
        raise DomainError(
            _("A refused or settled application takes no more co-applicants.")
        )
    name = (name or "").strip()[:200]
    if not name:
        raise DomainError(_("Give the name of the person invited."), field="name")
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(_("Give a valid e-mail address."), field="email") from None
    if email == (actor.email or "").lower():
        raise DomainError(
            _("The leader is an applicant already: invite the other residents."),
            field="email",
        )
    with transaction.atomic():
        locked = InitiativeApplication.objects.select_for_update().get(
            pk=application.pk
        )
        if locked.invitations.count() >= MAX_INVITATIONS:
            raise DomainError(
                _("At most %(count)s residents are invited to one application.")
                % {"count": MAX_INVITATIONS},
                field="email",
            )
        try:
            with transaction.atomic():
                invitation = InitiativeInvitation.objects.create(
                    application=locked,
                    name=name,
                    email=email,
                    token=secrets.token_urlsafe(32),
                    invited_by=actor,
                )
        except IntegrityError:
            raise DomainError(
                _("%(email)s has been invited already.") % {"email": email},
                field="email",
            ) from None
        record(locked, actor=actor, to="co-applicant-invited", note=name)
        # Queued for the leader (the outbox writes to accounts), addressed to the
        # invited person; the leader's copy in the inbox is read already.
        message = notify(
            actor,
            "grants.initiative_invitation",
            occasion=f"initiative-invitation:{invitation.pk}",
            obj=application,
            context={
                "to": email,
                "name": name,
                "leader": application.leader_name,
                "link": invitation.get_absolute_url(),
                "erase_when_sent": True,
            },
        )
        if message is not None:
            Notification.objects.filter(pk=message.pk).update(read_at=timezone.now())
    return invitation


def initiative_invitation_accept(
    *, invitation: InitiativeInvitation, actor: Any
) -> InitiativeInvitation:
    """The invited resident joins the application with an account whose confirmed
    address is the one invited; accepting again changes nothing.

    Raises ``PermissionDeniedError`` for an anonymous person or an account without
    that address, ``DomainError`` when another account accepted it or the
    application is refused or settled. Audited on the application.
    """
    if actor is None or not actor.is_authenticated:
        raise PermissionDeniedError(_("Log in to accept the invitation."))
    if invitation.accepted_by_id == actor.pk:
        return invitation
    if invitation.accepted_by_id is not None:
        raise DomainError(_("The invitation has been accepted already."))
    if not _has_address(actor, invitation.email):
        raise PermissionDeniedError(
            _(
                "The invitation was sent to another address: log in with the account "
                "of %(email)s, with the address confirmed."
            )
            % {"email": invitation.email}
        )
    with transaction.atomic():
        application = InitiativeApplication.objects.select_for_update().get(
            pk=invitation.application_id
        )
        if application.status in CLOSED_STATES:
            raise DomainError(
                _("A refused or settled application takes no more co-applicants.")
            )
        updated = InitiativeInvitation.objects.filter(
            pk=invitation.pk, accepted_by__isnull=True
        ).update(accepted_by=actor, accepted_at=timezone.now())
        if not updated:
            raise DomainError(_("The invitation has been accepted already."))
        record(
            application,
            actor=actor,
            to="co-applicant-joined",
            note=invitation.name,
        )
    invitation.refresh_from_db()
    return invitation
