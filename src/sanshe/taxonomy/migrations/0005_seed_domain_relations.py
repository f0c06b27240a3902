from django.db import migrations

# The related domains the matcher used when they were code (matching/selectors.py RELATED_DOMAINS).
PAIRS = {
    "elderly": ["medical-health", "disability-rehabilitation", "social-assistance"],
    "children": ["school", "youth", "marriage-family"],
    "youth": ["children", "school"],
    "school": ["children", "youth"],
    "disability-rehabilitation": ["medical-health", "elderly"],
    # Not mental health: a need for blood-pressure checks is not served by counselling.
    "medical-health": ["elderly", "disability-rehabilitation"],
    "mental-health": ["medical-health"],
    "women": ["marriage-family"],
    "marriage-family": ["women", "children"],
    "employment": ["worker-support", "migrants"],
    "worker-support": ["employment"],
    "migrants": ["employment", "social-assistance"],
    "social-assistance": ["migrants"],
}


def seed(apps, schema_editor):
    term = apps.get_model("taxonomy", "TaxonomyTerm")
    relation = apps.get_model("taxonomy", "DomainRelation")
    domains = {t.code: t for t in term.objects.filter(taxonomy__role="domain")}
    relation.objects.bulk_create(
        [
            relation(from_domain=domains[a], to_domain=domains[b])
            for a, targets in PAIRS.items()
            for b in targets
            if a in domains and b in domains
        ],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):
    apps.get_model("taxonomy", "DomainRelation").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0004_domain_relation")]
    operations = [migrations.RunPython(seed, unseed)]
