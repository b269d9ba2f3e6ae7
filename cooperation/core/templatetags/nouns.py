"""A model's name in the case a sentence of the administration needs
(``cooperation.core.nouns``): ``{{ opts|accusative }}``, ``{{ opts|counted:n }}``."""

from __future__ import annotations

from typing import Any

from django import template

from cooperation.core.nouns import names

register = template.Library()


@register.filter
def accusative(opts: Any) -> str:
    return names(opts).accusative


@register.filter
def counted(opts: Any, count: Any) -> str:
    return names(opts).counted(int(count or 0))


@register.filter
def counted_accusative(opts: Any, count: Any) -> str:
    return names(opts).counted(int(count or 0), accusative=True)
