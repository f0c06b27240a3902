from django.db import migrations


def seed(apps, schema_editor):
    from sanshe.taxonomy.words import seed_relations

    seed_relations(apps.get_model("taxonomy", "TaxonomyTerm"), apps.get_model("taxonomy", "DomainRelation"))


def unseed(apps, schema_editor):
    apps.get_model("taxonomy", "DomainRelation").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0004_domain_relation")]
    operations = [migrations.RunPython(seed, unseed)]
