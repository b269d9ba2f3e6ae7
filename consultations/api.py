"""Consultations in the open-data API: drafts by units, the comments the public sees
and, once published, the report's decisions."""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import serializers

from cooperation.core.api import PublicViewSet, year_filter
from cooperation.core.db import subquery_count

from .models import Comment, Consultation, ConsultationStatus, DraftVersion, Unit


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "position", "kind", "number", "label", "depth", "text"]


class VersionSerializer(serializers.ModelSerializer):
    units = UnitSerializer(many=True, read_only=True)

    class Meta:
        model = DraftVersion
        fields = ["number", "note", "created_at", "units"]


class ConsultationSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:consultation-detail")
    page = serializers.SerializerMethodField(help_text=_("Page on the portal."))
    status_name = serializers.CharField(source="get_status_display")
    act_kind_name = serializers.CharField(source="get_act_kind_display")
    comment_count = serializers.IntegerField(
        help_text=_("Comments the public sees (hidden ones are not counted).")
    )
    comments = serializers.SerializerMethodField(
        help_text=_("The list of the consultation's comments in the API.")
    )
    report_summary = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "url",
            "page",
            "title",
            "summary",
            "act_kind",
            "act_kind_name",
            "status",
            "status_name",
            "department",
            "legal_basis",
            "invite_all_ngos",
            "invite_council",
            "invite_residents",
            "channel_online",
            "channel_paper",
            "channel_email",
            "channel_meeting",
            "start_at",
            "end_at",
            "published_at",
            "cancel_reason",
            "comment_count",
            "comments",
            "report_summary",
            "report_published_at",
            "updated_at",
        ]

    def get_page(self, consultation: Consultation) -> str:
        request = self.context.get("request")
        path = consultation.get_absolute_url()
        return request.build_absolute_uri(path) if request else path

    def get_comments(self, consultation: Consultation) -> str:
        request = self.context.get("request")
        path = f"/api/v1/comments/?consultation={consultation.pk}"
        return request.build_absolute_uri(path) if request else path

    def get_report_summary(self, consultation: Consultation) -> str:
        if consultation.status == ConsultationStatus.REPORT_PUBLISHED:
            return consultation.report_summary
        return ""


class ConsultationDetailSerializer(ConsultationSerializer):
    draft = serializers.SerializerMethodField(
        help_text=_("The latest version of the draft, by units.")
    )

    class Meta(ConsultationSerializer.Meta):
        fields = [*ConsultationSerializer.Meta.fields, "draft"]

    def get_draft(self, consultation: Consultation) -> dict | None:
        versions = getattr(consultation, "latest_versions", None)
        if not versions:
            return None
        return VersionSerializer(versions[0], context=self.context).data


class ConsultationFilter(filters.FilterSet):
    year = year_filter("start_at__year")

    class Meta:
        model = Consultation
        fields = ["status", "act_kind"]


class ConsultationViewSet(PublicViewSet):
    """Announced consultations of draft acts (art. 5 ust. 5 of the Act)."""

    tag = _("Consultations")
    description = _(
        "Announced consultations of draft acts; a single consultation holds the latest version of the draft by units."
    )

    areas = ("consultations",)
    filterset_class = ConsultationFilter
    ordering_fields = ["start_at", "end_at", "title"]
    ordering = ["-start_at", "-pk"]

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ConsultationDetailSerializer
        return ConsultationSerializer

    def get_queryset(self):
        queryset = Consultation.objects.public().annotate(
            comment_count=subquery_count(
                Comment.objects.filter(hidden_at__isnull=True), to="consultation"
            )
        )
        if self.action == "retrieve":
            latest = DraftVersion.objects.filter(
                consultation=OuterRef("consultation")
            ).order_by("-number")
            queryset = queryset.prefetch_related(
                Prefetch(
                    "versions",
                    queryset=DraftVersion.objects.filter(
                        pk=Subquery(latest.values("pk")[:1])
                    ).prefetch_related(
                        Prefetch("units", queryset=Unit.objects.order_by("position"))
                    ),
                    to_attr="latest_versions",
                )
            )
        return queryset


class CommentSerializer(serializers.ModelSerializer):
    consultation = serializers.HyperlinkedRelatedField(
        view_name="api:consultation-detail", read_only=True
    )
    author = serializers.CharField(
        source="public_author",
        help_text=_(
            "As the portal shows it: the organisation, or the person's name only "
            "with their consent."
        ),
    )
    unit = serializers.CharField(source="unit.label", default=None)
    channel_name = serializers.CharField(source="get_channel_display")
    decision = serializers.SerializerMethodField(
        help_text=_("The office's decision, once the report is published.")
    )
    decision_justification = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "consultation",
            "unit",
            "author",
            "channel",
            "channel_name",
            "received_on",
            "created_at",
            "current_wording",
            "proposed_wording",
            "justification",
            "decision",
            "decision_justification",
        ]

    def _reported(self, comment: Comment) -> bool:
        return comment.consultation.status == ConsultationStatus.REPORT_PUBLISHED

    def get_decision(self, comment: Comment) -> str:
        return comment.decision if self._reported(comment) else ""

    def get_decision_justification(self, comment: Comment) -> str:
        return comment.decision_justification if self._reported(comment) else ""


class CommentFilter(filters.FilterSet):
    consultation = filters.NumberFilter(field_name="consultation_id")

    class Meta:
        model = Comment
        fields = ["channel"]


class CommentViewSet(PublicViewSet):
    """The comments the public sees on announced consultations; hidden ones are left out."""

    tag = _("Consultations")
    description = _(
        "The comments the public sees on announced consultations, with the office's decisions once the report is published."
    )

    areas = ("consultations", "ngos", "people")
    serializer_class = CommentSerializer
    filterset_class = CommentFilter
    ordering_fields = ["created_at", "received_on"]
    ordering = ["consultation_id", "created_at", "pk"]

    def get_queryset(self):
        return (
            Comment.objects.visible()
            .exclude(consultation__status=ConsultationStatus.DRAFT)
            .select_related("consultation", "unit", "organisation", "author")
            .only(
                "id",
                "consultation__id",
                "consultation__status",
                "unit__label",
                "organisation__name",
                "author__first_name",
                "author__last_name",
                "author_name",
                "name_consent",
                "channel",
                "received_on",
                "created_at",
                "current_wording",
                "proposed_wording",
                "justification",
                "decision",
                "decision_justification",
            )
        )


ROUTES = [
    ("consultations", ConsultationViewSet, "consultation"),
    ("comments", CommentViewSet, "comment"),
]
