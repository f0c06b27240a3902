from django.contrib import admin

from sanshe.taxonomy.models import DomainRelation, SearchSynonym, Taxonomy, TaxonomyTerm


class TermInline(admin.TabularInline):
    model = TaxonomyTerm
    fk_name = "taxonomy"
    fields = ["code", "name", "name_en", "description", "parent"]
    extra = 0


@admin.register(Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "version"]
    inlines = [TermInline]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "taxonomy", "parent"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "name_en", "code"]
    autocomplete_fields = ["parent"]


@admin.register(DomainRelation)
class DomainRelationAdmin(admin.ModelAdmin):
    """Which services' domains may help a need of another domain (the matcher's related domains)."""

    list_display = ["from_domain", "to_domain"]
    list_filter = ["from_domain"]
    autocomplete_fields = ["from_domain", "to_domain"]


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """Residents' words and the services' words search also looks for (找服务, the API, HSDS)."""

    list_display = ["phrase", "service_words", "domain"]
    list_filter = ["domain"]
    search_fields = ["phrase", "service_words"]
    autocomplete_fields = ["domain"]
