import datetime

import pytest

from sanshe.common import clock
from sanshe.people.models import RoleKind
from sanshe.volunteers import services
from tests.factories import CommunityFactory
from tests.funds.conftest import person


@pytest.fixture
def community(db):
    return CommunityFactory(name="铁路西村社区")


@pytest.fixture
def organizer(community):
    return person("organizer", community, RoleKind.COMMUNITY_STAFF)


@pytest.fixture
def volunteer(community):
    return person("volunteer", community)


@pytest.fixture
def shift(organizer, community):
    activity = services.create_activity(actor=organizer, community=community, title="四点半课堂")
    starts = clock.now() + datetime.timedelta(days=1)
    return services.add_shift(
        actor=organizer,
        activity=activity,
        role="作业辅导",
        place="党群服务中心二楼",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        slots=1,
    )
