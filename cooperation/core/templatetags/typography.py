"""``{{ name|quoted }}``: a name between the language's quotation marks, any
quotation inside it marked as an inner one (``cooperation.core.typography``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

from cooperation.core.typography import quoted as quote_text

register = template.Library()


@register.filter(needs_autoescape=True)
def quoted(value: Any, autoescape: bool = True) -> SafeString:
    text = quote_text(value)
    # The marks are plain characters: a name already safe stays as it is, any
    # other is escaped where the template escapes.
    if autoescape and not isinstance(value, SafeData):
        text = str(conditional_escape(text))
    return mark_safe(text)  # noqa: S308
