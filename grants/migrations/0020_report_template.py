from datetime import date

from django.db import migrations

# The report's wording (Dz.U. 2018 poz. 2057, zał. nr 5), kept with its source status
# in grants/report_template.py: not verified against the official text, and saying so
# at its top, for a clerk to compare and replace with a new version.
from grants import report_template


def add_template(apps, schema_editor):
    DocumentTemplate = apps.get_model("grants", "DocumentTemplate")
    DocumentTemplate.objects.get_or_create(
        kind="report",
        version=report_template.VERSION,
        defaults={
            "name": report_template.NAME,
            "legal_basis": report_template.LEGAL_BASIS,
            "valid_from": date.fromisoformat(report_template.VALID_FROM),
            "body": report_template.body(),
        },
    )


def remove_template(apps, schema_editor):
    DocumentTemplate = apps.get_model("grants", "DocumentTemplate")
    DocumentTemplate.objects.filter(
        kind="report", version=report_template.VERSION
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("grants", "0019_report_pages")]

    operations = [migrations.RunPython(add_template, remove_template)]
