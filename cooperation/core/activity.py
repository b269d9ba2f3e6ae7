"""Blocks that apps add to an organisation's public profile (``organisation_activity``)."""

from __future__ import annotations

from dataclasses import dataclass, field

PROFILE_ACTIVITY_LIMIT = 10


@dataclass(frozen=True)
class ActivityItem:
    label: str
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class ProfileActivity:
    title: str
    items: list[ActivityItem] = field(default_factory=list)
