"""Competitions refer to the programme's own app; nothing changes in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('grants', '0005_alter_committeemember_options'),
        ('programme', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='competition',
                    name='priority',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='competitions', to='programme.priority', verbose_name='priority task of the programme'),
                ),
            ],
        ),
    ]
