"""Middleware of the benchmark server only (``bench.settings``)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from typing import Any


class QueryCountMiddleware:
    """Count the SQL queries of each request into an ``X-Queries`` header."""

    def __init__(self, get_response: Callable[..., Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        from django.db import connections

        count = 0

        def counter(execute, sql, params, many, context):  # noqa: ANN001
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(counter))
            response = self.get_response(request)
        response["X-Queries"] = str(count)
        return response
