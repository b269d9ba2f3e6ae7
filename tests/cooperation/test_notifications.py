from datetime import timedelta

import pytest
import time_machine
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from cooperation.core import notifications
from cooperation.core.models import Notification
from cooperation.core.notifications import (
    Message,
    deliver,
    deliver_pending,
    notify,
    notify_many,
)
from tests.conftest import without_cache_bumps
from tests.cooperation.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_notify_is_idempotent_per_recipient_kind_and_occasion(resident):
    first = notify(resident, "cooperation.message", occasion="welcome")
    again = notify(
        resident, "cooperation.message", occasion="welcome", context={"x": 1}
    )
    other_occasion = notify(resident, "cooperation.message", occasion="welcome-2")
    other_kind = notify(resident, "workshops.promoted", occasion="welcome")

    assert first.pk == again.pk
    assert again.context == {}
    assert len({first.pk, other_occasion.pk, other_kind.pk}) == 3
    assert Notification.objects.count() == 3


def test_notify_many_skips_messages_already_written(resident, clerk):
    notify(resident, "cooperation.message", occasion="deadline:1")
    messages = [
        Message(
            recipient_id=resident.pk, kind="cooperation.message", occasion="deadline:1"
        ),
        Message(
            recipient_id=clerk.pk, kind="cooperation.message", occasion="deadline:1"
        ),
    ]

    notify_many(messages)
    notify_many(messages)

    assert Notification.objects.count() == 2


def test_delivery_waits_for_commit(
    resident, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notify(
            resident, "cooperation.message", occasion="news", context={"text": "Nowość"}
        )
        assert mailoutbox == []
    assert mailoutbox == []
    assert len(without_cache_bumps(callbacks)) == 1

    for callback in callbacks:
        callback()

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [resident.email]
    assert "Nowość" in mailoutbox[0].body
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert notification.attempts == 1


def test_rolled_back_event_leaves_no_message(resident, mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(resident, "cooperation.message", occasion="rolled-back")
        raise RuntimeError("the event failed")

    assert not Notification.objects.exists()
    assert deliver_pending() == 0
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("pl", "Wiadomość od: Gmina Radlin", "Dzień dobry,"),
        ("en", "A message from Gmina Radlin", "Hello"),
    ],
)
def test_message_is_rendered_in_recipients_language(
    language, subject, greeting, mailoutbox
):
    user = UserFactory(
        email=f"{language}@example.org", first_name="Ola", language=language
    )
    notify(user, "cooperation.message", occasion="lang")

    assert deliver_pending() == 1

    message = mailoutbox[0]
    assert message.subject == subject
    assert message.body.startswith(f"{greeting} Ola,")
    assert message.extra_headers["X-Portal-Notification"]


def test_failure_backs_off_and_the_sweep_retries(resident, mailoutbox, monkeypatch):
    notification = notify(resident, "cooperation.message", occasion="outage")

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    with monkeypatch.context() as patched:
        patched.setattr(EmailMultiAlternatives, "send", refuse)
        assert deliver_pending() == 0
    notification.refresh_from_db()
    assert notification.sent_at is None
    assert notification.attempts == 1
    assert "mail server down" in notification.last_error
    assert notification.next_attempt_at > timezone.now() + timedelta(minutes=1)

    # Not due yet: the sweep leaves it alone.
    assert deliver_pending() == 0
    assert mailoutbox == []

    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        assert deliver_pending() == 1
        assert deliver_pending() == 0
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert notification.attempts == 2
    assert notification.last_error == ""
    assert len(mailoutbox) == 1


def test_back_off_grows_and_is_capped(resident, monkeypatch):
    notification = notify(resident, "cooperation.message", occasion="long-outage")
    monkeypatch.setattr(
        EmailMultiAlternatives, "send", lambda self, fail_silently=False: 1 / 0
    )
    delays = []
    now = timezone.now()
    for _ in range(12):
        with time_machine.travel(now, tick=False):
            Notification.objects.filter(pk=notification.pk).update(next_attempt_at=now)
            deliver(notification.pk)
        notification.refresh_from_db()
        delays.append(notification.next_attempt_at - now)
    assert delays[0] == timedelta(minutes=2)
    assert delays[1] == timedelta(minutes=4)
    assert delays == sorted(delays)
    assert delays[-1] == notifications.MAX_BACKOFF


def test_each_message_is_sent_exactly_once(resident, mailoutbox):
    notification = notify(resident, "cooperation.message", occasion="once")

    assert deliver(notification.pk) is True
    assert deliver(notification.pk) is False
    assert deliver_pending() == 0

    assert len(mailoutbox) == 1


def test_broker_outage_only_delays_delivery(resident, mailoutbox, monkeypatch, caplog):
    from cooperation.core.tasks import deliver_pending_notifications_task

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(deliver_pending_notifications_task, "delay", broker_down)
    notifications.request_delivery()
    assert "Broker unavailable" in caplog.text
    notify(resident, "cooperation.message", occasion="later")
    monkeypatch.undo()

    assert deliver_pending() == 1
    assert len(mailoutbox) == 1


def test_notification_about_an_object(resident, clerk, mailoutbox):
    notification = notify(resident, "cooperation.message", occasion="about", obj=clerk)
    assert notification.content_object == clerk
    assert list(notifications.for_object(clerk)) == [notification]
    assert deliver_pending() == 1
