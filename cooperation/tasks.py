from celery import shared_task

from . import notifications, reminders


@shared_task(ignore_result=True)
def deliver_pending_notifications_task() -> int:
    """Deliver every due notification (also the periodic outbox sweep)."""
    return notifications.deliver_pending()


@shared_task(ignore_result=True)
def deliver_notification_task(pk: int) -> bool:
    """Deliver one notification if it is still unsent."""
    return notifications.deliver(pk)


@shared_task(ignore_result=True)
def sweep_reminders_task() -> int:
    """Write the deadline reminders that are due and queue their delivery."""
    return reminders.sweep_reminders()
