"""Funds keep no groups of their own any more (0007 can copy them back when going backwards)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("funds", "0007_copy_groups_back_when_reversed")]

    operations = [
        migrations.RemoveField(model_name="fundevent", name="group"),
        migrations.AlterField(
            model_name="fundevent",
            name="kind",
            field=models.CharField(
                choices=[("committee_appointed", "任命委员"), ("committee_ended", "结束任期"), ("lot_added", "登记拍品")],
                max_length=30,
                verbose_name="事项",
            ),
        ),
        migrations.RemoveField(model_name="residentgroup", name="members"),
        migrations.DeleteModel(name="GroupMember"),
        migrations.DeleteModel(name="ResidentGroup"),
    ]
