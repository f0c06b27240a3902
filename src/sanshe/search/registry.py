"""The registered documents, and the signals that keep the index in step with their rows, whoever saves them.

Apps declare documents on their AppConfig (`searchable = ("sanshe.directory.searchable.SERVICES",)`);
`autodiscover()` registers them when the search app is ready. Tests and new apps may `register()` more.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.module_loading import import_string

from sanshe.common import contributions
from sanshe.search import index
from sanshe.search.documents import Document

_documents: dict[str, Document] = {}
_connections: dict[str, list] = {}


def documents() -> list[Document]:
    """Every registered document, in the order registered (INSTALLED_APPS order for declared ones)."""
    return list(_documents.values())


def document(kind: str) -> Document:
    try:
        return _documents[kind]
    except KeyError:
        raise LookupError(f"No search document of kind {kind!r} is registered.") from None


def kinds() -> list[str]:
    return list(_documents)


def autodiscover(configs=None):
    """Register the documents every Sanshe app declares (`searchable` on its AppConfig)."""
    for config in contributions.sanshe_apps() if configs is None else configs:
        for path in config.searchable:
            declared = import_string(path)
            if _documents.get(declared.kind) is not declared:
                register(declared)


def register(document: Document) -> Document:
    if document.kind in _documents:
        raise ValueError(f"A search document of kind {document.kind!r} is already registered.")
    _documents[document.kind] = document
    _connections[document.kind] = _connect(document)
    return document


def unregister(document: Document):
    for signal, receiver, sender in _connections.pop(document.kind, []):
        signal.disconnect(receiver, sender=sender)
    _documents.pop(document.kind, None)


def _connect(document: Document) -> list:
    model = apps.get_model(document.model)
    connected = []

    def connect(signal, receiver, sender):
        signal.connect(receiver, sender=sender, weak=False)
        connected.append((signal, receiver, sender))

    def saved(sender, instance, raw=False, **kwargs):
        if not raw:  # fixtures load rows as they are: rebuild afterwards
            index.index(document, instance)

    def deleted(sender, instance, **kwargs):
        index.remove(document.kind, instance.pk)

    connect(post_save, saved, model)
    connect(post_delete, deleted, model)
    for follows in document.follows:
        connect(post_save, _follower(document, follows), apps.get_model(follows.model))
    for name in document.relations:
        through = model._meta.get_field(name).remote_field.through
        connect(m2m_changed, _relation_changed(document, model, name), through)
    return connected


def _follower(document, follows):
    def followed_saved(sender, instance, raw=False, created=False, **kwargs):
        if raw or (created and not follows.on_create):
            return
        for row in follows.rows(instance):
            index.index(document, row)

    return followed_saved


def _relation_changed(document, model, name):
    """A row's many-to-many relation changed, from its side or the other: its entry may name the related rows."""
    field = model._meta.get_field(name)
    through = field.remote_field.through
    own_column, other_column = field.m2m_field_name(), field.m2m_reverse_field_name()
    remembered = f"_search_cleared_{document.kind}_{name}"

    def changed(sender, instance, action, reverse, pk_set, **kwargs):
        if reverse and action == "pre_clear":  # the other side is losing all its rows: remember which
            ids = through.objects.filter(**{f"{other_column}_id": instance.pk}).values_list(f"{own_column}_id")
            setattr(instance, remembered, [pk for (pk,) in ids])
            return
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if not reverse:
            index.index(document, instance)
            return
        ids = getattr(instance, remembered, []) if action == "post_clear" else pk_set or []
        # Only public rows are in the index, so only they can need a new entry.
        for row in document.public().filter(pk__in=list(ids)):
            index.put(document, row)

    return changed
