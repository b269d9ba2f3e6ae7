from django.core.management.base import BaseCommand

from consultations import demo as consultations_demo
from cooperation.core.demo import seed_people
from cooperation.programme import demo as programme_demo
from grants import demo as grants_demo
from ngos import demo as ngos_demo
from workshops import demo as workshops_demo

# Each app's share per unit of scale, in this order (later steps use earlier data).
STEPS = (
    ("ngos", ngos_demo.seed_bench),
    ("programme", programme_demo.seed_bench),
    ("consultations", consultations_demo.seed_bench),
    ("grants", grants_demo.seed_bench),
    ("workshops", workshops_demo.seed_bench),
)


class Command(BaseCommand):
    help = (
        "Create benchmark data at a scale (each app adds its share per unit of scale)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)

    def handle(self, *args, scale: int, **options):
        seed_people(self.stdout)
        for name, step in STEPS:
            self.stdout.write(f"· {name} × {scale}")
            step(scale, self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Benchmark data at scale {scale} ready."))
