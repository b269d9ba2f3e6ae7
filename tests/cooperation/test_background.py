import socket
import time

import pytest

from cooperation.core import background
from cooperation.core.background import enqueue
from cooperation.core.tasks import deliver_pending_notifications_task

pytestmark = pytest.mark.django_db


def test_a_task_is_sent_only_after_the_commit(
    monkeypatch, django_capture_on_commit_callbacks, tasks_on_a_worker
):
    sent = []
    monkeypatch.setattr(
        deliver_pending_notifications_task,
        "apply_async",
        lambda args, kwargs: sent.append((args, kwargs)),
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue(deliver_pending_notifications_task, 7, lang="pl")
    assert sent == []

    for callback in callbacks:
        callback()
    assert sent == [((7,), {"lang": "pl"})]


def test_after_a_broker_failure_no_request_tries_again_within_the_window(
    monkeypatch, django_capture_on_commit_callbacks, tasks_on_a_worker, caplog
):
    tries, failures = [], []

    def broker_down(args, kwargs):
        tries.append(args)
        raise ConnectionError("broker down")

    monkeypatch.setattr(deliver_pending_notifications_task, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            enqueue(
                deliver_pending_notifications_task,
                on_failure=lambda: failures.append(1),
            )

    assert len(tries) == 1
    assert len(failures) == 5
    assert caplog.text.count("Broker unavailable") == 5
    assert caplog.text.count("nothing is sent to the broker") == 1

    later = time.monotonic() + 31
    monkeypatch.setattr(background.time, "monotonic", lambda: later)
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(deliver_pending_notifications_task)
    assert len(tries) == 2


def test_a_broker_that_does_not_answer_holds_a_request_a_few_seconds_at_most(
    django_capture_on_commit_callbacks, real_broker, caplog
):
    with socket.socket() as silent:
        # Accepts connections (the kernel's backlog) and never answers.
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        real_broker(f"redis://127.0.0.1:{silent.getsockname()[1]}/0")

        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            enqueue(deliver_pending_notifications_task)
        first = time.monotonic() - started
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            enqueue(deliver_pending_notifications_task)
        second = time.monotonic() - started

    assert first < 4
    assert second < 0.1
    assert "Broker unavailable" in caplog.text
