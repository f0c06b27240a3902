"""What needs makes searchable: public needs, by their summary only, within their community."""

from sanshe.needs.models import Need
from sanshe.search.documents import Document


def is_searchable(need) -> bool:
    """Non-public needs, withdrawn needs and needs merged into others are never indexed."""
    return bool(need.is_public and need.merged_into_id is None and need.status != "withdrawn")


NEEDS = Document(
    kind="need",
    model="needs.Need",
    public=lambda: (
        Need.objects.filter(is_public=True, merged_into__isnull=True)
        .exclude(status="withdrawn")
        .only("id", "community_id", "summary")
    ),
    is_public=is_searchable,
    title=lambda need: need.summary,
    # Only the public summary is indexed: descriptions and private details never reach the index.
    community=lambda need: need.community_id,
)
