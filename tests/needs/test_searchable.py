"""needs declares public needs searchable (sanshe.needs.searchable): by their summary, within their community."""

from sanshe.needs import services
from sanshe.needs.models import Need
from sanshe.search import ranking as search
from tests.factories import NeedFactory

NEED = "need"


def test_only_public_live_needs_are_searchable(db):
    public = NeedFactory(summary="楼道路灯坏了")
    hidden = NeedFactory(summary="楼道路灯也坏了", is_public=False, community=public.community)
    assert [h.object_id for h in search.search("路灯", NEED).hits] == [public.pk]
    hidden.is_public = True
    hidden.save()
    assert len(search.search("路灯", NEED).hits) == 2
    Need.objects.get(pk=public.pk).delete()
    assert [h.object_id for h in search.search("路灯", NEED).hits] == [hidden.pk]


def test_withdrawn_needs_leave_the_index(need, people):
    assert search.search("送饭", NEED).hits
    services.change_status(actor=people["resident"], need=need, to_status="withdrawn")
    assert not search.search("送饭", NEED).hits


def test_descriptions_and_private_details_are_never_indexed(need):
    assert not search.search("高血压", NEED).hits
    assert not search.search("腿脚不便", NEED).hits


def test_needs_search_within_a_community(need, other_community):
    NeedFactory(summary="想找人每天中午送饭", community=other_community)
    assert len(search.search("送饭", NEED).hits) == 2
    assert [h.object_id for h in search.search("送饭", NEED, community_id=need.community_id).hits] == [need.pk]
