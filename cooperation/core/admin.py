from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils.translation import gettext_lazy as _

from .limits import LimitedModelForm
from .models import GeneratedDocument, Notification, StatusChange, User


class StatusChangeInline(GenericTabularInline):
    """The audit trail of an object, read-only, on its admin page."""

    model = StatusChange
    ct_field = "content_type"
    ct_fk_field = "object_id"
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    verbose_name = _("audit record")
    verbose_name_plural = _("audit trail")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin showing the object's audit trail; status is never edited directly."""

    form = LimitedModelForm

    inlines = [StatusChangeInline]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if (
            any(f.name == "status" for f in self.model._meta.fields)
            and "status" not in fields
        ):
            fields.append("status")
        return fields


class UserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email", "username", "first_name", "last_name")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "username",
                    "first_name",
                    "last_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Preferences"), {"fields": ("language",)}),
    )

    def has_add_permission(self, request) -> bool:
        # Django's add-user page needs the "change user" right as well (it sets the
        # password): without it the "Add" button led to a 404.
        return super().has_add_permission(request) and self.has_change_permission(
            request
        )

    list_display = [
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "is_active",
        "date_joined",
    ]
    search_fields = ["email", "first_name", "last_name", "username"]
    ordering = ["email"]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "content_type",
        "object_id",
        "from_status",
        "to_status",
        "actor",
    ]
    list_filter = ["content_type", "to_status"]
    list_select_related = ["content_type", "actor"]
    readonly_fields = [f.name for f in StatusChange._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "recipient",
        "kind",
        "occasion",
        "sent_at",
        "attempts",
    ]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email", "occasion", "kind"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "key",
        "status",
        "file_link",
        "size_display",
        "render_time",
        "updated_at",
    ]
    list_filter = ["status", "template_name"]
    search_fields = ["key", "title"]
    readonly_fields = [
        "file_link",
        "render_time",
        *(f.name for f in GeneratedDocument._meta.fields),
    ]

    @admin.display(description=_("file"))
    def file_link(self, obj: GeneratedDocument):
        from django.urls import reverse
        from django.utils.html import format_html

        if obj.status != GeneratedDocument.Status.READY or not obj.file:
            return "—"
        url = reverse("admin:cooperation_generateddocument_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.file.name.rsplit("/", 1)[-1])

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="cooperation_generateddocument_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk: int):
        """The stored file, for staff who may view documents (files are not public)."""
        from django.core.exceptions import PermissionDenied
        from django.shortcuts import get_object_or_404

        from .pdf import serve_document

        doc = get_object_or_404(GeneratedDocument, pk=pk)
        if not self.has_view_permission(request, doc):
            raise PermissionDenied
        return serve_document(request, doc)

    @admin.display(description=_("size"), ordering="size")
    def size_display(self, obj: GeneratedDocument) -> str:
        from django.template.defaultfilters import filesizeformat

        return filesizeformat(obj.size) if obj.size else "—"

    @admin.display(description=_("render time"), ordering="render_seconds")
    def render_time(self, obj: GeneratedDocument) -> str:
        if obj.render_seconds is None:
            return "—"
        return _("%(seconds).1f s") % {"seconds": obj.render_seconds}

    def has_add_permission(self, request) -> bool:
        return False
