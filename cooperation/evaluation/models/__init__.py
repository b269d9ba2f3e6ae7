"""The records of evaluation: the annual report on the programme and the quality index."""

from .report import (
    AnnualReport,
    IndicatorUnit,
    ProgrammeIndicator,
    ReportFigure,
    ReportStatus,
)

__all__ = [
    "AnnualReport",
    "IndicatorUnit",
    "ProgrammeIndicator",
    "ReportFigure",
    "ReportStatus",
]
