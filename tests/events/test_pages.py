"""The pages and the API: what each person sees and does, in a bounded number of queries, never a 500."""

import pytest

from sanshe.events.models import Meeting, Preorder
from sanshe.events.services import markets
from tests.events.conftest import FAIR_DAY, at


@pytest.fixture
def buns(bun_item, edition, community_staff):
    return bun_item


def test_index_fair_exhibitor_and_results_pages_answer(client, exhibitor, django_assert_max_num_queries):
    fair = exhibitor.event
    for url in ("/events/", f"/events/fairs/{fair.pk}/", f"/events/fairs/{fair.pk}/results/"):
        with django_assert_max_num_queries(25):
            assert client.get(url).status_code == 200, url
    with django_assert_max_num_queries(30):
        page = client.get(f"/events/exhibitors/{exhibitor.pk}/").content.decode()
    assert "登录后预约洽谈" in page and exhibitor.name in page


def test_a_visitor_books_through_the_page_and_a_taken_slot_says_so(client, exhibitor, visitor):
    client.force_login(visitor)
    slot = at(FAIR_DAY, 9, 20).isoformat()
    response = client.post(f"/events/exhibitors/{exhibitor.pk}/book/", {"slot": slot, "topic": "助老"}, follow=True)
    assert "已预约 09:20" in response.content.decode()
    again = client.post(f"/events/exhibitors/{exhibitor.pk}/book/", {"slot": slot}, follow=True)
    assert "已经有约" in again.content.decode()
    rubbish = client.post(f"/events/exhibitors/{exhibitor.pk}/book/", {"slot": "明天"}, follow=True)
    assert rubbish.status_code == 200 and "请从列出的时段" in rubbish.content.decode()
    assert Meeting.objects.filter(visitor=visitor).count() == 1


def test_the_organizer_decides_on_the_page_and_others_are_refused(
    client, fair, zone_a, organization, org_staff, organizer
):
    client.force_login(org_staff)
    assert client.get(f"/events/fairs/{fair.pk}/to-decide/").status_code == 403
    kind = "social_organization"
    response = client.post(
        f"/events/fairs/{fair.pk}/register/",
        {"party": organization.pk, "kind": kind, "zone": zone_a.pk, "pitch": "助老"},
        follow=True,
    )
    assert "等主办方审核" in response.content.decode()
    registered = fair.exhibitors.get()
    client.force_login(organizer)
    page = client.get(f"/events/fairs/{fair.pk}/to-decide/").content.decode()
    assert organization.name in page
    client.post(f"/events/exhibitors/{registered.pk}/decide/", {"decision": "refuse", "reason": ""})
    registered.refresh_from_db()
    assert registered.status == "submitted"
    booth = zone_a.booths.get(code="A01")
    client.post(f"/events/exhibitors/{registered.pk}/decide/", {"decision": "approve", "booth": booth.pk})
    registered.refresh_from_db()
    assert registered.booth == booth


def test_market_pages_and_a_preorder_through_the_page(
    client, buns, resident, stallholder, django_assert_max_num_queries
):
    edition = buns.stall.event
    with django_assert_max_num_queries(30):
        assert client.get(f"/events/markets/{edition.series_id}/").status_code == 200
    with django_assert_max_num_queries(30):
        page = client.get(f"/events/editions/{edition.pk}/").content.decode()
    assert "老刘包子" in page and "预订价 ¥2" in page
    client.force_login(resident)
    response = client.post(f"/events/items/{buns.pk}/preorder/", {"quantity": "3"}, follow=True)
    assert "已预订“鲜肉包”3个" in response.content.decode()
    too_many = client.post(f"/events/items/{buns.pk}/preorder/", {"quantity": "x"}, follow=True)
    assert too_many.status_code == 200
    assert client.get(f"/events/stalls/{buns.stall_id}/").status_code == 403
    client.force_login(stallholder)
    assert "鲜肉包：3" in client.get(f"/events/stalls/{buns.stall_id}/").content.decode()
    order = Preorder.objects.get()
    client.post(f"/events/preorders/{order.pk}/hand-over/")
    assert Preorder.objects.get().status == "picked_up"


def test_api_reads_and_writes(client, exhibitor, visitor, buns, resident):
    fair = exhibitor.event
    assert client.get("/api/events/fairs").json()["count"] == 1
    assert client.get(f"/api/events/fairs/{fair.pk}/exhibitors").json()["items"][0]["booth"] == "A01"
    slots = client.get(f"/api/events/exhibitors/{exhibitor.pk}/slots").json()
    assert len(slots) == 9 and all(slot["free"] for slot in slots)
    assert (
        client.post(f"/api/events/exhibitors/{exhibitor.pk}/meetings", {}, content_type="application/json").status_code
        == 401
    )
    client.force_login(visitor)
    body = {"starts_at": at(FAIR_DAY, 9).isoformat()}
    assert (
        client.post(
            f"/api/events/exhibitors/{exhibitor.pk}/meetings", body, content_type="application/json"
        ).status_code
        == 201
    )
    taken = client.post(f"/api/events/exhibitors/{exhibitor.pk}/meetings", body, content_type="application/json")
    assert taken.status_code == 422
    assert client.get("/api/events/meetings/mine").json()["count"] == 1
    edition = buns.stall.event
    stalls = client.get(f"/api/events/editions/{edition.pk}/stalls").json()["items"]
    assert stalls[0]["items"][0]["preorder_price_fen"] == 200
    forbidden = client.post(f"/api/events/items/{buns.pk}/preorders", {"quantity": 1}, content_type="application/json")
    assert forbidden.status_code == 403
    client.force_login(resident)
    over = client.post(f"/api/events/items/{buns.pk}/preorders", {"quantity": 11}, content_type="application/json")
    assert over.status_code == 422
    ok = client.post(f"/api/events/items/{buns.pk}/preorders", {"quantity": 10}, content_type="application/json")
    assert ok.status_code == 201 and ok.json()["quantity"] == 10
    assert client.get("/api/events/preorders/mine").json()["count"] == 1


def test_the_workbench_shows_what_waits(
    fair, zone_a, other_organization, other_org_staff, organizer, exhibitor, visitor, buns, resident
):
    from sanshe.events.services import fairs
    from sanshe.events.workbench import sections

    fairs.register_exhibitor(
        actor=other_org_staff, event=fair, party=other_organization, kind="social_organization", zone=zone_a
    )
    fairs.book_meeting(actor=visitor, exhibitor=exhibitor, starts_at=at(FAIR_DAY, 9))
    markets.place_preorder(actor=resident, item=buns, quantity=2)
    assert {s.key: s.count for s in sections(organizer)}["exhibitors_to_decide"] == 1
    assert {s.key: s.count for s in sections(exhibitor_staff(exhibitor))}["booth_meetings"] == 1
    assert {s.key: s.count for s in sections(visitor)}["my_meetings"] == 1
    assert {s.key: s.count for s in sections(resident)}["my_preorders"] == 1
    assert {s.key: s.count for s in sections(buns.stall.holder)}["preorders_to_hand_over"] == 1


def exhibitor_staff(exhibitor):
    from sanshe.people.models import Role

    return Role.objects.get(organization=exhibitor.organization, kind="org_staff").user


def test_a_community_exhibitor_page_shows_its_needs(client, fair, zone_a, community, community_staff, organizer):
    from sanshe.events.services import fairs
    from tests.factories import NeedFactory, domain

    NeedFactory(community=community, domain=domain("elderly"))
    registered = fairs.register_exhibitor(
        actor=community_staff, event=fair, party=community, kind="community", zone=zone_a
    )
    fairs.decide_exhibitor(actor=organizer, exhibitor=registered, approve=True, booth=zone_a.booths.get(code="A02"))
    page = client.get(f"/events/exhibitors/{registered.pk}/").content.decode()
    assert "社区需求" in page and "1 项待对接" in page
