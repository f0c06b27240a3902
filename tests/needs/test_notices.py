"""A resident hears when staff change their need's status; not when they change it themselves."""

import pytest

from sanshe.needs import services
from sanshe.notifications.models import Kind
from sanshe.people.models import RoleKind
from tests.factories import NeedFactory, UserFactory, give_role
from tests.notifications.support import told

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(db):
    return NeedFactory(summary="需要上门助浴")


def test_staff_changing_the_status_tells_the_resident_only(need, django_capture_on_commit_callbacks):
    staff = UserFactory()
    give_role(staff, RoleKind.COMMUNITY_STAFF, community=need.community)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(actor=staff, need=need, to_status="unmet", unmet_reason="no_service_nearby")
    assert told(Kind.NEED_STATUS) == {need.resident: ["您的需求“需要上门助浴”现在是“未能满足”：附近没有相关服务。"]}


def test_withdrawing_my_own_need_tells_nobody(need, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(actor=need.resident, need=need, to_status="withdrawn")
    assert told() == {}


def test_a_need_recorded_for_someone_without_an_account_tells_nobody(django_capture_on_commit_callbacks):
    need = NeedFactory(resident=None)
    staff = UserFactory()
    give_role(staff, RoleKind.COMMUNITY_STAFF, community=need.community)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(actor=staff, need=need, to_status="withdrawn")
    assert told() == {}
