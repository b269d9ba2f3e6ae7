"""Cooperation programmes in the open-data API: the eleven parts and the priorities."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cooperation.core.api import PublicViewSet

from .models import Priority, Programme, ProgrammeStatus


class PrioritySerializer(serializers.ModelSerializer):
    sphere = serializers.CharField(source="sphere.code", default=None)
    sphere_name = serializers.CharField(source="sphere.name", default=None)

    class Meta:
        model = Priority
        fields = [
            "position",
            "title",
            "description",
            "sphere",
            "sphere_name",
            "planned_funds",
        ]


class ProgrammeSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:programme-detail", lookup_field="year"
    )
    page = serializers.SerializerMethodField(help_text=_("Page on the portal."))
    status_name = serializers.CharField(source="get_status_display")
    priorities = PrioritySerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "url",
            "page",
            "year",
            "title",
            "status",
            "status_name",
            "resolution_number",
            "resolution_date",
            "legal_basis",
            "goals",
            "principles",
            "scope",
            "forms",
            "priority_tasks",
            "period",
            "implementation",
            "funds",
            "evaluation",
            "preparation",
            "committees",
            "council_opinion",
            "council_opinion_on",
            "submitted_on",
            "priorities",
            "updated_at",
        ]

    def get_page(self, programme: Programme) -> str:
        request = self.context.get("request")
        path = programme.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class ProgrammeViewSet(PublicViewSet):
    """The yearly programmes of cooperation (art. 5a), from their consultation on."""

    tag = _("Cooperation programmes")
    description = _(
        "The yearly programmes of cooperation (art. 5a of the Act), from their consultation on, with the priority tasks and planned funds."
    )

    areas = ("programme", "ngos")
    serializer_class = ProgrammeSerializer
    lookup_field = "year"
    ordering_fields = ["year"]
    ordering = ["-year"]
    filterset_fields = ["status"]

    def get_queryset(self):
        return Programme.objects.exclude(
            status=ProgrammeStatus.DRAFTING
        ).prefetch_related(
            Prefetch(
                "priorities",
                queryset=Priority.objects.select_related("sphere").order_by(
                    "position", "pk"
                ),
            )
        )


ROUTES = [("programmes", ProgrammeViewSet, "programme")]
