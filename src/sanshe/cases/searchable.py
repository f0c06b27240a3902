"""What the archive makes searchable in Chinese: public documents of a community, by title only."""

from sanshe.cases.models import Access
from sanshe.cases.models import Document as ArchiveDocument
from sanshe.search.documents import Document

DOCUMENTS = Document(
    kind="document",
    model="cases.Document",
    public=lambda: ArchiveDocument.objects.filter(access=Access.PUBLIC, community__isnull=False).only(
        "id", "community_id", "title"
    ),
    is_public=lambda document: document.access == Access.PUBLIC and document.community_id is not None,
    title=lambda document: document.title,
    community=lambda document: document.community_id,
)
