"""Reads for HSDS output: everything hsds.py touches, prefetched in a fixed number of queries."""

from django.db.models import Prefetch, Q, QuerySet

from sanshe.directory.models import Location, Organization, Service
from sanshe.directory.selectors import services_with_details
from sanshe.taxonomy.models import Taxonomy, TaxonomyTerm


def hsds_services() -> QuerySet[Service]:
    return services_with_details().prefetch_related(
        "domains__taxonomy",
        "target_groups__taxonomy",
        Prefetch("other_terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
        "service_area__street__district",
    )


def with_term(queryset: QuerySet[Service], term_id) -> QuerySet[Service]:
    """Services tagged with a term as domain, target group or other term.

    Subqueries rather than joins: an OR over three joined relations repeats rows.
    """
    tagged = Q()
    for relation in ("domains", "target_groups", "other_terms"):
        through = getattr(Service, relation).through
        tagged |= Q(pk__in=through.objects.filter(taxonomyterm_id=term_id).values("service_id"))
    return queryset.filter(tagged)


def hsds_organizations() -> QuerySet[Organization]:
    return Organization.objects.prefetch_related(
        Prefetch("locations", queryset=Location.objects.order_by("sort_key", "id"))
    ).order_by("sort_key", "id")


def hsds_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__sort_key", "sort_key", "id")


def hsds_taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("sort_key", "id")
