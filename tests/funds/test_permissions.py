"""Role × action matrix for the funds' permissions, and the back office pages."""

import pytest
from django.contrib import admin

from sanshe.funds import services
from sanshe.people.models import RoleKind
from tests.factories import UserFactory, give_role
from tests.funds.conftest import person

pytestmark = pytest.mark.django_db

ACTIONS = ("manage_fund", "record_money", "vote", "decide", "disburse", "apply", "report_expenses", "close")
# Who may do what on an application of 太极拳队 (member_b, a committee member, belongs to the group).
EXPECTED = {
    "staff": {"manage_fund"},
    "chair": {"vote", "decide", "close"},
    "treasurer": {"record_money", "vote", "decide", "disburse", "close"},
    "member_a": {"vote", "decide", "close"},
    "member_b": {"vote", "apply", "report_expenses"},
    "leader": {"apply", "report_expenses"},
    "other_staff": set(),
    "resident": set(),
    "anonymous": set(),
}


@pytest.fixture
def everyone(staff, chair, treasurer, member_a, member_b, leader, community):
    from django.contrib.auth.models import AnonymousUser

    from tests.factories import CommunityFactory

    other_staff = UserFactory(username="other_staff")
    give_role(other_staff, RoleKind.COMMUNITY_STAFF, community=CommunityFactory())
    return {
        "staff": staff,
        "chair": chair,
        "treasurer": treasurer,
        "member_a": member_a,
        "member_b": member_b,
        "leader": leader,
        "other_staff": other_staff,
        "resident": person("resident", community),
        "anonymous": AnonymousUser(),
    }


def test_role_by_action_matrix(everyone, funded, apply):
    application = apply(funded, 1000)
    objects = {
        "manage_fund": funded,
        "record_money": funded,
        "apply": application.group,
        **{a: application for a in ("vote", "decide", "disburse", "report_expenses", "close")},
    }
    for name, user in everyone.items():
        allowed = {action for action in ACTIONS if user.has_perm(f"funds.{action}", objects[action])}
        assert allowed == EXPECTED[name], name


def test_a_platform_admin_manages_funds_but_does_not_handle_their_money(funded):
    operator = UserFactory(username="operator")
    give_role(operator, RoleKind.PLATFORM_ADMIN)
    assert operator.has_perm("funds.manage_fund", funded)
    assert not operator.has_perm("funds.record_money", funded)


def test_every_funds_admin_page_loads(client, approved, treasurer):
    services.disburse(actor=treasurer, application=approved)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for model in list(admin.site._registry):
        meta = model._meta
        if meta.app_label != "funds":
            continue
        assert client.get(f"/admin/funds/{meta.model_name}/").status_code == 200, meta.model_name
        obj = model.objects.first()
        if obj is not None:
            assert client.get(f"/admin/funds/{meta.model_name}/{obj.pk}/change/").status_code == 200, meta.model_name


def test_posted_ledger_rows_cannot_be_changed_in_the_admin(client, funded):
    from sanshe.funds.models import LedgerTransaction

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    tx = LedgerTransaction.objects.get()
    response = client.post(f"/admin/funds/ledgertransaction/{tx.pk}/change/", {"description": "改过"})
    assert response.status_code == 403
    assert client.post(f"/admin/funds/ledgertransaction/{tx.pk}/delete/", {"post": "yes"}).status_code == 403
    tx.refresh_from_db()
    assert tx.description.startswith("捐赠")


@pytest.mark.parametrize(
    "url",
    [
        "/funds/00000000-0000-0000-0000-000000000000/",
        "/funds/applications/00000000-0000-0000-0000-000000000000/",
        "/funds/receipts/00000000-0000-0000-0000-000000000000/",
        "/api/funds/00000000-0000-0000-0000-000000000000/verify",
        "/funds/not-a-uuid/",
    ],
)
def test_unknown_ids_are_not_found(client, url):
    assert client.get(url).status_code == 404
