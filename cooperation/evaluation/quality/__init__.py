"""The cooperation quality index (LIJW): what other parts of the portal include.

``results_for(year)`` gives the published results of one year (areas, indicators,
the overall index), ``trend()`` every published year: what the annual report on the
programme shows of the index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .selectors import YearResult


def results_for(year: int) -> YearResult | None:
    """The published results of ``year``'s quality assessment, or ``None``."""
    from .selectors import year_result

    return year_result(year)


def trend() -> list[YearResult]:
    """The published results of every year, oldest first."""
    from .selectors import published_results

    return published_results()
