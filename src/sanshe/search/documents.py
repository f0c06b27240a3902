"""What an app makes searchable: one `Document` declaration per kind of row.

An app lists the dotted paths of its declarations on its AppConfig (`searchable = (...)`); the
search app registers them at start-up, keeps the index in step with their saves and deletes,
and rebuilds the index from them. Search never names the apps that use it.

    SERVICES = Document(
        kind="service",
        model="directory.Service",
        public=lambda: Service.objects.filter(status="active").select_related("organization"),
        is_public=lambda service: service.status == "active",
        title=lambda service: service.name,
        text=lambda service: " ".join([service.description, service.organization.name]),
        follows=(Follows("directory.Organization", lambda organization: organization.services.all()),),
        relations=("domains", "target_groups"),
    )
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

KIND = re.compile(r"[a-z][a-z0-9]{0,9}")  # one token to both full-text engines; fits SearchEntry.kind


def _no_text(row) -> str:
    return ""


@dataclass(frozen=True)
class Follows:
    """Another model whose saved rows change documents' text: `rows(instance)` are the documents to reindex.

    Saving a new row reindexes nothing unless `on_create` (a new organization has no services yet).
    """

    model: str  # "app_label.ModelName"
    rows: Callable[[object], Iterable]
    on_create: bool = False


@dataclass(frozen=True)
class Document:
    kind: str  # lower-case letters and digits, at most 10: "service", "need", "meeting"
    model: str  # "app_label.ModelName" of the indexed rows (their primary key is a UUID)
    public: Callable[[], object]  # every row that belongs in the index (a QuerySet: the rebuild iterates it)
    title: Callable[[object], str]  # ranked first: the whole query in the title beats it in the text
    text: Callable[[object], str] = _no_text  # indexed too; never put private details here
    community: Callable[[object], object] | None = None  # the row's community id, for searches within one
    # Whether a saved row belongs in the index, without a query; None: ask `public()` for the row.
    is_public: Callable[[object], bool] | None = None
    follows: tuple[Follows, ...] = ()
    relations: tuple[str, ...] = ()  # many-to-many fields whose changes (from either side) change the text

    def __post_init__(self):
        if not KIND.fullmatch(self.kind):
            raise ValueError(f"A search document's kind is 1-10 lower-case letters or digits, not {self.kind!r}.")

    def includes(self, row) -> bool:
        if self.is_public is not None:
            return bool(self.is_public(row))
        return self.public().filter(pk=row.pk).exists()

    def community_of(self, row):
        return self.community(row) if self.community is not None else None
