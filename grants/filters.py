"""The filters of the public competition list (``/konkursy/?sfera=&rok=&stan=``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Competition


class IntegerFilter(django_filters.NumberFilter):
    """A whole number; anything else (``1.5``, ``abc``, out of range) filters nothing."""

    field_class = forms.IntegerField


class CompetitionFilter(django_filters.FilterSet):
    """Sphere, year of the deadline and stage; a value that does not fit is ignored.

    The sphere is a number, not a choice checked against the spheres: validating it
    would cost a query, and an unknown sphere simply lists no competition.
    """

    STATES = [
        ("open", _("open for offers")),
        ("closed", _("closed, under review")),
        ("decided", _("decided or annulled")),
    ]

    sfera = IntegerFilter(
        label=_("Sphere of public tasks"),
        field_name="priority__sphere_id",
        min_value=1,
        max_value=2**31 - 1,
    )
    rok = IntegerFilter(
        label=_("Year"),
        field_name="offers_deadline__year",
        min_value=1,
        max_value=9999,
    )
    stan = django_filters.ChoiceFilter(
        label=_("Stage"), choices=STATES, method="filter_state"
    )

    class Meta:
        model = Competition
        fields: list[str] = []

    def filter_state(
        self, queryset: QuerySet[Competition], name: str, value: str
    ) -> QuerySet[Competition]:
        return getattr(queryset, value)()  # open(), closed() or decided()

    @property
    def values(self) -> dict[str, Any]:
        """The filters in effect, for the form and the page links."""
        data: dict[str, Any] = {}
        if self.is_bound:
            self.form.is_valid()
            data = self.form.cleaned_data  # the fields that passed
        return {
            "sphere": data.get("sfera"),
            "year": data.get("rok"),
            "state": data.get("stan") or None,
        }
