"""The records of evaluation: the annual report on the programme and the quality index."""

from .quality import (
    Answer,
    Area,
    Assessment,
    AssessmentStatus,
    IndexVersion,
    Indicator,
    Plane,
    Respondent,
    Respondents,
)
from .report import (
    AnnualReport,
    IndicatorUnit,
    ProgrammeIndicator,
    ReportFigure,
    ReportStatus,
)

__all__ = [
    "AnnualReport",
    "Answer",
    "Area",
    "Assessment",
    "AssessmentStatus",
    "IndexVersion",
    "Indicator",
    "IndicatorUnit",
    "Plane",
    "ProgrammeIndicator",
    "ReportFigure",
    "ReportStatus",
    "Respondent",
    "Respondents",
]
