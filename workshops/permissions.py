"""Who may see and do what with events, registrations and working groups."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.permissions import has_clerk_powers
from cooperation.core.workflow import Role
from ngos.models import Membership
from ngos.permissions import Capability, can_act_for

from .models import Event, EventDocument, GroupMember, Registration


def can_view_event(user: Any, event: Event) -> bool:
    """Drafts are the clerks' business; every other event is public."""
    return event.status != Event.Status.DRAFT or has_clerk_powers(user)


def documents_visible_to(user: Any) -> QuerySet[EventDocument]:
    """Published documents of the events this person may see; clerks see all."""
    documents = EventDocument.objects.all()
    if has_clerk_powers(user):
        return documents
    return documents.filter(is_public=True, event__in=Event.objects.public())


def is_group_member(user: Any, group_id: int | None) -> bool:
    if group_id is None or user is None or not user.is_authenticated:
        return False
    return GroupMember.objects.filter(
        group_id=group_id, user=user, left_on__isnull=True
    ).exists()


def is_ngo_representative(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and Membership.objects.filter(
            user=user, status=Membership.Status.APPROVED
        ).exists()
    )


def registration_refusal(user: Any, event: Event) -> str | None:
    """Why ``user`` may not sign up for ``event`` under its audience rule, or None."""
    if user is None or not user.is_authenticated:
        return _("Log in to sign up.")
    if event.audience == Event.Audience.NGO and not is_ngo_representative(user):
        return _("Only representatives of organisations may sign up for this event.")
    if event.audience == Event.Audience.GROUP and not is_group_member(
        user, event.working_group_id
    ):
        return _("Only members of the working group may sign up for this meeting.")
    return None


def can_register_for(user: Any, organisation: Any) -> bool:
    """A person may sign up on behalf of an organisation they belong to."""
    return can_act_for(user, organisation, Capability.VIEW)


def can_see_registration(user: Any, registration: Registration) -> bool:
    """A registration (and its attendance) belongs to the person and the clerks."""
    if user is None or not user.is_authenticated:
        return False
    return registration.user_id == user.pk or has_clerk_powers(user)


def can_get_certificate(user: Any, registration: Registration) -> bool:
    return bool(registration.attended) and can_see_registration(user, registration)


# Who takes the transitions besides clerks (the roles of the transition tables).
REGISTERED_PERSON = Role(
    gettext_lazy("the person registered"),
    lambda user, registration: registration.user_id == user.pk,
)
GROUP_COORDINATOR = Role(
    gettext_lazy("the working group's coordinator"),
    lambda user, recommendation: recommendation.group.coordinator_id == user.pk,
)
