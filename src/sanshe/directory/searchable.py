"""What the directory makes searchable: active services, found by their name, description, organization and terms."""

from django.db.models import Prefetch

from sanshe.directory.models import Service, ServiceStatus
from sanshe.search.documents import Document, Follows

_RELATIONS = ("domains", "target_groups")


def _terms(service, relation: str):
    # Rebuilding in bulk prefetches the terms into plain lists (a manager per row and relation costs
    # more than the query); a service saved alone asks for its own.
    prefetched = getattr(service, f"{relation}_for_search", None)
    return prefetched if prefetched is not None else getattr(service, relation).all()


def _text(service) -> str:
    # The names of its domains and target groups (Chinese and English) too, so 法律服务 finds legal services.
    terms = []
    for relation in _RELATIONS:
        for term in _terms(service, relation):
            terms += [term.name, term.name_en]
    return " ".join([service.alternate_name, service.description, service.organization.name, *terms])


SERVICES = Document(
    kind="service",
    model="directory.Service",
    public=lambda: (
        Service.objects.filter(status=ServiceStatus.ACTIVE)
        .select_related("organization")
        .prefetch_related(*(Prefetch(relation, to_attr=f"{relation}_for_search") for relation in _RELATIONS))
    ),
    is_public=lambda service: service.status == ServiceStatus.ACTIVE,
    title=lambda service: service.name,
    text=_text,
    # Services are found by their organization's name: renaming it reindexes them.
    follows=(
        Follows("directory.Organization", lambda organization: organization.services.select_related("organization")),
    ),
    relations=_RELATIONS,
)
