"""Private details (PIPL sensitive information): encrypted at rest, read only by the resident and
assigned staff, every read logged and shown to the resident; children's needs need a guardian."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from sanshe.needs import services
from sanshe.needs.models import PrivateDetailRead, PrivateDetails
from tests.needs.conftest import need_fields

SECRET = "父亲有高血压，住3号楼2单元501。"


def test_private_details_are_encrypted_at_rest(need):
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM needs_privatedetails")
        (stored,) = cursor.fetchone()
    assert "高血压" not in stored and "501" not in stored
    assert PrivateDetails.objects.get(need=need).ciphertext == stored


@pytest.mark.parametrize("who", ["resident", "assigned"])
def test_the_resident_and_assigned_staff_read_and_each_read_is_logged(need, people, who):
    details = services.read_private_details(actor=people[who], need=need)
    assert details["details"] == SECRET
    read = PrivateDetailRead.objects.get(need=need)
    assert read.reader == people[who] and read.reader_name == str(people[who])


@pytest.mark.parametrize(
    "who",
    ["staff", "neighbour", "unverified", "outsider", "other_staff", "org_staff", "street", "district", "admin"],
)
def test_everyone_else_is_refused_and_nothing_is_logged(need, people, who):
    with pytest.raises(PermissionDenied, match="隐私信息"):
        services.read_private_details(actor=people[who], need=need)
    assert not PrivateDetailRead.objects.exists()


def test_anonymous_visitors_are_refused(need):
    with pytest.raises(PermissionDenied):
        services.read_private_details(actor=AnonymousUser(), need=need)


def test_the_resident_sees_who_read_their_details(need, people, client):
    services.read_private_details(actor=people["assigned"], need=need, purpose="上门前核对地址")
    client.force_login(people["resident"])
    page = client.get("/needs/mine/").content.decode()
    assert "assigned" in page and "上门前核对地址" in page


def test_the_detail_page_shows_private_details_only_on_a_logged_request(need, people, client):
    client.force_login(people["assigned"])
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert "高血压" not in page  # reading is a deliberate, logged act
    response = client.post(f"/needs/{need.pk}/private/")
    assert "高血压" in response.content.decode()
    assert PrivateDetailRead.objects.filter(need=need, reader=people["assigned"]).count() == 1


@pytest.mark.parametrize("who", ["staff", "street", "neighbour"])
def test_the_private_page_refuses_others(need, people, client, who):
    client.force_login(people[who])
    response = client.post(f"/needs/{need.pk}/private/")
    assert response.status_code == 403
    assert "高血压" not in response.content.decode()


def test_a_childs_need_without_a_guardian_is_refused_with_a_clear_error(people, community):
    with pytest.raises(ValidationError) as refusal:
        services.post_need(actor=people["resident"], community=community, private={}, **need_fields(beneficiary_age=9))
    assert "监护人" in str(refusal.value.message_dict["is_guardian"])
    assert "guardian_name" in refusal.value.message_dict


def test_a_childs_need_by_a_declared_guardian_is_accepted(people, community):
    need = services.post_need(
        actor=people["resident"],
        community=community,
        private={"guardian_name": "王丽", "guardian_relation": "母亲"},
        is_guardian=True,
        **need_fields(beneficiary_age=9, summary="孩子放学后没人照看"),
    )
    assert need.guardian_declared_at is not None
    assert services.read_private_details(actor=people["resident"], need=need)["guardian_relation"] == "母亲"


def test_a_child_target_group_also_requires_a_guardian(people, community):
    from tests.factories import target_group

    with pytest.raises(ValidationError):
        services.post_need(
            actor=people["resident"],
            community=community,
            **need_fields(beneficiary_age=None, target_group=target_group("left-behind-children")),
        )
