"""A second migration, so the index is built after the keys are committed."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ngos", "0008_organisation_name_key")]

    operations = [
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("name_key", ""), _negated=True),
                fields=("name_key",),
                name="organisation_unique_name",
            ),
        ),
    ]
