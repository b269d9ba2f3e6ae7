"""Signal receivers of the shared machinery."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver

# Clerks administer everything of the portal's own apps and the schedules of the
# periodic tasks. Committee members work on the public site and get no admin rights.
CLERK_APPS = (
    "cooperation",
    "programme",
    "nonfinancial",
    "ngos",
    "grants",
    "consultations",
    "workshops",
    "django_celery_beat",
)
CLERK_EXCLUDED = {("cooperation", "delete_user"), ("cooperation", "change_user")}
ROLE_GROUPS = ("clerks", "committee")


@receiver(post_migrate)
def sync_clerk_permissions(sender, using="default", **kwargs):
    """Make sure the role groups exist and give ``clerks`` every portal model's rights.

    Runs after every ``migrate`` (and every ``flush``, which empties the groups the
    data migration created), so a model that an app adds later is covered too.
    """
    from django.contrib.auth.models import Group, Permission

    groups = {
        name: Group.objects.using(using).get_or_create(name=name)[0]
        for name in ROLE_GROUPS
    }
    perms = [
        p
        for p in Permission.objects.using(using)
        .filter(content_type__app_label__in=CLERK_APPS)
        .select_related("content_type")
        if (p.content_type.app_label, p.codename) not in CLERK_EXCLUDED
    ]
    groups["clerks"].permissions.add(*perms)
