"""What the directory makes searchable: active services, found by their name, description, organization and terms."""

from sanshe.directory.models import Service, ServiceStatus
from sanshe.search.documents import Document, Follows


def _text(service) -> str:
    # The names of its domains and target groups (Chinese and English) too, so 法律服务 finds legal services.
    terms = []
    for relation in (service.domains, service.target_groups):
        for term in relation.all():  # prefetched when rebuilding in bulk
            terms += [term.name, term.name_en]
    return " ".join([service.alternate_name, service.description, service.organization.name, *terms])


SERVICES = Document(
    kind="service",
    model="directory.Service",
    public=lambda: (
        Service.objects.filter(status=ServiceStatus.ACTIVE)
        .select_related("organization")
        .prefetch_related("domains", "target_groups")
    ),
    is_public=lambda service: service.status == ServiceStatus.ACTIVE,
    title=lambda service: service.name,
    text=_text,
    # Services are found by their organization's name: renaming it reindexes them.
    follows=(
        Follows("directory.Organization", lambda organization: organization.services.select_related("organization")),
    ),
    relations=("domains", "target_groups"),
)
