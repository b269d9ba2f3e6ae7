from .assessment import (
    CommitteeMember,
    Conflict,
    ReasonsRequest,
    ReasonsRequestStatus,
    Score,
)
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
from .signing import (
    DEFAULT_FORMAL_REQUIREMENTS,
    FormalCheckItem,
    FormalRequirement,
    OfferAttachment,
    OfferConfirmation,
)

__all__ = [
    "DEFAULT_FORMAL_REQUIREMENTS",
    "FormalCheckItem",
    "FormalRequirement",
    "OfferAttachment",
    "OfferConfirmation",
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
    "OfficialsOnlyReason",
    "ReasonsRequest",
    "ReasonsRequestStatus",
    "RequiredAttachment",
    "SameTypeTask",
    "SameTypeYear",
    "ScheduleAction",
    "Score",
]
