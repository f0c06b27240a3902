"""Staff screens speak to staff: the record form asks about the resident; merging finds the duplicate
among the community's needs by their words, never by a typed id."""

from sanshe.needs import services
from sanshe.needs.models import Need
from tests.needs.conftest import need_fields


def test_the_record_form_speaks_to_the_staff_member(client, people, community):
    client.force_login(people["staff"])
    page = client.get(f"/communities/{community.pk}/needs/record/").text
    assert "居民需要什么帮助？" in page and "居民本人" in page and "登记的居民是这个孩子的监护人" in page
    assert "您需要什么帮助？" not in page and "我是这个孩子的监护人" not in page


def test_the_residents_form_keeps_the_residents_words(client, people):
    client.force_login(people["resident"])
    page = client.get("/needs/new/").text
    assert "您需要什么帮助？" in page and "我是这个孩子的监护人" in page


def test_staff_find_the_duplicate_by_its_words_and_merge_it(client, need, people, community):
    duplicate = services.post_need(actor=people["neighbour"], community=community, **need_fields(summary="帮忙送午饭"))
    services.post_need(actor=people["neighbour"], community=community, **need_fields(summary="想学用智能手机"))
    client.force_login(people["staff"])
    page = client.get(f"/needs/{duplicate.pk}/").text
    assert "合并到本社区的哪一项需求" in page and "编号" not in page
    assert need.summary in page and "想学用智能手机" in page
    narrowed = client.get(f"/needs/{duplicate.pk}/", {"merge_q": "送饭"}).text
    assert need.summary in narrowed and "想学用智能手机" not in narrowed.split('id="merge"')[1]
    response = client.post(f"/needs/{duplicate.pk}/merge/", {"into": str(need.pk), "reason": "同一件事"})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == need


def test_a_need_of_another_community_is_not_offered_nor_accepted(client, need, people, other_community):
    elsewhere = Need.objects.create(
        community=other_community, summary="别处的需求", description="x", domain=need.domain, status="open"
    )
    client.force_login(people["staff"])
    duplicate = services.post_need(actor=people["neighbour"], community=need.community, **need_fields())
    assert "别处的需求" not in client.get(f"/needs/{duplicate.pk}/").text
    client.post(f"/needs/{duplicate.pk}/merge/", {"into": str(elsewhere.pk)})
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
