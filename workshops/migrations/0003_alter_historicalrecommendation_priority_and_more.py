"""Recommendations refer to the programme's own app; nothing changes in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programme', '0001_initial'),
        ('workshops', '0002_recommendation_consultation'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalrecommendation',
                    name='priority',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programme.priority', verbose_name='programme priority'),
                ),
                migrations.AlterField(
                    model_name='recommendation',
                    name='priority',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='recommendations', to='programme.priority', verbose_name='programme priority'),
                ),
            ],
        ),
    ]
