# The index moved here from needs: the table `needs_searchentry`, its FTS5 table and triggers (SQLite) and its
# generated tsvector column with a GIN index (PostgreSQL) are created by needs' migration 0002, and stay.
# This migration only tells Django's model state that the model now belongs to search.

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("needs", "0002_private_details_and_search"),  # where the table, FTS index and triggers are built
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(max_length=10)),
                        ("object_id", models.UUIDField()),
                        ("community_id", models.UUIDField(blank=True, null=True)),
                        ("title", models.CharField(max_length=300)),
                        ("body", models.TextField(blank=True)),
                        ("grams", models.TextField(blank=True)),
                        ("sort_key", models.CharField(blank=True, max_length=600)),
                    ],
                    options={
                        "verbose_name": "搜索索引",
                        "verbose_name_plural": "搜索索引",
                        "db_table": "needs_searchentry",
                        "indexes": [models.Index(fields=["kind", "sort_key"], name="search_entry_order")],
                        "constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_once")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
