"""Deadline reminders: one sweep asks every registered provider what is due.

A provider is ``provider(now) -> Iterable[Message]`` registered in
``cooperation.core.registry.reminder_providers``. Each message carries an occasion key
(e.g. ``"offer-deadline-3d:42"``); the outbox's unique constraint makes running the
sweep twice harmless.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .notifications import notify_many
from .registry import reminder_providers

logger = logging.getLogger(__name__)


def sweep_reminders(*, now: datetime | None = None) -> int:
    """Write the reminders that are due now; returns how many were offered."""
    now = now or timezone.now()
    total = 0
    for name, provider in reminder_providers.items():
        # One app's failure must not hold back the reminders of the others; its
        # reminders are written by the next sweep once it is fixed.
        try:
            with transaction.atomic():
                offered = notify_many(provider(now))
        except Exception:
            logger.exception("Reminder provider %s failed", name)
            continue
        logger.info("Reminders from %s: %s", name, offered)
        total += offered
    return total
