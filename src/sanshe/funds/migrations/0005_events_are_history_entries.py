# Application and fund events take the one history shape (sanshe.common.models.HistoryEntry):
# their `note` becomes `reason` (data kept), they get `at` (filled from created_at), and the actor
# is kept as SET_NULL like every other history entry. Same tables.

import django.db.models.deletion
import sanshe.common.clock
from django.conf import settings
from django.db import migrations, models

STATUSES = [
    ('submitted', '评议中'),
    ('approved', '已批准'),
    ('rejected', '未批准'),
    ('disbursed', '已拨付'),
    ('reported', '已报账'),
    ('closed', '已结项'),
]


def at_from_created_at(apps, schema_editor):
    """Existing entries happened when they were recorded."""
    for name in ("applicationevent", "fundevent"):
        apps.get_model("funds", name).objects.update(at=models.F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('funds', '0004_ids_from_common'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='applicationevent',
            options={'ordering': ['at', 'created_at', 'id'], 'verbose_name': '申请记录', 'verbose_name_plural': '申请记录'},
        ),
        migrations.AlterModelOptions(
            name='fundevent',
            options={'ordering': ['at', 'created_at', 'id'], 'verbose_name': '基金记录', 'verbose_name_plural': '基金记录'},
        ),
        migrations.RenameField(model_name='applicationevent', old_name='note', new_name='reason'),
        migrations.AlterField(
            model_name='applicationevent',
            name='reason',
            field=models.TextField(blank=True, verbose_name='原因'),
        ),
        migrations.RenameField(model_name='fundevent', old_name='note', new_name='reason'),
        migrations.AlterField(
            model_name='fundevent',
            name='reason',
            field=models.TextField(blank=True, verbose_name='原因'),
        ),
        migrations.AddField(
            model_name='applicationevent',
            name='at',
            field=models.DateTimeField(default=sanshe.common.clock.now, verbose_name='时间'),
        ),
        migrations.AddField(
            model_name='fundevent',
            name='at',
            field=models.DateTimeField(default=sanshe.common.clock.now, verbose_name='时间'),
        ),
        migrations.RunPython(at_from_created_at, migrations.RunPython.noop),
        migrations.AddField(
            model_name='fundevent',
            name='from_status',
            field=models.CharField(blank=True, max_length=30, verbose_name='原状态'),
        ),
        migrations.AddField(
            model_name='fundevent',
            name='to_status',
            field=models.CharField(blank=True, max_length=30, verbose_name='新状态'),
        ),
        migrations.AlterField(
            model_name='applicationevent',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人'),
        ),
        migrations.AlterField(
            model_name='applicationevent',
            name='from_status',
            field=models.CharField(blank=True, choices=STATUSES, max_length=30, verbose_name='原状态'),
        ),
        migrations.AlterField(
            model_name='applicationevent',
            name='to_status',
            field=models.CharField(blank=True, choices=STATUSES, max_length=30, verbose_name='新状态'),
        ),
        migrations.AlterField(
            model_name='fundevent',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人'),
        ),
    ]
