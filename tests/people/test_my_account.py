"""我的账户: one's name, number and roles, and adding another community one lives in."""

import html
import re

import pytest
from django.urls import reverse

from sanshe.common import sms
from sanshe.people.models import Role, RoleKind
from tests.factories import UserFactory, give_role

pytestmark = pytest.mark.django_db


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def error_next_to(page: str, field: str) -> str:
    start = page.index(f'<ul class="field-errors" id="id_{field}_error">')
    return page[start : page.index("</ul>", start)]


def test_anonymous_visitors_are_sent_to_log_in(client):
    for response in (client.get(reverse("my_account")), client.post(reverse("my_account"), {"action": "account"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    assert client.get(reverse("signup_done")).status_code == 302


def test_the_header_links_the_account_page_when_logged_in(client_as, resident):
    page = client_as(resident).get(reverse("home")).content.decode()
    assert reverse("my_account") in page and "我的账户" in page


def test_the_page_shows_name_phone_and_roles_in_plain_chinese(
    client_as, resident, other_community, organization, django_assert_max_num_queries
):
    give_role(resident, RoleKind.RESIDENT, community=other_community)
    give_role(resident, RoleKind.ORG_STAFF, organization=organization)
    client = client_as(resident)
    with django_assert_max_num_queries(10):
        page = page_of(client.get(reverse("my_account")))
    assert 'value="resident"' in page and 'value="13800138000"' in page
    assert "居民 · 民主西路社区" in page and "已核实" in page
    assert "居民 · 铁路西村社区" in page and "待社区核实" in page
    assert "社会组织工作人员 · 金城律师志愿服务队" in page


def test_changing_name_and_phone(client_as, resident):
    client = client_as(resident)
    response = client.post(
        reverse("my_account"), {"action": "account", "display_name": "王秀兰", "phone": "139 0000 1111"}
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    # The name at once; the number once the code texted to it comes back.
    assert (resident.display_name, resident.phone) == ("王秀兰", "13800138000")
    assert "验证码已发到 139****1111" in page_of(client.get(response["Location"]))
    code = re.search(r"\d{6}", sms.outbox[-1].text).group()
    client.post(reverse("my_account"), {"action": "confirm_phone", "code": code})
    resident.refresh_from_db()
    assert resident.phone == "13900001111"


def test_clearing_the_phone_keeps_the_username_login(client_as, resident):
    client_as(resident).post(reverse("my_account"), {"action": "account", "display_name": "resident", "phone": ""})
    resident.refresh_from_db()
    assert resident.phone is None


@pytest.mark.parametrize(
    "data, field, words",
    [
        ({"display_name": "", "phone": "13800138000"}, "display_name", "请填写您的姓名"),
        ({"display_name": "王" * 51, "phone": "13800138000"}, "display_name", "50"),
        ({"display_name": "王秀兰", "phone": "12345"}, "phone", "请输入11位中国大陆手机号码"),
        ({"display_name": "王秀兰", "phone": "13700000000"}, "phone", "已被另一个账号使用"),
    ],
)
def test_bad_changes_are_refused_next_to_the_field(client_as, resident, data, field, words):
    UserFactory(phone="13700000000")
    response = client_as(resident).post(reverse("my_account"), {"action": "account", **data})
    assert response.status_code == 200
    assert words in error_next_to(page_of(response), field)
    resident.refresh_from_db()
    assert (resident.display_name, resident.phone) == ("resident", "13800138000")


def test_adding_another_community_creates_an_unverified_residency(client_as, resident, other_community):
    client = client_as(resident)
    response = client.post(reverse("my_account"), {"action": "join", "community": str(other_community.pk)})
    assert response.status_code == 302
    role = Role.objects.get(user=resident, community=other_community)
    assert role.kind == RoleKind.RESIDENT and role.verified_at is None
    page = page_of(client.get(response["Location"]))
    assert "已登记您也住在铁路西村社区" in page and "居民 · 铁路西村社区" in page


def test_adding_the_same_community_twice_is_a_clear_message(client_as, resident, community):
    response = client_as(resident).post(reverse("my_account"), {"action": "join", "community": str(community.pk)})
    assert response.status_code == 200
    assert "您已经登记过住在民主西路社区，不用重复添加" in error_next_to(page_of(response), "community")
    assert Role.objects.filter(user=resident).count() == 1


def test_staff_without_a_residency_can_add_one(client_as, community_staff, community):
    client = client_as(community_staff)
    assert "您还没有登记居住的社区" in page_of(client.get(reverse("my_account")))
    client.post(reverse("my_account"), {"action": "join", "community": str(community.pk)})
    assert Role.objects.filter(user=community_staff, kind=RoleKind.RESIDENT, community=community).exists()


def test_an_unknown_community_is_refused(client_as, resident):
    response = client_as(resident).post(
        reverse("my_account"), {"action": "join", "community": "00000000-0000-0000-0000-000000000000"}
    )
    assert response.status_code == 200
    assert "找不到这个社区" in error_next_to(page_of(response), "community")
    assert Role.objects.filter(user=resident).count() == 1


def test_a_post_without_an_action_changes_nothing(client_as, resident):
    response = client_as(resident).post(reverse("my_account"), {"display_name": "x", "phone": ""})
    assert response.status_code == 200
    resident.refresh_from_db()
    assert resident.display_name == "resident"
