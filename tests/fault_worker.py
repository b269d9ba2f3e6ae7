"""The portal's Celery app for fault tests: a delivery dies or waits at a chosen step.

A worker started with ``celery -A tests.fault_worker`` runs the portal's tasks as
usual; its environment names the step of ``cooperation.core.notifications.deliver``
at which it misbehaves, once:

* ``PORTAL_FAULT_STEP``: ``claiming`` (the claim written, not committed),
  ``claimed`` (committed, the mail server not yet asked) or ``accepted`` (the
  server took the message, ``sent`` not yet recorded); or ``digest-built`` (a
  digest and its messages written by ``cooperation.core.digests.digest_build``,
  not committed);
* ``PORTAL_FAULT_ACTION``: ``kill`` (SIGKILL of the worker itself) or ``pause``
  (wait until the file ``PORTAL_FAULT_RELEASE`` exists);
* ``PORTAL_FAULT_MARKER``: a file written with the notification's id when the step
  is reached, before the action.
"""

import os
import signal
import time
from pathlib import Path

from celery.signals import task_prerun

from cooperation.celery import app

__all__ = ["app"]

STEP = os.environ.get("PORTAL_FAULT_STEP", "")
ACTION = os.environ.get("PORTAL_FAULT_ACTION", "kill")
MARKER = os.environ.get("PORTAL_FAULT_MARKER", "")
RELEASE = os.environ.get("PORTAL_FAULT_RELEASE", "")
_done = False


def _at_step(sender, step, notification, **kwargs):
    global _done
    if step != STEP or _done:
        return
    _done = True
    if MARKER:
        Path(MARKER).write_text(str(notification.pk))
    if ACTION == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif ACTION == "pause":
        while not Path(RELEASE).exists():
            time.sleep(0.05)


@task_prerun.connect
def _arm(**kwargs):
    # Connected once Django is set up in the worker (the first task).
    from cooperation.core.digests import digest_step
    from cooperation.core.notifications import delivery_step

    delivery_step.connect(_at_step, dispatch_uid="fault-worker")
    digest_step.connect(_at_step, dispatch_uid="fault-worker-digest")
