"""Background work of the grants app."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from cooperation.core.exceptions import DomainError

from .models import Competition, CompetitionStatus
from .services import competition_close

logger = logging.getLogger(__name__)


@shared_task
def competition_close_due_task() -> int:
    """Close every announced competition whose offer deadline has passed; returns how many."""
    closed = 0
    due = Competition.objects.filter(
        status=CompetitionStatus.ANNOUNCED, offers_deadline__lt=timezone.now()
    )
    for competition in due:
        try:
            competition_close(competition=competition, actor=None)
            closed += 1
        except DomainError:  # closed meanwhile by a clerk
            logger.info("Competition %s was already closed", competition.pk)
    return closed


@shared_task
def small_grant_close_comments_due_task() -> int:
    """Close the comments on every small-grant offer whose 7 days have passed."""
    from .services.small_grants import small_grant_close_comments_due

    return small_grant_close_comments_due()


@shared_task(
    autoretry_for=(OSError,), retry_backoff=60, retry_kwargs={"max_retries": 5}
)
def small_grant_comment_confirmation_task(comment_id: int) -> bool:
    """E-mail a guest the link confirming the address of their comment."""
    from .models import SmallGrantComment
    from .services.small_grants import send_comment_confirmation

    comment = SmallGrantComment.objects.select_related("offer").filter(pk=comment_id)
    found = comment.first()
    return send_comment_confirmation(found) if found is not None else False
