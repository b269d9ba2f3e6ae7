"""The annual reports on the cooperation programme (art. 5a ust. 3) in the open-data
API: the figures of each published report, as the report's page shows them.

A report is listed once published; its figures are those kept when it was submitted
to the council, with the clerk's corrections (and their reasons), laid out by
``cooperation.evaluation.figures`` as the page, the PDF and the tables to download
lay them out. Who prepared or corrected it is not given.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cooperation.core.api import PublicViewSet
from cooperation.evaluation import measures
from cooperation.evaluation.figures import (
    CONSULTATIONS,
    MODES,
    NONFINANCIAL,
    ORGANISATIONS,
    PRIORITY_COLUMNS,
    Table,
    figures_for,
    report_tables,
    totals,
)
from cooperation.evaluation.models import AnnualReport, ReportFigure

AREAS = ("evaluation", "programme", "ngos")


def _figure_field(unit: str, label: Any) -> serializers.Field:
    if unit == "count":
        return serializers.IntegerField(help_text=label)
    return serializers.DecimalField(max_digits=16, decimal_places=2, help_text=label)


def _typed(name: str, figures: list[tuple[str, Any, str]]) -> type:
    """A serializer of the named figures, each typed by its unit."""
    fields = {key: _figure_field(unit, label) for key, label, unit in figures}
    return type(name, (serializers.Serializer,), fields)


# The year's totals (the report's totals and the multi-year table), as corrected.
TOTALS: list[tuple[str, Any, str]] = [
    *PRIORITY_COLUMNS,
    *(
        (key, measures.CATALOGUE[key].label, measures.CATALOGUE[key].unit)
        for key in [*MODES, *NONFINANCIAL, *CONSULTATIONS, *ORGANISATIONS]
    ),
    ("events_held", _("Workshops, trainings and advice hours held"), "count"),
    (
        "event_participants",
        _("Participants of workshops, trainings and advice hours"),
        "count",
    ),
]
ReportTotalsSerializer = _typed("ReportTotals", TOTALS)
PriorityFiguresSerializer = _typed("ReportPriorityFigures", PRIORITY_COLUMNS)


class ReportPrioritySerializer(serializers.Serializer):
    priority = serializers.CharField(help_text=_("Priority task"))
    sphere = serializers.CharField(help_text=_("Sphere (art. 4 ust. 1)"))
    figures = PriorityFiguresSerializer()


class ReportIndicatorSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("Indicator"))
    definition = serializers.CharField(help_text=_("How it is measured"))
    unit = serializers.CharField()
    target = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, help_text=_("Planned")
    )
    achieved = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, help_text=_("Achieved")
    )


class ReportCorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportFigure
        fields = ["key", "label", "computed", "value", "reason"]


def _cells(table: Table, row: Any) -> dict[str, Any]:
    return {
        column.key: cell.value
        for column, cell in zip(table.columns, row.cells, strict=True)
    }


class AnnualReportSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:annual-report-detail", lookup_field="year"
    )
    page = serializers.SerializerMethodField(help_text=_("Page on the portal."))
    pdf = serializers.SerializerMethodField(help_text=_("The report as a PDF."))
    programme = serializers.SerializerMethodField(
        help_text=_("The programme the report is on, in the API.")
    )
    totals = serializers.SerializerMethodField()
    priorities = serializers.SerializerMethodField(
        help_text=_("Public tasks by priority task")
    )
    indicators = serializers.SerializerMethodField(
        help_text=_("Indicators of the programme: planned and achieved")
    )
    corrections = ReportCorrectionSerializer(
        many=True,
        read_only=True,
        help_text=_("The figures corrected by the office, with the reasons."),
    )

    class Meta:
        model = AnnualReport
        fields = [
            "url",
            "page",
            "pdf",
            "year",
            "programme",
            "status",
            "submitted_on",
            "published_on",
            "bip_url",
            "summary",
            "conclusions",
            "recommendations",
            "totals",
            "priorities",
            "indicators",
            "corrections",
            "updated_at",
        ]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def _tables(self, report: AnnualReport) -> dict[str, Table]:
        tables = getattr(report, "_api_tables", None)
        if tables is None:
            laid_out, _shown = report_tables(
                figures_for(report), report.corrections.all()
            )
            tables = {t.key: t for t in laid_out}
            report._api_tables = tables  # type: ignore[attr-defined]
        return tables

    def get_page(self, report: AnnualReport) -> str:
        return self._absolute(report.get_absolute_url())

    def get_pdf(self, report: AnnualReport) -> str:
        return self._absolute(
            reverse("evaluation:report-pdf", kwargs={"year": report.year})
        )

    def get_programme(self, report: AnnualReport) -> str | None:
        if report.programme is None:
            return None
        return self._absolute(
            reverse("api:programme-detail", kwargs={"year": report.programme.year})
        )

    @extend_schema_field(ReportTotalsSerializer)
    def get_totals(self, report: AnnualReport) -> dict[str, Any]:
        values = totals(figures_for(report), report.corrections.all())
        return ReportTotalsSerializer(
            {key: values.get(key) for key, _label, _unit in TOTALS}
        ).data

    @extend_schema_field(ReportPrioritySerializer(many=True))
    def get_priorities(self, report: AnnualReport) -> list[dict[str, Any]]:
        table = self._tables(report)["priorities"]
        return ReportPrioritySerializer(
            [
                {
                    "priority": row.texts[0],
                    "sphere": row.texts[1],
                    "figures": _cells(table, row),
                }
                for row in table.rows
            ],
            many=True,
        ).data

    @extend_schema_field(ReportIndicatorSerializer(many=True))
    def get_indicators(self, report: AnnualReport) -> list[dict[str, Any]]:
        table = self._tables(report)["indicators"]
        kept = figures_for(report).get("indicators", [])
        return ReportIndicatorSerializer(
            [
                {
                    "name": row.texts[0],
                    "definition": row.texts[1],
                    "unit": indicator.get("unit", ""),
                    "target": row.cells[0].value,
                    "achieved": row.cells[1].value,
                }
                for indicator, row in zip(kept, table.rows, strict=True)
            ],
            many=True,
        ).data


class AnnualReportViewSet(PublicViewSet):
    """Published reports on carrying out the cooperation programme (art. 5a ust. 3)."""

    tag = _("Cooperation programmes")
    description = _(
        "Published reports on carrying out the yearly programme of cooperation (art. 5a ust. 3 of the Act), with their figures as corrected by the office; drafts and reports not yet published are not shown."
    )

    areas = AREAS
    serializer_class = AnnualReportSerializer
    lookup_field = "year"
    ordering_fields = ["year", "published_on"]
    ordering = ["-year"]
    filterset_fields: list[str] = []

    def get_queryset(self):
        return (
            AnnualReport.objects.filter(status=AnnualReport.Status.PUBLISHED)
            .select_related("programme")
            .prefetch_related(
                Prefetch(
                    "corrections",
                    queryset=ReportFigure.objects.order_by("key").defer("corrected_by"),
                )
            )
        )


ROUTES = [("annual-reports", AnnualReportViewSet, "annual-report")]
