from .base import GeneratedDocument, Notification, StatusChange, TimeStampedModel, User
from .programme import Priority, Programme

__all__ = [
    "GeneratedDocument",
    "Notification",
    "Priority",
    "Programme",
    "StatusChange",
    "TimeStampedModel",
    "User",
]
