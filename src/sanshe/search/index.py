"""Writing the index: one entry per public row of each registered document, and a rebuild of them all."""

import functools

from sanshe.common.text import pinyin_sort_key
from sanshe.search import textindex
from sanshe.search.documents import Document
from sanshe.search.models import SearchEntry

# Titles repeat (services copied between places, common needs): compute each pinyin key once.
_sort_key = functools.lru_cache(maxsize=65536)(pinyin_sort_key)


def kind_token(kind: str) -> str:
    return f"zzk{kind}"


def community_token(community_id) -> str:
    return f"zzc{community_id.hex}" if community_id else ""


def entry(document: Document, row) -> dict:
    title, body = document.title(row), document.text(row)
    community_id = document.community_of(row)
    grams = textindex.document_tokens(title, body)
    markers = " ".join(filter(None, [kind_token(document.kind), community_token(community_id)]))
    return {
        "kind": document.kind,
        "object_id": row.pk,
        "community_id": community_id,
        "title": textindex.phrase(title)[:300],
        "body": textindex.phrase(body),
        "grams": f"{grams}{markers} ",
        "sort_key": _sort_key(title),
    }


def index(document: Document, row):
    """Put the row in the index, or take it out if it is no longer public."""
    if document.includes(row):
        put(document, row)
    else:
        remove(document.kind, row.pk)


def put(document: Document, row):
    """Write the row's entry (the caller knows it is public)."""
    values = entry(document, row)
    SearchEntry.objects.update_or_create(kind=values["kind"], object_id=values["object_id"], defaults=values)


def remove(kind: str, object_id):
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def rebuild(batch_size: int = 5000) -> int:
    """Rebuild the whole index from every registered document (bulk inserts); returns the number of entries."""
    from sanshe.search import registry

    SearchEntry.objects.all().delete()
    count = 0
    rows = []

    def flush():
        nonlocal rows, count
        SearchEntry.objects.bulk_create([SearchEntry(**values) for values in rows], batch_size=batch_size)
        count += len(rows)
        rows = []

    for document in registry.documents():
        for row in document.public().iterator(batch_size):
            rows.append(entry(document, row))
            if len(rows) >= batch_size:
                flush()
    flush()
    return count
