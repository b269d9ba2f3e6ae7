"""The notifications outbox.

``notify`` writes a :class:`~cooperation.core.models.Notification` in the caller's
transaction and asks for delivery after commit. ``deliver`` sends one message at most
once: it claims the row in a commit of its own before it talks to the mail server,
and a delivery that dies after that leaves a row that is marked ``uncertain``, never
sent again by itself. The periodic sweep retries what a broker or mail outage left
behind, with an exponential back-off.

Every message is in its recipient's inbox. A message of an optional kind starts in
the state its recipient's setting asks for: ``pending`` (sent at once), ``deferred``
(taken later by the person's daily or weekly digest, ``cooperation.core.digests``) or
``inbox`` (not sent by e-mail).

A message of kind ``"app.name"`` is rendered from ``templates/app/emails/name.subject.txt``
and ``name.body.txt`` in the recipient's language, with the notification's ``context``,
the ``object`` it is about, the ``recipient``, ``site_url`` and ``municipality``.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, router, transaction
from django.db.models import Q
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .background import enqueue
from .cache import forget_prefetched, keep_prefetched, person_keys, prefetched
from .exceptions import PermissionDeniedError
from .models import (
    Delivery,
    DigestPeriod,
    Notification,
    NotificationPreference,
    NotificationStatus,
)
from .registry import optional_notifications
from .workflow import NOTE, PORTAL, Transition, Workflow, Workflows, transition

logger = logging.getLogger(__name__)

Status = NotificationStatus

MAX_BACKOFF = timedelta(hours=6)
SWEEP_BATCH = 500
# One run of the delivery task lasts about this long at most; it then queues itself
# again if messages are still due.
SWEEP_SECONDS = 120.0

# Sent at each step of a delivery with ``step`` and ``notification``: "claiming"
# (the claim is written, not yet committed), "claimed" (committed, before the mail
# server is asked) and "accepted" (the server took the message, not yet recorded).
delivery_step = Signal()


@dataclass(frozen=True)
class Message:
    """A notification to write: used by reminder providers and bulk events."""

    recipient_id: int
    kind: str
    occasion: str
    content_type_id: int | None = None
    object_id: int | None = None
    context: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def about(
        cls,
        obj: models.Model | None,
        *,
        recipient_id: int,
        kind: str,
        occasion: str,
        context: dict[str, Any] | None = None,
    ) -> Message:
        ct = (
            ContentType.objects.get_for_model(type(obj)).pk if obj is not None else None
        )
        return cls(
            recipient_id=recipient_id,
            kind=kind,
            occasion=occasion,
            content_type_id=ct,
            object_id=obj.pk if obj is not None else None,
            context=context or {},
        )


def notify(
    recipient: Any,
    kind: str,
    *,
    occasion: str,
    obj: models.Model | None = None,
    context: dict[str, Any] | None = None,
) -> Notification | None:
    """Queue one message; a second call for the same occasion changes nothing.

    The message is always in the person's inbox. By e-mail it goes as the person
    set this optional kind (``delivery_for``): at once (delivery is requested after
    the surrounding transaction commits), in a daily or weekly digest, or not at all.
    """
    recipient_id = getattr(recipient, "pk", recipient)
    status, period = _initial_state(
        delivery_for({recipient_id}, kind).get(recipient_id, Delivery.IMMEDIATE)
    )
    notification, created = Notification.objects.get_or_create(
        recipient=recipient,
        kind=kind,
        occasion=occasion[:120],
        defaults={
            "content_type": (
                ContentType.objects.get_for_model(type(obj))
                if obj is not None
                else None
            ),
            "object_id": obj.pk if obj is not None else None,
            # Dates and decimals are stored as JSON strings (and shown as dates again
            # by ``render_email``).
            "context": json.loads(json.dumps(context or {}, cls=DjangoJSONEncoder)),
            "status": status,
            "digest_period": period,
        },
    )
    if created and status == Status.PENDING:
        request_delivery()
    return notification


def _initial_state(delivery: str) -> tuple[str, str]:
    """The outbox state and digest period a new message starts in."""
    if delivery == Delivery.DAILY:
        return Status.DEFERRED, DigestPeriod.DAY
    if delivery == Delivery.WEEKLY:
        return Status.DEFERRED, DigestPeriod.WEEK
    if delivery == Delivery.NONE:
        return Status.INBOX_ONLY, ""
    return Status.PENDING, ""


def notify_many(messages: Iterable[Message], *, batch_size: int = 2000) -> int:
    """Write many messages in one query, skipping those already written.

    On PostgreSQL and SQLite the messages travel as arrays (or one JSON document)
    in a single ``INSERT … SELECT … ON CONFLICT DO NOTHING``, so the number of
    queries does not grow with the number of messages. Each starts in the state the
    recipient's setting for its kind asks for (one query per optional kind).
    Delivery is requested once, after the surrounding transaction commits. Returns
    how many messages were offered (those already written are skipped by the
    database).
    """
    messages = list(messages)
    settings_by_kind: dict[str, dict[int, str]] = {
        kind: delivery_for({m.recipient_id for m in messages if m.kind == kind}, kind)
        for kind in {m.kind for m in messages}
    }
    rows = [
        (
            m.recipient_id,
            m.kind,
            m.occasion[:120],
            m.content_type_id,
            m.object_id,
            json.dumps(m.context, cls=DjangoJSONEncoder),
            *_initial_state(
                settings_by_kind[m.kind].get(m.recipient_id, Delivery.IMMEDIATE)
            ),
        )
        for m in messages
    ]
    if not rows:
        return 0
    connection = connections[router.db_for_write(Notification)]
    if connection.vendor in ("postgresql", "sqlite"):
        _insert_ignoring_existing(connection, rows)
    else:
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient_id=r,
                    kind=k,
                    occasion=o,
                    content_type_id=ct,
                    object_id=oid,
                    context=json.loads(c),
                    status=st,
                    digest_period=dp,
                )
                for r, k, o, ct, oid, c, st, dp in rows
            ],
            batch_size=batch_size,
            ignore_conflicts=True,
        )
    if any(row[6] == Status.PENDING for row in rows):
        request_delivery()
    return len(rows)


def delivery_for(recipient_ids: set[int], kind: str) -> dict[int, str]:
    """How those of ``recipient_ids`` who changed the default receive ``kind``
    (``Delivery``); a person not in the result receives it by e-mail at once.

    Only the kinds registered in ``optional_notifications`` can be changed (one
    query for them, none for the others): a statutory notice goes to everyone at
    once whatever rows the settings table holds.
    """
    if not recipient_ids or kind not in optional_notifications:
        return {}
    return dict(
        NotificationPreference.objects.filter(user_id__in=recipient_ids, kind=kind)
        .exclude(delivery=Delivery.IMMEDIATE)
        .values_list("user_id", "delivery")
    )


def delivery(user: Any, kind: str) -> str:
    """How ``user`` receives messages of ``kind`` by e-mail (``Delivery``)."""
    return delivery_for({user.pk}, kind).get(user.pk, Delivery.IMMEDIATE)


def wants(user: Any, kind: str) -> bool:
    """Whether ``user`` receives messages of ``kind`` by e-mail (at once or in a
    digest)."""
    return delivery(user, kind) != Delivery.NONE


def _insert_ignoring_existing(connection: Any, rows: list[tuple[Any, ...]]) -> None:
    meta = Notification._meta
    qn = connection.ops.quote_name
    column = {f.name: f.column for f in meta.concrete_fields}
    columns = ", ".join(
        qn(column[name])
        for name in (
            "recipient",
            "kind",
            "occasion",
            "content_type",
            "object_id",
            "context",
            "created_at",
            "next_attempt_at",
            "attempts",
            "last_error",
            "status",
            "digest_period",
        )
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    if connection.vendor == "postgresql":
        source = (
            "SELECT r, k, o, ct, oid, c::jsonb, %s, %s, 0, '', st, dp FROM unnest("
            "%s::bigint[], %s::text[], %s::text[], %s::integer[], %s::bigint[], "
            "%s::text[], %s::text[], %s::text[]"
            ") AS t(r, k, o, ct, oid, c, st, dp)"
        )
        params: list[Any] = [
            now,
            now,
            *(list(column) for column in zip(*rows, strict=True)),
        ]
    else:
        source = (
            "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'),"
            " json_extract(value, '$[2]'), json_extract(value, '$[3]'),"
            " json_extract(value, '$[4]'), json_extract(value, '$[5]'),"
            " %s, %s, 0, '', json_extract(value, '$[6]'), json_extract(value, '$[7]')"
            " FROM json_each(%s) WHERE true"
        )
        params = [now, now, json.dumps(rows)]
    sql = f"INSERT INTO {qn(meta.db_table)} ({columns}) {source} ON CONFLICT DO NOTHING"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def request_delivery() -> None:
    """Ask a worker, after commit, to deliver what is pending.

    A broker outage only delays it: the periodic sweep delivers what waits.
    """
    from .tasks import deliver_pending_notifications_task

    enqueue(deliver_pending_notifications_task)


def pending() -> models.QuerySet[Notification]:
    """The messages due now: waiting, and not postponed by a back-off."""
    return Notification.objects.filter(
        status=Status.PENDING, next_attempt_at__lte=timezone.now()
    )


def deliver_pending(*, limit: int | None = None) -> int:
    """Deliver one batch of due notifications; returns how many were sent.

    First settles the claims of deliveries that died (:func:`settle_stale_claims`).
    Rows are claimed with ``SKIP LOCKED`` so that several workers and the sweep never
    send the same message twice.
    """
    return _deliver_batch(SWEEP_BATCH if limit is None else limit)[1]


def deliver_all_pending(
    *, batch: int | None = None, max_seconds: float | None = None
) -> tuple[int, bool]:
    """Deliver batch after batch until nothing is due or ``max_seconds`` have passed.

    Returns how many were sent and whether due messages are left (the task then
    queues itself again, so one run stays well within the broker's visibility
    timeout). A batch in which nothing could be claimed ends the run: what is still
    due is being taken by another worker.
    """
    size = SWEEP_BATCH if batch is None else batch
    deadline = time.monotonic() + (
        SWEEP_SECONDS if max_seconds is None else max_seconds
    )
    sent = 0
    while True:
        claimed, done = _deliver_batch(size)
        sent += done
        if claimed == 0 or not pending().exists():
            return sent, False
        if time.monotonic() >= deadline:
            return sent, True


def _deliver_batch(limit: int) -> tuple[int, int]:
    settle_stale_claims()
    ids = list(
        pending().order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]
    )
    claimed = sent = 0
    for pk in ids:
        outcome = _deliver(pk)
        claimed += outcome is not None
        sent += bool(outcome)
    return claimed, sent


def deliver(pk: int) -> bool:
    """Send one notification if it is still due; at most once, whatever fails.

    Three steps, each recorded before the next begins:

    1. the row is claimed (``sending``, a new ``attempt_id``) and committed;
    2. the message, with a ``Message-ID`` derived from the row, goes to the mail
       server; if the server refuses it or cannot be reached, the message is known
       not to be sent: the row waits again with an exponential back-off;
    3. once the server accepted it, the row is recorded ``sent``.

    A delivery that dies between 1 and 3 leaves the row ``sending``; the sweep
    marks it ``uncertain`` after ``NOTIFICATION_SENDING_TIMEOUT`` and never sends
    it again by itself (unless ``NOTIFICATION_UNCERTAIN_RESEND``). Returns whether
    the message was sent now.
    """
    return bool(_deliver(pk))


def _deliver(pk: int) -> bool | None:
    """Whether the message was sent; ``None`` when it was not due or is held."""
    notification = _claim(pk)
    if notification is None:
        return None
    attempt = notification.attempt_id
    delivery_step.send(Notification, step="claimed", notification=notification)
    try:
        email = render_email(notification)
        email.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - refused or unreachable: not sent.
        _back_off(notification, exc)
        return False
    delivery_step.send(Notification, step="accepted", notification=notification)
    # Filtered on the attempt, not the state: a row marked uncertain meanwhile was
    # sent after all, and says so.
    sent = {"status": Status.SENT, "sent_at": timezone.now(), "last_error": ""}
    if notification.context.get("erase_when_sent"):
        # The text may hold a link that logs the person in: only its subject stays.
        sent["context"] = {"subject": notification.context.get("subject", "")}
    Notification.objects.filter(pk=pk, attempt_id=attempt).update(**sent)
    return True


def _claim(pk: int) -> Notification | None:
    # A commit of its own (``durable``: refused inside another transaction), so the
    # claim is stored before the mail server hears of the message.
    with transaction.atomic(durable=True):
        # Lock only the outbox row (``of=("self",)``): the recipient's row stays free,
        # and PostgreSQL refuses to lock the nullable side of the content-type join.
        # A row that another worker holds, has sent or has just postponed is skipped.
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=pk, status=Status.PENDING, next_attempt_at__lte=timezone.now())
            .select_related("recipient", "content_type")
            .first()
        )
        if notification is None:
            return None
        notification.status = Status.SENDING
        notification.claimed_at = timezone.now()
        notification.attempt_id = uuid.uuid4()
        notification.attempts += 1
        notification.save(
            update_fields=["status", "claimed_at", "attempt_id", "attempts"]
        )
        delivery_step.send(Notification, step="claiming", notification=notification)
    return notification


def _back_off(notification: Notification, exc: Exception) -> None:
    backoff = min(timedelta(minutes=2**notification.attempts), MAX_BACKOFF)
    Notification.objects.filter(
        pk=notification.pk, attempt_id=notification.attempt_id, status=Status.SENDING
    ).update(
        status=Status.PENDING,
        next_attempt_at=timezone.now() + backoff,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
    )
    logger.warning("Notification %s not delivered: %s", notification.pk, exc)


def settle_stale_claims() -> int:
    """Settle the rows left ``sending`` longer than ``NOTIFICATION_SENDING_TIMEOUT``.

    Such a delivery died after its claim (a killed worker, a lost database
    connection): the mail server may have accepted the message. Each row becomes
    ``uncertain``, with a log line, for a clerk to decide; with
    ``NOTIFICATION_UNCERTAIN_RESEND`` it waits to be sent again instead (under the
    same ``Message-ID``). Returns how many rows were settled.
    """
    cutoff = timezone.now() - timedelta(seconds=settings.NOTIFICATION_SENDING_TIMEOUT)
    stale = list(
        Notification.objects.filter(
            status=Status.SENDING, claimed_at__lt=cutoff
        ).values_list("pk", "attempt_id", "claimed_at")
    )
    resend = settings.NOTIFICATION_UNCERTAIN_RESEND
    settled = 0
    for pk, attempt, claimed_at in stale:
        changes: dict[str, Any] = (
            {"status": Status.PENDING, "next_attempt_at": timezone.now()}
            if resend
            else {"status": Status.UNCERTAIN}
        )
        if not Notification.objects.filter(
            pk=pk, status=Status.SENDING, attempt_id=attempt
        ).update(**changes):
            continue
        settled += 1
        logger.warning(
            "Notification %s was claimed for sending at %s (attempt %s) and not "
            "recorded as sent: %s",
            pk,
            claimed_at,
            attempt,
            "it waits to be sent again" if resend else "marked uncertain, not resent",
        )
    return settled


def notification_mark_sent(
    *, notification: Notification, actor: Any, note: str = ""
) -> Notification:
    """A clerk confirms that an uncertain message did reach its recipient.

    Raises :class:`TransitionNotAllowed` unless the message is uncertain; audited.
    """
    return transition(
        notification,
        transitions=TRANSITIONS,
        to=Status.SENT,
        actor=actor,
        note=note,
        changes={"sent_at": timezone.now()},
    )


def notification_send_again(
    *, notification: Notification, actor: Any, note: str = ""
) -> Notification:
    """A clerk has an uncertain message sent again (under the same ``Message-ID``).

    Raises :class:`TransitionNotAllowed` unless the message is uncertain; audited.
    Delivery is requested after commit.
    """
    with transaction.atomic():
        transition(
            notification,
            transitions=TRANSITIONS,
            to=Status.PENDING,
            actor=actor,
            note=note,
            changes={"next_attempt_at": timezone.now()},
        )
        request_delivery()
    return notification


_SERVICES = "cooperation.core.notifications."

# The life of an outbox row. The portal takes the first four by itself, in bulk and
# without audit records (``deliver``, ``settle_stale_claims``); a clerk settles an
# uncertain message, recorded in its audit trail.
TRANSITIONS = Workflows(
    Workflow(
        Notification,
        Transition("claim", Status.PENDING, Status.SENDING, _("Claim"), who=(PORTAL,)),
        Transition(
            "record_sent",
            Status.SENDING,
            Status.SENT,
            _("Record as sent"),
            who=(PORTAL,),
        ),
        Transition(
            "back_off", Status.SENDING, Status.PENDING, _("Try later"), who=(PORTAL,)
        ),
        Transition(
            "settle",
            Status.SENDING,
            Status.UNCERTAIN,
            _("Mark as uncertain"),
            who=(PORTAL,),
        ),
        Transition(
            "digest",
            Status.DEFERRED,
            Status.DIGESTED,
            _("Include in a digest"),
            who=(PORTAL,),
        ),
        Transition(
            "send_now",
            Status.DEFERRED,
            Status.PENDING,
            _("Send at once"),
            who=(PORTAL,),
        ),
        Transition(
            "keep_on_portal",
            (Status.DEFERRED, Status.PENDING),
            Status.INBOX_ONLY,
            _("Keep on the portal only"),
            who=(PORTAL,),
        ),
        Transition(
            "mark_sent",
            Status.UNCERTAIN,
            Status.SENT,
            _("Mark as sent"),
            inputs=(NOTE,),
            service=_SERVICES + "notification_mark_sent",
        ),
        Transition(
            "send_again",
            Status.UNCERTAIN,
            Status.PENDING,
            _("Send again"),
            inputs=(NOTE,),
            service=_SERVICES + "notification_send_again",
        ),
        initial=(Status.PENDING, Status.DEFERRED, Status.INBOX_ONLY),
    )
)


def message_id(notification: Notification) -> str:
    """The ``Message-ID`` of a notification's e-mail: the same on every attempt, so a
    message sent twice is recognisable as one."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<notification-{notification.pk}@{domain}>"


def render_email(notification: Notification) -> EmailMultiAlternatives:
    """Build the e-mail of a notification in its recipient's language."""
    recipient = notification.recipient
    app, _sep, name = notification.kind.partition(".")
    base = f"{app}/emails/{name}"
    obj = notification.content_object if notification.content_type_id else None
    context = {
        **readable_dates(notification.context),
        "object": obj,
        "recipient": recipient,
        "site_url": settings.SITE_URL,
        "municipality": settings.MUNICIPALITY_NAME,
    }
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{base}.subject.txt", context).split())
        body = render_to_string(f"{base}.body.txt", context)
    return EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        # A message to one of the person's other addresses (a new one to confirm)
        # names it; every other message goes to the account's address.
        to=[notification.context.get("to") or recipient.email],
        headers={
            "Message-ID": message_id(notification),
            "X-Portal-Notification": str(notification.pk),
        },
    )


_ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def readable_dates(value: Any) -> Any:
    """Dates the context kept as ISO strings, as dates again.

    A notification's context is stored as JSON, so a datetime passed to ``notify``
    comes back as "2026-11-27T05:54:44+01:00". As a datetime again, templates show
    it the way people read dates, in the portal's time zone and the recipient's
    language ("27 listopada 2026, 05:54").
    """
    if isinstance(value, dict):
        return {key: readable_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [readable_dates(item) for item in value]
    if isinstance(value, str):
        if _ISO_DATETIME.match(value):
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                return value
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            return moment
        if _ISO_DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value
    return value


def for_object(obj: models.Model) -> models.QuerySet[Notification]:
    ct = ContentType.objects.get_for_model(type(obj))
    return Notification.objects.filter(Q(content_type=ct) & Q(object_id=obj.pk))


DIGEST_KIND = "cooperation.digest"


# --- The inbox on the portal ---------------------------------------------------------

INBOX_PAGE = 20
# How long a person's count of unread messages is kept; reading a message renews it
# at once, a new message shows within this time.
UNREAD_SECONDS = 60


def _unread_key(user_id: int) -> str:
    return f"inbox-unread:{user_id}"


person_keys.append(_unread_key)


def inbox(user: Any) -> models.QuerySet[Notification]:
    """Every message of ``user``, newest first."""
    # The e-mail of a digest is not a message of its own: its messages are there.
    return (
        Notification.objects.filter(recipient_id=user.pk)
        .exclude(kind=DIGEST_KIND)
        .order_by("-created_at", "-pk")
    )


def unread_count(user: Any) -> int:
    """How many of the person's messages are unread (kept in the cache a minute)."""
    if user is None or not user.is_authenticated:
        return 0
    key = _unread_key(user.pk)
    # Read with the person's records at the start of the request, if it was.
    read, stored = prefetched(user.pk, key)
    if not read:
        stored = _safely_cached(lambda: cache.get(key), None)
    if stored is not None:
        return int(stored)
    count = inbox(user).filter(read_at__isnull=True).count()
    _safely_cached(lambda: cache.set(key, count, UNREAD_SECONDS), None)
    keep_prefetched(user.pk, key, count)
    return count


def _safely_cached(call: Any, default: Any) -> Any:
    try:
        return call()
    except Exception:  # noqa: BLE001 - the count is a help; the cache may be down
        logger.warning("Cache unavailable for the inbox count", exc_info=True)
        return default


@dataclass(frozen=True)
class InboxEntry:
    notification: Notification
    subject: str
    url: str


def inbox_entries(user: Any, notifications: Iterable[Notification]) -> list[InboxEntry]:
    """The messages of ``user``'s inbox page with their subjects (in the page's
    language) and links: rendered once per message and language and kept in the cache,
    the objects read only for the messages not kept (one query per kind of object)."""
    rows = list(notifications)
    for row in rows:
        row.recipient = user
    language = translation.get_language() or settings.LANGUAGE_CODE
    keys = {n.pk: f"inbox-entry:{n.pk}:{language}" for n in rows}
    stored = _safely_cached(lambda: cache.get_many(list(keys.values())), {})
    missing = [n for n in rows if keys[n.pk] not in stored]
    if missing:
        models.prefetch_related_objects(missing, "content_object")
        fresh = {keys[n.pk]: _subject_and_url(n) for n in missing}
        _safely_cached(lambda: cache.set_many(fresh, 24 * 3600), None)
        stored = {**stored, **fresh}
    return [InboxEntry(n, *stored[keys[n.pk]]) for n in rows]


def _subject_and_url(notification: Notification) -> tuple[str, str]:
    app, _sep, name = notification.kind.partition(".")
    obj = notification.content_object if notification.content_type_id else None
    context = {
        **readable_dates(notification.context),
        "object": obj,
        "recipient": notification.recipient,
        "site_url": settings.SITE_URL,
        "municipality": settings.MUNICIPALITY_NAME,
    }
    subject = " ".join(
        render_to_string(f"{app}/emails/{name}.subject.txt", context).split()
    )
    url = ""
    if obj is not None and hasattr(obj, "get_absolute_url"):
        url = obj.get_absolute_url()
    return subject, url


def notification_mark_read(*, user: Any, notification: Notification) -> Notification:
    """Mark one of the person's own messages as read (again: nothing changes)."""
    if notification.recipient_id != user.pk:
        raise PermissionDeniedError(str(_("This message is not yours.")))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        _safely_cached(lambda: cache.delete(_unread_key(user.pk)), None)
        forget_prefetched(user.pk, _unread_key(user.pk))
    return notification


def notifications_mark_all_read(*, user: Any) -> int:
    """Mark every unread message of the person as read; how many were."""
    count = inbox(user).filter(read_at__isnull=True).update(read_at=timezone.now())
    _safely_cached(lambda: cache.delete(_unread_key(user.pk)), None)
    forget_prefetched(user.pk, _unread_key(user.pk))
    return count
