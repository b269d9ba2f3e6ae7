"""The offer on the 2018 form: costs under the activities of III.4, III.3's four points.

Existing data: the text of the dropped "goal" field is kept at the head of III.3's
"the way its problems are solved or its needs met"; a cost of group I is placed under
its offer's first activity of III.4 (offers without an activity keep the cost in group
I without one, and the form asks the author to choose it before submission);
administrative costs stay group II. Offers already submitted keep their stored content
and checksum, which are what was submitted.
"""

import cooperation.core.limits
import django.db.models.deletion
from django.db import migrations, models


def keep_goal(apps, schema_editor):
    Offer = apps.get_model("grants", "Offer")
    for offer in Offer.objects.exclude(goal="").only("pk", "goal", "method"):
        method = f"{offer.goal}\n\n{offer.method}" if offer.method else offer.goal
        Offer.objects.filter(pk=offer.pk).update(method=method)


def place_costs(apps, schema_editor):
    CostRow = apps.get_model("grants", "CostRow")
    ScheduleAction = apps.get_model("grants", "ScheduleAction")
    first: dict[int, int] = {}
    for action in ScheduleAction.objects.order_by("offer_id", "position", "pk"):
        first.setdefault(action.offer_id, action.pk)
    for offer_id, action_id in first.items():
        CostRow.objects.filter(
            offer_id=offer_id, category="activity", action__isnull=True
        ).update(action_id=action_id)


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0011_announcement"),
    ]

    operations = [
        migrations.RunPython(keep_goal, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="offer",
            name="goal",
        ),
        migrations.AddField(
            model_name="costrow",
            name="action",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="costs",
                to="grants.scheduleaction",
                verbose_name="activity",
            ),
        ),
        migrations.AddField(
            model_name="costrow",
            name="year",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="budget year"
            ),
        ),
        migrations.AlterField(
            model_name="offer",
            name="complementarity",
            field=cooperation.core.limits.LimitedTextField(
                blank=True,
                verbose_name="complementarity with other actions of the organisation or other bodies",
            ),
        ),
        migrations.AlterField(
            model_name="offer",
            name="method",
            field=cooperation.core.limits.LimitedTextField(
                blank=True,
                verbose_name="the way its problems are solved or its needs met",
            ),
        ),
        migrations.AlterField(
            model_name="offer",
            name="place",
            field=cooperation.core.limits.LimitedTextField(
                blank=True, verbose_name="place of the task"
            ),
        ),
        migrations.AlterField(
            model_name="offer",
            name="st_no_tax_arrears",
            field=models.BooleanField(
                default=False,
                help_text="Tick if the offeror is not in arrears; leave empty if it is.",
                verbose_name="3) the offeror* / offerors* submitting this offer is (are)* not / is (are)* in arrears with paying liabilities from tax obligations;",
            ),
        ),
        migrations.AlterField(
            model_name="offer",
            name="st_no_zus_arrears",
            field=models.BooleanField(
                default=False,
                help_text="Tick if the offeror is not in arrears; leave empty if it is.",
                verbose_name="4) the offeror* / offerors* submitting this offer is (are)* not / is (are)* in arrears with paying liabilities from social-security contributions;",
            ),
        ),
        migrations.AlterField(
            model_name="offer",
            name="st_payments",
            field=models.BooleanField(
                default=False,
                verbose_name="2) cash payments will be collected only within the paid public-benefit activity carried out;",
            ),
        ),
        migrations.AlterField(
            model_name="offer",
            name="st_personal_data",
            field=models.BooleanField(
                default=False,
                verbose_name="7) as regards the open competition for offers, including the collection, processing and transfer of personal data and their entry into IT systems, the persons concerned by these data have made the appropriate statements in accordance with the personal data protection provisions.",
            ),
        ),
        migrations.AlterField(
            model_name="offer",
            name="st_public_benefit",
            field=models.BooleanField(
                default=False,
                verbose_name="1) the proposed public task will be carried out only within the public-benefit activity of the offeror(s);",
            ),
        ),
        migrations.AlterField(
            model_name="offer",
            name="st_register",
            field=models.BooleanField(
                default=False,
                verbose_name="5) the data in part II of this offer agree with the National Court Register* / the relevant register*;",
            ),
        ),
        migrations.AlterField(
            model_name="offer",
            name="st_true",
            field=models.BooleanField(
                default=False,
                verbose_name="6) all information given in the offer and its annexes agrees with the current legal and factual state;",
            ),
        ),
        migrations.AlterField(
            model_name="offer",
            name="target_group",
            field=cooperation.core.limits.LimitedTextField(
                blank=True, verbose_name="target group"
            ),
        ),
        migrations.AddConstraint(
            model_name="costrow",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("category", "activity"), ("action__isnull", True), _connector="OR"
                ),
                name="cost_row_administrative_has_no_action",
            ),
        ),
        # Last: rows updated here would block a later ALTER of the table.
        migrations.RunPython(place_costs, migrations.RunPython.noop),
    ]
