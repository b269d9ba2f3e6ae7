from .assessment import CommitteeMember, Conflict, Score
from .competition import (
    Competition,
    CompetitionStatus,
    Criterion,
    RequiredAttachment,
    SameTypeTask,
    SameTypeYear,
)
from .offer import (
    CoOfferor,
    CostRow,
    ExpectedResult,
    Offer,
    OfferStatus,
    ScheduleAction,
)

__all__ = [
    "CoOfferor",
    "CommitteeMember",
    "Competition",
    "CompetitionStatus",
    "Conflict",
    "CostRow",
    "Criterion",
    "ExpectedResult",
    "Offer",
    "OfferStatus",
    "RequiredAttachment",
    "SameTypeTask",
    "SameTypeYear",
    "ScheduleAction",
    "Score",
]
