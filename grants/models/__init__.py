from .assessment import (
    CommitteeMember,
    Conflict,
    ReasonsRequest,
    ReasonsRequestStatus,
    Score,
)
from .award import OfferUpdate, OfferUpdateStatus
from .competition import (
    Competition,
    CompetitionStatus,
    Criterion,
    OfficialsOnlyReason,
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
    "OfferUpdate",
    "OfferUpdateStatus",
    "OfficialsOnlyReason",
    "ReasonsRequest",
    "ReasonsRequestStatus",
    "RequiredAttachment",
    "SameTypeTask",
    "SameTypeYear",
    "ScheduleAction",
    "Score",
]
