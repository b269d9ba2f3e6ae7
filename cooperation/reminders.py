"""Deadline reminders: one sweep asks every registered provider what is due.

A provider is ``provider(now) -> Iterable[Message]`` registered in
``cooperation.registry.reminder_providers``. Each message carries an occasion key
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
        with transaction.atomic():
            offered = notify_many(provider(now))
        logger.info("Reminders from %s: %s", name, offered)
        total += offered
    return total
