"""The notifications outbox.

``notify`` writes a :class:`~cooperation.core.models.Notification` in the caller's
transaction and asks for delivery after commit. ``deliver`` sends one message at most
once; the periodic sweep retries what a broker or mail outage left behind, with an
exponential back-off.

A message of kind ``"app.name"`` is rendered from ``templates/app/emails/name.subject.txt``
and ``name.body.txt`` in the recipient's language, with the notification's ``context``,
the ``object`` it is about, the ``recipient``, ``site_url`` and ``municipality``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, router, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=6)
SWEEP_BATCH = 500


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
) -> Notification:
    """Queue one message; a second call for the same occasion changes nothing.

    Delivery is requested after the surrounding transaction commits.
    """
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
        },
    )
    if created:
        transaction.on_commit(request_delivery)
    return notification


def notify_many(messages: Iterable[Message], *, batch_size: int = 2000) -> int:
    """Write many messages in one query, skipping those already written.

    On PostgreSQL and SQLite the messages travel as arrays (or one JSON document)
    in a single ``INSERT … SELECT … ON CONFLICT DO NOTHING``, so the number of
    queries does not grow with the number of messages. Delivery is requested once,
    after the surrounding transaction commits. Returns how many messages were
    offered (those already written are skipped by the database).
    """
    rows = [
        (
            m.recipient_id,
            m.kind,
            m.occasion[:120],
            m.content_type_id,
            m.object_id,
            json.dumps(m.context, cls=DjangoJSONEncoder),
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
                )
                for r, k, o, ct, oid, c in rows
            ],
            batch_size=batch_size,
            ignore_conflicts=True,
        )
    transaction.on_commit(request_delivery)
    return len(rows)


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
        )
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    if connection.vendor == "postgresql":
        source = (
            "SELECT r, k, o, ct, oid, c::jsonb, %s, %s, 0, '' FROM unnest("
            "%s::bigint[], %s::text[], %s::text[], %s::integer[], %s::bigint[], %s::text[]"
            ") AS t(r, k, o, ct, oid, c)"
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
            " %s, %s, 0, '' FROM json_each(%s) WHERE true"
        )
        params = [now, now, json.dumps(rows)]
    sql = f"INSERT INTO {qn(meta.db_table)} ({columns}) {source} ON CONFLICT DO NOTHING"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def request_delivery() -> None:
    """Ask a worker to deliver what is pending; a broker outage only delays it."""
    from .tasks import deliver_pending_notifications_task

    try:
        deliver_pending_notifications_task.delay()
    except Exception:  # noqa: BLE001 - the broker is down; the beat sweep retries.
        logger.warning("Broker unavailable; notifications wait for the next sweep.")


def pending() -> models.QuerySet[Notification]:
    return Notification.objects.filter(
        sent_at__isnull=True, next_attempt_at__lte=timezone.now()
    )


def deliver_pending(*, limit: int = SWEEP_BATCH) -> int:
    """Deliver due notifications; returns how many were sent.

    Rows are claimed with ``SKIP LOCKED`` so that several workers and the sweep never
    send the same message twice.
    """
    sent = 0
    ids = list(
        pending().order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]
    )
    for pk in ids:
        sent += deliver(pk)
    return sent


def deliver(pk: int) -> bool:
    """Send one notification if it is still unsent; record success or back off."""
    with transaction.atomic():
        # Lock only the outbox row (``of=("self",)``): the recipient's row stays free,
        # and PostgreSQL refuses to lock the nullable side of the content-type join.
        # A row that another worker holds, has sent or has just postponed is skipped.
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=pk, sent_at__isnull=True, next_attempt_at__lte=timezone.now())
            .select_related("recipient", "content_type")
            .first()
        )
        if notification is None:
            return False
        try:
            email = render_email(notification)
            email.send(fail_silently=False)
        except Exception as exc:  # noqa: BLE001 - any failure means "try again later".
            notification.attempts += 1
            backoff = min(timedelta(minutes=2**notification.attempts), MAX_BACKOFF)
            notification.next_attempt_at = timezone.now() + backoff
            notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            notification.save(
                update_fields=["attempts", "next_attempt_at", "last_error"]
            )
            logger.warning("Notification %s not delivered: %s", pk, exc)
            return False
        notification.sent_at = timezone.now()
        notification.attempts += 1
        notification.last_error = ""
        notification.save(update_fields=["sent_at", "attempts", "last_error"])
        return True


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
        to=[recipient.email],
        headers={"X-Portal-Notification": str(notification.pk)},
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
    language ("27 listopada 2026 05:54").
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
