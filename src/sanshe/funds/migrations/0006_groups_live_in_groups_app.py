"""Applications and funds point at groups.Group (the ids are the same: groups 0002 carried the rows over)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("funds", "0005_events_are_history_entries"),
        ("groups", "0002_carry_over_funds_groups"),
    ]

    operations = [
        migrations.AlterField(
            model_name="fund",
            name="owner_group",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="funds",
                to="groups.group",
                verbose_name="所属小组",
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="group",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="applications",
                to="groups.group",
                verbose_name="申请小组",
            ),
        ),
    ]
