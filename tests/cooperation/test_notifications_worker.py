"""The outbox with a real Celery worker and a real Redis broker.

The worker is a separate process (``tests/processes.py``): it sees the test
database (hence ``transaction=True``: the data is committed) through
``DATABASE_URL`` and sends e-mails to files (``EMAIL_URL=filemail://…``) or to the
test's SMTP sink, which the test reads. ``tests/fault_worker.py`` kills a worker
at a step of a delivery. Skipped without PostgreSQL, Redis or Celery, failing in
CI (``PORTAL_REQUIRE_SERVICES``).
"""

import time
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from cooperation.core.models import Notification
from cooperation.core.notifications import Message, message_id, notify, notify_many
from tests.cooperation.conftest import reset_broker_pools
from tests.cooperation.factories import UserFactory
from tests.processes import wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _mails(directory: Path) -> list[str]:
    """Every message the worker wrote (the file backend appends them to files)."""
    messages = []
    for path in sorted(directory.glob("*")):
        text = path.read_text()
        messages += [part for part in text.split("-" * 79) if "Subject:" in part]
    return messages


@pytest.fixture
def mail_dir(tmp_path) -> Path:
    directory = tmp_path / "mail"
    directory.mkdir()
    return directory


def test_worker_delivers_notification_after_commit(
    postgres, redis_url, real_broker, workers, mail_dir
):
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    real_broker(redis_url)
    worker = workers(redis_url, EMAIL_URL="filemail:///" + str(mail_dir))
    user = UserFactory(email="ewa@example.org", first_name="Ewa", language="en")

    with transaction.atomic():
        notification = notify(
            user,
            "cooperation.message",
            occasion="worker",
            context={"text": "Hello from Celery"},
        )
        # Not before the commit: the worker could not even see the row yet.
        time.sleep(0.5)
        assert _mails(mail_dir) == []

    sent = wait_until(
        lambda: Notification.objects.filter(pk=notification.pk, status="sent").exists()
    )
    assert sent, worker.output()
    mails = _mails(mail_dir)
    assert len(mails) == 1
    assert "Subject: A message from Gmina Radlin" in mails[0]
    assert "Hello from Celery" in mails[0]
    assert "To: ewa@example.org" in mails[0]


def test_broker_outage_delays_delivery_and_the_sweep_sends_once(
    own_redis, real_broker, workers, mail_dir, caplog
):
    from cooperation.core.tasks import deliver_pending_notifications_task

    own_redis.start()
    real_broker(own_redis.url)
    own_redis.stop()
    user = UserFactory(email="jan@example.org", first_name="Jan", language="pl")

    # The event commits although the broker is down; its message waits in the outbox.
    started = time.monotonic()
    with transaction.atomic():
        notification = notify(
            user,
            "cooperation.message",
            occasion="outage",
            context={"text": "Po awarii"},
        )
    assert time.monotonic() - started < 5
    assert "Broker unavailable" in caplog.text
    notification.refresh_from_db()
    assert notification.sent_at is None
    assert Notification.objects.filter(pk=notification.pk).exists()

    # The broker is back: the periodic sweep (as beat sends it) delivers it once.
    own_redis.start()
    reset_broker_pools()
    worker = workers(own_redis.url, EMAIL_URL="filemail:///" + str(mail_dir))
    deliver_pending_notifications_task.delay()
    sent = wait_until(
        lambda: Notification.objects.filter(pk=notification.pk, status="sent").exists()
    )
    assert sent, worker.output()

    # Later sweeps find nothing left to send.
    deliver_pending_notifications_task.delay()
    deliver_pending_notifications_task.delay()
    assert wait_until(lambda: worker.output().count("succeeded") >= 3), worker.output()
    mails = _mails(mail_dir)
    assert len(mails) == 1
    assert "Po awarii" in mails[0]
    notification.refresh_from_db()
    assert notification.attempts == 1


SENDING_TIMEOUT = 3


def _settled(pks: list[int]) -> bool:
    """Whether every notification is delivered or left for a clerk (uncertain)."""
    states = set(
        Notification.objects.filter(pk__in=pks).values_list("status", flat=True)
    )
    return bool(states) and states <= {"sent", "uncertain"}


def _sweep_until_settled(pks: list[int], worker, timeout: float = 90) -> None:
    """Send the periodic sweep (as beat does) until every notification is settled."""
    from cooperation.core.tasks import deliver_pending_notifications_task

    def swept() -> bool:
        deliver_pending_notifications_task.delay()
        return _settled(pks)

    assert wait_until(swept, timeout=timeout, interval=1), worker.output()


@pytest.mark.parametrize(
    ("step", "first_ends", "first_arrived"),
    [
        # Killed inside the claim's transaction: rolled back, the message is sent
        # by the next worker.
        ("claiming", "sent", 0),
        # Claimed and committed, the mail server never asked: perhaps sent as far
        # as the outbox can tell, so left to a clerk.
        ("claimed", "uncertain", 0),
        # The server accepted the message, the worker died before recording it.
        ("accepted", "uncertain", 1),
    ],
)
def test_a_worker_killed_at_any_step_of_a_delivery_sends_nothing_twice(
    step,
    first_ends,
    first_arrived,
    own_redis,
    real_broker,
    workers,
    smtp_sink,
    tmp_path,
):
    own_redis.start()
    real_broker(own_redis.url)
    env = {
        "EMAIL_URL": smtp_sink.url,
        "NOTIFICATION_SENDING_TIMEOUT": str(SENDING_TIMEOUT),
        "CELERY_VISIBILITY_TIMEOUT": "5",
    }
    marker = tmp_path / "reached"
    doomed = workers(
        own_redis.url,
        app="tests.fault_worker",
        PORTAL_FAULT_STEP=step,
        PORTAL_FAULT_ACTION="kill",
        PORTAL_FAULT_MARKER=str(marker),
        **env,
    )
    users = [UserFactory(email=f"osoba{i}@example.org") for i in range(3)]

    with transaction.atomic():
        pks = [
            notify(user, "cooperation.message", occasion=f"kill-{step}").pk
            for user in users
        ]

    assert doomed.wait_dead() == -9, doomed.output()
    first = int(marker.read_text())
    assert first == pks[0]
    assert len(smtp_sink.messages) == first_arrived

    # Another worker takes over; the sweep runs until every message is settled
    # (a claim older than the sending timeout becomes uncertain).
    worker = workers(own_redis.url, **env)
    _sweep_until_settled(pks, worker)
    time.sleep(SENDING_TIMEOUT + 1)
    _sweep_until_settled(pks, worker)

    states = dict(Notification.objects.filter(pk__in=pks).values_list("pk", "status"))
    assert states[first] == first_ends
    assert all(states[pk] == "sent" for pk in pks if pk != first)
    arrived = smtp_sink.message_ids()
    assert all(count == 1 for count in arrived.values()), arrived
    expected = {
        message_id(n)
        for n in Notification.objects.filter(pk__in=pks)
        if n.status == "sent" or n.pk == first and first_arrived
    }
    assert set(arrived) == expected


def test_a_large_sweep_is_delivered_whole_by_a_worker(
    own_redis, real_broker, workers, smtp_sink
):
    own_redis.start()
    real_broker(own_redis.url)
    worker = workers(own_redis.url, EMAIL_URL=smtp_sink.url)
    users = UserFactory.create_batch(4)

    with transaction.atomic():
        notify_many(
            Message(
                recipient_id=user.pk, kind="cooperation.message", occasion=f"big:{i}"
            )
            for user in users
            for i in range(500)
        )

    # One request for delivery after the commit, and no other trigger.
    done = wait_until(
        lambda: Notification.objects.filter(status="sent").count() == 2000,
        timeout=300,
        interval=1,
    )
    assert done, worker.output()[-3000:]
    arrived = smtp_sink.message_ids()
    assert len(arrived) == 2000
    assert set(arrived.values()) == {1}


@pytest.mark.parametrize(
    ("step", "carrier_ends", "arrived"),
    [
        # Killed while the digest and its messages are written, before the commit:
        # nothing of it stays, and the next run builds it whole.
        ("digest-built", "sent", 1),
        # The digest is built and its e-mail claimed; the mail server never asked.
        # Perhaps sent as far as the outbox can tell: left to a clerk, never
        # built or sent again by itself.
        ("claimed", "uncertain", 0),
        # The server accepted the digest, the worker died before recording it.
        ("accepted", "uncertain", 1),
    ],
)
def test_a_worker_killed_while_building_or_sending_a_digest_loses_and_repeats_nothing(
    step, carrier_ends, arrived, own_redis, real_broker, workers, smtp_sink, tmp_path
):
    from datetime import timedelta

    import time_machine

    from cooperation.accounts.services import account_set_notifications
    from cooperation.core.models import Digest
    from cooperation.core.notifications import DIGEST_KIND
    from cooperation.core.tasks import build_digests_task

    own_redis.start()
    real_broker(own_redis.url)
    env = {
        "EMAIL_URL": smtp_sink.url,
        "NOTIFICATION_SENDING_TIMEOUT": str(SENDING_TIMEOUT),
        "CELERY_VISIBILITY_TIMEOUT": "5",
    }
    kind = "grants.competition_announced"
    person = UserFactory(email="zestawienie@example.org", language="pl")
    account_set_notifications(user=person, wanted={kind: "daily"})
    # Written three days ago: the digest of the last ended day takes them.
    with time_machine.travel(timezone.now() - timedelta(days=3)):
        pks = [
            notify(person, kind, occasion=f"digest-{i}", context={"n": i}).pk
            for i in range(3)
        ]
    assert set(
        Notification.objects.filter(pk__in=pks).values_list("status", flat=True)
    ) == {"deferred"}

    marker = tmp_path / "reached"
    doomed = workers(
        own_redis.url,
        app="tests.fault_worker",
        PORTAL_FAULT_STEP=step,
        PORTAL_FAULT_ACTION="kill",
        PORTAL_FAULT_MARKER=str(marker),
        **env,
    )
    build_digests_task.delay()
    assert doomed.wait_dead() == -9, doomed.output()
    assert marker.exists()
    if step == "digest-built":
        # Rolled back: no digest, the messages wait for it still.
        assert not Digest.objects.exists()
        assert set(
            Notification.objects.filter(pk__in=pks).values_list("status", flat=True)
        ) == {"deferred"}

    # Another worker takes over; the beat task and the sweep run until the digest's
    # e-mail is settled (and again after a claim has gone stale).
    worker = workers(own_redis.url, **env)

    def settled() -> bool:
        build_digests_task.delay()
        from cooperation.core.tasks import deliver_pending_notifications_task

        deliver_pending_notifications_task.delay()
        return set(
            Notification.objects.filter(kind=DIGEST_KIND).values_list(
                "status", flat=True
            )
        ) == {carrier_ends}

    assert wait_until(settled, timeout=90, interval=1), worker.output()
    time.sleep(SENDING_TIMEOUT + 1)
    assert wait_until(settled, timeout=90, interval=1), worker.output()
    for _ in range(3):
        build_digests_task.delay()
    assert wait_until(lambda: worker.output().count("succeeded") >= 6), worker.output()

    digest = Digest.objects.get(user=person)
    carrier = Notification.objects.get(kind=DIGEST_KIND)
    assert carrier.status == carrier_ends
    assert Digest.objects.count() == 1
    # Every message is in the one digest: none lost, none left waiting.
    assert set(
        Notification.objects.filter(pk__in=pks).values_list("status", "digest_id")
    ) == {("digested", digest.pk)}
    received = [m for m in smtp_sink.messages if m["To"] == person.email]
    assert len(received) == arrived
    assert set(smtp_sink.message_ids().values()) <= {1}
    if arrived:
        assert received[0]["Message-ID"] == message_id(carrier)
        body = received[0].get_body(("plain",)).get_content()
        assert "3 wiadomości czekały na Ciebie w portalu" in body
