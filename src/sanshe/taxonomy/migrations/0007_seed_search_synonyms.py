from django.db import migrations


def seed(apps, schema_editor):
    from sanshe.taxonomy.words import seed_synonyms

    seed_synonyms(apps.get_model("taxonomy", "TaxonomyTerm"), apps.get_model("taxonomy", "SearchSynonym"))


def unseed(apps, schema_editor):
    apps.get_model("taxonomy", "SearchSynonym").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0006_search_synonym")]
    operations = [migrations.RunPython(seed, unseed)]
