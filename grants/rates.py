"""The rates of interest on tax arrears that migration 0016 seeds, restored after a
``flush`` (which empties the table and sends ``post_migrate``) so that interest on an
old case is always computed with the rate then in force."""

from __future__ import annotations

import importlib
from typing import Any

from django.db import connections

from .models import TaxInterestRate


def restore_tax_interest_rates(
    sender: Any, using: str = "default", **kwargs: Any
) -> None:
    table = TaxInterestRate._meta.db_table
    if table not in connections[using].introspection.table_names():
        return  # migrated back before the rates existed
    rates = TaxInterestRate.objects.using(using)
    if rates.exists():
        return
    seeded = importlib.import_module("grants.migrations.0016_reports")
    rates.bulk_create(
        TaxInterestRate(
            valid_from=valid_from,
            rate=rate,
            source="Obwieszczenie Ministra Finansów (M.P.)",
        )
        for valid_from, rate in seeded.RATES
    )
