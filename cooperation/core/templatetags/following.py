"""``{% follow_button obj %}``: the "Follow" / "Stop following" button of a public page.

The button's state is the visitor's own: keep it outside every ``{% fragment %}``
(and the public page cache serves only anonymous visitors, who see no button). One
query for a signed-in person, none for an anonymous visitor.
"""

from __future__ import annotations

from typing import Any

from django import template

from cooperation.core.following import followable_slug, is_following

register = template.Library()


@register.inclusion_tag("includes/_follow_button.html", takes_context=True)
def follow_button(
    context: dict[str, Any], obj: Any, label: str = "", what: str = ""
) -> dict[str, Any]:
    """The button for ``obj``; ``what`` is shown after "Follow" (the sphere of a
    competition), ``label`` only read out (it defaults to the object's name)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    slug = followable_slug(obj) if obj is not None else None
    show = bool(slug and user is not None and user.is_authenticated)
    return {
        "show": show,
        "slug": slug,
        "obj": obj,
        "label": label or str(obj),
        "what": what,
        "following": is_following(user, obj) if show else False,
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }
