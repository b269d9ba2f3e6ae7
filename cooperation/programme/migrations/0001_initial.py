"""The programme's models, which lived in the ``cooperation`` app: its tables stay."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    """Audit records and permissions follow the models to the new app label."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(
        app_label="cooperation", model__in=["programme", "priority"]
    ).update(app_label="programme")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('cooperation', '0004_programme_council_opinion_and_more'),
        ('ngos', '0005_directory_order_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Programme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('year', models.PositiveSmallIntegerField(unique=True, verbose_name='year')),
                        ('title', models.CharField(blank=True, max_length=300, verbose_name='title')),
                        ('status', models.CharField(choices=[('drafting', 'drafting'), ('in_consultation', 'in consultation'), ('council_opinion', 'opinion of the public benefit council'), ('submitted', 'submitted to the council'), ('adopted', 'adopted'), ('in_force', 'in force'), ('closed', 'closed')], default='drafting', max_length=20, verbose_name='status')),
                        ('goals', models.TextField(blank=True, verbose_name='1. main goal and specific goals')),
                        ('principles', models.TextField(blank=True, verbose_name='2. principles of cooperation')),
                        ('scope', models.TextField(blank=True, verbose_name='3. scope of the subject')),
                        ('forms', models.TextField(blank=True, verbose_name='4. forms of cooperation')),
                        ('priority_tasks', models.TextField(blank=True, verbose_name='5. priority public tasks')),
                        ('period', models.TextField(blank=True, verbose_name='6. period of carrying out the programme')),
                        ('implementation', models.TextField(blank=True, verbose_name='7. how the programme is carried out')),
                        ('funds', models.TextField(blank=True, verbose_name='8. amount of funds planned')),
                        ('evaluation', models.TextField(blank=True, verbose_name='9. how the programme is evaluated')),
                        ('preparation', models.TextField(blank=True, verbose_name='10. how the programme was made and how the consultations went')),
                        ('committees', models.TextField(blank=True, verbose_name='11. how competition committees are appointed and work')),
                        ('resolution_number', models.CharField(blank=True, max_length=60, verbose_name='resolution number')),
                        ('resolution_date', models.DateField(blank=True, null=True, verbose_name='resolution date')),
                        ('legal_basis', models.TextField(blank=True, verbose_name='legal basis')),
                        ('council_opinion', models.TextField(blank=True, help_text='Attached to the draft sent to the council (art. 5a ust. 2a).', verbose_name='opinion of the public benefit council')),
                        ('council_opinion_on', models.DateField(blank=True, null=True, verbose_name='opinion given on')),
                        ('submitted_on', models.DateField(blank=True, null=True, verbose_name='submitted to the council on')),
                        ('responsible', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible clerk')),
                    ],
                    options={
                        'verbose_name': 'cooperation programme',
                        'verbose_name_plural': 'cooperation programmes',
                        'db_table': 'cooperation_programme',
                        'ordering': ['-year'],
                    },
                ),
                migrations.CreateModel(
                    name='Priority',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=400, verbose_name='title')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('planned_funds', models.DecimalField(decimal_places=2, default=0, max_digits=12, verbose_name='planned funds (PLN)')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                        ('sphere', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='priorities', to='ngos.publicbenefitsphere', verbose_name='sphere')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='priorities', to='programme.programme', verbose_name='programme')),
                    ],
                    options={
                        'verbose_name': 'priority task',
                        'verbose_name_plural': 'priority tasks',
                        'db_table': 'cooperation_priority',
                        'ordering': ['programme', 'position', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='programme',
                    constraint=models.CheckConstraint(condition=models.Q(('status__in', ['drafting', 'in_consultation', 'council_opinion', 'submitted', 'adopted', 'in_force', 'closed'])), name='programme_status_valid'),
                ),
                migrations.AddConstraint(
                    model_name='priority',
                    constraint=models.CheckConstraint(condition=models.Q(('planned_funds__gte', 0)), name='priority_funds_not_negative'),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, migrations.RunPython.noop),
    ]
