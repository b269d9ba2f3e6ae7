from celery import shared_task

from . import datasets


@shared_task(name="cooperation.api.tasks.refresh_datasets_task", ignore_result=True)
def refresh_datasets_task(slug: str | None = None) -> list[str]:
    """Build again the open-data files whose data changed (also the periodic check)."""
    return datasets.refresh(slug)
