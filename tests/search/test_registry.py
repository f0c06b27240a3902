"""Apps make their rows searchable by declaring a Document; the search app indexes them without naming the app."""

import ast
import pathlib
import sys

import pytest
from django.core.management import call_command

import sanshe.search
from sanshe.common import contributions
from sanshe.places.models import Community
from sanshe.search import index, ranking, registry
from sanshe.search.documents import Document, Follows
from sanshe.search.models import SearchEntry
from tests.factories import CommunityFactory, StreetFactory

# A declaration a new app would write in its own module: communities with residents, by name and street.
PLACES = Document(
    kind="place",
    model="places.Community",
    public=lambda: Community.objects.filter(households__gt=0).select_related("street"),
    title=lambda community: community.name,
    text=lambda community: community.street.name,
    community=lambda community: community.pk,
    follows=(Follows("places.Street", lambda street: street.communities.all()),),
)


class PlacesSearchApp(contributions.SansheApp):
    """A stand-in for a new app (spaces, meetings, ...) that only declares what it makes searchable."""

    name = "tests.search"
    label = "fake_places_search"
    searchable = ("tests.search.test_registry.PLACES",)


@pytest.fixture
def registered(db):
    registry.register(PLACES)
    yield PLACES
    registry.unregister(PLACES)


def found(text, **filters):
    """Rows with every bigram of the text (near misses do not count)."""
    results = ranking.search(text, "place", **filters)
    return [] if results.near_misses else [hit.object_id for hit in results.hits]


def test_the_apps_declare_services_and_public_needs():
    assert {"service", "need"} <= set(registry.kinds())
    assert registry.document("service").model == "directory.Service"
    assert registry.document("need").model == "needs.Need"
    with pytest.raises(LookupError):
        registry.document("place")


def test_a_registered_document_is_indexed_on_save_and_removed_on_delete(registered):
    community = CommunityFactory(name="玉林北路社区")
    assert found("玉林") == [community.pk]
    community.name = "芳草街社区"
    community.save()
    assert found("芳草") == [community.pk]
    assert not found("玉林")
    assert found("芳草", community_id=community.pk) == [community.pk]
    assert not found("芳草", community_id=CommunityFactory().pk)  # the community filter works for any document
    community.delete()
    assert not found("芳草")
    assert not SearchEntry.objects.filter(kind="place", object_id=community.pk).exists()


def test_a_row_leaving_the_public_queryset_leaves_the_index(registered):
    community = CommunityFactory(name="玉林北路社区")
    assert found("玉林")
    community.households = 0  # no is_public predicate declared: the public queryset decides
    community.save()
    assert not found("玉林")


def test_a_followed_model_reindexes_the_rows_it_names(registered):
    street = StreetFactory(name="玉林街道")
    community = CommunityFactory(street=street, name="北路社区")
    assert found("玉林街道") == [community.pk]
    street.name = "芳草街道"
    street.save()
    assert found("芳草街道") == [community.pk]
    assert not found("玉林街道")


def test_other_kinds_do_not_see_a_documents_rows(registered):
    CommunityFactory(name="玉林北路社区")
    assert not ranking.search("玉林", "service").hits


def test_an_app_that_only_declares_a_document_is_searchable_after_a_rebuild(db, capsys):
    existing = CommunityFactory(name="玉林北路社区")  # saved before the app's document is known
    config = PlacesSearchApp("tests.search", sys.modules["tests.search"])
    try:
        registry.autodiscover([config])
        assert registry.document("place") is PLACES
        assert not found("玉林")
        call_command("reindex_search")
        assert found("玉林") == [existing.pk]
        assert "place" in {entry.kind for entry in SearchEntry.objects.all()}
        registry.autodiscover([config])  # registering the same declaration again changes nothing
    finally:
        registry.unregister(PLACES)
    assert "place" not in registry.kinds()


def test_an_unregistered_document_is_no_longer_kept_in_step(db):
    registry.register(PLACES)
    registry.unregister(PLACES)
    CommunityFactory(name="玉林北路社区")
    assert not SearchEntry.objects.filter(kind="place").exists()
    assert "place" not in {document.kind for document in registry.documents()}
    assert index.rebuild() == SearchEntry.objects.count()
    assert not SearchEntry.objects.filter(kind="place").exists()


def test_kinds_are_one_token_and_registered_once(registered):
    for bad in ("Place", "place-1", "organization", ""):
        with pytest.raises(ValueError):
            Document(kind=bad, model="places.Community", public=Community.objects.all, title=str)
    with pytest.raises(ValueError):
        registry.register(Document(kind="place", model="places.Street", public=Community.objects.all, title=str))


FEATURE_APPS = ("directory", "needs", "matching", "procurement", "funds", "interop", "demo", "web")


def test_search_imports_no_feature_app():
    """Search is on a low floor: the apps above register with it, it never imports them."""
    root = pathlib.Path(sanshe.search.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            if any(name.startswith(tuple(f"sanshe.{app}" for app in FEATURE_APPS)) for name in names):
                offenders.append(f"{path.relative_to(root)}: {names[0]}")
    assert offenders == []
