import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Event, Topic


class EventFilter(django_filters.FilterSet):
    """Filters of the public event list: when, kind, topic and month (YYYY-MM)."""

    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("upcoming")), ("past", _("past"))],
        method="filter_when",
        empty_label=_("upcoming and past"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Event.Kind.choices, empty_label=_("all kinds")
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=Topic.choices, empty_label=_("all topics")
    )
    month = django_filters.CharFilter(
        label=_("Month"),
        method="filter_month",
        widget=forms.DateInput(attrs={"type": "month"}),
        help_text=_("Year and month, e.g. 2026-12."),
    )

    class Meta:
        model = Event
        fields = ["when", "kind", "topic", "month"]

    def filter_when(self, queryset, name, value):
        if value == "upcoming":
            return queryset.upcoming().order_by("starts_at", "pk")
        if value == "past":
            return queryset.past().order_by("-starts_at", "-pk")
        return queryset

    def filter_month(self, queryset, name, value):
        try:
            year, month = (int(part) for part in value.split("-"))
            timezone.datetime(year, month, 1)
        except (ValueError, TypeError):
            return queryset.none()
        return queryset.filter(starts_at__year=year, starts_at__month=month)

    @property
    def month_invalid(self) -> bool:
        value = self.data.get("month")
        if not value:
            return False
        try:
            year, month = (int(part) for part in value.split("-"))
            timezone.datetime(year, month, 1)
        except (ValueError, TypeError):
            return True
        return False
