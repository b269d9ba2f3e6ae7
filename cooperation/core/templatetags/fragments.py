"""``{% fragment %}``: a part of a page kept in the cache (``cooperation.core.cache``).

::

    {% load fragments %}
    {% fragment "ngos:directory-results" "ngos" querystring %}
      … the expensive part …
    {% endfragment %}

The first argument names the fragment, the second lists the areas whose content it
shows (space-separated, e.g. ``"consultations people"``), the others are the values
it varies on besides the language. ``seconds=N`` keeps a fragment that does not
depend on the clock longer than ``FRAGMENT_CACHE_SECONDS``. Querysets inside the
block are evaluated only when it is rendered, so a cached fragment costs no query.

Nothing personal belongs inside (a CSRF token, "your comment", a clerk's link) unless
it is among the values the fragment varies on.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from cooperation.core.cache import cached_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(
        self,
        nodelist: template.NodeList,
        name: template.base.FilterExpression,
        areas: template.base.FilterExpression,
        vary: list[template.base.FilterExpression],
        seconds: template.base.FilterExpression | None,
    ) -> None:
        self.nodelist = nodelist
        self.name = name
        self.areas = areas
        self.vary = vary
        self.seconds = seconds

    def render(self, context: template.Context) -> str:
        name = str(self.name.resolve(context))
        areas = self.areas.resolve(context) or ""
        if isinstance(areas, str):
            areas = areas.split()
        vary = [value.resolve(context) for value in self.vary]
        seconds = None
        if self.seconds is not None:
            seconds = int(self.seconds.resolve(context))
        with context.push():
            html = cached_fragment(
                name,
                areas,
                vary,
                lambda: self.nodelist.render(context),
                seconds=seconds,
            )
        return mark_safe(html)  # noqa: S308 - the template's own output


@register.tag("fragment")
def do_fragment(parser: template.base.Parser, token: template.base.Token) -> Any:
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' takes a name, the areas shown and the values to vary on."
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    seconds = None
    rest = []
    for bit in bits[3:]:
        if bit.startswith("seconds="):
            seconds = parser.compile_filter(bit[len("seconds=") :])
        else:
            rest.append(parser.compile_filter(bit))
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        parser.compile_filter(bits[2]),
        rest,
        seconds,
    )
