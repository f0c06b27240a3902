"""Who hears about a referral's steps, and who does not."""

import pytest

from sanshe.matching import services, serving
from sanshe.notifications.models import Kind
from tests.notifications.support import told

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(people, need, service, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.choose_service(actor=people["staff"], need=need, service=service)


def test_a_sent_referral_tells_the_receiving_organization_and_asks_the_resident(sent, people):
    assert told(Kind.REFERRAL_SENT) == {
        people["org_member"]: ["新的转介：“拖欠工资咨询”（" + sent.need.community.name + "），请在 3 天内接收或婉拒。"]
    }
    assert told(Kind.NEED_STATUS) == {
        people["resident"]: [
            f"您的需求“拖欠工资咨询”已转介给“{sent.service.organization.name}”。"
            "是否同意把您的姓名和电话告诉他们，方便联系您？请点开确认。"
        ]
    }
    for nobody in ("staff", "other_staff", "other_org", "neighbour", "street", "stranger"):
        assert people[nobody] not in told()


def test_acceptance_tells_the_resident_who_will_call_and_when(sent, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(actor=people["org_member"], referral=sent, next_step={"contact_within_days": 2})
    sent.refresh_from_db()
    (text,) = told(Kind.REFERRAL_ACCEPTED)[people["resident"]]
    assert f"{people['org_member']} 会在 {sent.contact_by.month}月{sent.contact_by.day}日 前联系您" in text
    assert set(told(Kind.REFERRAL_ACCEPTED)) == {people["resident"]}
    assert people["org_member"] not in told(Kind.REFERRAL_ACCEPTED)


def test_a_decline_tells_the_resident_once_with_the_reason(sent, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.decline(actor=people["org_member"], referral=sent, reason="no_capacity")
    assert told(Kind.REFERRAL_DECLINED) == {
        people["resident"]: [
            f"“{sent.service.organization.name}”暂时无法接您的需求“拖欠工资咨询”（名额已满），社区会为您另找服务。"
        ]
    }
    # The need went back to 待对接 too, but the resident is not told twice about the one decline.
    assert len(told(Kind.NEED_STATUS)[people["resident"]]) == 1


def test_service_starting_and_ending_tell_the_resident_how_the_need_stands(
    sent, people, django_capture_on_commit_callbacks
):
    member = people["org_member"]
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(actor=member, referral=sent)
        services.start(actor=member, referral=sent)
        services.complete(actor=member, referral=sent, outcome="已调解")
    texts = told(Kind.NEED_STATUS)[people["resident"]]
    assert texts[1:] == [
        "您的需求“拖欠工资咨询”现在是“服务中”：开始服务。",
        "您的需求“拖欠工资咨询”现在是“已满足”：服务完成。",
    ]
    assert set(told(Kind.NEED_STATUS)) == {people["resident"]}


def test_a_next_step_recorded_later_tells_the_resident(sent, people, django_capture_on_commit_callbacks):
    services.accept(actor=people["org_member"], referral=sent)
    with django_capture_on_commit_callbacks(execute=True):
        serving.record_next_step(actor=people["org_member"], referral=sent, contact_within_days=5)
    (text,) = told(Kind.NEXT_STEP)[people["resident"]]
    assert text.startswith("您的需求“拖欠工资咨询”有了安排：") and "会在" in text
