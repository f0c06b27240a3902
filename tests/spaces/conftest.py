"""A community activity room with opening hours, neighbours' quiet hours and booking rules, at a fixed moment."""

import datetime

import pytest
from django.utils import timezone

from sanshe.common import clock
from sanshe.people.models import RoleKind
from sanshe.spaces import services, workflow
from sanshe.spaces.models import Noise
from tests.factories import OrganizationFactory, UserFactory, give_role

# Tuesday 1 December 2026, 10:00 in Shanghai.
NOW = timezone.make_aware(datetime.datetime(2026, 12, 1, 10, 0))


def at(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, month, day, hour, minute))


@pytest.fixture(autouse=True)
def frozen_now():
    with clock.frozen_at(NOW):
        yield NOW


@pytest.fixture
def room(community, community_staff):
    """活动室: 30 people, every day 08:00–21:30; night quiet 22:00–07:00, and talk only 09:00–15:00 on
    weekdays for the shift workers upstairs; at most 3 hours, a 15-minute buffer, three live bookings."""
    return services.register_space(
        community_staff,
        community,
        name="活动室",
        kind="room",
        manager_kind="community",
        capacity=30,
        noise_tolerance=Noise.MUSIC,
        rules_text="活动结束请关灯、关窗、把桌椅归位。",
        hours=[("MO,TU,WE,TH,FR,SA,SU", datetime.time(8), datetime.time(21, 30))],
        quiet=[
            {"starts_at": datetime.time(22), "ends_at": datetime.time(7), "loudest": Noise.QUIET, "reason": "夜间休息"},
            {
                "byday": "MO,TU,WE,TH,FR",
                "starts_at": datetime.time(9),
                "ends_at": datetime.time(15),
                "loudest": Noise.TALK,
                "reason": "楼上住着上夜班的居民",
            },
        ],
        policy={"max_minutes": 180, "buffer_minutes": 15, "live_per_booker": 3, "closes_hours_before": 2},
    )


@pytest.fixture
def choir(community):
    return OrganizationFactory(name="夕阳红合唱团", kind="resident_group", community=community)


@pytest.fixture
def organizer(community, choir):
    """The choir's organizer: a verified resident and a member of the group."""
    user = UserFactory(username="organizer", display_name="李阿姨")
    give_role(user, RoleKind.RESIDENT, verified=True, community=community)
    give_role(user, RoleKind.ORG_STAFF, organization=choir)
    return user


@pytest.fixture
def neighbour(community):
    user = UserFactory(username="neighbour", display_name="张大爷")
    give_role(user, RoleKind.RESIDENT, verified=True, community=community)
    return user


def booking_of(user, space, start, end, **kwargs):
    fields = {"purpose": "合唱排练", "attendance": 20, "noise": Noise.MUSIC, **kwargs}
    return services.book(user, space, start=start, end=end, **fields)


__all__ = ["NOW", "at", "booking_of", "workflow"]
