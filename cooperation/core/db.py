"""Query helpers shared by the apps' selectors."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def subquery_count(queryset: QuerySet, *, to: str) -> Coalesce:
    """The number of ``queryset``'s rows whose foreign key ``to`` is the outer row.

    A correlated subquery on the (indexed) foreign key instead of ``Count`` over a
    join: the outer query needs no GROUP BY, ``count()`` of a page ignores it and
    the database counts the rows of the shown page only.
    """
    counted = (
        queryset.filter(**{to: OuterRef("pk")})
        .order_by()
        .values(to)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
