"""Workshops, trainings, advice hours and meetings in the open-data API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import serializers

from cooperation.core.api import MomentFilter, PublicViewSet

from .models import Event, EventStatus


class EventSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail")
    page = serializers.SerializerMethodField(help_text=_("Page on the portal."))
    kind_name = serializers.CharField(source="get_kind_display")
    status_name = serializers.CharField(source="get_status_display")
    audience_name = serializers.CharField(source="get_audience_display")
    working_group = serializers.CharField(source="working_group.name", default=None)
    minutes = serializers.SerializerMethodField(
        help_text=_("Published once the event is held.")
    )

    class Meta:
        model = Event
        fields = [
            "url",
            "page",
            "kind",
            "kind_name",
            "title",
            "description",
            "topic",
            "working_group",
            "place",
            "online_url",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_deadline",
            "audience",
            "audience_name",
            "organiser",
            "status",
            "status_name",
            "minutes",
            "published_at",
            "updated_at",
        ]

    def get_page(self, event: Event) -> str:
        request = self.context.get("request")
        path = event.get_absolute_url()
        return request.build_absolute_uri(path) if request else path

    def get_minutes(self, event: Event) -> str:
        return event.minutes if event.status == EventStatus.HELD else ""


class EventFilter(filters.FilterSet):
    starts_after = MomentFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = MomentFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Event
        fields = ["kind", "status", "audience", "topic"]


class EventViewSet(PublicViewSet):
    """Published, held and cancelled events (drafts are left out)."""

    tag = _("Workshops and meetings")
    description = _(
        "Workshops, trainings, advice hours and meetings: published, held and cancelled."
    )

    areas = ("workshops",)
    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering_fields = ["starts_at", "title"]
    ordering = ["-starts_at", "-pk"]

    def get_queryset(self):
        return Event.objects.public().select_related("working_group")


ROUTES = [("events", EventViewSet, "event")]
