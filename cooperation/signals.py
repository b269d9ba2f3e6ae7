"""Signal receivers of the shared machinery."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver

# Clerks administer everything of the portal's own apps and the schedules of the
# periodic tasks. Committee members work on the public site and get no admin rights.
CLERK_APPS = (
    "cooperation",
    "ngos",
    "grants",
    "consultations",
    "workshops",
    "django_celery_beat",
)
CLERK_EXCLUDED = {("cooperation", "delete_user"), ("cooperation", "change_user")}


@receiver(post_migrate)
def sync_clerk_permissions(sender, using="default", **kwargs):
    """Give the ``clerks`` group the permissions of every model of the portal's apps.

    Runs after every migrate, so a model that an app adds later is covered too.
    """
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.using(using).filter(name="clerks").first()
    if group is None:
        return
    perms = [
        p
        for p in Permission.objects.using(using)
        .filter(content_type__app_label__in=CLERK_APPS)
        .select_related("content_type")
        if (p.content_type.app_label, p.codename) not in CLERK_EXCLUDED
    ]
    group.permissions.add(*perms)
