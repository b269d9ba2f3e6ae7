"""Consultations refer to the programme's own app; nothing changes in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0003_comment_verbose_name'),
        ('programme', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='consultation',
                    name='programme',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='consultations', to='programme.programme', verbose_name='cooperation programme consulted'),
                ),
                migrations.AlterField(
                    model_name='survey',
                    name='programme',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='surveys', to='programme.programme', verbose_name='cooperation programme'),
                ),
            ],
        ),
    ]
