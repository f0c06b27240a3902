# SearchEntry now belongs to the search app (sanshe.search, migration 0001): the table, its full-text
# index and triggers stay as they are; only Django's model state changes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0005_ids_from_common"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SearchEntry")],
            database_operations=[],
        ),
    ]
