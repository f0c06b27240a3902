"""The spaces API: find, look, availability, book (201 / 409 / 422 with the rule), cancel; the .ics feed."""

import datetime

import icalendar
import pytest

from sanshe.spaces import workflow
from sanshe.spaces.models import Booking, Noise
from tests.spaces.conftest import at, booking_of

pytestmark = pytest.mark.django_db


def post(client, space, **body):
    payload = {"start": at(3, 18).isoformat(), "end": at(3, 20).isoformat(), "purpose": "合唱排练", **body}
    return client.post(f"/api/spaces/{space.pk}/bookings", payload, content_type="application/json")


def test_spaces_are_found_by_community_kind_capacity_and_free_time(client, room, organizer, community):
    booking_of(organizer, room, at(3, 18), at(3, 20))
    found = client.get("/api/spaces", {"community": str(community.pk), "kind": "room", "capacity": 20}).json()
    assert [item["name"] for item in found["items"]] == ["活动室"]
    assert client.get("/api/spaces", {"capacity": 31}).json()["count"] == 0
    busy = {"free_from": at(3, 19).isoformat(), "free_until": at(3, 21).isoformat()}
    assert client.get("/api/spaces", busy).json()["count"] == 0
    free = {"free_from": at(3, 20, 30).isoformat(), "free_until": at(3, 21).isoformat()}
    assert client.get("/api/spaces", free).json()["count"] == 1


def test_a_space_shows_its_hours_quiet_hours_and_rules(client, room):
    body = client.get(f"/api/spaces/{room.pk}").json()
    assert body["opening_hours"][0]["opens_at"] == "08:00"
    assert {row["reason"] for row in body["quiet_hours"]} == {"夜间休息", "楼上住着上夜班的居民"}
    assert body["policy"]["buffer_minutes"] == 15 and body["rules_text"].startswith("活动结束")


def test_availability_lists_the_busy_times(client, room, organizer):
    booking_of(organizer, room, at(3, 18), at(3, 20))
    body = client.get(
        f"/api/spaces/{room.pk}/availability", {"start": at(1, 0).isoformat(), "end": at(8, 0).isoformat()}
    ).json()
    parse = datetime.datetime.fromisoformat
    assert [(parse(row["start"]), parse(row["end"])) for row in body["busy"]] == [(at(3, 18), at(3, 20))]
    too_wide = client.get(
        f"/api/spaces/{room.pk}/availability",
        {"start": at(1, 0).isoformat(), "end": at(1, 0, month=3).replace(year=2027).isoformat()},
    )
    assert too_wide.status_code == 422


def test_booking_answers_201_then_409_with_the_time_in_the_way(client, room, organizer, neighbour):
    client.force_login(organizer)
    made = post(client, room, attendance=20, noise=Noise.MUSIC)
    assert made.status_code == 201 and made.json()["status"] == workflow.CONFIRMED
    client.force_login(neighbour)
    clash = post(client, room, start=at(3, 19).isoformat())
    assert clash.status_code == 409
    assert "18:00–20:00" in clash.json()["detail"]
    assert datetime.datetime.fromisoformat(clash.json()["conflict_start"]) == at(3, 18)


def test_a_broken_rule_answers_422_naming_it(client, room, organizer):
    client.force_login(organizer)
    response = post(client, room, attendance=45)
    assert response.status_code == 422
    assert "最多容纳 30 人" in str(response.json()["detail"])
    assert post(client, room, end="not a time").status_code == 422


def test_anonymous_and_outsiders_cannot_book(client, room, other_community_staff):
    assert post(client, room).status_code == 401
    client.force_login(other_community_staff)
    assert post(client, room).status_code == 403
    assert not Booking.objects.exists()


def test_delete_cancels_for_the_booker_only(client, room, organizer, neighbour):
    booking = booking_of(organizer, room, at(3, 18), at(3, 20))
    client.force_login(neighbour)
    assert client.delete(f"/api/bookings/{booking.pk}").status_code == 403
    client.force_login(organizer)
    assert client.delete(f"/api/bookings/{booking.pk}").status_code == 204
    booking.refresh_from_db()
    assert booking.status == workflow.CANCELLED
    assert client.delete(f"/api/bookings/{booking.pk}").status_code == 422  # already cancelled


def test_the_calendar_feed_parses_and_names_groups_not_residents(client, room, organizer, neighbour, choir):
    booking_of(organizer, room, at(3, 18), at(3, 20), organization=choir)
    booking_of(neighbour, room, at(4, 18), at(4, 19), purpose="读书会", noise=Noise.QUIET)
    response = client.get(f"/spaces/{room.pk}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    feed = icalendar.Calendar.from_ical(response.content)
    events = [component for component in feed.walk("VEVENT")]
    assert [str(event["summary"]) for event in events] == ["合唱排练（夕阳红合唱团）", "读书会（居民预约）"]
    assert events[0].decoded("dtstart") == at(3, 18)
    assert events[0].decoded("dtend") - events[0].decoded("dtstart") == datetime.timedelta(hours=2)
    assert "张大爷" not in response.content.decode()
