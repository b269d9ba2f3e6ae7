"""The evaluation records in the clerks' back office."""

from .quality import admin as quality_admin  # noqa: F401
