"""Chinese full-text search: bigrams on SQLite FTS5 and PostgreSQL tsvector, same ordering rules."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanshe.directory.models import ServiceStatus
from sanshe.search import index, textindex
from sanshe.search import ranking as search
from sanshe.search.models import SearchEntry
from tests.factories import NeedFactory, OrganizationFactory, ServiceFactory

SERVICE = "service"


def test_query_tokens_are_bigrams_or_single_characters():
    assert textindex.query_tokens("法律咨询") == ["法律", "律咨", "咨询"]
    assert textindex.query_tokens("老人") == ["老人"]
    assert textindex.query_tokens("法") == ["法"]
    assert textindex.query_tokens("WiFi 老人") == ["wifi", "老人"]
    assert textindex.query_tokens("？！") == []


@given(st.text(max_size=50))
def test_every_query_token_of_a_text_is_in_its_document(text):
    document = textindex.document_tokens(text)
    assert all(f" {token} " in document for token in textindex.query_tokens(text))


def names(hits):
    from sanshe.directory.models import Service

    by_id = dict(Service.objects.values_list("pk", "name"))
    return [by_id[h.object_id] for h in hits]


@pytest.fixture
def services_(db):
    org = OrganizationFactory(name="阳光社工中心")
    return {
        "exact": ServiceFactory(organization=org, name="法律咨询", description="律师每周坐班。"),
        "in_text": ServiceFactory(organization=org, name="社区律师服务", description="提供法律咨询和调解。"),
        "scattered": ServiceFactory(organization=org, name="普法讲座", description="讲解民法典，律师主讲，欢迎咨询。"),
        "meals": ServiceFactory(organization=org, name="老年助餐送餐", description="为独居老人送餐上门。"),
    }


def test_the_phrase_ranks_above_text_merely_containing_its_characters(services_):
    found = names(search.search("法律咨询", SERVICE).hits)
    assert found == ["法律咨询", "社区律师服务"]  # 普法讲座 has 法, 律, 咨询 but not the words


def test_two_character_queries_find_rows(services_):
    assert names(search.search("送餐", SERVICE).hits) == ["老年助餐送餐"]
    assert "老年助餐送餐" in names(search.search("老人", SERVICE).hits)


def test_one_character_queries_find_rows(services_):
    assert set(names(search.search("律", SERVICE).hits)) == {"法律咨询", "社区律师服务", "普法讲座"}


def test_a_typo_still_finds_near_misses_marked_as_such(services_):
    results = search.search("法律资询", SERVICE)
    assert results.near_misses
    assert names(results.hits)[0] in {"法律咨询", "社区律师服务"}
    assert not search.search("天气预报", SERVICE).hits


def test_services_are_found_by_their_organization(services_):
    assert len(search.search("阳光社工", SERVICE).hits) == 4


def test_the_index_follows_service_changes(services_):
    service = services_["meals"]
    service.name = "爱心理发"
    service.save()
    assert names(search.search("理发", SERVICE).hits) == ["爱心理发"]
    assert not search.search("老年助餐", SERVICE).hits
    service.status = ServiceStatus.INACTIVE
    service.save()
    assert not search.search("理发", SERVICE).hits
    services_["exact"].delete()
    assert names(search.search("法律咨询", SERVICE).hits) == ["社区律师服务"]


def test_rebuild_indexes_everything_again(services_):
    NeedFactory(summary="楼道路灯坏了")
    NeedFactory(summary="不公开的需求", is_public=False)
    SearchEntry.objects.all().delete()
    assert index.rebuild() == 5
    assert names(search.search("法律咨询", SERVICE).hits)[0] == "法律咨询"


def test_paging_is_stable_and_total_is_known(db):
    org = OrganizationFactory()
    for i in range(5):
        ServiceFactory(organization=org, name=f"老年活动{i}")
    first = search.search("老年", SERVICE, limit=2)
    second = search.search("老年", SERVICE, limit=2, offset=2)
    assert first.total == 5
    assert not {h.object_id for h in first.hits} & {h.object_id for h in second.hits}


def test_the_reindex_command(services_, capsys):
    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    call_command("reindex_search")
    assert "4 entries indexed." in capsys.readouterr().out
    assert names(search.search("送餐", SERVICE).hits) == ["老年助餐送餐"]


def exact(text):
    """Names of services matching every bigram of the text (near misses do not count)."""
    results = search.search(text, SERVICE)
    return [] if results.near_misses else names(results.hits)


def test_services_are_found_by_their_domain_and_target_group_names(services_):
    from tests.factories import domain, target_group

    meals = services_["meals"]
    assert not exact("法律服务")
    meals.domains.add(domain("legal"))  # m2m_changed reindexes
    assert exact("法律服务") == ["老年助餐送餐"]
    meals.target_groups.set([target_group("people-with-disabilities")])
    assert exact(target_group("people-with-disabilities").name) == ["老年助餐送餐"]
    meals.domains.remove(domain("legal"))
    assert not exact("法律服务")
    meals.target_groups.clear()
    assert not exact(target_group("people-with-disabilities").name)


def test_changing_a_terms_services_from_the_term_side_reindexes_them(services_):
    from tests.factories import domain

    legal = domain("legal")
    legal.services_in_domain.add(services_["meals"], services_["scattered"])
    assert set(exact("法律服务")) == {"老年助餐送餐", "普法讲座"}
    legal.services_in_domain.remove(services_["scattered"])
    assert exact("法律服务") == ["老年助餐送餐"]
    legal.services_in_domain.clear()
    assert not exact("法律服务")


def test_the_directory_service_layer_reindexes_domain_changes(services_):
    from sanshe.directory import services as directory_services
    from sanshe.people.models import RoleKind
    from tests.factories import UserFactory, domain, give_role

    meals = services_["meals"]
    staff = UserFactory()
    give_role(staff, RoleKind.ORG_STAFF, organization=meals.organization)
    directory_services.update_service(actor=staff, service=meals, data={"domains": [domain("legal").pk]})
    assert exact("法律服务") == ["老年助餐送餐"]
    directory_services.update_service(actor=staff, service=meals, data={"domains": []})
    assert not exact("法律服务")


def test_rebuild_indexes_domain_names(services_):
    from tests.factories import domain

    services_["exact"].domains.add(domain("legal"))
    SearchEntry.objects.all().delete()
    index.rebuild()
    assert exact("法律服务") == ["法律咨询"]
