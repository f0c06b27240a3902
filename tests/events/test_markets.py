"""Markets: the series shows who ran each edition; stalls by zone; pre-orders within a stall's limit; trust."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sanshe.events import selectors
from sanshe.events.models import Duty, PreorderItem, StallKind
from sanshe.events.services import common, markets
from sanshe.people.models import RoleKind
from tests.events.conftest import FAIR_DAY, at, person


@pytest.fixture
def neighbour(community):
    return person("neighbour", RoleKind.RESIDENT, community=community)


def test_an_edition_counts_on_from_the_last(series, edition, community_staff):
    assert edition.edition == 1
    second = markets.plan_edition(
        actor=community_staff,
        series=series,
        theme="冬至",
        starts_at=at(FAIR_DAY, 14),
        ends_at=at(FAIR_DAY, 17),
        spots=[],
    )
    assert second.edition == 2


def test_duties_say_who_ran_what_and_residents_who_run_it_decide_stalls(edition, community_staff, resident, neighbour):
    markets.assign_duty(actor=community_staff, event=edition, duty=Duty.THEME, person=community_staff)
    on_site = markets.assign_duty(actor=community_staff, event=edition, duty=Duty.ON_SITE, person=resident)
    assert on_site.runner == "resident"
    stall = markets.apply_for_stall(
        actor=neighbour, event=edition, kind=StallKind.RESIDENT, name="旧书摊", offering="旧书"
    )
    approved = markets.decide_stall(actor=resident, stall=stall, approve=True, spot=edition.stall_spots.get(code="J2"))
    assert approved.status == "approved"
    [row] = selectors.series_editions(edition.series)
    assert [(d.get_duty_display(), d.runner) for d in row.duties.all()] == [
        ("定主题", "staff"),
        ("现场分工", "resident"),
    ]


def test_residential_and_commercial_stalls_keep_to_their_zones(edition, community_staff, neighbour):
    business = person("shop", RoleKind.RESIDENT, community=edition.community)
    shop = markets.apply_for_stall(
        actor=business,
        event=edition,
        kind=StallKind.BUSINESS,
        name="菜市场",
        offering="时令蔬菜",
        group_name="东门菜市场",
    )
    with pytest.raises(ValidationError, match="不符"):
        markets.decide_stall(actor=community_staff, stall=shop, approve=True, spot=edition.stall_spots.get(code="J1"))
    assert (
        markets.decide_stall(
            actor=community_staff, stall=shop, approve=True, spot=edition.stall_spots.get(code="S1")
        ).spot.code
        == "S1"
    )
    books = markets.apply_for_stall(actor=neighbour, event=edition, kind=StallKind.RESIDENT, name="旧书", offering="书")
    with pytest.raises(ValidationError, match="不符"):
        markets.decide_stall(actor=community_staff, stall=books, approve=True, spot=edition.stall_spots.get(code="S1"))


def test_a_refused_stall_is_told_why(edition, community_staff, neighbour):
    stall = markets.apply_for_stall(
        actor=neighbour, event=edition, kind=StallKind.RESIDENT, name="烧烤", offering="烤串"
    )
    with pytest.raises(ValidationError):
        markets.decide_stall(actor=community_staff, stall=stall, approve=False, reason="")
    refused = markets.decide_stall(actor=community_staff, stall=stall, approve=False, reason="广场不能用明火")
    assert refused.refusal_reason == "广场不能用明火"


def test_only_residents_of_the_community_apply_as_residents(edition, visitor):
    with pytest.raises(PermissionDenied, match="商户"):
        markets.apply_for_stall(actor=visitor, event=edition, kind=StallKind.RESIDENT, name="摊", offering="卖东西")
    assert (
        markets.apply_for_stall(
            actor=visitor, event=edition, kind=StallKind.BUSINESS, name="摊", offering="卖东西", group_name="小店"
        ).status
        == "submitted"
    )


def test_preorders_stop_at_the_stalls_limit(bun_item, resident, neighbour):
    markets.place_preorder(actor=resident, item=bun_item, quantity=7)
    with pytest.raises(ValidationError, match="只剩 3"):
        markets.place_preorder(actor=neighbour, item=bun_item, quantity=4)
    markets.place_preorder(actor=neighbour, item=bun_item, quantity=3)
    assert PreorderItem.objects.get(pk=bun_item.pk).left == 0


def test_the_database_refuses_more_than_the_limit(bun_item):
    with pytest.raises(IntegrityError), transaction.atomic():
        PreorderItem.objects.filter(pk=bun_item.pk).update(ordered=11)


def test_a_cancelled_preorder_gives_its_quantity_back(bun_item, resident, neighbour):
    order = markets.place_preorder(actor=resident, item=bun_item, quantity=10)
    with pytest.raises(PermissionDenied):
        markets.cancel_preorder(actor=neighbour, preorder=order)
    markets.cancel_preorder(actor=resident, preorder=order)
    assert PreorderItem.objects.get(pk=bun_item.pk).ordered == 0
    assert markets.place_preorder(actor=neighbour, item=bun_item, quantity=10).quantity == 10


def test_preorders_are_for_residents_of_the_community(bun_item, visitor):
    with pytest.raises(PermissionDenied):
        markets.place_preorder(actor=visitor, item=bun_item, quantity=1)


def test_the_preorder_price_has_the_discount(bun_item):
    assert bun_item.preorder_price_fen == 200


def test_pickups_missed_orders_and_complaints_make_the_trust_record(
    bun_item, bun_stall, stallholder, resident, neighbour
):
    first = markets.place_preorder(actor=resident, item=bun_item, quantity=2)
    second = markets.place_preorder(actor=neighbour, item=bun_item, quantity=1)
    with pytest.raises(PermissionDenied):
        markets.hand_over(actor=resident, preorder=first)
    with pytest.raises(ValidationError, match="取过货"):
        markets.complain(actor=resident, stall=bun_stall, text="包子凉了")
    markets.hand_over(actor=stallholder, preorder=first)
    markets.mark_missed(actor=stallholder, preorder=second)
    markets.complain(actor=resident, stall=bun_stall, text="包子凉了")
    trust = selectors.trust([stallholder.pk])[stallholder.pk]
    assert (trust.handed_over, trust.missed, trust.complaints) == (1, 1, 1)


def test_an_edition_ends_with_its_review_by_those_who_ran_it(edition, community_staff, resident, neighbour):
    with pytest.raises(PermissionDenied):
        common.close_event(actor=neighbour, event=edition, attendance_estimate=300)
    markets.assign_duty(actor=community_staff, event=edition, duty=Duty.FOLLOW_UP, person=resident)
    markets.record_sponsorship(
        actor=resident, event=edition, sponsor="东门菜市场", amount_fen=80_000, paid_for="社区运动会奖品"
    )
    held = common.close_event(
        actor=resident, event=edition, attendance_estimate=300, volunteers=12, review="居民自己办成了"
    )
    assert (held.status, held.attendance_estimate, held.volunteers) == ("held", 300, 12)
    assert selectors.edition_summary(edition)["sponsorship_fen"] == 80_000
    with pytest.raises(ValidationError):
        markets.apply_for_stall(actor=neighbour, event=edition, kind=StallKind.RESIDENT, name="晚了", offering="晚了")


def test_a_held_edition_enters_the_community_timeline(edition, community_staff, community):
    import datetime

    from sanshe.events.timeline import entries

    assert entries(community, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)) == []
    common.close_event(actor=community_staff, event=edition, attendance_estimate=120)
    [entry] = entries(community, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert (entry.kind, entry.title) == ("社区市集", "邻里市集 第 1 期：秋收")
    assert entries(community, datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)) == []
