"""The trend of the index as an inline SVG line chart (the same numbers are in a table)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .selectors import YearResult

WIDTH = 640
HEIGHT = 280
LEFT, RIGHT, TOP, BOTTOM = 48, 24, 24, 40
# The first and the last year stand this far inside the axes, clear of their labels.
INSET = 36


def _at(value: float) -> str:
    """A coordinate as SVG takes it: a dot, whatever the language of the page."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    year: int
    value: Decimal


@dataclass(frozen=True)
class Tick:
    y: str
    label: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: list[Point]
    ticks: list[Tick]
    left: str
    label_x: str
    right: str
    bottom: str

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)


def trend_chart(results: list[YearResult]) -> Chart | None:
    """Positions of the overall index per year on the scale of the latest version."""
    shown = [r for r in results if r.overall is not None]
    if not shown:
        return None
    low = min(r.scale_min for r in shown)
    high = max(r.scale_max for r in shown)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / (high - low))

    span = plot_w - 2 * INSET
    step = span / max(len(shown) - 1, 1)
    points = [
        Point(
            x=_at(LEFT + INSET + (step * i if len(shown) > 1 else span / 2)),
            y=_at(y_of(float(r.overall))),  # type: ignore[arg-type]
            year=r.year,
            value=r.overall,  # type: ignore[arg-type]
        )
        for i, r in enumerate(shown)
    ]
    ticks = [Tick(y=_at(y_of(v)), label=v) for v in range(low, high + 1)]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        ticks=ticks,
        left=_at(LEFT),
        label_x=_at(LEFT - 8),
        right=_at(WIDTH - RIGHT),
        bottom=_at(HEIGHT - BOTTOM),
    )
