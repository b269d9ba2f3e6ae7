"""Permissions and groups read once a minute per person, not in every request.

Django's ``ModelBackend`` reads a person's permissions (their own and their
groups') with two queries in every request that checks one, and the
administration checks them on every page. :class:`PermissionsCacheBackend` keeps
the set in the cache under the generations of the user records and of the
permissions (``cooperation.core.cache``), so a change of a person, their groups or
a group's permissions is seen by the next request; ``FRAGMENT_CACHE_SECONDS``
bounds how long a change made while the cache was unreachable can go unseen.
The names of a person's groups (who is a clerk, who sits on committees) are kept
the same way (``User.in_group``), and so is the signed-in person's own record, read
by every request of a signed-in person (``get_user``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache import PERMISSIONS_AREA, bump, per_person, person_record


class PermissionsCacheBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        """The signed-in person of a request, read from the cache while their record
        is unchanged (a change of any person's record makes every copy stale)."""
        user = person_record(
            user_id,
            "person",
            lambda: super(PermissionsCacheBackend, self).get_user(user_id),
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if hasattr(user_obj, "_perm_cache"):
            return super().get_all_permissions(user_obj, obj)
        user_obj._perm_cache = per_person(
            user_obj,
            "permissions",
            lambda: ModelBackend.get_all_permissions(self, user_obj, obj),
        )
        return user_obj._perm_cache

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        """Whether ``user_obj`` has a permission in ``app_label``: the administration
        asks once per app on every page, so the apps are worked out once per request."""
        if not user_obj.is_active:
            return False
        apps = getattr(user_obj, "_perm_apps", None)
        if apps is None:
            apps = {p.partition(".")[0] for p in self.get_all_permissions(user_obj)}
            user_obj._perm_apps = apps
        return app_label in apps


def _permissions_changed(sender: Any, **kwargs: Any) -> None:
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return
    bump([PERMISSIONS_AREA])


def connect_signals() -> None:
    """Bump the permissions' generation on changes of groups and permissions, and of
    the authenticators that open the second factor."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    for model in (Group, Permission, Authenticator):
        for signal in (post_save, post_delete):
            signal.connect(
                _permissions_changed,
                sender=model,
                dispatch_uid=f"permissions-{model.__name__}-{signal!r}",
            )
    user = get_user_model()
    for through in (
        user.groups.through,
        user.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            _permissions_changed,
            sender=through,
            dispatch_uid=f"permissions-{through.__name__}",
        )
