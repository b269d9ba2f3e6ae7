"""Services of a person's own account: language, data download, deletion.

Other apps take part through ``cooperation.core.registry``: each app registers a
``personal_data_exporters`` entry (its data about the person, for the download) and
a ``personal_data_erasers`` entry (anonymises the person's public contributions in
that app and keeps, with the person detached or pseudonymised, the records the law
requires the municipality to archive: offers, contracts, reports, consultation
reports).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import IntegrityError, models, transaction
from django.db.models import CharField
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.core.exceptions import DomainError
from cooperation.core.following import subscriptions_of
from cooperation.core.models import (
    Delivery,
    Digest,
    DigestPeriod,
    Notification,
    NotificationPreference,
    StatusChange,
    Subscription,
    User,
)
from cooperation.core.notifications import request_delivery
from cooperation.core.registry import (
    optional_notifications,
    personal_data_erasers,
    personal_data_exporters,
)

logger = logging.getLogger(__name__)

EXPORT_FORMAT_VERSION = 1


def account_update_language(*, user: User, language: str) -> User:
    """Set the language of the e-mails the portal sends to ``user``.

    Raises ``DomainError`` (field ``language``) for a language the portal does not offer.
    """
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Choose one of the offered languages."), field="language")
    user.language = language
    user.save(update_fields=["language"])
    return user


def account_set_notifications(*, user: User, wanted: Mapping[str, str]) -> User:
    """Choose how ``user`` receives each optional kind of message by e-mail.

    ``wanted`` maps a kind registered in ``optional_notifications`` to a
    ``Delivery`` (at once, daily or weekly digest, not by e-mail); the inbox on the
    portal holds every message whatever the choice. A kind not registered there (a
    statutory notice, a message about the person's own matters) or an unknown
    choice is refused with ``DomainError``. The messages already waiting for a
    digest follow the new choice: sent at once, moved to the other digest, or kept
    on the portal only.
    """
    unknown = [kind for kind in wanted if kind not in optional_notifications]
    if unknown:
        raise DomainError(
            _("These messages cannot be switched off: %(kinds)s.")
            % {"kinds": ", ".join(sorted(unknown))},
            code="statutory",
        )
    wrong = [kind for kind, value in wanted.items() if value not in Delivery.values]
    if wrong:
        raise DomainError(
            _("Choose one of the offered ways of receiving these messages."),
            field=wrong[0],
            code="delivery",
        )
    with transaction.atomic():
        for kind, value in wanted.items():
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": value}
            )
            waiting = Notification.objects.filter(
                recipient=user, kind=kind, status=Notification.Status.DEFERRED
            )
            if value == Delivery.IMMEDIATE:
                if waiting.update(
                    status=Notification.Status.PENDING,
                    digest_period="",
                    next_attempt_at=timezone.now(),
                ):
                    request_delivery()
            elif value == Delivery.NONE:
                waiting.update(status=Notification.Status.INBOX_ONLY, digest_period="")
            else:
                period = (
                    DigestPeriod.DAY if value == Delivery.DAILY else DigestPeriod.WEEK
                )
                waiting.update(digest_period=period)
    return user


def account_update_name(*, user: User, first_name: str, last_name: str) -> User:
    """Set the name shown with the person's contributions when they agree to it.

    Both parts are optional; a name longer than the field allows is refused
    (``DomainError`` naming the field).
    """
    first_name, last_name = first_name.strip(), last_name.strip()
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        limit = cast(CharField, User._meta.get_field(field)).max_length or 150
        if len(value) > limit:
            raise DomainError(
                _("Use at most %(limit)d characters.") % {"limit": limit}, field=field
            )
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    return user


def _audit(user: User, *, actor: User | None, to: str) -> None:
    # ``request.user`` is a lazy wrapper: name the model instead of ``type(user)``.
    StatusChange.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_id=user.pk,
        to_status=to,
        actor=actor if actor is not None and actor.pk else None,
    )


def _account_data(user: User) -> dict[str, Any]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "language": user.language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        # Which second factors are set up; never the secrets themselves.
        "two_factor": sorted(
            str(t)
            for t in Authenticator.objects.filter(user=user).values_list(
                "type", flat=True
            )
        ),
        "notifications": [
            {
                "kind": n.kind,
                "occasion": n.occasion,
                "created_at": n.created_at,
                "sent_at": n.sent_at,
            }
            for n in Notification.objects.filter(recipient=user).order_by(
                "created_at", "pk"
            )
        ],
        "notification_settings": [
            {"kind": p.kind, "delivery": p.delivery, "updated_at": p.updated_at}
            for p in NotificationPreference.objects.filter(user=user).order_by("kind")
        ],
        "digests": [
            {
                "period": d.period,
                "starts_on": d.starts_on,
                "created_at": d.created_at,
                "messages": d.message_count,
            }
            for d in Digest.objects.filter(user=user)
            .annotate(message_count=models.Count("notifications"))
            .order_by("starts_on", "pk")
        ],
        "following": [
            {
                "kind": s.content_type.model,
                "object": str(s.content_object),
                "url": getattr(s.content_object, "get_absolute_url", lambda: "")(),
                "since": s.created_at,
            }
            for s in subscriptions_of(user)
        ],
    }


def account_export(*, user: User) -> dict[str, Any]:
    """Everything the portal holds about ``user``, for the "download my data" button.

    The result holds the account itself and, under ``apps``, one entry per
    registered ``personal_data_exporters`` provider. Values may be dates and
    decimals: serialise with ``DjangoJSONEncoder``. Writes an audit record.
    """
    data: dict[str, Any] = {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now(),
        "portal": settings.SITE_URL,
        "controller": settings.MUNICIPALITY_OFFICE,
        "account": _account_data(user),
        "apps": {
            name: export(user) for name, export in personal_data_exporters.items()
        },
    }
    _audit(user, actor=user, to="data-exported")
    return data


def _anonymise(user: User) -> None:
    """Detach a kept account from the person: no name, no e-mail, no log-in."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    # The messages sent to the person quote names and titles; nobody reads them now.
    Notification.objects.filter(recipient=user).delete()
    Digest.objects.filter(user=user).delete()
    Subscription.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.username = f"deleted-{user.pk}"
    user.email = f"deleted-{user.pk}@invalid"
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()


def _end_sessions(user: User) -> None:
    user_pk = str(user.pk)
    stale = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if s.get_decoded().get("_auth_user_id") == user_pk
    ]
    Session.objects.filter(pk__in=stale).delete()


@transaction.atomic
def account_delete(*, user: User, password: str) -> str:
    """Delete ``user``'s account after checking their password.

    First every registered ``personal_data_erasers`` provider anonymises the
    person's public contributions in its app (and keeps what the law requires).
    Then the account row is deleted; if a kept record still points at it
    (a protected foreign key), the account is anonymised and deactivated instead.
    Returns ``"deleted"`` or ``"deactivated"``. Ends the person's sessions and
    writes an audit record without personal data.

    Raises ``DomainError`` (field ``password``) when the password is wrong, and for
    the last active superuser, whom the portal cannot lose.
    """
    if not user.has_usable_password() or not user.check_password(password):
        raise DomainError(_("The password is not correct."), field="password")
    if (
        user.is_superuser
        and not get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(pk=user.pk)
        .exists()
    ):
        raise DomainError(
            _("The last administrator cannot delete their account."), field="password"
        )
    for name, erase in personal_data_erasers.items():
        erase(user)
        logger.info("personal data erased by %s for user %s", name, user.pk)
    _end_sessions(user)
    _audit(user, actor=None, to="account-deleted")
    pk = user.pk
    try:
        with transaction.atomic():
            user.delete()
        outcome = "deleted"
    except (models.ProtectedError, models.RestrictedError, IntegrityError):
        user = User.objects.get(pk=pk)
        _anonymise(user)
        outcome = "deactivated"
    logger.info("account %s %s", pk, outcome)
    return outcome
