"""Charts of the report as inline SVG: vector graphics in the page and in the PDF.

A chart is drawn from the same rows as the table printed beside it, so the numbers a
reader sees in the table are the bars' lengths. The SVG is built from escaped text
only; it loads nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import count
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Colours told apart also by people with the common colour-vision deficiencies
# (Okabe and Ito), each darker than 3:1 against white.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000")
_ids = count(1)


@dataclass
class Series:
    label: str
    values: Sequence[Decimal | int]


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: Any) -> str:
    return (
        f"{Decimal(value):,.2f}".replace(",", " ").replace(".", ",").removesuffix(",00")
    )


def bar_chart(
    *, title: str, categories: Sequence[str], series: Sequence[Series], width: int = 640
) -> SafeString:
    """Horizontal bars, one group per category and one bar per series, with a legend."""
    uid = f"chart-{next(_ids)}"
    label_width = 210
    bar_height = 12
    gap = 10
    legend_height = 22 * len(series) if series else 0
    group = bar_height * max(len(series), 1) + gap
    height = legend_height + group * max(len(categories), 1) + 10
    plot = width - label_width - 80
    largest = max(
        (Decimal(v) for s in series for v in s.values), default=Decimal(0)
    ) or Decimal(1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        f'aria-labelledby="{uid}-t" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        f'<title id="{uid}-t">{escape(title)}</title>',
    ]
    for i, s in enumerate(series):
        y = 4 + 22 * i
        colour = COLOURS[i % len(COLOURS)]
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="14" height="14" fill="{colour}"/>'
            f'<text x="{label_width + 20}" y="{y + 12}" font-size="12">'
            f"{escape(s.label)}</text>"
        )
    for c, category in enumerate(categories):
        top = legend_height + group * c
        parts.append(
            f'<text x="{label_width - 6}" y="{top + bar_height + 2}" '
            f'font-size="11" text-anchor="end">{escape(_short(category))}</text>'
        )
        for i, s in enumerate(series):
            value = Decimal(s.values[c] if c < len(s.values) else 0)
            length = float(value / largest) * plot if largest else 0.0
            y = top + bar_height * i
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{length:.1f}" '
                f'height="{bar_height - 2}" fill="{COLOURS[i % len(COLOURS)]}"/>'
                f'<text x="{label_width + length + 4:.1f}" y="{y + bar_height - 3}" '
                f'font-size="10">{escape(_number(value))}</text>'
            )
    parts.append(
        f'<line x1="{label_width}" y1="{legend_height}" x2="{label_width}" '
        f'y2="{height - 6}" stroke="#333" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above
