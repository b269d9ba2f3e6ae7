from celery import shared_task

from . import notifications, reminders
from .background import enqueue


@shared_task(
    name="cooperation.tasks.deliver_pending_notifications_task", ignore_result=True
)
def deliver_pending_notifications_task() -> int:
    """Deliver every due notification (also the periodic outbox sweep).

    Works through the outbox batch after batch; after about two minutes it queues
    itself again if messages are still due, so a large sweep is delivered whole
    without waiting for the next trigger.
    """
    sent, left = notifications.deliver_all_pending()
    if left:
        enqueue(deliver_pending_notifications_task)
    return sent


@shared_task(name="cooperation.tasks.deliver_notification_task", ignore_result=True)
def deliver_notification_task(pk: int) -> bool:
    """Deliver one notification if it is still unsent."""
    return notifications.deliver(pk)


@shared_task(name="cooperation.tasks.build_digests_task", ignore_result=True)
def build_digests_task() -> int:
    """Build the daily and weekly digests that are due (one per person and period,
    however often it runs) and queue their e-mails."""
    from .digests import build_digests

    return build_digests()


@shared_task(name="cooperation.tasks.sweep_reminders_task", ignore_result=True)
def sweep_reminders_task() -> int:
    """Write the deadline reminders that are due and queue their delivery."""
    return reminders.sweep_reminders()


@shared_task(name="cooperation.tasks.render_document_task", ignore_result=True)
def render_document_task(
    pk: int, *, lang: str | None = None, context: dict | None = None
) -> None:
    """Render a stored document (a long PDF) and keep its file.

    A failure is recorded on the document (status ``failed``) and is not retried
    here: the next request for the document queues it again.
    """
    from .models import GeneratedDocument
    from .pdf import render_document

    if not GeneratedDocument.objects.filter(
        pk=pk, status__in=["pending", "rendering", "failed"]
    ).exists():
        return
    try:
        render_document(pk, context=context, lang=lang)
    except Exception:  # noqa: BLE001 - recorded on the row by render_document.
        return
