"""Competitions in the open-data API: announcements, criteria, results once published,
and the contracts signed with the amounts transferred."""

from __future__ import annotations

from django.db.models import DecimalField, Prefetch, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import serializers

from cooperation.core.api import MomentFilter, PublicViewSet, year_filter

from .models import (
    Competition,
    CompetitionStatus,
    Contract,
    Criterion,
    Offer,
    OfferStatus,
    Payment,
)

# The outcomes of submitted offers the results list (art. 15 ust. 2h).
RESULT_STATUSES = (
    OfferStatus.SELECTED,
    OfferStatus.NOT_SELECTED,
    OfferStatus.FORMALLY_REJECTED,
    OfferStatus.WITHDRAWN,
)


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["name", "description", "max_points", "statutory_point"]


class ResultOrganisationSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()


class ResultSerializer(serializers.ModelSerializer):
    """An offer as the published results show it."""

    url = serializers.HyperlinkedIdentityField(view_name="api:result-detail")
    competition = serializers.HyperlinkedRelatedField(
        view_name="api:competition-detail", read_only=True
    )
    organisation = ResultOrganisationSerializer(read_only=True)
    result = serializers.CharField(source="status")
    result_name = serializers.CharField(source="get_status_display")

    class Meta:
        model = Offer
        fields = [
            "url",
            "number",
            "competition",
            "organisation",
            "offeror_name",
            "is_joint",
            "title",
            "start_date",
            "end_date",
            "requested_grant",
            "result",
            "result_name",
            "granted_amount",
        ]


class CompetitionSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:competition-detail")
    page = serializers.SerializerMethodField(help_text=_("Page on the portal."))
    status_name = serializers.CharField(source="get_status_display")
    form_name = serializers.CharField(source="get_form_display")
    sphere = serializers.CharField(source="priority.sphere.code", default=None)
    priority = serializers.CharField(source="priority.title", default=None)
    programme_year = serializers.IntegerField(
        source="priority.programme.year", default=None
    )
    criteria = CriterionSerializer(many=True, read_only=True)
    results = serializers.SerializerMethodField(
        help_text=_(
            "Submitted offers and their outcome, once the results are published."
        )
    )

    class Meta:
        model = Competition
        fields = [
            "url",
            "page",
            "title",
            "status",
            "status_name",
            "form",
            "form_name",
            "sphere",
            "priority",
            "programme_year",
            "task_type",
            "public_funds",
            "max_grant",
            "min_own_contribution",
            "award_rules",
            "task_start",
            "task_end",
            "task_conditions",
            "offers_deadline",
            "selection_procedure",
            "selection_date",
            "joint_offers_allowed",
            "ordinance_number",
            "ordinance_date",
            "bip_published_on",
            "bip_url",
            "board_published_on",
            "website_published_on",
            "website_url",
            "announced_at",
            "decision_ordinance_number",
            "decision_ordinance_date",
            "results_published_at",
            "annulment_reason",
            "annulled_at",
            "criteria",
            "results",
            "updated_at",
        ]

    def get_page(self, competition: Competition) -> str:
        request = self.context.get("request")
        path = competition.get_absolute_url()
        return request.build_absolute_uri(path) if request else path

    def get_results(self, competition: Competition) -> list[dict]:
        if competition.status != CompetitionStatus.RESULTS_PUBLISHED:
            return []
        offers = getattr(competition, "published_results", [])
        return ResultSerializer(offers, many=True, context=self.context).data


class CompetitionFilter(filters.FilterSet):
    sphere = filters.CharFilter(field_name="priority__sphere__code")
    year = year_filter("priority__programme__year")
    deadline_after = MomentFilter(field_name="offers_deadline", lookup_expr="gte")
    deadline_before = MomentFilter(field_name="offers_deadline", lookup_expr="lt")

    class Meta:
        model = Competition
        fields = ["status", "form"]


def _published_results():
    return Prefetch(
        "offers",
        queryset=Offer.objects.filter(
            status__in=RESULT_STATUSES,
            competition__status=CompetitionStatus.RESULTS_PUBLISHED,
        )
        .select_related("organisation")
        .only(*_RESULT_COLUMNS)
        .order_by("sequence", "pk"),
        to_attr="published_results",
    )


_RESULT_COLUMNS = (
    "id",
    "competition_id",
    "organisation__name",
    "organisation__slug",
    "number",
    "sequence",
    "offeror_name",
    "is_joint",
    "title",
    "start_date",
    "end_date",
    "requested_grant",
    "status",
    "granted_amount",
)


class CompetitionViewSet(PublicViewSet):
    """Announced competitions (art. 13), with their results once published (art. 15 ust. 2h)."""

    tag = _("Competitions")
    description = _(
        "Announced competitions (art. 13 of the Act), with their criteria and, once published, their results (art. 15 ust. 2h)."
    )

    areas = ("grants", "ngos", "programme")
    serializer_class = CompetitionSerializer
    filterset_class = CompetitionFilter
    ordering_fields = [
        "offers_deadline",
        "announced_at",
        "results_published_at",
        "title",
    ]
    ordering = ["-offers_deadline", "-pk"]

    def get_queryset(self):
        return (
            Competition.objects.public()
            .select_related("priority__sphere", "priority__programme")
            .prefetch_related(
                Prefetch(
                    "criteria", queryset=Criterion.objects.order_by("position", "pk")
                ),
                _published_results(),
            )
        )


class ResultFilter(filters.FilterSet):
    competition = filters.NumberFilter(field_name="competition_id")
    organisation = filters.CharFilter(field_name="organisation__slug")
    year = year_filter("competition__priority__programme__year")

    class Meta:
        model = Offer
        fields = ["status"]


class ResultViewSet(PublicViewSet):
    """Submitted offers of competitions whose results are published, with the amounts
    granted (``?status=selected`` gives the chosen offers only)."""

    tag = _("Competitions")
    description = _(
        "Submitted offers of competitions whose results are published, with the amounts granted; ?status=selected gives the chosen offers only."
    )

    areas = ("grants", "ngos")
    serializer_class = ResultSerializer
    filterset_class = ResultFilter
    ordering_fields = ["number", "granted_amount", "requested_grant"]
    ordering = ["competition_id", "sequence", "pk"]

    def get_queryset(self):
        return (
            Offer.objects.filter(
                status__in=RESULT_STATUSES,
                competition__status=CompetitionStatus.RESULTS_PUBLISHED,
            )
            .select_related("organisation")
            .only(*_RESULT_COLUMNS)
        )


class PaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Payment
        fields = ["instalment", "paid_on", "amount"]


class ContractSerializer(serializers.ModelSerializer):
    """A signed contract: its parties, task, grant and what has been transferred."""

    url = serializers.HyperlinkedIdentityField(view_name="api:contract-detail")
    competition = serializers.HyperlinkedRelatedField(
        source="offer.competition",
        view_name="api:competition-detail",
        read_only=True,
        allow_null=True,
        help_text=_("The competition; empty for a small grant's contract."),
    )
    result = serializers.HyperlinkedRelatedField(
        source="offer",
        view_name="api:result-detail",
        read_only=True,
        allow_null=True,
    )
    small_grant = serializers.HyperlinkedRelatedField(
        view_name="api:small-grant-detail",
        read_only=True,
        allow_null=True,
        help_text=_("The small-grant offer (art. 19a) the contract was made of."),
    )
    organisation = ResultOrganisationSerializer(source="source.organisation")
    offeror_name = serializers.CharField(source="source.offeror_name")
    status_name = serializers.CharField(source="get_status_display")
    start_date = serializers.SerializerMethodField()
    end_date = serializers.SerializerMethodField()
    transferred = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        read_only=True,
        help_text=_("The sum of the transfers recorded so far (PLN)."),
    )
    payments = PaymentSerializer(many=True, read_only=True)

    class Meta:
        model = Contract
        fields = [
            "url",
            "id",
            "number",
            "year",
            "competition",
            "result",
            "small_grant",
            "organisation",
            "offeror_name",
            "title",
            "form",
            "status",
            "status_name",
            "signed_on",
            "start_date",
            "end_date",
            "grant",
            "transferred",
            "payments",
            "terminated_on",
            "updated_at",
        ]

    def get_start_date(self, contract: Contract) -> str | None:
        return contract.current_terms().get("start_date")

    def get_end_date(self, contract: Contract) -> str | None:
        return contract.current_terms().get("end_date")


class ContractFilter(filters.FilterSet):
    competition = filters.NumberFilter(field_name="offer__competition_id")
    organisation = filters.CharFilter(field_name="offer__organisation__slug")

    class Meta:
        model = Contract
        fields = ["status", "year", "form"]


class ContractViewSet(PublicViewSet):
    """Contracts once signed (art. 15 ust. 4 of the Act), with the grant and the transfers."""

    tag = _("Contracts")
    description = _(
        "Contracts for public tasks once signed, with the grant and the amounts transferred so far; unsigned drafts are not shown."
    )

    areas = ("contracts", "grants", "ngos")
    serializer_class = ContractSerializer
    filterset_class = ContractFilter
    ordering_fields = ["signed_on", "grant", "number"]
    ordering = ["-year", "-sequence"]

    def get_queryset(self):
        return (
            Contract.objects.filter(signed_on__isnull=False)
            .select_related(
                "offer__organisation", "offer__competition", "small_grant__organisation"
            )
            .prefetch_related(
                "annexes",
                Prefetch(
                    "payments", queryset=Payment.objects.order_by("paid_on", "pk")
                ),
            )
            .annotate(
                transferred=Coalesce(
                    Sum("payments__amount"),
                    Value(0),
                    output_field=DecimalField(max_digits=12, decimal_places=2),
                )
            )
        )


ROUTES = [
    ("competitions", CompetitionViewSet, "competition"),
    ("results", ResultViewSet, "result"),
    ("contracts", ContractViewSet, "contract"),
]
