from django.core.management.base import BaseCommand
from django.db import transaction

from cooperation.registry import seed_demo_steps


class Command(BaseCommand):
    help = "Load believable demo data (idempotent): people for each role, then each app's data."

    def handle(self, *args, **options):
        from cooperation.demo import seed_people

        with transaction.atomic():
            created = seed_people(self.stdout)
            for name, step in seed_demo_steps.items():
                self.stdout.write(f"· {name}")
                step(self.stdout)
        if created:
            self.stdout.write(self.style.SUCCESS("Demo log-ins (shown once):"))
            for email, password, role in created:
                self.stdout.write(f"  {role:<28} {email:<32} {password}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
