"""The portal's administration site: Django's, with the clerk's desk as its first page,
and the navigation read only when shown.

Django builds the list of every application and model the person may see (a
permission check per model) for every page of the administration, for the
navigation sidebar. Here it is built only when the sidebar is rendered, and the
rendered sidebar is kept as a fragment per person, permissions, language and
current model (``templates/admin/base_site.html``), so most pages never build it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .cache import Later, bump, prefetch_fragments
from .desk import counts_by_model, desk_areas, desk_items


def permissions_stamp(user: Any) -> str:
    """A short digest of what ``user`` may do, for keys of fragments they see."""
    if user is None or not user.is_authenticated:
        return "anonymous"
    if not user.is_active:
        return "inactive"
    if user.is_superuser:
        return "superuser"
    rights = "\n".join(sorted(user.get_all_permissions()))
    return hashlib.blake2b(rights.encode(), digest_size=8).hexdigest()


def current_section(path: str) -> str:
    """The part of an administration path that tells the current app and model."""
    return "/".join(path.split("/")[:4])


def administrators_only(model_admin: Any) -> None:
    """Keep a technical section (schedules of periodic tasks, API tokens, stored
    open-data files) to administrators, whatever rights a staff member was given."""
    for name in (
        "has_view_permission",
        "has_add_permission",
        "has_change_permission",
        "has_delete_permission",
        "has_module_permission",
    ):
        allowed = getattr(model_admin, name)

        def check(request: HttpRequest, *args: Any, _allowed: Any = allowed) -> bool:
            return bool(request.user.is_superuser) and _allowed(request, *args)

        setattr(model_admin, name, check)


class PortalAdminSite(admin.AdminSite):
    index_template = "admin/portal/index.html"

    def get_urls(self):
        from .signals import TECHNICAL_APPS

        for model, model_admin in self._registry.items():
            if model._meta.app_label in TECHNICAL_APPS and not getattr(
                model_admin, "_administrators_only", False
            ):
                administrators_only(model_admin)
                model_admin._administrators_only = True
        return super().get_urls()

    def index(self, request: HttpRequest, extra_context: Any = None) -> Any:
        # The desk and the list of applications are fragments kept per person and
        # permissions under the record areas of what the desk counts: the counts are
        # read only when one of them is rendered again.
        items = Later(lambda: desk_items(request.user))

        def app_list() -> list[dict[str, Any]]:
            waiting = counts_by_model(items)
            apps = self.get_app_list(request)
            for app in apps:
                for model in app["models"]:
                    model["waiting"] = waiting.get(model["model"]._meta.label_lower, 0)
            return apps

        areas = desk_areas()
        vary = (request.user.pk, permissions_stamp(request.user))
        today = timezone.localdate()
        # The desk, the list of applications and the person's recent actions, in one
        # round trip.
        recent = recent_actions_area(request.user.pk)
        prefetch_fragments(
            (*areas, recent),
            [
                ("admin:desk", [vary, today]),
                ("admin:desk-apps", [vary]),
                ("admin:recent-actions", [request.user.pk]),
            ],
        )
        context = {
            **self.each_context(request),
            "title": self.index_title,
            "subtitle": None,
            "app_list": SimpleLazyObject(app_list),
            "desk_areas": areas,
            "desk_vary": vary,
            "desk": items,
            "recent_actions_area": recent,
            "today": today,
            **(extra_context or {}),
        }
        request.current_app = self.name
        return TemplateResponse(request, self.index_template, context)

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        script_name = request.META["SCRIPT_NAME"]
        site_url = (
            script_name if self.site_url == "/" and script_name else self.site_url
        )
        return {
            "site_title": self.site_title,
            "site_header": self.site_header,
            "site_url": site_url,
            "has_permission": self.has_permission(request),
            "available_apps": SimpleLazyObject(lambda: self.get_app_list(request)),
            "is_popup": False,
            "is_nav_sidebar_enabled": self.enable_nav_sidebar,
            "log_entries": self.get_log_entries(request),
            "nav_sidebar_vary": SimpleLazyObject(
                lambda: (
                    getattr(request.user, "pk", None),
                    permissions_stamp(request.user),
                    current_section(request.path),
                )
            ),
        }


def recent_actions_area(user_id: Any) -> str:
    """The area of a person's "recent actions" on the desk, renewed by their next one."""
    return f"admin-log:{user_id}"


def _logged(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump([recent_actions_area(instance.user_id)])


class PortalAdminConfig(AdminConfig):
    default_site = "cooperation.core.admin_site.PortalAdminSite"

    def ready(self) -> None:
        super().ready()
        for signal in (post_save, post_delete):
            signal.connect(
                _logged, sender="admin.LogEntry", dispatch_uid=f"admin-log-{signal!r}"
            )
