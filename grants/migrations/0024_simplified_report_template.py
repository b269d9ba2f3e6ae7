from datetime import date

from django.db import migrations, models

# The simplified report on a small grant (Dz.U. 2018 poz. 2055), kept with its source
# status in grants/simplified_report_template.py: its wording is not verified, and it
# says so at its top, for a clerk to replace with the official text as a new version.
from grants import simplified_report_template as template


def add_template(apps, schema_editor):
    DocumentTemplate = apps.get_model("grants", "DocumentTemplate")
    DocumentTemplate.objects.get_or_create(
        kind=template.KIND,
        version=template.VERSION,
        defaults={
            "name": template.NAME,
            "legal_basis": template.LEGAL_BASIS,
            "valid_from": date.fromisoformat(template.VALID_FROM),
            "body": template.body(),
        },
    )


def remove_template(apps, schema_editor):
    DocumentTemplate = apps.get_model("grants", "DocumentTemplate")
    DocumentTemplate.objects.filter(
        kind=template.KIND, version=template.VERSION
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("grants", "0023_initiative_contributions_and_settlement")]

    operations = [
        migrations.RemoveConstraint(
            model_name="documenttemplate",
            name="document_template_kind_valid",
        ),
        migrations.AlterField(
            model_name="documenttemplate",
            name="kind",
            field=models.CharField(
                choices=[
                    ("contract", "contract"),
                    ("annex", "annex to a contract"),
                    ("report", "report"),
                    ("simplified", "simplified report (small grants)"),
                ],
                max_length=12,
                verbose_name="kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="documenttemplate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("kind__in", ["contract", "annex", "report", "simplified"])
                ),
                name="document_template_kind_valid",
            ),
        ),
        migrations.RunPython(add_template, remove_template),
    ]
