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


def test_broker_outage_only_delays_delivery(
    resident,
    mailoutbox,
    monkeypatch,
    caplog,
    django_capture_on_commit_callbacks,
    tasks_on_a_worker,
):
    from cooperation.core.tasks import deliver_pending_notifications_task

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(deliver_pending_notifications_task, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notify(resident, "cooperation.message", occasion="later")
    assert "Broker unavailable" in caplog.text
    assert mailoutbox == []
    monkeypatch.undo()

    assert deliver_pending() == 1
    assert len(mailoutbox) == 1


def test_notification_about_an_object(resident, clerk, mailoutbox):
    notification = notify(resident, "cooperation.message", occasion="about", obj=clerk)
    assert notification.content_object == clerk
    assert list(notifications.for_object(clerk)) == [notification]
    assert deliver_pending() == 1


def test_every_message_carries_a_message_id_derived_from_its_row(
    resident, mailoutbox, settings
):
    settings.SITE_URL = "https://portal.radlin.example"
    notification = notify(resident, "cooperation.message", occasion="id")

    assert deliver_pending() == 1

    expected = f"<notification-{notification.pk}@portal.radlin.example>"
    assert mailoutbox[0].message()["Message-ID"] == expected
    assert notifications.render_email(notification).extra_headers["Message-ID"] == (
        expected
    )


@pytest.mark.django_db(transaction=True)
def test_the_claim_is_committed_before_the_mail_server_is_asked(mailoutbox):
    from django.db import connection

    user = UserFactory(email="claim@example.org")
    seen = []

    def at_step(sender, step, notification, **kwargs):
        if step == "claimed":
            row = Notification.objects.get(pk=notification.pk)
            seen.append((row.status, row.attempt_id, connection.in_atomic_block))

    notifications.delivery_step.connect(at_step)
    try:
        # Outside a transaction: delivered at once, in-process.
        notification = notify(user, "cooperation.message", occasion="claim")
    finally:
        notifications.delivery_step.disconnect(at_step)

    notification.refresh_from_db()
    # Read back from the database while the message was on its way: claimed, with
    # an attempt id, and outside any transaction (committed).
    assert seen == [("sending", notification.attempt_id, False)]
    assert notification.attempt_id is not None
    assert notification.status == Notification.Status.SENT
    assert notification.sent_at is not None


def _failing_record_of_sent(execute, sql, params, many, context):
    """The database refuses the update that records a message as sent."""
    if sql.startswith('UPDATE "cooperation_notification"') and '"sent_at"' in sql:
        from django.db import OperationalError

        raise OperationalError("connection lost")
    return execute(sql, params, many, context)


@pytest.mark.django_db(transaction=True)
def test_a_message_accepted_but_not_recorded_is_never_sent_again_by_itself(
    mailoutbox, settings, caplog
):
    from django.db import connection

    settings.NOTIFICATION_SENDING_TIMEOUT = 600
    notification = Notification.objects.create(
        recipient=UserFactory(), kind="cooperation.message", occasion="lost-commit"
    )
    with connection.execute_wrapper(_failing_record_of_sent):
        with pytest.raises(Exception, match="connection lost"):
            deliver_pending()
    assert len(mailoutbox) == 1

    # Later sweeps, before and after the sending timeout, do not send it again.
    assert deliver_pending() == 0
    with time_machine.travel(timezone.now() + timedelta(seconds=601)):
        assert deliver_pending() == 0
        assert deliver_pending() == 0
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.UNCERTAIN
    assert notification.sent_at is None
    assert f"Notification {notification.pk} was claimed for sending" in caplog.text
    assert "marked uncertain" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_an_uncertain_message_is_sent_again_when_the_setting_allows_it(
    mailoutbox, settings
):
    from django.db import connection

    settings.NOTIFICATION_UNCERTAIN_RESEND = True
    settings.NOTIFICATION_SENDING_TIMEOUT = 60
    notification = Notification.objects.create(
        recipient=UserFactory(), kind="cooperation.message", occasion="resend"
    )
    with connection.execute_wrapper(_failing_record_of_sent):
        with pytest.raises(Exception, match="connection lost"):
            deliver_pending()

    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert deliver_pending() == 1
        assert deliver_pending() == 0
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert len(mailoutbox) == 2
    ids = {m.message()["Message-ID"] for m in mailoutbox}
    assert ids == {notifications.message_id(notification)}


def test_a_refused_message_is_known_not_sent_and_waits_again(
    resident, mailoutbox, monkeypatch
):
    notification = notify(resident, "cooperation.message", occasion="refused")

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    assert deliver(notification.pk) is False
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert notification.attempts == 1


def test_one_sweep_delivers_two_thousand_notifications(mailoutbox):
    from cooperation.core.tasks import deliver_pending_notifications_task

    users = UserFactory.create_batch(4)
    notify_many(
        Message(recipient_id=user.pk, kind="cooperation.message", occasion=f"n:{i}")
        for user in users
        for i in range(500)
    )

    assert deliver_pending_notifications_task() == 2000

    assert len(mailoutbox) == 2000
    assert not notifications.pending().exists()
    assert Notification.objects.filter(status="sent").count() == 2000


def test_a_sweep_out_of_time_queues_itself_again(
    mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    from cooperation.core.tasks import deliver_pending_notifications_task

    user = UserFactory()
    notify_many(
        Message(recipient_id=user.pk, kind="cooperation.message", occasion=f"n:{i}")
        for i in range(30)
    )
    monkeypatch.setattr(notifications, "SWEEP_BATCH", 10)
    monkeypatch.setattr(notifications, "SWEEP_SECONDS", 0)
    runs = []
    original = deliver_pending_notifications_task.run

    def counted():
        runs.append(1)
        return original()

    monkeypatch.setattr(deliver_pending_notifications_task, "run", counted)

    with django_capture_on_commit_callbacks(execute=True):
        deliver_pending_notifications_task.apply()

    assert len(mailoutbox) == 30
    assert len(runs) == 3


@pytest.fixture
def clerk_in_admin(client, clerk):
    """A clerk in the admin (the clerk fixture has the second factor staff need)."""
    client.force_login(clerk)
    return client


def _uncertain(occasion: str) -> Notification:
    return Notification.objects.create(
        recipient=UserFactory(),
        kind="cooperation.message",
        occasion=occasion,
        status=Notification.Status.UNCERTAIN,
        attempts=1,
    )


def test_a_clerk_marks_an_uncertain_message_as_sent_and_it_is_audited(
    clerk_in_admin, clerk, mailoutbox
):
    from django.urls import reverse

    from cooperation.core.workflow import history

    notification = _uncertain("clerk-sent")
    page = clerk_in_admin.get(
        reverse("admin:cooperation_notification_change", args=[notification.pk])
    )
    assert "Oznacz jako wysłane" in page.content.decode()

    response = clerk_in_admin.post(
        reverse(
            "admin:cooperation_notification_transition",
            args=[notification.pk, "mark_sent"],
        ),
        {"note": "Adresat potwierdził telefonicznie."},
    )

    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.sent_at is not None
    [audit] = history(notification)
    assert (audit.from_status, audit.to_status, audit.actor) == (
        "uncertain",
        "sent",
        clerk,
    )
    assert audit.note == "Adresat potwierdził telefonicznie."
    assert deliver_pending() == 0
    assert mailoutbox == []


def test_a_clerk_sends_uncertain_messages_again_from_the_list(
    clerk_in_admin, clerk, mailoutbox, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from cooperation.core.workflow import history

    chosen = [_uncertain("again-1"), _uncertain("again-2")]
    sent = Notification.objects.create(
        recipient=UserFactory(),
        kind="cooperation.message",
        occasion="done",
        status=Notification.Status.SENT,
    )

    with django_capture_on_commit_callbacks(execute=True):
        clerk_in_admin.post(
            reverse("admin:cooperation_notification_changelist"),
            {
                "action": "send_again",
                "_selected_action": [n.pk for n in (*chosen, sent)],
            },
        )

    assert len(mailoutbox) == 2
    for notification in chosen:
        notification.refresh_from_db()
        assert notification.status == Notification.Status.SENT
        assert [(a.to_status, a.actor) for a in history(notification)] == [
            ("pending", clerk)
        ]
    assert history(sent).count() == 0


def test_only_an_uncertain_message_can_be_settled_by_a_clerk(clerk):
    from cooperation.core.exceptions import TransitionNotAllowed

    notification = Notification.objects.create(
        recipient=clerk, kind="cooperation.message", occasion="pending"
    )
    with pytest.raises(TransitionNotAllowed):
        notifications.notification_send_again(notification=notification, actor=clerk)
    with pytest.raises(TransitionNotAllowed):
        notifications.notification_mark_sent(notification=notification, actor=clerk)
