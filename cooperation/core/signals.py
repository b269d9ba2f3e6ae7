"""Signal receivers of the shared machinery."""

from django.apps import apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .cache import PORTAL_PACKAGES

# Clerks administer every model of the portal's own apps, except its technical
# records; the technical sections (schedules of periodic tasks, API tokens, stored
# open-data files) belong to administrators. Committee members work on the public
# site and get no admin rights.
TECHNICAL_APPS = ("django_celery_beat", "authtoken", "api")
CLERK_EXCLUDED = {("cooperation", "delete_user"), ("cooperation", "change_user")}
ROLE_GROUPS = ("clerks", "committee")


def clerk_app_labels() -> tuple[str, ...]:
    """The apps whose records clerks administer: every app of the portal (an app
    added later is covered by itself), not the technical ones."""
    return tuple(
        config.label
        for config in apps.get_app_configs()
        if config.name.split(".")[0] in PORTAL_PACKAGES
        and config.label not in TECHNICAL_APPS
    )


@receiver(post_migrate)
def sync_clerk_permissions(sender, using="default", **kwargs):
    """Make sure the role groups exist and give ``clerks`` every portal model's rights.

    Runs after every ``migrate`` (and every ``flush``, which empties the groups the
    data migration created), so a model that an app adds later is covered too.
    """
    from django.contrib.auth.models import Group, Permission

    clerk_apps = clerk_app_labels()

    groups = {
        name: Group.objects.using(using).get_or_create(name=name)[0]
        for name in ROLE_GROUPS
    }
    perms = [
        p
        for p in Permission.objects.using(using)
        .filter(content_type__app_label__in=clerk_apps)
        .select_related("content_type")
        if (p.content_type.app_label, p.codename) not in CLERK_EXCLUDED
    ]
    groups["clerks"].permissions.add(*perms)
    groups["clerks"].permissions.remove(
        *Permission.objects.using(using).filter(
            content_type__app_label__in=TECHNICAL_APPS
        )
    )
