from django.core.management.base import BaseCommand

from cooperation.registry import seed_bench_steps


class Command(BaseCommand):
    help = "Create benchmark data at a scale (each app adds its share per unit of scale)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)

    def handle(self, *args, scale: int, **options):
        from cooperation.demo import seed_people

        seed_people(self.stdout)
        for name, step in seed_bench_steps.items():
            self.stdout.write(f"· {name} × {scale}")
            step(scale, self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Benchmark data at scale {scale} ready."))
