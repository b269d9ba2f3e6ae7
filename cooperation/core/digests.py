"""Daily and weekly digests of the outbox.

A message of a kind that its recipient wants in a digest is written ``deferred``
(``notifications.notify``). Once a period (a day, or a week from Monday, in the
portal's time zone) is over, the periodic task builds one digest per person and
period: in one transaction it writes the :class:`~cooperation.core.models.Digest`
row (unique per person, period and start), moves the person's deferred messages into
it (``digested``) and writes the outbox row of its e-mail (kind
``cooperation.digest``). The outbox then delivers that e-mail like any other
message, claimed once and under a stable ``Message-ID``.

A second run, in parallel or after a worker died, cannot build the same digest
again: the database refuses the second row for the same person and period, and a
run that died before its commit left nothing behind.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone, translation

from .models import Digest, DigestPeriod, Notification, NotificationStatus, User
from .notifications import DIGEST_KIND, _subject_and_url, request_delivery

logger = logging.getLogger(__name__)

Status = NotificationStatus

# Sent with ``step="digest-built"`` and the digest's e-mail (``notification``) once a
# digest and its messages are written, before the transaction commits.
digest_step = Signal()


def period_start(period: str, day: date) -> date:
    """The first day of the period of ``period`` kind that holds ``day``."""
    if period == DigestPeriod.WEEK:
        return day - timedelta(days=day.weekday())
    return day


def period_end(period: str, starts_on: date) -> datetime:
    """The moment the period that starts on ``starts_on`` ends (local midnight)."""
    days = 7 if period == DigestPeriod.WEEK else 1
    return timezone.make_aware(
        datetime.combine(starts_on + timedelta(days=days), time())
    )


def last_ended(period: str, now: datetime | None = None) -> date:
    """The start of the latest period whose digest is due at ``now``.

    A period's digest is due from ``NOTIFICATION_DIGEST_HOUR`` o'clock of the day
    after it ends, so that it arrives in the morning.
    """
    moment = timezone.localtime(now or timezone.now()) - timedelta(
        hours=settings.NOTIFICATION_DIGEST_HOUR
    )
    current = period_start(period, moment.date())
    days = 7 if period == DigestPeriod.WEEK else 1
    return current - timedelta(days=days)


def build_digests(*, now: datetime | None = None) -> int:
    """Build every digest that is due and not yet built; returns how many were.

    For each period kind, the people with deferred messages written before the end
    of the latest ended period each get one digest of that period, holding every
    such message (also older ones a change of setting left waiting). Delivery of
    the digests' e-mails is requested after each commit.
    """
    built = 0
    for period in DigestPeriod.values:
        starts_on = last_ended(period, now)
        ends_at = period_end(period, starts_on)
        people = (
            Notification.objects.filter(
                status=Status.DEFERRED, digest_period=period, created_at__lt=ends_at
            )
            .values_list("recipient_id", flat=True)
            .distinct()
            .order_by("recipient_id")
        )
        for user_id in list(people):
            if digest_build(user_id=user_id, period=period, starts_on=starts_on):
                built += 1
    return built


def digest_build(*, user_id: int, period: str, starts_on: date) -> Digest | None:
    """Build the digest of one person and period, in a transaction of its own.

    Returns ``None`` when the digest exists already (another run built it, or is
    building it now: the database holds this run until that one ends) or when no
    message waits for it.
    """
    ends_at = period_end(period, starts_on)
    with transaction.atomic(durable=True):
        try:
            with transaction.atomic():
                digest = Digest.objects.create(
                    user_id=user_id, period=period, starts_on=starts_on
                )
        except IntegrityError:
            return None
        rows = list(
            Notification.objects.select_for_update(of=("self",))
            .filter(
                recipient_id=user_id,
                status=Status.DEFERRED,
                digest_period=period,
                created_at__lt=ends_at,
            )
            .select_related("recipient")
            .order_by("created_at", "pk")
        )
        if not rows:
            transaction.set_rollback(True)
            return None
        user = rows[0].recipient
        Notification.objects.filter(
            pk__in=[n.pk for n in rows], status=Status.DEFERRED
        ).update(status=Status.DIGESTED, digest=digest)
        email = Notification.objects.create(
            recipient_id=user_id,
            kind=DIGEST_KIND,
            occasion=f"digest:{period}:{starts_on.isoformat()}",
            content_type=ContentType.objects.get_for_model(Digest),
            object_id=digest.pk,
            context=_digest_context(user, digest, rows),
        )
        digest_step.send(Digest, step="digest-built", notification=email)
        request_delivery()
    logger.info(
        "Digest %s (%s from %s) of user %s holds %d messages",
        digest.pk,
        period,
        starts_on,
        user_id,
        len(rows),
    )
    return digest


def _digest_context(
    user: User, digest: Digest, rows: list[Notification]
) -> dict[str, Any]:
    """What the digest's e-mail lists: each message's subject and address, in the
    person's language, kept with the outbox row so that the e-mail sent is the one
    built."""
    from django.db.models import prefetch_related_objects

    about = [n for n in rows if n.content_type_id]
    if about:
        prefetch_related_objects(about, "content_object")
    with translation.override(user.language or settings.LANGUAGE_CODE):
        entries = []
        for notification in rows:
            subject, url = _subject_and_url(notification)
            entries.append(
                {
                    "subject": subject,
                    "url": url,
                    "created_at": notification.created_at.isoformat(),
                }
            )
    ends_on = period_end(digest.period, digest.starts_on).date() - timedelta(days=1)
    return {
        "period": digest.period,
        "starts_on": digest.starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
        "entries": entries,
    }
