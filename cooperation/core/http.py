"""Response headers for what is one person's or the office's own."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpResponseBase

# Neither a shared cache (a proxy, the municipality's gateway) nor the browser's own
# store keeps a copy: a personal document, an export of personal data, a draft.
PRIVATE = "private, no-store"


def keep_private(response: HttpResponseBase) -> HttpResponseBase:
    """Mark ``response`` as not to be stored by any cache."""
    response["Cache-Control"] = PRIVATE
    return response


def private(view: Callable[..., Any]) -> Callable[..., Any]:
    """A view whose every answer is personal or a draft: ``Cache-Control: private, no-store``."""

    @wraps(view)
    def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
        return keep_private(view(request, *args, **kwargs))

    return wrapper
