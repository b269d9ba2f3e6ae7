"""The baseline page: what the portal's layout costs without any database query."""

from __future__ import annotations

from typing import Any

from django.shortcuts import render


def baseline(request: Any) -> Any:
    """A 50-row table in the portal's layout, without any database query."""
    rows = [
        {
            "number": i,
            "name": f"Stowarzyszenie Przyjaciół Radlina nr {i}",
            "city": "Radlin",
            "amount": f"{1000 + 37 * i:,}".replace(",", " "),
        }
        for i in range(1, 51)
    ]
    return render(request, "bench/baseline.html", {"rows": rows})
