"""Local initiatives (art. 19b-19h) in the open-data API: the initiatives the
municipality accepted, what and where, what each side contributes, the agreement.

As the public pages show them: an application is listed once accepted
(``grants.models.PUBLIC_INITIATIVE_STATES``); the residents who applied are not named
(the leader's and co-applicants' names and contacts, the assessment and who made it
stay with the office), and of the agreement only its number and term are given.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cooperation.core.api import PublicViewSet, year_filter
from grants.api import ResultOrganisationSerializer
from grants.models import (
    PUBLIC_INITIATIVE_STATES,
    ContributionKind,
    InitiativeAgreement,
    InitiativeApplication,
)

AREAS = (
    "grants",
    "staff:grants.initiativeapplication",
    "staff:grants.initiativecontribution",
    "staff:grants.initiativeagreement",
    "staff:grants.initiativeresolution",
    "ngos",
)


def with_delivered(
    queryset: QuerySet[InitiativeApplication],
) -> QuerySet[InitiativeApplication]:
    """``queryset`` with what the residents delivered so far, as the initiative's page
    shows it: the hours of social work and the value of every contribution logged."""
    return queryset.annotate(
        delivered_hours=Coalesce(
            Sum(
                "contributions__hours",
                filter=Q(contributions__kind=ContributionKind.WORK),
            ),
            0,
        ),
        delivered_value=Coalesce(
            Sum("contributions__amount"),
            Value(Decimal("0.00")),
            output_field=DecimalField(max_digits=12, decimal_places=2),
        ),
    )


class AgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = InitiativeAgreement
        fields = ["number", "concluded_on", "starts_on", "ends_on"]


def _money(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class LocalInitiativeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:local-initiative-detail")
    page = serializers.SerializerMethodField(help_text=_("Page on the portal."))
    status_name = serializers.CharField(source="get_status_display")
    task_name = serializers.CharField(source="get_task_display")
    applicant_kind_name = serializers.CharField(source="get_applicant_kind_display")
    organisation = ResultOrganisationSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("The organisation through which the residents apply, if any."),
    )
    resolution = serializers.CharField(
        source="resolution.number",
        help_text=_("The council's resolution on the procedure (art. 19c)."),
    )
    cost_estimate = _money(help_text=_("estimated cost (PLN)"))
    social_work_value = _money(
        help_text=_(
            "The hours of social work at the resolution's rate of an hour (PLN)."
        )
    )
    in_kind_value = _money(help_text=_("value of the contribution in kind (PLN)"))
    financial_contribution = _money(help_text=_("financial contribution (PLN)"))
    residents_contribution = _money(
        help_text=_(
            "The residents' contribution: social work, in kind and money (PLN)."
        )
    )
    municipality_amount = _money(help_text=_("the municipality's contribution (PLN)"))
    agreement = serializers.SerializerMethodField(
        help_text=_("The agreement on carrying out the initiative, once concluded.")
    )
    delivered_hours = serializers.IntegerField(
        read_only=True,
        help_text=_("Hours of social work the residents delivered so far."),
    )
    delivered_value = _money(
        read_only=True,
        help_text=_(
            "Value of every contribution the residents delivered so far (PLN)."
        ),
    )

    class Meta:
        model = InitiativeApplication
        fields = [
            "url",
            "page",
            "id",
            "number",
            "title",
            "status",
            "status_name",
            "task",
            "task_name",
            "applicant_kind",
            "applicant_kind_name",
            "organisation",
            "resolution",
            "place",
            "beneficiaries",
            "description",
            "schedule",
            "start_date",
            "end_date",
            "received_on",
            "cost_estimate",
            "social_work_hours",
            "social_work",
            "social_work_value",
            "in_kind",
            "in_kind_value",
            "financial_contribution",
            "residents_contribution",
            "requested_support",
            "decided_on",
            "decision_reasons",
            "municipality_contribution",
            "municipality_amount",
            "agreement",
            "delivered_hours",
            "delivered_value",
            "completed_on",
            "updated_at",
        ]

    def get_page(self, application: InitiativeApplication) -> str:
        request = self.context.get("request")
        path = application.get_absolute_url()
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(AgreementSerializer(allow_null=True))
    def get_agreement(self, application: InitiativeApplication) -> dict | None:
        try:
            agreement = application.agreement
        except InitiativeAgreement.DoesNotExist:
            return None
        return AgreementSerializer(agreement).data


class LocalInitiativeFilter(filters.FilterSet):
    organisation = filters.CharFilter(field_name="organisation__slug")
    year = year_filter("start_date__year")

    class Meta:
        model = InitiativeApplication
        fields = ["status", "task", "applicant_kind"]


class LocalInitiativeViewSet(PublicViewSet):
    """Local initiatives the municipality accepted (art. 19b-19e of the Act)."""

    tag = _("Local initiatives")
    description = _(
        "Local initiatives the municipality accepted (art. 19b-19e of the Act): the task, the place and the term, the residents' and the municipality's contributions and the agreement; the residents who applied are not named."
    )

    areas = AREAS
    serializer_class = LocalInitiativeSerializer
    filterset_class = LocalInitiativeFilter
    ordering_fields = ["decided_on", "start_date", "municipality_amount"]
    ordering = ["-decided_on", "-pk"]

    def get_queryset(self):
        return (
            with_delivered(
                InitiativeApplication.objects.filter(
                    status__in=PUBLIC_INITIATIVE_STATES
                )
            )
            .select_related("resolution", "organisation", "agreement")
            .defer(
                "leader_name",
                "leader_email",
                "leader_phone",
                "co_applicants",
                "assessment_note",
                "refusal_reason",
            )
        )


ROUTES = [("local-initiatives", LocalInitiativeViewSet, "local-initiative")]
