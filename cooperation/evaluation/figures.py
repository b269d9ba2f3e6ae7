"""The report's figures: computed from the catalogue of measures, then laid out as tables.

:func:`compute_figures` gives plain JSON data (kept on the report when it is
submitted); :func:`report_tables` lays it out, with the clerk's corrections, as the
tables that the page, the PDF and the CSV/XLSX files show alike. A total is the sum
of the rows above it as corrected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.programme.models import Priority, Programme

from . import measures
from .models import AnnualReport, ProgrammeIndicator, ReportFigure

# The columns of the tables per priority task and per sphere, in their order.
PRIORITY_COLUMNS: list[tuple[str, Any, str]] = [
    ("planned_in_programme", gettext_lazy("Planned in the programme"), "PLN"),
    ("competitions_announced", gettext_lazy("Competitions announced"), "count"),
    ("offers_received", gettext_lazy("Offers received"), "count"),
    ("joint_offers_received", gettext_lazy("of which joint"), "count"),
    ("offers_chosen", gettext_lazy("Offers chosen"), "count"),
    ("funds_planned", gettext_lazy("Announced in competitions"), "PLN"),
    ("funds_granted", gettext_lazy("Granted"), "PLN"),
    ("funds_transferred", gettext_lazy("Transferred"), "PLN"),
    ("funds_used", gettext_lazy("Used"), "PLN"),
    ("funds_returned", gettext_lazy("Returned"), "PLN"),
]
NONFINANCIAL = [
    "patronages_granted",
    "premises_lent",
    "premises_hours",
    "equipment_lent",
    "promotions_published",
    "joint_teams",
    "joint_team_meetings",
    "council_opinions",
]
# Small grants (art. 19a) and local initiatives (art. 19b); their amounts are in the
# table of priorities with the competitions' (a small grant's contract is a grant).
MODES = [
    "small_grants_received",
    "small_grants_contracted",
    "local_initiatives_received",
    "local_initiatives_accepted",
]
CONSULTATIONS = ["consultations_held", "comments_received", "comments_accepted"]
ORGANISATIONS = ["organisations_taking_part", "organisations_new"]
EVENT_KINDS = [str(kind) for kind in measures.REPORTED_EVENTS]
# The figures of the multi-year table: (key in the totals, label, unit).
TREND_COLUMNS: list[tuple[str, Any, str]] = [
    ("competitions_announced", gettext_lazy("Competitions"), "count"),
    ("offers_received", gettext_lazy("Offers"), "count"),
    ("offers_chosen", gettext_lazy("Offers chosen"), "count"),
    ("funds_granted", gettext_lazy("Granted (PLN)"), "PLN"),
    ("funds_transferred", gettext_lazy("Transferred (PLN)"), "PLN"),
    ("funds_used", gettext_lazy("Used (PLN)"), "PLN"),
    ("funds_returned", gettext_lazy("Returned (PLN)"), "PLN"),
    ("patronages_granted", gettext_lazy("Patronages"), "count"),
    ("premises_hours", gettext_lazy("Hours of rooms lent"), "hours"),
    ("consultations_held", gettext_lazy("Consultations"), "count"),
    (
        "event_participants",
        gettext_lazy("Participants of workshops, trainings and advice hours"),
        "count",
    ),
    ("organisations_taking_part", gettext_lazy("Organisations"), "count"),
    ("organisations_new", gettext_lazy("New organisations"), "count"),
]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value


def _number(value: Any, unit: str) -> Decimal | int:
    if value is None or value == "":
        return Decimal("0.00") if unit != "count" else 0
    if unit == "count":
        return int(Decimal(str(value)))
    return Decimal(str(value)).quantize(Decimal("0.01"))


def compute_figures(year: int) -> dict[str, Any]:
    """Every figure of the report for ``year``, as plain JSON data."""
    grouped = {
        key: measures.BY_PRIORITY[key](year)
        for key, _label, _unit in PRIORITY_COLUMNS
        if key in measures.BY_PRIORITY
    }
    seen = {pk for values in grouped.values() for pk in values if pk is not None}
    by_pk = {
        p.pk: p
        for p in Priority.objects.select_related("sphere", "programme").filter(
            Q(pk__in=seen) | Q(programme__year=year)
        )
    }
    rows = []
    for priority in sorted(
        by_pk.values(), key=lambda p: (p.programme.year != year, p.position, p.pk)
    ):
        values: dict[str, Any] = {
            "planned_in_programme": str(priority.planned_funds)
            if priority.programme.year == year
            else "0.00"
        }
        for key, found in grouped.items():
            values[key] = _plain(found.get(priority.pk) or 0)
        sphere = priority.sphere
        rows.append(
            {
                "id": priority.pk,
                "title": priority.title,
                "sphere": {
                    "id": sphere.pk,
                    "code": sphere.code,
                    "number": sphere.number,
                    "name": sphere.name_pl,
                },
                "values": values,
            }
        )
    return {
        "year": year,
        "priorities": rows,
        "nonfinancial": {
            key: _plain(measures.CATALOGUE[key].compute(year)) for key in NONFINANCIAL
        },
        "modes": {key: _plain(measures.CATALOGUE[key].compute(year)) for key in MODES},
        "consultations": {
            key: _plain(measures.CATALOGUE[key].compute(year)) for key in CONSULTATIONS
        },
        "workshops": {
            kind: {
                "events": measures.events_held(year, kind),
                "participants": measures.event_participants(year, kind),
            }
            for kind in EVENT_KINDS
        },
        "organisations": {
            key: _plain(measures.CATALOGUE[key].compute(year)) for key in ORGANISATIONS
        },
    }


def _parameter_label(name: str, value: Any) -> str:
    """A parameter as a reader knows it: the task's title, the sphere, the kind."""
    from ngos.models import PublicBenefitSphere

    if name == "kind":
        return str(dict(measures.Event.Kind.choices).get(value, value))
    if name == "priority":
        found = Priority.objects.filter(pk=value).values_list("title", flat=True)
        return found[0] if found else str(value)
    if name == "sphere":
        found = PublicBenefitSphere.objects.filter(pk=value).values_list(
            "name_pl", flat=True
        )
        return found[0] if found else str(value)
    return str(value)


def _definition(indicator: ProgrammeIndicator) -> str:
    if not indicator.measure:
        return indicator.source or _("entered by the clerk")
    spec = measures.CATALOGUE.get(indicator.measure)
    if spec is None:
        return indicator.measure
    if not indicator.parameters:
        return str(spec.label)
    params = ", ".join(
        _parameter_label(k, v) for k, v in sorted(indicator.parameters.items())
    )
    return f"{spec.label} ({params})"


def compute_indicators(programme: Programme | None, year: int) -> list[dict[str, Any]]:
    """The programme's indicators with what was achieved in ``year``."""
    if programme is None:
        return []
    rows = []
    for indicator in programme.indicators.order_by("position", "pk"):
        if indicator.measure in measures.CATALOGUE:
            spec = measures.CATALOGUE[indicator.measure]
            try:
                achieved: Any = spec.compute(year, indicator.parameters)
            except (TypeError, ValueError):
                achieved = None
            unit = spec.unit
        else:
            achieved = indicator.achieved
            unit = indicator.unit
        rows.append(
            {
                "id": indicator.pk,
                "name": indicator.name,
                "definition": _definition(indicator),
                "computed": bool(indicator.measure),
                "unit": unit,
                "target": _plain(indicator.target),
                "achieved": _plain(achieved),
            }
        )
    return rows


def figures_for(report: AnnualReport) -> dict[str, Any]:
    """The figures kept on submission, or computed now for a draft."""
    if report.status != AnnualReport.Status.DRAFT and report.figures:
        return report.figures
    data = compute_figures(report.year)
    data["indicators"] = compute_indicators(report.programme, report.year)
    return data


# --- Tables -------------------------------------------------------------------------


@dataclass
class Cell:
    value: Any
    unit: str
    correction: ReportFigure | None = None
    note: int | None = None

    @property
    def corrected(self) -> bool:
        return self.correction is not None or self.note is not None


@dataclass
class Row:
    texts: list[str]
    cells: list[Cell]
    key: str = ""


@dataclass
class Column:
    key: str
    label: str
    unit: str


@dataclass
class Table:
    key: str
    title: str
    heads: list[str]
    columns: list[Column]
    rows: list[Row]
    total: Row | None = None
    chart: str = ""

    @property
    def width(self) -> int:
        return len(self.heads) + len(self.columns)

    def header(self) -> list[str]:
        return [*self.heads, *(c.label for c in self.columns)]

    def plain_rows(self) -> Iterable[list[Any]]:
        """The rows and the total as plain values, for CSV and XLSX."""
        for row in [*self.rows, *([self.total] if self.total else [])]:
            yield [*row.texts, *(_export_value(c) for c in row.cells)]


def _export_value(cell: Cell) -> Any:
    if cell.value is None:
        return ""
    return cell.value if isinstance(cell.value, int) else Decimal(cell.value)


@dataclass
class Corrections:
    """The clerk's corrections by key, numbered in the order the document shows them."""

    by_key: Mapping[str, ReportFigure]
    shown: list[ReportFigure] = field(default_factory=list)

    def cell(self, key: str, computed: Any, unit: str) -> Cell:
        correction = self.by_key.get(key)
        if correction is None:
            return Cell(_number(computed, unit), unit)
        if correction not in self.shown:
            self.shown.append(correction)
        return Cell(
            _number(correction.value, unit),
            unit,
            correction=correction,
            note=self.shown.index(correction) + 1,
        )


def _sum(cells: list[Cell], unit: str) -> Cell:
    total = sum((c.value for c in cells if c.value is not None), _number(0, unit))
    return Cell(total, unit)


def _sphere_label(sphere: Mapping[str, Any]) -> str:
    code = sphere.get("code") or ""
    return f"pkt {code}: {sphere['name']}" if code else sphere["name"]


def priority_key(row: Mapping[str, Any], column: str) -> str:
    return f"priorities.{row['id']}.{column}"


def report_tables(
    figures: Mapping[str, Any], corrections: Iterable[ReportFigure]
) -> tuple[list[Table], list[ReportFigure]]:
    """The report's tables, and the corrections they show in the order of their notes."""
    fixes = Corrections({c.key: c for c in corrections})
    columns = [Column(k, str(label), unit) for k, label, unit in PRIORITY_COLUMNS]
    tables: list[Table] = []

    priority_rows = []
    spheres: dict[Any, dict[str, Any]] = {}
    for row in figures.get("priorities", []):
        cells = [
            fixes.cell(priority_key(row, c.key), row["values"].get(c.key), c.unit)
            for c in columns
        ]
        priority_rows.append(
            Row([row["title"], _sphere_label(row["sphere"])], cells, key=str(row["id"]))
        )
        sphere = spheres.setdefault(
            row["sphere"]["id"],
            {
                "sphere": row["sphere"],
                "order": (row["sphere"].get("number") or 10**6, row["sphere"]["code"]),
                "rows": [],
            },
        )
        sphere["rows"].append(cells)
    tables.append(
        Table(
            "priorities",
            _("Public tasks by priority task"),
            [_("Priority task"), _("Sphere (art. 4 ust. 1)")],
            columns,
            priority_rows,
            Row(
                [_("Total"), ""],
                [
                    _sum([r.cells[i] for r in priority_rows], c.unit)
                    for i, c in enumerate(columns)
                ],
            ),
        )
    )
    sphere_rows = []
    for entry in sorted(spheres.values(), key=lambda s: s["order"]):
        cells = []
        for i, column in enumerate(columns):
            parts = [cells_of_row[i] for cells_of_row in entry["rows"]]
            cell = _sum(parts, column.unit)
            notes = [p.note for p in parts if p.note]
            cell.note = notes[0] if notes else None
            cells.append(cell)
        sphere_rows.append(Row([_sphere_label(entry["sphere"])], cells))
    tables.append(
        Table(
            "spheres",
            _("Public tasks by sphere of public tasks"),
            [_("Sphere (art. 4 ust. 1)")],
            columns,
            sphere_rows,
            Row(
                [_("Total")],
                [
                    _sum([r.cells[i] for r in sphere_rows], c.unit)
                    for i, c in enumerate(columns)
                ],
            ),
        )
    )

    def simple(key: str, title: str, names: list[str]) -> Table:
        values = figures.get(key, {})
        rows = []
        for name in names:
            spec = measures.CATALOGUE[name]
            rows.append(
                Row(
                    [str(spec.label)],
                    [fixes.cell(f"{key}.{name}", values.get(name), spec.unit)],
                    key=name,
                )
            )
        return Table(key, title, [_("Figure")], [Column("value", _("Value"), "")], rows)

    tables.append(simple("modes", _("Small grants and local initiatives"), MODES))
    tables.append(simple("nonfinancial", _("Non-financial cooperation"), NONFINANCIAL))
    tables.append(simple("consultations", _("Consultations"), CONSULTATIONS))

    kinds = dict(measures.Event.Kind.choices)
    workshop_columns = [
        Column("events", _("Held"), "count"),
        Column("participants", _("Participants"), "count"),
    ]
    workshop_rows = []
    for kind in EVENT_KINDS:
        values = figures.get("workshops", {}).get(kind, {})
        workshop_rows.append(
            Row(
                [str(kinds.get(kind, kind)).capitalize()],
                [
                    fixes.cell(f"workshops.{kind}.{c.key}", values.get(c.key), c.unit)
                    for c in workshop_columns
                ],
                key=kind,
            )
        )
    tables.append(
        Table(
            "workshops",
            _("Workshops, trainings and advice hours"),
            [_("Kind")],
            workshop_columns,
            workshop_rows,
            Row(
                [_("Total")],
                [
                    _sum([r.cells[i] for r in workshop_rows], c.unit)
                    for i, c in enumerate(workshop_columns)
                ],
            ),
        )
    )
    tables.append(
        simple("organisations", _("Organisations taking part"), ORGANISATIONS)
    )

    units = dict(measures.UNITS)
    indicator_rows = []
    for row in figures.get("indicators", []):
        unit = row["unit"]
        indicator_rows.append(
            Row(
                [
                    row["name"],
                    row["definition"],
                    str(units.get(row["unit"], row["unit"])),
                ],
                [
                    Cell(
                        None if row["target"] is None else _number(row["target"], unit),
                        unit,
                    ),
                    Cell(
                        None
                        if row["achieved"] is None
                        else _number(row["achieved"], unit),
                        unit,
                    ),
                ],
                key=str(row["id"]),
            )
        )
    tables.append(
        Table(
            "indicators",
            _("Indicators of the programme: planned and achieved"),
            [_("Indicator"), _("How it is measured"), _("Unit")],
            [Column("target", _("Planned"), ""), Column("achieved", _("Achieved"), "")],
            indicator_rows,
        )
    )
    return tables, fixes.shown


def figure_labels(figures: Mapping[str, Any]) -> dict[str, tuple[str, Any]]:
    """Every figure a clerk may correct: ``{key: (label, computed value)}``."""
    found: dict[str, tuple[str, Any]] = {}
    for row in figures.get("priorities", []):
        for key, label, _unit in PRIORITY_COLUMNS:
            found[priority_key(row, key)] = (
                f"{row['title']}: {label}",
                row["values"].get(key),
            )
    for section in ("modes", "nonfinancial", "consultations", "organisations"):
        for key, value in figures.get(section, {}).items():
            found[f"{section}.{key}"] = (str(measures.CATALOGUE[key].label), value)
    kinds = dict(measures.Event.Kind.choices)
    for kind, values in figures.get("workshops", {}).items():
        for key, value in values.items():
            label = _("participants") if key == "participants" else _("held")
            found[f"workshops.{kind}.{key}"] = (
                f"{kinds.get(kind, kind)}: {label}",
                value,
            )
    return found


def totals(
    figures: Mapping[str, Any], corrections: Iterable[ReportFigure] = ()
) -> dict[str, Any]:
    """The year's totals by figure (the multi-year table), as corrected."""
    tables, _shown = report_tables(figures, corrections)
    by_key = {t.key: t for t in tables}
    result: dict[str, Any] = {}
    priorities = by_key["priorities"]
    if priorities.total:
        for column, cell in zip(
            priorities.columns, priorities.total.cells, strict=True
        ):
            result[column.key] = cell.value
    for key in ("modes", "nonfinancial", "consultations", "organisations"):
        for row in by_key[key].rows:
            result[row.key] = row.cells[0].value
    workshops = by_key["workshops"]
    if workshops.total:
        result["events_held"] = workshops.total.cells[0].value
        result["event_participants"] = workshops.total.cells[1].value
    return result
