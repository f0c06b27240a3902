"""What a referral carries to the organization that serves it: before and after acceptance, consent, audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sanshe.common import clock
from sanshe.matching import services, serving
from sanshe.matching.models import ContactConsent
from sanshe.needs.models import PrivateDetailRead
from sanshe.people.models import RoleKind
from tests.factories import NeedFactory, UserFactory, domain, give_role

pytestmark = pytest.mark.django_db

DESCRIPTION = "老板拖欠三个月工资，想知道怎么维权。"
PHONE = "13900000031"


@pytest.fixture
def sent(people, need, service):
    resident = people["resident"]
    resident.phone, resident.display_name = PHONE, "王秀兰"
    resident.save()
    need.description = DESCRIPTION
    need.preferred_times = [{"day": "TU", "from": "09:00", "to": "11:00"}]
    need.save()
    return services.choose_service(actor=people["staff"], need=need, service=service)


def page(client, user, referral) -> str:
    client.force_login(user)
    response = client.get(reverse("matching:referral", args=[referral.pk]))
    return response.content.decode() if response.status_code == 200 else response.status_code


def consent(people, referral, granted=True):
    return serving.answer_consent(actor=people["resident"], referral=referral, granted=granted)


def test_before_acceptance_the_organization_sees_only_the_summary_and_community(client, sent, people):
    consent(people, sent)
    html = page(client, people["org_member"], sent)
    assert "拖欠工资咨询" in html and sent.need.community.name in html
    assert DESCRIPTION not in html and PHONE not in html and "王秀兰" not in html
    assert serving.serving_details(actor=people["org_member"], referral=sent) is None
    assert not PrivateDetailRead.objects.exists()


def test_after_acceptance_it_sees_what_it_needs_and_every_contact_read_is_audited(client, sent, people):
    consent(people, sent)
    services.accept(actor=people["org_member"], referral=sent)
    html = page(client, people["org_member"], sent)
    assert DESCRIPTION in html and "周二 09:00–11:00" in html
    assert "王秀兰" in html and f'href="tel:{PHONE}"' in html
    page(client, people["org_member"], sent)
    reads = list(PrivateDetailRead.objects.values_list("need", "reader", "purpose"))
    assert reads == [(sent.need_id, people["org_member"].pk, "接收机构查看姓名和电话")] * 2
    # The resident sees who read, where they see reads of their private details.
    mine = page(client, people["resident"], sent) and client.get(reverse("needs:mine")).content.decode()
    assert str(people["org_member"]) in mine and "接收机构查看姓名和电话" in mine


@pytest.mark.parametrize("answer", [None, False])
def test_without_consent_no_contact_is_shown_and_nothing_is_read(client, sent, people, answer):
    if answer is not None:
        consent(people, sent, granted=answer)
    services.accept(actor=people["org_member"], referral=sent)
    html = page(client, people["org_member"], sent)
    assert DESCRIPTION in html
    assert PHONE not in html and "王秀兰" not in html
    assert ("还没有确认" in html) if answer is None else ("不同意提供姓名和电话" in html)
    assert not PrivateDetailRead.objects.exists()


def test_consent_can_be_withdrawn_and_the_contact_disappears(client, sent, people):
    consent(people, sent)
    services.accept(actor=people["org_member"], referral=sent)
    consent(people, sent, granted=False)
    assert PHONE not in page(client, people["org_member"], sent)


def test_other_organizations_staff_and_operators_without_the_role_never_see_it(client, sent, people):
    consent(people, sent)
    sent = services.accept(actor=people["org_member"], referral=sent)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    admin = UserFactory()
    give_role(admin, RoleKind.PLATFORM_ADMIN)
    assert page(client, people["other_org"], sent) == 403
    assert page(client, people["street"], sent) == 403
    for outsider in (superuser, admin, people["staff"]):
        html = page(client, outsider, sent)
        assert DESCRIPTION not in html and PHONE not in html, outsider
        assert serving.serving_details(actor=outsider, referral=sent) is None
    assert not PrivateDetailRead.objects.exists()


def test_after_the_service_ends_the_details_are_no_longer_shown(client, sent, people):
    consent(people, sent)
    member = people["org_member"]
    services.accept(actor=member, referral=sent)
    services.start(actor=member, referral=sent)
    assert PHONE in page(client, member, sent)
    services.complete(actor=member, referral=sent, outcome="已调解")
    assert PHONE not in page(client, member, sent) and DESCRIPTION not in page(client, member, sent)


def test_only_the_resident_answers_and_only_while_the_referral_is_open(sent, people):
    for someone in (people["org_member"], people["staff"], people["neighbour"], UserFactory(is_superuser=True)):
        with pytest.raises(PermissionDenied):
            serving.answer_consent(actor=someone, referral=sent, granted=True)
    services.decline(actor=people["org_member"], referral=sent, reason="no_capacity")
    with pytest.raises(ValidationError, match="不需要再提供联系方式"):
        consent(people, sent)


def test_a_staff_recorded_need_carries_the_consent_staff_recorded(people, community, service):
    need = NeedFactory(
        community=community,
        domain=domain("legal"),
        resident=None,
        recorded_by=people["staff"],
        consent_recorded_at=clock.now(),
        consent_note="本人口头同意，上门走访时登记",
        beneficiary_age=70,
    )
    referral = services.choose_service(actor=people["staff"], need=need, service=service)
    referral.refresh_from_db()
    assert (referral.contact_consent, referral.contact_consent_by, referral.contact_consent_note) == (
        ContactConsent.GRANTED,
        people["staff"],
        "本人口头同意，上门走访时登记",
    )
    referral = services.accept(actor=people["org_member"], referral=referral)
    details = serving.serving_details(actor=people["org_member"], referral=referral)
    assert details.contact.through_staff and details.contact.name == str(people["staff"])


def test_the_next_step_is_recorded_by_the_organization_and_shown_to_the_resident(client, sent, people):
    member = people["org_member"]
    first = clock.now().replace(microsecond=0) + datetime.timedelta(days=4)
    services.accept(actor=member, referral=sent, next_step={"contact_within_days": 2, "first_appointment_at": first})
    sent.refresh_from_db()
    assert (sent.contact_person, sent.contact_within_days, sent.first_appointment_at) == (member, 2, first)
    html = page(client, people["resident"], sent)
    assert "谁会联系您" in html and str(member) in html
    assert f"{sent.contact_by.month}月{sent.contact_by.day}日 前联系您" in html
    assert "谁会联系您" not in page(client, member, sent)  # the organization sees it in its form instead
    listed = client.get(reverse("matching:organization_referrals", args=[sent.service.organization_id])).content
    assert f"{sent.contact_by.month}月{sent.contact_by.day}日 前联系居民".encode() in listed


@pytest.mark.parametrize(
    ("days", "first", "message"),
    [
        (0, None, "1 到 30 天"),
        (31, None, "1 到 30 天"),
        ("三", None, "1 到 30 天"),
        (3, -2, "已经过去"),
        (3, 400, "一年之内"),
    ],
)
def test_a_next_step_out_of_bounds_is_refused(sent, people, days, first, message):
    services.accept(actor=people["org_member"], referral=sent)
    when = None if first is None else clock.now() + datetime.timedelta(days=first)
    with pytest.raises(ValidationError, match=message):
        serving.record_next_step(
            actor=people["org_member"], referral=sent, contact_within_days=days, first_appointment_at=when
        )


def test_only_the_receiving_organization_records_the_next_step(sent, people):
    services.accept(actor=people["org_member"], referral=sent)
    superuser = UserFactory(is_superuser=True)
    for someone in (people["other_org"], people["staff"], people["resident"], superuser):
        with pytest.raises(PermissionDenied):
            serving.record_next_step(actor=someone, referral=sent, contact_within_days=3)


def test_accepting_from_the_page_with_a_bad_time_keeps_the_referral_waiting(client, sent, people):
    client.force_login(people["org_member"])
    url = reverse("matching:referral_action", args=[sent.pk, "accept"])
    response = client.post(url, {"contact_within_days": "3", "first_appointment_at": "2026-13-45T99:99"}, follow=True)
    assert "首次服务时间的格式不对" in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == "sent"
    client.post(url, {"contact_within_days": "3", "first_appointment_at": ""})
    sent.refresh_from_db()
    assert (sent.status, sent.contact_within_days) == ("accepted", 3)


def test_the_resident_answers_from_the_referral_page(client, sent, people):
    html = page(client, people["resident"], sent)
    assert "是否同意把您的姓名和电话告诉" in html
    client.post(reverse("matching:referral_consent", args=[sent.pk]), {"consent": "granted"})
    sent.refresh_from_db()
    assert (sent.contact_consent, sent.contact_consent_by) == (ContactConsent.GRANTED, people["resident"])
    client.force_login(people["org_member"])
    client.post(reverse("matching:referral_consent", args=[sent.pk]), {"consent": "refused"})
    sent.refresh_from_db()
    assert sent.contact_consent == ContactConsent.GRANTED
