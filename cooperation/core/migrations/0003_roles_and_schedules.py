from django.db import migrations


def create_roles_and_schedules(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ("clerks", "committee"):
        Group.objects.get_or_create(name=name)

    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    every_15, _ = IntervalSchedule.objects.get_or_create(every=15, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Deliver pending notifications",
        defaults={
            "task": "cooperation.tasks.deliver_pending_notifications_task",
            "interval": every_minute,
        },
    )
    PeriodicTask.objects.get_or_create(
        name="Deadline reminders",
        defaults={"task": "cooperation.tasks.sweep_reminders_task", "interval": every_15},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_roles_and_schedules, migrations.RunPython.noop)]
