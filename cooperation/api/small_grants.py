"""Small grants (art. 19a) in the open-data API: the offers published for comments,
with their amounts, the comment period and the outcome.

Only what the offer's public page shows: an offer is listed once published for
comments (``grants.selectors.SMALL_GRANT_PUBLIC``); drafts, offers waiting for the
office's assessment and refused ones are not, nor the contact person, the bank
account or the comments' authors.
"""

from __future__ import annotations

from typing import Any

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cooperation.core.api import PublicViewSet, year_filter
from cooperation.core.db import subquery_count
from grants.api import ResultOrganisationSerializer
from grants.models import Contract, Payment, SmallGrantComment, SmallGrantOffer
from grants.models.contracts import plain_amount
from grants.selectors import SMALL_GRANT_PUBLIC

# The comments the public page shows: not hidden, from a confirmed address.
_PUBLIC_COMMENTS = {"hidden_at__isnull": True, "email_confirmed_at__isnull": False}
# What changes an offer's record: the offer, its comments, its contract and the
# transfers, the organisation's name and the programme's task.
AREAS = (
    "staff:grants.smallgrantoffer",
    "staff:grants.smallgrantcomment",
    "contracts",
    "ngos",
    "programme",
)


class SmallGrantContractSerializer(serializers.Serializer):
    """The contract of a small grant, once signed."""

    url = serializers.HyperlinkedIdentityField(view_name="api:contract-detail")
    number = serializers.CharField()
    signed_on = serializers.DateField()
    grant = serializers.DecimalField(max_digits=12, decimal_places=2)
    transferred = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        help_text=_("The sum of the transfers recorded so far (PLN)."),
    )


class CostRowSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("Type of cost"))
    total = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text=_("Value (PLN)")
    )


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class SmallGrantSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:small-grant-detail")
    page = serializers.SerializerMethodField(help_text=_("Page on the portal."))
    status_name = serializers.CharField(source="get_status_display")
    organisation = ResultOrganisationSerializer(read_only=True)
    sphere = serializers.CharField(source="priority.sphere.code", default=None)
    priority = serializers.CharField(source="priority.title")
    programme_year = serializers.IntegerField(source="priority.programme.year")
    character_name = serializers.CharField(source="get_character_display")
    costs = serializers.SerializerMethodField(
        help_text=_("Rows of the cost table (V.A): type of cost and value (PLN).")
    )
    total_costs = _money(help_text=_("The sum of the cost table (PLN)."))
    requested_grant = _money(help_text=_("V.B planned grant (PLN)"))
    own_financial = _money(help_text=_("own financial contribution (PLN)"))
    own_non_financial = _money(help_text=_("own non-financial contribution (PLN)"))
    recipient_payments = _money(help_text=_("payments of the recipients (PLN)"))
    comments_from = serializers.DateField(
        source="published_on",
        help_text=_("The first day of the comment period (art. 19a ust. 3)."),
    )
    comments_until = serializers.DateField(
        source="last_comment_day",
        help_text=_("The last day of the comment period (7 days, art. 19a ust. 3)."),
    )
    comment_count = serializers.IntegerField(
        help_text=_("Comments the public page shows.")
    )
    contract = serializers.SerializerMethodField(
        help_text=_("The contract, once signed; empty until then.")
    )

    class Meta:
        model = SmallGrantOffer
        fields = [
            "url",
            "page",
            "id",
            "number",
            "title",
            "status",
            "status_name",
            "organisation",
            "offeror_name",
            "offeror_legal_form",
            "offeror_register",
            "offeror_address",
            "sphere",
            "priority",
            "programme_year",
            "addressed_to",
            "start_date",
            "end_date",
            "place",
            "description",
            "results",
            "character",
            "character_name",
            "costs",
            "total_costs",
            "requested_grant",
            "own_financial",
            "own_non_financial",
            "recipient_payments",
            "decided_on",
            "comments_from",
            "comments_until",
            "bip_published_on",
            "bip_url",
            "board_published_on",
            "website_published_on",
            "comment_count",
            "contract",
            "updated_at",
        ]

    def get_page(self, offer: SmallGrantOffer) -> str:
        request = self.context.get("request")
        path = reverse("grants:small-grant-detail", args=[offer.pk])
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(CostRowSerializer(many=True))
    def get_costs(self, offer: SmallGrantOffer) -> list[dict[str, Any]]:
        rows = [
            {
                "name": str(row.get("name") or ""),
                "total": plain_amount(row.get("total")),
            }
            for row in offer.costs or []
            if isinstance(row, dict)
        ]
        return CostRowSerializer(rows, many=True).data

    @extend_schema_field(SmallGrantContractSerializer(allow_null=True))
    def get_contract(self, offer: SmallGrantOffer) -> dict | None:
        contract = getattr(offer, "signed_contract", None)
        if contract is None:
            return None
        return SmallGrantContractSerializer(contract, context=self.context).data


class SmallGrantFilter(filters.FilterSet):
    organisation = filters.CharFilter(field_name="organisation__slug")
    sphere = filters.CharFilter(field_name="priority__sphere__code")
    year = year_filter("priority__programme__year")

    class Meta:
        model = SmallGrantOffer
        fields = ["status", "character"]


class SmallGrantViewSet(PublicViewSet):
    """Small-grant offers published for comments (art. 19a), and what became of them."""

    tag = _("Small grants")
    description = _(
        "Offers of small grants outside competitions (art. 19a of the Act) once published for comments, with the amounts, the comment period and the outcome; drafts and offers not published are not shown."
    )

    areas = AREAS
    serializer_class = SmallGrantSerializer
    filterset_class = SmallGrantFilter
    ordering_fields = ["published_on", "requested_grant", "start_date"]
    ordering = ["-published_on", "-pk"]

    def get_queryset(self):
        return (
            SmallGrantOffer.objects.filter(status__in=SMALL_GRANT_PUBLIC)
            .select_related("organisation", "priority__sphere", "priority__programme")
            .annotate(
                comment_count=subquery_count(
                    SmallGrantComment.objects.filter(**_PUBLIC_COMMENTS), to="offer"
                )
            )
            .defer(
                "contact_name",
                "contact_phone",
                "contact_email",
                "offeror_bank_account",
                "statements",
                "checksum",
            )
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        _attach_contracts(page if page is not None else queryset)
        return page

    def get_object(self):
        offer = super().get_object()
        _attach_contracts([offer])
        return offer


def _attach_contracts(offers: Any) -> None:
    """The signed contracts of ``offers``, with what was transferred (one query)."""
    offers = list(offers)
    if not offers:
        return
    paid = (
        Payment.objects.filter(contract=OuterRef("pk"))
        .order_by()
        .values("contract")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    contracts = {
        c.small_grant_id: c
        for c in Contract.objects.filter(
            small_grant__in=[o.pk for o in offers], signed_on__isnull=False
        )
        .annotate(
            transferred=Coalesce(
                Subquery(paid),
                Value(0),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            )
        )
        .only("pk", "number", "signed_on", "grant", "small_grant_id")
    }
    for offer in offers:
        offer.signed_contract = contracts.get(offer.pk)


ROUTES = [("small-grants", SmallGrantViewSet, "small-grant")]
