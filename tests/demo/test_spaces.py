"""The demo city's spaces tell the forums' stories, through the services."""

import datetime

from sanshe.spaces import selectors, workflow
from sanshe.spaces.models import Booking, RequestRound, SlotRequest, Space


def test_the_winter_round_rotates_tuesday_evening_from_the_mahjong_players_to_the_choir(demo_city_readonly):
    autumn, winter = RequestRound.objects.filter(space__name="居委会二楼活动室").order_by("first_day")
    tuesday = {(r.round_id, r.group_name): r for r in SlotRequest.objects.filter(slot__weekday=1)}
    assert tuesday[(autumn.pk, "棋牌队")].granted
    assert winter.status == workflow.ALLOCATED
    assert tuesday[(winter.pk, "夕阳红合唱队")].granted
    lost = tuesday[(winter.pk, "棋牌队")]
    assert not lost.granted and "上一季已使用这个时段" in lost.explanation
    rehearsals = Booking.objects.filter(space__name="居委会二楼活动室", group_name="夕阳红合唱队", start__year=2026)
    assert rehearsals.filter(start__month=12).count() == 5  # every Tuesday in December


def test_the_promised_room_is_overdue_and_the_courtyard_is_public(demo_city_readonly):
    overdue = list(selectors.overdue_handovers(today=datetime.date(2026, 11, 1)))
    assert [space.name for space in overdue] == ["3号楼一层配套用房"]
    courtyard = Space.objects.get(name="何梅家的小院")
    assert courtyard.status == workflow.PUBLIC and courtyard.offered_by.display_name == "何梅"
    office = Space.objects.get(name="居委会开放空间（原办公室）")
    assert "墙上贴着的规则" in office.rules_text
    assert Space.objects.get(name="七个组团中心广场").is_hub
