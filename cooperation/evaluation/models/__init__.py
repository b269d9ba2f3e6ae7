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

__all__ = [
    "Answer",
    "Area",
    "Assessment",
    "AssessmentStatus",
    "IndexVersion",
    "Indicator",
    "Plane",
    "Respondent",
    "Respondents",
]
