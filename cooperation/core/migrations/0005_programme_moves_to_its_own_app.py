"""The programme's models move to the ``programme`` app; their tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('workshops', '0003_alter_historicalrecommendation_priority_and_more'),
        ('consultations', '0004_alter_consultation_programme_alter_survey_programme'),
        ('grants', '0006_alter_competition_priority'),
        ('cooperation', '0004_programme_council_opinion_and_more'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='priority',
                    name='programme',
                ),
                migrations.RemoveField(
                    model_name='priority',
                    name='sphere',
                ),
                migrations.RemoveField(
                    model_name='programme',
                    name='responsible',
                ),
                migrations.DeleteModel(name='Priority'),
                migrations.DeleteModel(name='Programme'),
            ],
        ),
    ]
