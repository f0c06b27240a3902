from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

from sanshe.ops.caching import DATABASE_CACHE_TABLE


def create_cache_table(apps, schema_editor):
    # Created whichever cache is configured, so switching from Redis to the database needs no step.
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, DATABASE_CACHE_TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(DATABASE_CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
