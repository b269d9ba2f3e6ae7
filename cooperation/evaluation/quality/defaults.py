"""The default set of the quality index that migration 0001 seeds, restored after a
``flush`` (which empties the tables and sends ``post_migrate``), as the tax-interest
rates of ``grants`` are."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.db import connections

from cooperation.evaluation.models import IndexVersion


def restore_default_set(sender: Any, using: str = "default", **kwargs: Any) -> None:
    if (
        IndexVersion._meta.db_table
        not in connections[using].introspection.table_names()
    ):
        return  # migrated back before the index existed
    if IndexVersion.objects.using(using).exists():
        return
    seeded = importlib.import_module(
        "cooperation.evaluation.migrations.0001_quality_index"
    )
    seeded.default_set(apps, None)
