from django.db import migrations


def seed(apps, schema_editor):
    from sanshe.taxonomy.seed import seed as seed_vocabularies

    seed_vocabularies(apps.get_model("taxonomy", "Taxonomy"), apps.get_model("taxonomy", "TaxonomyTerm"))


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
