"""The filters of the public consultation list (``/konsultacje/?phase=&kind=&year=&q=``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .forms import StyledForm
from .models import Consultation
from .querysets import ConsultationQuerySet

PUBLIC_PHASES = [
    (p.value, p.label) for p in Consultation.Phase if p != Consultation.Phase.DRAFT
]


class ConsultationFilter(django_filters.FilterSet):
    """State, kind of act, year of the start and a search; a value that does not fit
    is ignored."""

    phase = django_filters.ChoiceFilter(
        label=_("State"),
        choices=PUBLIC_PHASES,
        empty_label=_("all"),
        method="filter_phase",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of act"),
        field_name="act_kind",
        choices=Consultation.ActKind.choices,
        empty_label=_("all"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), choices=[], empty_label=_("all"), method="filter_year"
    )
    q = django_filters.CharFilter(
        label=_("Search"), max_length=100, method="filter_search"
    )

    class Meta:
        model = Consultation
        fields: list[str] = []
        form = StyledForm

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(y, str(y)) for y in years]

    def filter_phase(
        self, queryset: ConsultationQuerySet, name: str, value: str
    ) -> ConsultationQuerySet:
        now = timezone.now()
        phases = Consultation.Phase
        if value == phases.OPEN:
            return queryset.open(now)
        if value == phases.CLOSED:
            return queryset.closed(now)
        if value == phases.REPORTED:
            return queryset.reported()
        if value == phases.UPCOMING:
            return queryset.upcoming(now)
        if value == phases.CANCELLED:
            return queryset.filter(status=Consultation.Status.CANCELLED)
        return queryset

    def filter_year(
        self, queryset: ConsultationQuerySet, name: str, value: str
    ) -> ConsultationQuerySet:
        return queryset.filter(start_at__year=int(value))  # one of the listed years

    def filter_search(
        self, queryset: ConsultationQuerySet, name: str, value: str
    ) -> ConsultationQuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))
