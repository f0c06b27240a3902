import datetime

import pytest
from django.utils import timezone

from sanshe.deliberation.models import MeetingKind
from sanshe.deliberation.services import meetings


def at(day: int, hour: int = 19) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 12, day, hour))


@pytest.fixture
def meeting(community, community_staff):
    """A 居民议事会 on the activity room, chaired by the community's staff, quorum 3."""
    return meetings.call_meeting(
        actor=community_staff,
        kind=MeetingKind.COUNCIL,
        title="活动室怎么分：合唱队和棋牌队",
        street=community.street,
        community=community,
        venue="社区活动室",
        starts_at=at(3),
        ends_at=at(3, 21),
        capacity=10,
        quorum=3,
        agenda=["活动室的使用时间"],
    )


@pytest.fixture
def in_session(meeting, community_staff):
    """The meeting under way with four attendees signed in at the door (names only: no phones)."""
    for name in ("王阿姨", "李叔", "张姐", "赵老师"):
        meetings.register_by_name(actor=community_staff, meeting=meeting, name=name, attended=True)
    return meetings.open_meeting(actor=community_staff, meeting=meeting)


@pytest.fixture
def people(in_session):
    return {r.name: r for r in in_session.registrations.all()}
