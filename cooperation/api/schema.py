"""The OpenAPI description of ``/api/v1/``, in the active language."""

from __future__ import annotations

from typing import Any

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema


class PortalAutoSchema(AutoSchema):
    """Descriptions from each endpoint's translatable ``description``."""

    def get_description(self) -> str:
        description = getattr(self.view, "description", "")
        return str(description) if description else super().get_description()

    def get_tags(self) -> list[str]:
        tag = getattr(self.view, "tag", "")
        return [str(tag)] if tag else super().get_tags()


def openapi_schema() -> dict[str, Any]:
    """The schema as a dictionary, built for the active language."""
    from .urls import api_patterns

    generator = SchemaGenerator(patterns=api_patterns, url="/api/v1/")
    return generator.get_schema(request=None, public=True)
