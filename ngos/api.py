"""The registry in the open-data API: organisations as their public profile shows them."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import serializers

from cooperation.core.api import PublicViewSet

from .models import Area, Organisation, PublicBenefitSphere


class SphereSerializer(serializers.ModelSerializer):
    name = serializers.CharField(help_text=_("Name in the active language."))

    class Meta:
        model = PublicBenefitSphere
        fields = ["code", "number", "name", "name_pl", "name_en"]


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["slug", "name"]


class OrganisationSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:organisation-detail", lookup_field="slug"
    )
    profile = serializers.SerializerMethodField(help_text=_("Profile on the portal."))
    legal_form_name = serializers.CharField(source="get_legal_form_display")
    spheres = SphereSerializer(many=True, read_only=True)
    areas = AreaSerializer(many=True, read_only=True)
    verified = serializers.DateTimeField(source="verified_at")

    class Meta:
        model = Organisation
        fields = [
            "url",
            "profile",
            "slug",
            "name",
            "short_name",
            "legal_form",
            "legal_form_name",
            "krs",
            "other_register",
            "nip",
            "regon",
            "is_opp",
            "street",
            "postal_code",
            "city",
            "email",
            "phone",
            "website",
            "description",
            "founded_on",
            "spheres",
            "areas",
            "verified",
            "updated_at",
        ]

    def get_profile(self, organisation: Organisation) -> str:
        request = self.context.get("request")
        path = organisation.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class OrganisationFilter(filters.FilterSet):
    sphere = filters.CharFilter(
        field_name="spheres__code", label=_("sphere code (art. 4 ust. 1)")
    )
    area = filters.CharFilter(field_name="areas__slug", label=_("area (slug)"))
    city = filters.CharFilter(field_name="city", lookup_expr="iexact", label=_("town"))
    name = filters.CharFilter(
        field_name="name", lookup_expr="icontains", label=_("name contains")
    )

    class Meta:
        model = Organisation
        fields = ["legal_form", "is_opp", "krs", "nip", "regon"]


class OrganisationViewSet(PublicViewSet):
    """Organisations in the public directory: verified and not hidden."""

    tag = _("Organisations")
    description = _(
        "Organisations in the public directory: verified by the office and not hidden."
    )

    areas = ("ngos",)
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    ordering_fields = ["name", "founded_on", "verified_at", "updated_at"]
    ordering = ["name", "pk"]
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Organisation.objects.public()
            .defer("search_text", "search_vector", "name_key")
            .prefetch_related(
                Prefetch(
                    "spheres",
                    queryset=PublicBenefitSphere.objects.order_by("number", "code"),
                ),
                "areas",
            )
            .distinct()
        )


class SphereViewSet(PublicViewSet):
    """The spheres of public benefit of art. 4 ust. 1 of the Act."""

    tag = _("Organisations")
    description = _("The spheres of public benefit of art. 4 ust. 1 of the Act.")

    areas = ("ngos",)
    serializer_class = SphereSerializer
    lookup_field = "code"
    ordering = ["number", "code"]
    ordering_fields = ["number", "code"]
    queryset = PublicBenefitSphere.objects.all()


ROUTES = [
    ("organisations", OrganisationViewSet, "organisation"),
    ("spheres", SphereViewSet, "sphere"),
]
