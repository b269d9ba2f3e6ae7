from django.contrib import admin

from cooperation.core.admin import PortalAdmin

from .models import DatasetFile


@admin.register(DatasetFile)
class DatasetFileAdmin(PortalAdmin):
    list_display = ["dataset", "format", "rows", "size", "generated_at"]
    list_filter = ["format"]
    readonly_fields = [f.name for f in DatasetFile._meta.concrete_fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
