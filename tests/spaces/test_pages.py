"""The spaces pages: find, look (rules before booking, the week), book once or weekly, mine, approvals,
promised rooms, the door code, statistics and its Excel export, a request round; who may see what."""

import datetime

import openpyxl
import pytest
from django.urls import reverse

from sanshe.spaces import seasons, services, workflow
from sanshe.spaces.models import Booking, BookingSeries, Noise
from tests.spaces.conftest import at, booking_of

pytestmark = pytest.mark.django_db


def test_the_community_s_spaces_are_found_by_size_and_free_time(client, room, organizer, community):
    booking_of(organizer, room, at(3, 18), at(3, 20))
    url = reverse("spaces:index")
    link = f'href="{reverse("spaces:detail", args=[room.pk])}"'
    page = client.get(url, {"community": str(community.pk)}).content.decode()
    assert link in page
    busy = client.get(
        url, {"community": str(community.pk), "day": "2026-12-03", "starts_at": "19:00", "ends_at": "20:00"}
    )
    assert link not in busy.content.decode()
    too_small = client.get(url, {"community": str(community.pk), "people": 40})
    assert "没有符合条件的空间" in too_small.content.decode()


def test_the_space_page_shows_rules_before_booking_and_the_week(client, room, organizer, django_assert_max_num_queries):
    booking_of(organizer, room, at(3, 18), at(3, 20))
    client.force_login(organizer)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("spaces:detail", args=[room.pk]), {"week": "2026-12-02"}).content.decode()
    assert page.index("使用规则") < page.index("预约这里")
    assert "楼上住着上夜班的居民" in page
    assert ">18:00</time>–20:00 合唱排练" in page


def test_a_weekly_rehearsal_is_booked_from_the_form_and_shows_in_my_bookings(client, room, organizer, choir):
    client.force_login(organizer)
    response = client.post(
        reverse("spaces:book", args=[room.pk]),
        {
            "purpose": "合唱排练",
            "day": "2026-12-03",
            "starts_at": "18:00",
            "ends_at": "20:00",
            "weekly": "on",
            "last_day": "2026-12-31",
            "attendance": 20,
            "noise": Noise.MUSIC,
            "organization": str(choir.pk),
        },
    )
    assert response.status_code == 302
    series = BookingSeries.objects.get()
    assert series.organization == choir and series.bookings.count() == 5
    mine = client.get(reverse("spaces:mine")).content.decode()
    assert "取消整个每周预约" in mine and "12月31日 18:00" in mine


def test_the_form_shows_the_rules_it_breaks_in_words(client, room, organizer):
    client.force_login(organizer)
    response = client.post(
        reverse("spaces:book", args=[room.pk]),
        {
            "purpose": "合唱",
            "day": "2026-12-02",
            "starts_at": "10:00",
            "ends_at": "12:00",
            "attendance": 50,
            "noise": 3,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "最多容纳 30 人" in page and "楼上住着上夜班的居民" in page
    assert not Booking.objects.exists()


def test_people_who_may_not_book_are_sent_back_with_the_reason(client, room, other_community_staff):
    client.force_login(other_community_staff)
    response = client.get(reverse("spaces:book", args=[room.pk]), follow=True)
    assert "预约规则不允许您预约" in response.content.decode()
    assert client.get(reverse("spaces:book", args=[room.pk])).status_code == 302


def test_staff_approve_from_their_list_and_residents_cannot(client, room, organizer, neighbour, community_staff):
    room.policy.needs_approval = True
    room.policy.save()
    booking = booking_of(organizer, room, at(3, 18), at(3, 20))
    client.force_login(neighbour)
    assert "没有等待审核的预约" in client.get(reverse("spaces:approvals")).content.decode()
    client.post(reverse("spaces:decide", args=[booking.pk]), {"decision": "approve"})
    booking.refresh_from_db()
    assert booking.status == workflow.PENDING
    client.force_login(community_staff)
    assert "合唱排练" in client.get(reverse("spaces:approvals")).content.decode()
    client.post(reverse("spaces:decide", args=[booking.pk]), {"decision": "approve"})
    booking.refresh_from_db()
    assert booking.status == workflow.CONFIRMED


def test_an_overdue_promised_room_shows_on_the_community_s_spaces_and_staff_record_the_handover(
    client, community, community_staff, organization, neighbour
):
    promised = services.register_space(
        community_staff,
        community,
        name="配套用房",
        kind="room",
        manager_kind="developer",
        capacity=40,
        status=workflow.PROMISED,
        promised_to=organization,
        handover_due=datetime.date(2026, 6, 30),
    )
    index = client.get(reverse("spaces:index"), {"community": str(community.pk)}).content.decode()
    assert "逾期未移交的配套用房" in index and "配套用房" in index
    profile = client.get(reverse("community_detail", args=[community.pk])).content.decode()
    assert "逾期未移交的配套用房" in profile and "应于 2026-06-30 移交" in profile
    client.force_login(neighbour)
    client.post(reverse("spaces:handover", args=[promised.pk]))
    promised.refresh_from_db()
    assert promised.status == workflow.PROMISED
    client.force_login(community_staff)
    assert "逾期未移交" in client.get(reverse("spaces:promised", args=[community.pk])).content.decode()
    client.post(reverse("spaces:handover", args=[promised.pk]))
    promised.refresh_from_db()
    assert promised.status == workflow.PUBLIC and promised.handed_over_on == datetime.date(2026, 12, 1)


def test_the_door_code_is_for_managers_and_opens_the_check_in(client, room, organizer, community_staff):
    client.force_login(organizer)
    assert client.get(reverse("spaces:door_code", args=[room.pk])).status_code == 403
    client.force_login(community_staff)
    page = client.get(reverse("spaces:door_code", args=[room.pk])).content.decode()
    assert "<svg" in page
    assert client.get(reverse("spaces:door", args=["nonsense"])).status_code == 404


def test_statistics_are_for_staff_and_export_to_excel(client, room, organizer, community, neighbour, community_staff):
    from sanshe.common import clock

    booking_of(organizer, room, at(3, 18), at(3, 20))
    client.force_login(neighbour)
    assert client.get(reverse("spaces:statistics", args=[community.pk])).status_code == 403
    client.force_login(community_staff)
    with clock.frozen_at(at(10, 9)):
        page = client.get(reverse("spaces:statistics", args=[community.pk])).content.decode()
        assert "预约 2.0 小时" in page
        export = client.get(reverse("spaces:statistics_export", args=[community.pk]))
    book = openpyxl.load_workbook(__import__("io").BytesIO(export.content))
    rows = list(book.worksheets[0].values)
    assert rows[1][0] == "活动室" and rows[1][2] == 2.0


def test_groups_rank_slots_and_the_round_explains_each_result(client, room, organizer, neighbour, community_staff):
    round_ = seasons.open_round(
        community_staff,
        room,
        season="2027年春季",
        first_day=datetime.date(2027, 1, 4),
        last_day=datetime.date(2027, 3, 31),
        slots=[(1, datetime.time(18, 30), datetime.time(21)), (3, datetime.time(18, 30), datetime.time(21))],
    )
    tuesday, thursday = round_.slots.all()
    url = reverse("spaces:round", args=[round_.pk])
    client.force_login(organizer)
    client.post(url, {"group_name": "合唱团", "choice_1": str(tuesday.pk), "choice_2": str(thursday.pk)})
    client.force_login(neighbour)
    client.post(url, {"group_name": "麻将队", "choice_1": str(tuesday.pk)})
    client.post(reverse("spaces:allocate", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.status == workflow.OPEN  # a resident may not allocate
    client.force_login(community_staff)
    client.post(reverse("spaces:allocate", args=[round_.pk]))
    page = client.get(url).content.decode()
    assert page.count("第 1 志愿：获得。") == 1 and "由抽签决定" in page


def test_a_resident_offers_her_courtyard_from_the_page_and_staff_find_it_to_approve(
    client, neighbour, community_staff, community
):
    from sanshe.spaces.models import Space

    client.force_login(neighbour)
    response = client.post(
        reverse("spaces:offer"),
        {
            "name": "张大爷家的院子",
            "kind": "courtyard",
            "address": "5号楼后",
            "capacity": 10,
            "days": ["SA", "SU"],
            "opens_at": "14:00",
            "closes_at": "17:00",
        },
    )
    assert response.status_code == 302
    courtyard = Space.objects.get(name="张大爷家的院子")
    assert courtyard.status == workflow.PROPOSED and courtyard.hours.get().byday == "SA,SU"
    unchecked = client.post(reverse("spaces:offer"), {"name": "x", "kind": "courtyard", "address": "y", "capacity": 1})
    assert "哪几天可以借用" in unchecked.content.decode() and Space.objects.count() == 1
    client.force_login(community_staff)
    assert "张大爷家的院子" in client.get(reverse("spaces:approvals")).content.decode()
