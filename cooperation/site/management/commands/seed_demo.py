from django.core.management.base import BaseCommand
from django.db import transaction

from consultations import demo as consultations_demo
from cooperation.core.demo import seed_people
from cooperation.council import demo as council_demo
from cooperation.evaluation import demo as evaluation_demo
from cooperation.evaluation.quality import demo as quality_demo
from cooperation.nonfinancial import demo as nonfinancial_demo
from cooperation.programme import demo as programme_demo
from cooperation.site.firstrun import login_lines, mail_destination
from grants import demo as grants_demo
from ngos import demo as ngos_demo
from workshops import demo as workshops_demo

# Each app's demo data, in this order (later steps use what earlier ones created).
STEPS = (
    ("ngos", ngos_demo.seed_demo),
    ("programme", programme_demo.seed_demo),
    ("consultations", consultations_demo.seed_demo),
    ("grants", grants_demo.seed_demo),
    ("workshops", workshops_demo.seed_demo),
    ("nonfinancial", nonfinancial_demo.seed_demo),
    ("quality index", quality_demo.seed_demo),
    ("council", council_demo.seed_demo),
    # The report on the year counts what the steps above made.
    ("evaluation", evaluation_demo.seed_demo),
)


class Command(BaseCommand):
    help = "Load believable demo data (idempotent): people for each role, then each app's data."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = seed_people(self.stdout)
            for name, step in STEPS:
                self.stdout.write(f"· {name}")
                step(self.stdout)
        if created:
            self.stdout.write(self.style.SUCCESS("Demo log-ins (shown once):"))
            for line in login_lines(created):
                self.stdout.write(line)
        self.stdout.write(f"E-mails: {mail_destination()}.")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
