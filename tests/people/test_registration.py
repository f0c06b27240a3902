"""people.services: registering a resident and changing one's own account."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sanshe.people import credentials, services
from sanshe.people.models import Role, RoleKind, User
from tests.factories import CommunityFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "lanzhou niurou mian 1"


@pytest.fixture
def community():
    return CommunityFactory(name="民主西路社区")


def register(home, **changes):
    data = {
        "display_name": "王秀兰",
        "phone": "13912345678",
        "password": PASSWORD,
        "community": home,
        "privacy_consent": True,
    }
    return services.register_resident(**{**data, **changes})


def test_registering_creates_an_account_and_an_unverified_residency(community):
    user = register(community)
    assert (user.phone, user.display_name) == ("13912345678", "王秀兰")
    # Sign-up says the phone number becomes the username, and it does; lists show it masked.
    assert user.username == "13912345678" and user.public_username == "139****5678"
    assert user.privacy_consented_at is not None
    assert user.check_password(PASSWORD) and user.is_active and not user.is_staff
    (role,) = Role.objects.filter(user=user)
    assert (role.kind, role.community, role.verified_at) == (RoleKind.RESIDENT, community, None)


def test_no_account_without_consent_to_the_privacy_notice(community):
    with pytest.raises(ValidationError) as refused:
        register(community, privacy_consent=False)
    assert "consent" in refused.value.message_dict
    assert not User.objects.exists()


def test_a_chosen_username_is_kept(community):
    assert register(community, username="wang.xiulan").username == "wang.xiulan"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"phone": "12345"}, "phone"),
        ({"display_name": " "}, "display_name"),
        ({"password": "12345678"}, "password"),
        ({"password": "short1"}, "password"),
        ({"community": None}, "community"),
        ({"username": "has space"}, "username"),
        ({"username": "13800000001"}, "username"),
        ({"display_name": "王" * 51}, "display_name"),
    ],
)
def test_bad_input_creates_nothing(community, changes, field):
    with pytest.raises(ValidationError) as refused:
        register(community, **changes)
    assert field in refused.value.message_dict
    assert not User.objects.exists() and not Role.objects.exists()


def test_a_taken_phone_or_username_is_refused(community):
    UserFactory(username="taken", phone="13912345678")
    with pytest.raises(ValidationError) as refused:
        register(community)
    assert refused.value.message_dict["phone"] == ["这个手机号码已注册，请直接登录或找回密码。"]
    with pytest.raises(ValidationError) as refused:
        register(community, phone="13912345679", username="taken")
    assert "username" in refused.value.message_dict
    assert User.objects.count() == 1 and not Role.objects.exists()


def test_the_too_short_message_is_in_chinese(community):
    with pytest.raises(ValidationError) as refused:
        register(community, password="abc12")
    assert "密码太短了：至少要 8 位。" in refused.value.message_dict["password"]


def test_joining_a_community_twice_keeps_one_role(community):
    user = register(community)
    assert services.join_community(user=user, community=community) == Role.objects.get(user=user)


def test_one_changes_only_ones_own_account(community):
    user, other = register(community), UserFactory(phone="13700000000")
    services.update_account(actor=user, user=user, display_name="王奶奶")
    user.refresh_from_db()
    assert user.display_name == "王奶奶"
    with pytest.raises(PermissionDenied):
        services.update_account(actor=user, user=other, display_name="x", remove_phone=True)
    with pytest.raises(ValidationError) as refused:
        credentials.request_phone_change(actor=user, phone="13700000000")
    assert "phone" in refused.value.message_dict
