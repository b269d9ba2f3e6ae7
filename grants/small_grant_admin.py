"""The clerk's admin of small grants: the offers with a button for each transition,
the year's pool, and the comments to moderate and consider."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cooperation.core.admin import PortalAdmin, StatusChangeInline, WorkflowAdmin
from cooperation.core.limits import LimitedModelForm

from . import services
from .models import SmallGrantComment, SmallGrantOffer, SmallGrantPool
from .services import small_grants

PUBLICATION = ["bip_published_on", "bip_url", "board_published_on"]


@admin.register(SmallGrantPool)
class SmallGrantPoolAdmin(PortalAdmin):
    """The grants planned in a year's budget: the base of the 20% pool (art. 19a)."""

    list_display = ["year", "planned_grants", "limit", "resolution"]

    @admin.display(description=_("small grants at most (PLN)"))
    def limit(self, obj):
        return obj.limit


class CommentInline(admin.TabularInline):
    model = SmallGrantComment
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["author_name", "text", "hidden_at", "consideration"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SmallGrantOffer)
class SmallGrantOfferAdmin(WorkflowAdmin):
    """Small-grant offers: found worthwhile or refused, published for 7 days, the
    comments closed, the contract prepared; where else it was published."""

    transitions = services.TRANSITIONS
    list_display = [
        "number",
        "title",
        "organisation",
        "status",
        "requested_grant",
        "received_on",
        "publish_by",
        "comments_until",
    ]
    list_filter = ["status"]
    list_select_related = ["organisation"]
    search_fields = ["number", "title", "organisation__name"]
    inlines = [CommentInline, StatusChangeInline]

    def get_readonly_fields(self, request, obj=None):
        return [
            f.name
            for f in SmallGrantOffer._meta.concrete_fields
            if f.name not in PUBLICATION
        ] + ["publish_by", "public_link"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("to be published by"))
    def publish_by(self, obj):
        return small_grants.publish_by(obj) or "—"

    @admin.display(description=_("public page"))
    def public_link(self, obj):
        if not obj.published_on:
            return "—"
        from django.urls import reverse

        return format_html(
            '<a href="{}">{}</a>',
            reverse("grants:small-grant-detail", args=[obj.pk]),
            gettext("the offer on the portal"),
        )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        original = SmallGrantOffer.objects.get(pk=obj.pk)
        if any(data.get(name) != getattr(original, name) for name in PUBLICATION):
            small_grants.small_grant_record_publication(
                offer=original,
                actor=request.user,
                bip_published_on=data.get("bip_published_on"),
                bip_url=data.get("bip_url") or "",
                board_published_on=data.get("board_published_on"),
            )


class CommentAdminForm(LimitedModelForm):
    hide = forms.BooleanField(label=_("hide from the public"), required=False)

    class Meta:
        model = SmallGrantComment
        fields = ["hide", "hidden_reason", "consideration"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hide"].initial = bool(self.instance.hidden_at)

    def clean(self):
        data = super().clean()
        if (
            data.get("hide")
            and not self.instance.hidden_at
            and not (data.get("hidden_reason") or "").strip()
        ):
            self.add_error(
                "hidden_reason", gettext("Give the reason for hiding the comment.")
            )
        return data


@admin.register(SmallGrantComment)
class SmallGrantCommentAdmin(PortalAdmin):
    """Comments on published offers: hidden (moderated) with a reason, and how each
    was considered."""

    form = CommentAdminForm
    list_display = ["offer", "author_name", "created_at", "is_hidden", "is_considered"]
    list_filter = [
        ("hidden_at", admin.EmptyFieldListFilter),
        ("considered_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["offer"]
    search_fields = ["author_name", "text", "offer__number", "offer__title"]
    readonly_fields = ["offer", "author_name", "email", "text", "created_at"]
    inlines = [StatusChangeInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(boolean=True, description=_("hidden"))
    def is_hidden(self, obj):
        return obj.hidden_at is not None

    @admin.display(boolean=True, description=_("considered"))
    def is_considered(self, obj):
        return obj.considered_at is not None

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        original = SmallGrantComment.objects.get(pk=obj.pk)
        if data.get("hide") and original.hidden_at is None:
            small_grants.small_grant_comment_hide(
                comment=original,
                actor=request.user,
                reason=data.get("hidden_reason") or "",
            )
        elif not data.get("hide") and original.hidden_at is not None:
            small_grants.small_grant_comment_unhide(
                comment=original, actor=request.user
            )
        consideration = data.get("consideration") or ""
        if consideration != original.consideration:
            original.refresh_from_db()
            small_grants.small_grant_comment_consider(
                comment=original, actor=request.user, consideration=consideration
            )
